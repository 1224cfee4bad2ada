"""``manage.py import_roster FILE [--dry-run]``: import the two committees' roster."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspection.roster_import import roster_import
from inspection.village_import import VillageImportError


class Command(BaseCommand):
    help = (
        "从 .xlsx 或 .csv 文件导入两委及村务监督委员会名册：文件中出现的村(社区)以文件为准，"
        "有任何错误则不写入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="名册文件（.xlsx 或 .csv）")
        parser.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入数据库")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            file_obj = file.open("rb")
        except OSError as exc:
            raise CommandError(f"无法打开文件“{file}”：{exc.strerror}。") from exc
        try:
            with file_obj:
                result = roster_import(file_obj=file_obj, filename=file.name, dry_run=dry_run)
        except VillageImportError as exc:
            for error in exc.row_errors:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(result.summary()))
