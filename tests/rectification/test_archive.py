"""The archive (立卷归档): a round's volumes in the county table's order, missing pieces,
closing the round (归档), the ZIP with its 卷内目录 and 备考表, and the archive page."""

import io
import re
import shutil
import subprocess
import tracemalloc
import zipfile

import pytest
from django.urls import reverse
from docx import Document as open_docx

from findings.choices import ClueStatus, ProblemStatus
from inspection.documents.services import document_generate
from inspection.errors import ApplicationError, ConflictError, PermissionDeniedError
from rectification.archive.bundle import Entry, build_entries, reader_copy, stream_zip
from rectification.archive.choices import ArchiveSource as S
from rectification.archive.closing import override_reason
from rectification.archive.volumes import round_volumes
from rectification.models import ArchivePieceKind
from rectification.services import round_close
from rounds.choices import RoundStatus
from rounds.models import InspectionRound
from tests import factories as f
from tests.findings.reports_kit import report_through
from tests.inspection.documents import docx_text, interview_of_team_a, media_root  # noqa: F401
from tests.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

# The lines of the county table the tests file (the others are switched off).
LINES = (
    S.INTERVIEW_RECORD,
    S.ACTIVITIES,
    S.PROBLEM_PAPER,
    S.INSPECTION_REPORT,
    S.REPORT_DECISIONS,
    S.CLUE_APPROVAL_FORM,
)
REQUIRED = (S.INTERVIEW_RECORD, S.PROBLEM_PAPER, S.INSPECTION_REPORT)


def only(*sources, required=REQUIRED) -> None:
    ArchivePieceKind.objects.exclude(source__in=sources).update(active=False)
    ArchivePieceKind.objects.filter(source__in=sources).update(active=True, required=False)
    ArchivePieceKind.objects.filter(source__in=required).update(required=True)


@pytest.fixture(autouse=True)
def _pages_left_uncounted(request, monkeypatch):
    """Counting pages runs LibreOffice over every piece (seconds a volume): only the
    printing test counts them; the others file their pieces with no page count."""
    if "counts_pages" not in request.keywords:
        monkeypatch.setattr("rectification.archive.bundle.count_pages", lambda *a, **k: {})


@pytest.fixture
def world():
    world = build_world(round_status=RoundStatus.RECTIFICATION)
    only(*LINES)
    return world


def generate(world, kind, subject) -> None:
    document_generate(actor=world.office, kind=kind, subject_id=subject.pk)


def file_village_a(world) -> None:
    """Everything 甲一村's volume files: two talks, a visit, two signed papers, the report
    with its bodies' decisions, and a clue's 移交审批表 (秘密)."""
    for interview in (interview_of_team_a(world), interview_of_team_a(world)):
        generate(world, "interview_record", interview)
    f.ActivityFactory(assignment=world.assignment_a, topic="走访脱贫户", recorded_by=world.member_a)
    for _ in range(2):
        generate(world, "problem_paper", world.problem(status=ProblemStatus.CONFIRMED))
    report = report_through(world.assignment_a, actor=world.office)
    generate(world, "inspection_report", report)
    generate(world, "clue_approval_form", world.clue(status=ClueStatus.CONCLUDED))


def listing(volume) -> list[tuple[str, int, str]]:
    return [
        (section.label, filed.number, filed.kind.name)
        for section in volume.sections
        for filed in section.pieces
    ]


FILED_A = [
    ("文书档案", 1, "巡察报告"),
    ("文书档案", 2, "巡察报告审议记录"),
    ("业务档案", 1, "谈话记录"),
    ("业务档案", 2, "谈话记录"),
    ("业务档案", 3, "走访、座谈记录"),
    ("业务档案", 4, "问题底稿审批单"),
    ("业务档案", 5, "问题底稿审批单"),
    ("业务档案", 6, "问题线索移交审批表"),
]


