"""``manage.py build_summary``: the statistics workbook, built here and now, as the office.

The same build the workers run for an export job, without a job: for cron, for a scope
nobody asked through the screens, or to check a workbook by hand.

    python manage.py build_summary --round 3 --out 第三轮.xlsx
    python manage.py build_summary --term 1 --town 2 --date-from 2026-01-01 --out t.xlsx
    python manage.py build_summary --round 3 --user leadership --out leadership.xlsx
    python manage.py build_summary --round 3 --clues --out 线索.xlsx   # the clue workbook
"""

import datetime
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inspection.errors import ApplicationError
from inspection.models import User
from reports.exports.scope import Audience, audience_for, export_filter, office_filter
from reports.exports.workbook import build_workbook
from reports.models import ExportKind


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}") from error


class Command(BaseCommand):
    help = "生成统计汇总表（Excel），以巡察办身份，范围可为轮次、届次、乡镇及日期区间。"

    def add_arguments(self, parser):
        parser.add_argument("--round", type=int, help="巡察轮次编号 / round id")
        parser.add_argument("--term", type=int, help="届次编号 / term id")
        parser.add_argument("--town", type=int, help="乡镇(街道)编号 / town id")
        parser.add_argument("--date-from", type=_date, help="开始日期 YYYY-MM-DD")
        parser.add_argument("--date-to", type=_date, help="结束日期 YYYY-MM-DD")
        parser.add_argument("--on", type=_date, help="统计日期（逾期按此计算），默认今天")
        parser.add_argument(
            "--user", help="按此用户的权限生成（默认：巡察办，全部工作表、姓名不隐去）"
        )
        parser.add_argument(
            "--clues",
            action="store_true",
            help="生成问题线索移交情况表（单独成册，仅巡察办）而非统计汇总表",
        )
        parser.add_argument("--out", required=True, type=Path, help="输出文件 / output .xlsx")

    def handle(self, *args, **options):
        scope = {
            "term": options["term"],
            "round": options["round"],
            "town": options["town"],
            "date_from": options["date_from"],
            "date_to": options["date_to"],
        }
        try:
            audience, filters = self._audience_and_filter(options["user"], scope)
            started = time.monotonic()
            titles = build_workbook(
                audience=audience,
                filters=filters,
                on=options["on"] or timezone.localdate(),
                path=options["out"],
                kind=ExportKind.CLUES if options["clues"] else ExportKind.SUMMARY,
            )
        except ApplicationError as error:
            raise CommandError(error.message) from error
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"已生成 {options['out']}（{'、'.join(titles)}），用时 {elapsed:.1f} 秒。"
            )
        )

    def _audience_and_filter(self, username: str | None, scope: dict):
        if username is None:
            return Audience.office(), office_filter(scope)
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户 {username} 不存在。")
        return audience_for(user), export_filter(user, scope)
