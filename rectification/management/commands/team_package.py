"""``manage.py team_package --team N --out FILE [--user USERNAME]``: one team's package for
its standalone copy (单机版), sealed with a passphrase printed once (口令：XXXXX-…)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspection.errors import ApplicationError
from inspection.management.actors import command_actor
from rectification.standalone.packing import team_package_make


class Command(BaseCommand):
    help = "导出巡察组的单机版数据包（口令只显示这一次，请与文件分开交给组长）。"

    def add_arguments(self, parser):
        parser.add_argument("--team", type=int, required=True, help="巡察组编号 / team id")
        parser.add_argument("--out", required=True, help="数据包文件路径 / the file to write")
        parser.add_argument(
            "--user", dest="username", help="巡察办账号（默认在用的巡察办主任） / office account"
        )

    def handle(self, *args, team: int, out: str, username: str | None = None, **options):
        actor = command_actor(username)
        try:
            made = team_package_make(actor=actor, team_id=team)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        target = Path(out)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(made.data)
        partial.chmod(0o600)
        partial.replace(target)
        self.stdout.write(f"{target}：{made.package.team}，数据包 {made.package.uuid}")
        self.stdout.write(f"口令：{made.passphrase}")
        self.stdout.write("各成员在单机版上的登录密码（只显示这一次，请分别交给本人）：")
        for member, password in made.passwords:
            self.stdout.write(f"  {member.username}（{member}）：{password}")