def test_a_volume_files_its_pieces_in_the_tables_order_each_category_numbered(world):
    file_village_a(world)
    volume_a, volume_b = round_volumes(world.round.pk)
    assert volume_a.assignment == world.assignment_a and volume_a.complete
    assert listing(volume_a) == FILED_A
    talk = volume_a.sections[1].pieces[0]
    assert talk.piece.author == "县委第一巡察组" and talk.piece.number.startswith("巡察谈")
    assert talk.kind.get_retention_display() == "30年"
    assert talk.file_name == "001_谈话记录.docx"
    clue_form = volume_a.sections[1].pieces[5]
    assert clue_form.piece.classification_label == "秘密"
    # 乙一村 has none of the required pieces: each is listed missing, in order.
    assert [line.name for line in volume_b.missing] == ["谈话记录", "问题底稿审批单", "巡察报告"]
    assert not volume_b.complete and volume_b.pieces == []


def test_the_county_table_decides_order_and_what_is_required(world):
    file_village_a(world)
    ArchivePieceKind.objects.filter(source=S.ACTIVITIES).update(order=1, required=True)
    ArchivePieceKind.objects.filter(source=S.CLUE_APPROVAL_FORM).update(active=False)
    volume_a, volume_b = round_volumes(world.round.pk)
    assert [name for _, _, name in listing(volume_a)][2:4] == ["走访、座谈记录", "谈话记录"]
    assert "问题线索移交审批表" not in [name for _, _, name in listing(volume_a)]
    assert volume_b.missing[0].name == "走访、座谈记录"


def test_a_clue_paper_is_filed_only_for_a_reader_of_clue_papers(world):
    file_village_a(world)
    (office_volume, _) = round_volumes(world.round.pk, reader=world.office)
    (leadership_volume, _) = round_volumes(world.round.pk, reader=world.leadership)
    assert "问题线索移交审批表" in [name for _, _, name in listing(office_volume)]
    assert [name for _, _, name in listing(leadership_volume)] == [
        name for _, _, name in FILED_A[:-1]
    ]


# ------------------------------------------------------------------------ closing


def test_closing_is_refused_naming_each_gap_and_the_unconcluded_clues(world):
    file_village_a(world)
    open_clue = world.clue(status=ClueStatus.DISPOSING)
    with pytest.raises(ApplicationError) as refused:
        round_close(actor=world.lead, round_id=world.round.pk)
    message = refused.value.message
    assert "乙一村卷缺：谈话记录、问题底稿审批单、巡察报告" in message
    assert f"1 条问题线索尚未办结（#{open_clue.pk}）" in message
    assert "甲一村" not in message
    assert refused.value.errors == {"override_reason": [message]}
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.RECTIFICATION


def test_the_lead_closes_with_a_reason_kept_in_the_history(world):
    world.clue(status=ClueStatus.DISPOSING)
    closed = round_close(
        actor=world.lead, round_id=world.round.pk, override_reason="  线索仍在处置，先行归档。 "
    )
    assert closed.status == RoundStatus.CLOSED
    row = closed.history.latest()
    assert row.history_user == world.lead
    assert row.history_change_reason == "归档说明：线索仍在处置，先行归档。"
    assert override_reason(closed) == "线索仍在处置，先行归档。"


def test_a_reason_too_long_for_the_history_is_refused(world):
    with pytest.raises(ApplicationError, match="不超过80个字"):
        round_close(actor=world.lead, round_id=world.round.pk, override_reason="理" * 81)


def test_a_complete_round_closes_without_a_reason(world):
    file_village_a(world)
    only(*LINES, required=())  # 乙一村 owes nothing
    closed = round_close(actor=world.lead, round_id=world.round.pk, note="材料齐全")
    assert closed.status == RoundStatus.CLOSED
    assert closed.history.latest().history_change_reason == "材料齐全"
    assert override_reason(closed) == ""


def test_office_staff_may_not_close_even_with_a_reason(world):
    with pytest.raises(PermissionDeniedError):
        round_close(actor=world.office, round_id=world.round.pk, override_reason="先行归档")


# ------------------------------------------------------------------------ the ZIP


def unzip(entries) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(stream_zip(entries))))


