"""``manage.py statistics_upkeep``: fold the statistics' change log, warm the dashboard.

The periodic job ``reports.statistics_upkeep`` does the same; this is its cron twin.
"""

from django.core.management.base import BaseCommand

from reports.dashboard import county_figures_warm
from reports.statistics.version import compact_changes


class Command(BaseCommand):
    help = "合并统计数据变更记录，并预先计算工作看板的全县数字。"

    def handle(self, *args, **options):
        folded = compact_changes()
        county_figures_warm()
        self.stdout.write(f"已合并变更记录 {folded} 条。")
