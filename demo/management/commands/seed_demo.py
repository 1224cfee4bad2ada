"""``manage.py seed_demo``: build the demo county once, then print its demo logins.

Development only: refuses to run with DEBUG=False unless ``--force`` is given.
The data itself is described in ``demo/county/__init__.py``.
"""

import time
import unicodedata

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.county import (
    DEMO_TOWN_CODE,
    demo_county_exists,
    demo_county_seed,
    demo_login_rows,
    demo_summary,
)
from inspection.errors import ApplicationError

REFUSAL = (
    "seed_demo 只用于开发环境：当前 DEBUG=False，可能是生产数据库，而演示账号的密码是公开的。"
    "确需运行请加 --force。\n"
    "seed_demo is for development only: DEBUG is False, so this may be a production database, "
    "and the demo accounts have published passwords. Pass --force to run it anyway."
)
HEADERS = ("角色", "用户名", "密码", "姓名", "范围")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _table(headers, rows) -> list[str]:
    widths = [max(_width(str(row[i])) for row in (headers, *rows)) for i in range(len(headers))]

    def line(row):
        cells = [
            f"{cell}{' ' * (width - _width(str(cell)))}"
            for cell, width in zip(row, widths, strict=True)
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return [line(headers), rule, *(line(row) for row in rows)]


class Command(BaseCommand):
    help = "生成演示县（演示数据，仅限开发环境）：12个乡镇、200个村、三轮巡察及演示账号。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="即使 DEBUG=False 也运行 / run even when DEBUG is False",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(REFUSAL)
        if demo_county_exists():
            summary = demo_summary()
            self.stdout.write(f"演示数据已存在（标志乡镇代码 {DEMO_TOWN_CODE}），未作任何改动。")
        else:
            self.stdout.write("正在生成演示县（约半分钟）：")
            started = time.monotonic()
            try:
                summary = demo_county_seed(progress=lambda text: self.stdout.write(text))
            except ApplicationError as error:
                raise CommandError(error.message) from error
            elapsed = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(f"演示数据已生成，用时 {elapsed:.1f} 秒。"))
        self.stdout.write(
            f"乡镇(街道) {summary.towns} 个，村(社区) {summary.villages} 个；"
            f"巡察轮次 {summary.rounds} 轮；发现问题 {summary.problems} 个；"
            f"问题线索 {summary.clues} 件；整改台账 {summary.items} 条，"
            f"其中逾期 {summary.overdue_items} 条。"
        )
        self.stdout.write("")
        self.stdout.write("演示账号（仅限开发环境，密码公开）：")
        for line in _table(HEADERS, demo_login_rows()):
            self.stdout.write(line)