def catalogue_rows(content: bytes) -> list[list[tuple[str, str]]]:
    """Each table of a 卷内目录: its rows' (件号, 题名), the header row left out."""
    document = open_docx(io.BytesIO(content))
    return [
        [(row.cells[0].text, row.cells[3].text) for row in table.rows[1:]]
        for table in document.tables
    ]


def test_the_volume_zip_holds_its_catalogue_its_pieces_in_order_and_its_remarks(world):
    file_village_a(world)
    entries = build_entries(
        actor=world.office, round_id=world.round.pk, assignment_id=world.assignment_a.pk
    )
    archive = unzip(entries)
    assert archive.namelist() == [
        "000_卷内目录.docx",
        "文书档案/001_巡察报告.docx",
        "文书档案/002_巡察报告审议记录.docx",
        "业务档案/001_谈话记录.docx",
        "业务档案/002_谈话记录.docx",
        "业务档案/003_走访、座谈记录.docx",
        "业务档案/004_问题底稿审批单.docx",
        "业务档案/005_问题底稿审批单.docx",
        "业务档案/006_问题线索移交审批表.docx",
        "备考表.docx",
    ]
    # The 卷内目录 lists every piece, in order: 件号 and 题名 of each row, table by table.
    (volume,) = round_volumes(world.round.pk, assignment_id=world.assignment_a.pk)
    assert catalogue_rows(archive.read("000_卷内目录.docx")) == [
        [(str(filed.number), filed.piece.title) for filed in section.pieces]
        for section in volume.sections
    ]
    catalogue = docx_text(archive.read("000_卷内目录.docx"))
    assert "文书档案（2件）" in catalogue and "业务档案（6件）" in catalogue
    register = docx_text(archive.read("业务档案/003_走访、座谈记录.docx"))
    assert "走访脱贫户" in register and "座谈会" in register
    remarks = docx_text(archive.read("备考表.docx"))
    assert "文书档案 2 件" in remarks and "业务档案 6 件" in remarks
    assert "本卷材料齐全。" in remarks and str(world.office) in remarks


def test_the_round_zip_has_a_folder_per_volume_and_the_remarks_name_the_gaps(world):
    file_village_a(world)
    archive = unzip(build_entries(actor=world.office, round_id=world.round.pk))
    folders = list(dict.fromkeys(name.split("/")[0] for name in archive.namelist()))
    assert folders == [f"甲一村_{world.assignment_a.pk}", f"乙一村_{world.assignment_b.pk}"]
    remarks = docx_text(archive.read(f"乙一村_{world.assignment_b.pk}/备考表.docx"))
    assert "缺：谈话记录" in remarks and "缺：巡察报告" in remarks


def test_a_piece_whose_file_is_gone_refuses_the_volume_before_a_byte_is_sent(world):
    """Not a ZIP cut short with a 200: the error is said before the response starts."""
    from inspection.documents.models import Document
    from inspection.errors import ApplicationError

    file_village_a(world)
    paper = Document.objects.filter(kind="problem_paper").order_by("pk").first()
    paper.file.storage.delete(paper.file.name)
    with pytest.raises(ApplicationError, match="文件已不在存储中"):
        build_entries(
            actor=world.office, round_id=world.round.pk, assignment_id=world.assignment_a.pk
        )


def test_the_zip_is_refused_to_whoever_is_not_the_office(world):
    with pytest.raises(PermissionDeniedError):
        build_entries(actor=world.leadership, round_id=world.round.pk)


