"""``manage.py load_team_package FILE``: load a team's package into this (empty) standalone
copy. The passphrase comes from ``XUNCHA_PASSPHRASE`` or is asked for."""

import getpass
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspection.errors import ApplicationError
from rectification.standalone.envelope import SealError
from rectification.standalone.loading import team_package_load


class Command(BaseCommand):
    help = "装入巡察组的单机版数据包（口令取自环境变量 XUNCHA_PASSPHRASE，或在此输入）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="数据包文件 / the package file")

    def handle(self, *args, file: str, **options):
        passphrase = os.environ.get("XUNCHA_PASSPHRASE") or getpass.getpass("数据包口令：")
        try:
            state = team_package_load(data=Path(file).read_bytes(), passphrase=passphrase)
        except (ApplicationError, SealError, OSError) as error:
            raise CommandError(getattr(error, "message", None) or str(error)) from error
        date = state.made_at[:10]
        self.stdout.write(f"已装入{state.team_name}的数据包 {state.package}（{date}）")
