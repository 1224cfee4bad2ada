"""``manage.py import_ledger FILE --user NAME [--dry-run]``: bring a county's ledger in."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspection.errors import ApplicationError
from inspection.models import User
from inspection.village_import import VillageImportError
from rectification.ledger_import import LedgerImportError, ledger_import


class Command(BaseCommand):
    help = (
        "导入县里已有的整改台账（.xlsx）：过去轮次的巡察对象、问题和台账条目，按原日期和状态写入；"
        "有任何错误则不写入，重复导入不重复写入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="整改台账文件（.xlsx 或 .csv）")
        parser.add_argument(
            "--user", required=True, help="以哪个巡察办账号导入（记为反馈人、底稿签署人和代录人）"
        )
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入数据库")

    def handle(self, *args, file: Path, user: str, dry_run: bool, **options):
        actor = User.objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"没有账号“{user}”。")
        try:
            file_obj = file.open("rb")
        except OSError as exc:
            raise CommandError(f"无法打开文件“{file}”：{exc.strerror}。") from exc
        started = time.monotonic()
        try:
            with file_obj:
                result = ledger_import(
                    file_obj=file_obj, filename=file.name, actor=actor, dry_run=dry_run
                )
        except (LedgerImportError, VillageImportError) as exc:
            for error in exc.row_errors:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from exc
        except ApplicationError as exc:  # the account may not import (not the office's)
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(result.summary()))
        self.stdout.write(f"用时 {time.monotonic() - started:.1f} 秒")