def test_a_rounds_zip_starts_before_the_later_volumes_documents_are_made(world):
    """The first volume's 卷内目录 and 备考表 are made before a byte is sent (a template
    that fails is said then); each later volume's when the ZIP reaches it, so a province
    round of 900 volumes starts streaming at once. Each is stamped like the others."""
    from inspection.documents.models import Document

    def made(kind: str) -> list[int]:
        return sorted(Document.objects.filter(kind=kind).values_list("object_id", flat=True))

    file_village_a(world)
    first, later = world.assignment_a.pk, world.assignment_b.pk
    entries = reader_copy(
        actor=world.office,
        entries=build_entries(actor=world.office, round_id=world.round.pk),
        subject=world.round,
    )
    assert made("archive_catalogue") == made("archive_remarks") == [first]
    chunks = stream_zip(entries)
    started = next(chunk for chunk in chunks if chunk)
    assert started.startswith(b"PK") and made("archive_catalogue") == [first]
    archive = zipfile.ZipFile(io.BytesIO(started + b"".join(chunks)))
    assert made("archive_catalogue") == made("archive_remarks") == [first, later]
    catalogue = archive.read(f"乙一村_{later}/000_卷内目录.docx")
    headers = [
        paragraph.text
        for section in open_docx(io.BytesIO(catalogue)).sections
        for paragraph in section.header.paragraphs
    ]
    assert any("阅读人" in text and str(world.office.username) in text for text in headers)


class Endless(io.RawIOBase):
    """``size`` bytes of a repeated block, made as they are read (never held whole)."""

    read = 0

    def __init__(self, size: int, seed: int):
        self.left = size
        self.block = bytes((seed * 7919 + n * 31) % 251 for n in range(65536))

    def readable(self):
        return True

    def readinto(self, buffer):
        n = min(len(buffer), self.left, len(self.block))
        buffer[:n] = self.block[:n]
        self.left -= n
        Endless.read += n
        return n


def test_memory_stays_flat_however_many_pieces_are_streamed():
    pieces, size = 60, 2 * 1024 * 1024  # 120 MB through the writer
    entries = [
        Entry(f"业务档案/{n:03d}_谈话记录.docx", lambda n=n: io.BufferedReader(Endless(size, n)))
        for n in range(1, pieces + 1)
    ]
    tracemalloc.start()
    try:
        written = sum(len(chunk) for chunk in stream_zip(entries))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert Endless.read == pieces * size and written > 0
    assert peak < 8 * 1024 * 1024, f"peak {peak} bytes"


# ------------------------------------------------------------------------ the page


