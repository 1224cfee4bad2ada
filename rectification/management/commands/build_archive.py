"""``manage.py build_archive --round N --out FILE.zip``: a round's volumes as one ZIP.

Each volume's pages are counted (LibreOffice), its 卷内目录 and 备考表 generated (as
documents, by the account ``--as``: by default the first active office lead), and the
ZIP written to FILE piece by piece: the account's copy, each document in it stamped with
its 密级, the account and the time, and logged, as a download from the screen is.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspection.errors import ApplicationError
from inspection.management.actors import command_actor
from rectification.archive.bundle import build_entries, reader_copy, write_zip
from rounds.models import InspectionRound


class Command(BaseCommand):
    help = "立卷归档：把一个巡察轮次的全部案卷（每个巡察对象一卷，含卷内目录和备考表）写成一个ZIP。"

    def add_arguments(self, parser):
        parser.add_argument("--round", type=int, required=True, help="巡察轮次编号 / round id")
        parser.add_argument("--out", required=True, help="ZIP文件路径 / the ZIP to write")
        parser.add_argument(
            "--as",
            dest="username",
            help="以该巡察办账号立卷（默认第一个在用的巡察办主任） / the office account",
        )

    def handle(self, *args, round: int, out: str, username: str | None = None, **options):
        actor = command_actor(username, option="--as")
        if not InspectionRound.objects.filter(pk=round).exists():
            raise CommandError(f"没有编号为 {round} 的巡察轮次。")
        target = Path(out)
        partial = target.with_name(target.name + ".part")
        try:
            entries = build_entries(actor=actor, round_id=round)
            subject = InspectionRound.objects.get(pk=round)
            entries = reader_copy(actor=actor, entries=entries, subject=subject)
            with partial.open("wb") as stream:
                write_zip(entries, stream)
        except ApplicationError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(error.message) from error
        partial.replace(target)
        self.stdout.write(f"{target}：{len(entries)} 个文件")
