"""``manage.py run_alert_scan``: the daily alert scan, for cron (the beat runs the task).

Safe to run twice, and beside the beat: a scan raises only alerts no scan raised.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from inspection.choices import AlertStage
from rectification.alerts import run_alert_scan
from rectification.alerts.channels import deliveries_requeue_stale


def iso_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}") from error


class Command(BaseCommand):
    help = "三色预警扫描：生成今天到期的预警（每个事项每个等级只生成一次），并按接收人汇总发送。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=iso_date,
            help="按这一天扫描（YYYY-MM-DD，默认今天） / scan as of this day",
        )

    def handle(self, *args, date: datetime.date | None = None, **options):
        requeued = deliveries_requeue_stale()
        result = run_alert_scan(on=date)
        stages = result.by_stage()
        counts = "、".join(
            f"{stage.label}{stages.get(stage.value, 0)}条" for stage in reversed(AlertStage)
        )
        self.stdout.write(
            f"{result.on.isoformat()} 预警扫描：新增预警 {len(result.alerts)} 条（{counts}），"
            f"汇总通知 {result.notifications} 份，待发送 {result.deliveries_queued} 项。"
        )
        if requeued:
            self.stdout.write(f"重新排队的滞留发送 {requeued} 项。")