def test_the_archive_page_lists_volumes_with_missing_pieces_in_red(client, world):
    file_village_a(world)
    client.force_login(world.office)
    page = client.get(reverse("rectification:round_archive", args=[world.round.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "甲一村" in html and "材料齐全" in html
    assert '<ul class="archive-missing"><li>谈话记录（业务档案）</li>' in html
    assert "1 条问题线索" not in html
    assert "待统计" in html  # pages are counted when a volume is built


@pytest.mark.parametrize("persona", ["leadership", "leader_a", "officer_a"])
def test_the_archive_page_is_the_offices(client, world, persona):
    client.force_login(world.users[persona])
    page = client.get(reverse("rectification:round_archive", args=[world.round.pk]))
    assert page.status_code == 403


def test_the_archive_page_reads_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    file_village_a(world)
    client.force_login(world.office)
    url = reverse("rectification:round_archive", args=[world.round.pk])
    client.get(url)
    with django_assert_max_num_queries(45) as few:
        client.get(url)
    for _ in range(3):  # three more volumes with talks and visits
        assignment = f.AssignmentFactory(round=world.round, team=world.team_b)
        for _talk in range(3):
            interview = f.InterviewFactory(assignment=assignment, recorded_by=world.leader_b)
            generate(world, "interview_record", interview)
            f.ActivityFactory(assignment=assignment, recorded_by=world.leader_b)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_closing_on_the_screen_asks_for_the_reason_and_shows_it_on_the_archive(client, world):
    client.force_login(world.lead)
    url = reverse("rectification:round_close", args=[world.round.pk])
    page = client.get(url)
    assert "乙一村卷缺" in page.content.decode() and "归档说明" in page.content.decode()
    refused = client.post(url, {"note": ""})
    assert refused.status_code == 200 and "确需归档的，请填写归档说明" in refused.content.decode()
    done = client.post(url, {"override_reason": "村(社区)换届，材料另行补充。"})
    assert done.status_code == 302
    archive = client.get(done.url).content.decode()
    assert "村(社区)换届，材料另行补充。" in archive


def test_the_round_page_links_the_archive_for_the_office_only(client, world):
    url = reverse("rounds:round_detail", args=[world.round.pk])
    archive = reverse("rectification:round_archive", args=[world.round.pk])
    client.force_login(world.office)
    assert archive in client.get(url).content.decode()
    client.force_login(world.leadership)
    assert archive not in client.get(url).content.decode()


def test_the_api_closes_with_a_reason(client, world):
    client.force_login(world.lead)
    url = f"/api/v1/round-feedback/{world.round.pk}/close/"
    refused = client.post(url, {}, content_type="application/json")
    assert refused.status_code == 400 and "乙一村卷缺" in refused.json()["detail"]
    done = client.post(url, {"override_reason": "先行归档"}, content_type="application/json")
    assert done.status_code == 200
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.CLOSED


# ------------------------------------------------------------------------ printing


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdfinfo")),
    reason="LibreOffice and poppler-utils are not installed (.ci/run installs them)",
)
@pytest.mark.counts_pages
def test_pages_are_counted_and_the_catalogue_and_remarks_print(world, tmp_path):
    file_village_a(world)
    archive = unzip(
        build_entries(
            actor=world.office, round_id=world.round.pk, assignment_id=world.assignment_a.pk
        )
    )
    (volume_a,) = round_volumes(world.round.pk, assignment_id=world.assignment_a.pk)
    assert all(filed.pages and filed.pages >= 1 for filed in volume_a.pieces)
    catalogue = docx_text(archive.read("000_卷内目录.docx"))
    total = sum(filed.pages for filed in volume_a.pieces)
    assert f"共8件{total}页" in catalogue
    for name in ("000_卷内目录.docx", "备考表.docx"):
        (tmp_path / name).write_bytes(archive.read(name))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(tmp_path / "000_卷内目录.docx"),
            str(tmp_path / "备考表.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for name, size in (("000_卷内目录", "841.89 x 595"), ("备考表", "595.3\\d* x 841.89")):
        info = subprocess.run(
            ["pdfinfo", str(tmp_path / "pdf" / f"{name}.pdf")], capture_output=True, text=True
        ).stdout
        assert re.search(r"^Pages:\s+1$", info, re.M), info
        assert re.search(rf"^Page size:\s+{size}", info, re.M), info  # A4 landscape, portrait


@pytest.mark.parametrize("status", [s for s in RoundStatus if s != RoundStatus.RECTIFICATION])
def test_closing_from_any_other_status_conflicts(world, status):
    InspectionRound.objects.filter(pk=world.round.pk).update(status=status)
    with pytest.raises(ConflictError):
        round_close(actor=world.lead, round_id=world.round.pk, override_reason="先行归档")


def test_the_api_refuses_closing_to_others_and_to_a_round_out_of_scope(client, world):
    url = f"/api/v1/round-feedback/{world.round.pk}/close/"
    body = {"override_reason": "先行归档"}
    for persona, status in (("office", 403), ("leader_a", 403), ("liaison", 404)):
        client.force_login(world.users[persona])
        assert client.post(url, body, content_type="application/json").status_code == status
    client.force_login(world.lead)
    missing = client.post(
        "/api/v1/round-feedback/999999/close/", body, content_type="application/json"
    )
    assert missing.status_code == 404


def test_the_screen_streams_a_volumes_zip_by_post_only(client, world):
    file_village_a(world)
    url = reverse(
        "rectification:archive_volume_download", args=[world.round.pk, world.assignment_a.pk]
    )
    client.force_login(world.office)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist()[0] == "000_卷内目录.docx" and len(archive.namelist()) == 10
    other_round = f.AssignmentFactory()
    elsewhere = reverse(
        "rectification:archive_volume_download", args=[world.round.pk, other_round.pk]
    )
    assert client.post(elsewhere).status_code == 404
    client.force_login(world.leadership)
    assert client.post(url).status_code == 403
