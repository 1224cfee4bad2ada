"""``manage.py purge_exports``: delete expired export files, fail builds that died.

The periodic job ``reports.purge_exports`` does the same; this is its cron twin.
"""

from django.core.management.base import BaseCommand

from reports.exports.services import export_purge_expired


class Command(BaseCommand):
    help = "删除已过期的导出文件，并将中断的导出任务标记为失败。"

    def handle(self, *args, **options):
        deleted, failed = export_purge_expired()
        self.stdout.write(f"已删除过期文件 {deleted} 个，标记中断任务 {failed} 个。")
