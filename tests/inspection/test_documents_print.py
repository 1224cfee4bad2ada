"""``render_documents`` writes every document of a round, and each prints as it should:
LibreOffice converts it to PDF, an A4 page with no text past the GB/T 9704 margins.

Needs LibreOffice (``soffice``) and poppler (``pdftoppm``, ``pdftotext``): .ci/run installs
them, so CI never skips; a machine without them skips the printing test.
"""

import io
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from docx import Document as open_docx

from findings.choices import ProblemStatus
from findings.models import Problem
from inspection.documents.models import Document, DocumentTemplate
from inspection.documents.registry import document_kinds
from rectification.choices import OrderForm
from rectification.services import immediate_order_sign_for
from rounds.document_kinds import INTERVIEW_RECORD
from tests.findings.reports_kit import report_through
from tests.inspection.documents import docx_text, interview_of_team_a, media_root  # noqa: F401
from tests.printing import to_pdf
from tests.rectification.orders_kit import issue
from tests.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

MM = 72 / 25.4  # points
A4 = (210 * MM, 297 * MM)
# The text block: left 28 mm, right 26 mm, top 37 mm, bottom 35 mm (a point of slack for
# a glyph's side bearing). The page number sits below it, in the footer.
TEXT_BLOCK = (28 * MM - 1, 37 * MM - 1, (210 - 26) * MM + 1, (297 - 35) * MM + 1)
PRINTING_TOOLS = ("soffice", "pdftoppm", "pdftotext", "pdfinfo")
LONG_RECORD = "\n".join(
    f"问：第{n}个问题，请谈谈村集体资产资源出租、低保评定和村务公开的情况。\n"
    "答：鱼塘承包没有公开招标，低保评定结果没有张榜公示，村务公开栏长期未更新，"
    "群众意见较大，希望巡察组督促整改。"
    for n in range(1, 16)
)
KIND_NAMES = {kind.code: str(kind.name) for kind in document_kinds()}
LONG_FACTS = (
    "2025年1月至6月，村委会在代收自来水费时多收村民自来水费每户20元，共涉及136户，"
    "合计2720元，未向村民说明收费依据，也未在村务公开栏公示收支情况。" * 2
)


def render_round(world, out: Path) -> list[Path]:
    call_command("render_documents", round=world.round.pk, out=out)
    return sorted(out.iterdir())


def test_every_document_of_the_round_is_written_named_by_kind_and_number(
    world_with_records, tmp_path
):
    world, interviews = world_with_records
    files = render_round(world, tmp_path / "out")
    documents = list(Document.objects.order_by("kind", "object_id"))
    assert [path.name for path in files] == sorted(
        f"{KIND_NAMES[document.kind]}-{document.number}.docx" for document in documents
    )

    def text(name: str) -> str:
        return docx_text((tmp_path / "out" / f"{name}.docx").read_bytes())

    records = [document for document in documents if document.kind == "interview_record"]
    assert len(records) == len(interviews)
    for document in records:
        assert document.number in text(f"谈话记录-{document.number}")
        assert "王建国" in text(f"谈话记录-{document.number}")
    # The written order's notice (the oral one has none), under the order's own number.
    notice = text(f"立行立改通知书-{world.order.number}")
    assert world.order.number in notice and "多收村民自来水费" in notice and "王建国" in notice
    # A 审批单 for each signed paper (not the one awaiting the leader's signature), and
    # the village's 汇编 of them.
    signed = Problem.objects.filter(status=ProblemStatus.CONFIRMED).order_by("sequence")
    forms = sorted(d.object_id for d in documents if d.kind == "problem_paper")
    assert forms == sorted(problem.pk for problem in signed) and len(forms) == 4
    for problem in signed:
        assert problem.facts[:20] in text(f"问题底稿审批单-{problem.number}")
    compilation = text("底稿汇编-一组-甲一村")
    assert all(problem.number in compilation for problem in signed)
    assert world.unsigned.number not in compilation
    report = text("巡察报告-一组-甲一村-报告")
    assert "开展个别谈话2人次" in report and "发现问题线索1件，涉及1人" in report
    assert "赵德明" not in report
    assert "赵德明" in text("巡察报告密封附件（问题线索）-一组-甲一村-报告-附件")
    again = render_round(world, tmp_path / "again")  # the records exist: none is added
    assert [path.name for path in again] == [path.name for path in files]
    assert Document.objects.count() == len(documents)


