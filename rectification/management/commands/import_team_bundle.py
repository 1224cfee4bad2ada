"""``manage.py import_team_bundle FILE --user NAME [--accept-conflicts] [--dry-run]``: bring a
team's bundle back from its standalone copy (单机版), once."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspection.errors import ApplicationError
from inspection.files import discard_rolled_back_files
from inspection.models import User
from rectification.standalone.importing import team_bundle_import


class Command(BaseCommand):
    help = (
        "导入巡察组单机版的回传包：校验签名，全部导入或全部不导入，同一回传包只导入一次；"
        "与数据包制作后系统中的变化有冲突时先列出冲突，确认（--accept-conflicts）后才导入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="回传包文件")
        parser.add_argument("--user", required=True, help="以哪个巡察办账号导入")
        parser.add_argument(
            "--accept-conflicts", action="store_true", help="确认所列冲突，照样新增回传包中的记录"
        )
        parser.add_argument("--dry-run", action="store_true", help="只校验并列出将新增的记录和冲突")

    def handle(self, *args, file, user, accept_conflicts=False, dry_run=False, **options):
        actor = User.objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"没有账号“{user}”。")
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"无法打开文件“{file}”：{exc.strerror}。") from exc
        try:
            answer = team_bundle_import(
                actor=actor,
                data=data,
                filename=Path(file).name,
                accept_conflicts=accept_conflicts,
                dry_run=dry_run,
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        finally:
            discard_rolled_back_files()  # a preview's photos: no request end to do it here
        for conflict in answer.conflicts:
            self.stdout.write(f"冲突：{conflict['message']}（{'、'.join(conflict['refs'])}）")
        self.stdout.write(answer.summary())
        if answer.conflicts and answer.saved is None and not dry_run:
            raise CommandError("有冲突，未写入任何数据；核对后加 --accept-conflicts 再导入。")
