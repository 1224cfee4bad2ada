"""``manage.py team_bundle --out FILE`` (on the laptop): what the team recorded on this
standalone copy, sealed with its package's bundle key, for the office to import."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspection.errors import ApplicationError
from rectification.standalone.bundling import team_bundle_make


class Command(BaseCommand):
    help = "生成单机版回传包：本机新录入的谈话、活动、信访件、底稿、立行立改通知及其历史。"

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="回传包文件路径 / the file to write")

    def handle(self, *args, out: str, **options):
        try:
            data, body = team_bundle_make()
        except ApplicationError as error:
            raise CommandError(error.message) from error
        target = Path(out)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(data)
        partial.chmod(0o600)
        partial.replace(target)
        counts = Counter(record["model"] for record in body["records"])
        summary = "，".join(f"{label} {count}" for label, count in sorted(counts.items()))
        self.stdout.write(f"{target}：{len(body['records'])} 条记录（{summary or '无'}）")