def test_a_document_that_fails_is_named_and_the_command_fails(world_with_records, tmp_path):
    world, _ = world_with_records
    broken = DocumentTemplate(kind="interview_record", uploaded_by=world.office, checksum="x")
    broken.file.save("broken.docx", _with_undefined_field(), save=True)
    with pytest.raises(CommandError, match="2 份文书未能生成"):
        call_command("render_documents", round=world.round.pk, out=tmp_path / "out")
    assert not Document.objects.filter(kind="interview_record").exists()
    written = {path.name for path in (tmp_path / "out").iterdir()}
    assert f"立行立改通知书-{world.order.number}.docx" in written
    assert not any(name.startswith("谈话记录") for name in written)


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in PRINTING_TOOLS),
    reason="LibreOffice and poppler-utils are not installed (.ci/run installs them)",
)
def test_each_document_prints_on_a4_within_the_margins(world_with_records, tmp_path):
    world, _ = world_with_records
    files = render_round(world, tmp_path / "docx")
    pdfs = sorted(to_pdf(files, tmp_path / "pdf"))
    assert len(pdfs) == len(files)
    for pdf in pdfs:
        pages = _pages(pdf)
        assert pages, pdf
        for width, height in pages:
            assert (round(width), round(height)) == (round(A4[0]), round(A4[1]))
        outside = _words_outside_the_text_block(pdf)
        assert not outside, (pdf.name, outside[:5])
        png = _first_page_png(pdf, tmp_path)
        width, height = _png_size(png)  # A4 at 60 dpi: 496.1 × 701.6 pixels
        assert abs(width - 496) <= 1 and abs(height - 702) <= 1, (png, width, height)
    assert max(len(_pages(pdf)) for pdf in pdfs) >= 2  # the long record runs over pages


# ------------------------------------------------------------------------------ helpers


@pytest.fixture
def world_with_records():
    world = build_world()
    interviews = [
        interview_of_team_a(world),
        interview_of_team_a(world, outline="了解集体资产出租情况。"),
    ]
    interviews[1].record = LONG_RECORD
    interviews[1].save()
    world.order = _signed_order(world)
    issue(world, form=OrderForm.ORAL)
    world.unsigned = world.problem(status=ProblemStatus.REVIEWED)
    # 巡察报告 (issue 18): 甲一村's report and, as it has a clue, its sealed annex.
    world.clue(summary="村会计涉嫌虚报冒领补贴资金。")
    world.report = report_through(world.assignment_a, actor=world.office)
    return world, interviews


def _signed_order(world):
    """A written order on three problems, the first with long facts, signed for."""
    problems = [
        world.problem(
            status=ProblemStatus.CONFIRMED,
            facts=LONG_FACTS,
            title="代收自来水费多收费用且未公示收支情况",
            basis_text="《甲县农村饮水工程管理办法》第十二条\n《村民委员会组织法》第三十条",
            amount=2720,
        ),
        world.problem(status=ProblemStatus.CONFIRMED, facts="村务公开栏三个月未更新。"),
        world.problem(status=ProblemStatus.CONFIRMED, facts="低保评定结果未张榜公示。"),
    ]
    order = issue(world, *problems, requirements="立即退还多收的水费。\n重新公示低保评定结果。")
    return immediate_order_sign_for(
        actor=world.member_a,
        order_id=order.pk,
        signer_name="王建国",
        signer_post="村党总支书记",
        signed_on=timezone.localdate(),
    )


def _with_undefined_field():
    document = open_docx(str(INTERVIEW_RECORD.template))
    document.add_paragraph("{{ no_such_field }}")
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("broken.docx", out.getvalue())


def _pages(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        (float(width), float(height))
        for width, height in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    ]


def _words_outside_the_text_block(pdf: Path) -> list[str]:
    """Words past the margins, but for the page number in the footer ("— 1 —")."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    left, top, right, bottom = TEXT_BLOCK
    outside = []
    pattern = (
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    for x_min, y_min, x_max, y_max, word in re.findall(pattern, html):
        x_min, y_min, x_max, y_max = map(float, (x_min, y_min, x_max, y_max))
        if y_min > bottom and re.fullmatch(r"[—\d\s]+", word):
            continue  # the page number, where GB/T 9704 puts it
        if x_min < left or x_max > right or y_min < top or y_max > bottom:
            outside.append(f"{word} ({x_min:.0f},{y_min:.0f})-({x_max:.0f},{y_max:.0f})")
    return outside


def _first_page_png(pdf: Path, tmp_path: Path) -> Path:
    prefix = tmp_path / pdf.stem
    subprocess.run(
        ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return next(tmp_path.glob(f"{pdf.stem}*.png"))


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])
