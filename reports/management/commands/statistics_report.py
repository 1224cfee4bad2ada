"""``manage.py statistics_report``: the city's table filled for a period, here and now.

The same filling as a 统计报送 on the screens, from a template file rather than an
uploaded one, without review or sending (nothing is stored): to check a template's
mapping, or to fill a table by cron.

    python manage.py statistics_report --period 2026Q3 --template 市统计表.xlsx --out 2026Q3.xlsx
    python manage.py statistics_report --period R12 --template t.xlsx --out t.xlsx --user office
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from inspection.errors import ApplicationError
from inspection.models import User
from inspection.permissions import is_office
from reports.upward.filling import figures_for, filled_workbook, placeholders
from reports.upward.mapping import open_workbook, read_mapping
from reports.upward.periods import parse_period
from reports.upward.selectors import county


class Command(BaseCommand):
    help = "按报送模板的映射填写统计报送表（Excel）：期间如2026-09、2026Q3、2026H1、2026、R12。"

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="报送期间 / period code")
        parser.add_argument("--template", required=True, type=Path, help="报送模板 .xlsx")
        parser.add_argument("--out", required=True, type=Path, help="输出文件 / output .xlsx")
        parser.add_argument("--json", type=Path, help="另存各指标及其记录编号（JSON）")
        parser.add_argument("--user", help="以此巡察办账号填写（默认：巡察办）")

    def handle(self, *args, **options):
        self._check_user(options["user"])
        try:
            content = options["template"].read_bytes()
        except OSError as exc:
            raise CommandError(f"无法打开模板“{options['template']}”：{exc.strerror}。") from exc
        try:
            cells, _source = read_mapping(open_workbook(content))
            period = parse_period(options["period"])
            on = period.as_of()
            figures = figures_for(cells, period, on, with_ids=bool(options["json"]))
            filled = filled_workbook(content, figures, placeholders(period, on, county()["name"]))
        except ApplicationError as error:
            raise CommandError(error.message) from error
        options["out"].write_bytes(filled)
        if options["json"]:
            answer = {"period": period.code, "as_of": on.isoformat(), "figures": figures}
            options["json"].write_text(
                json.dumps(answer, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder),
                encoding="utf-8",
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"已生成 {options['out']}（{period.label}，截至{on:%Y-%m-%d}，"
                f"{len(cells)}个单元格）。"
            )
        )

    def _check_user(self, username: str | None) -> None:
        if username is None:
            return
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户 {username} 不存在。")
        if not is_office(user):
            raise CommandError(f"用户 {username} 不是巡察办账号：统计报送由巡察办填写。")
