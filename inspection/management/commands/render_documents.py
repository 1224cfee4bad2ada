"""``manage.py render_documents``: every document of a round, one .docx each.

    python manage.py render_documents --round 3 --out 第三轮文书/
    python manage.py render_documents --round 3 --out docs/ --user office

For each kind of document, each of its subjects in the round: its latest version, or a
new one generated (as the office by default) when it has none. Files are named by kind
and number (谈话记录-巡察谈〔2026〕3号.docx). Exits non-zero if any document failed,
after naming each.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspection.documents.batch import round_documents
from inspection.documents.downloads import document_name
from inspection.management.actors import command_actor


class Command(BaseCommand):
    help = "导出一个巡察轮次的全部文书（每份一个.docx，以文书类型和文号命名）。"

    def add_arguments(self, parser):
        parser.add_argument("--round", type=int, required=True, help="巡察轮次编号 / round id")
        parser.add_argument("--out", type=Path, required=True, help="输出目录 / output folder")
        parser.add_argument("--user", help="缺文书时以此用户身份生成（默认：巡察办）")

    def handle(self, *args, **options):
        actor = command_actor(options["user"])
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        written, failed = 0, []
        for outcome in round_documents(actor=actor, round_id=options["round"]):
            label = f"{outcome.kind.name} #{outcome.subject_id}"
            if outcome.document is None:
                failed.append(f"{label}: {outcome.error}")
                continue
            name = document_name(outcome.document).replace(f"-第{outcome.document.version}版", "")
            with outcome.document.file.open("rb") as source:
                (out / name).write_bytes(source.read())
            written += 1
        self.stdout.write(f"已写出 {written} 份文书到 {out}")
        if not written and not failed:
            self.stderr.write(
                f"轮次 {options['round']} 没有任何文书（轮次不存在，或尚无谈话等记录）"
            )
        if failed:
            for line in failed:
                self.stderr.write(f"失败：{line}")
            raise CommandError(f"{len(failed)} 份文书未能生成")
