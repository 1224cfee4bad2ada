"""Issue 22, parts 2 and 5b, on the demo county: every document and workbook the demo
produces reaches its reader as a copy of their own, its 密级 and the reader's mark in its
page header, and the access log keeps that exact mark, so a leaked copy names who
downloaded it.

Every document of the demo, both export kinds, the upward table and every file of the
closed round's archive are downloaded the way a user downloads them, and read back with
python-docx and openpyxl (``tests.stamps``), not with the code that stamps them.
"""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from inspection.documents.models import Document
from inspection.models import AccessLog, User
from inspection.watermark import reader_mark
from reports.models import ExportJob, ExportKind
from reports.upward import services as upward
from reports.upward.sample import sample_template
from rounds.choices import RoundStatus
from rounds.models import InspectionRound
from tests.printing import can_print, page_texts, to_pdf
from tests.stamps import MARK, docx_footers, docx_headers, the_mark, xlsx_headers

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FOOTER = "第 &P 页，共 &N 页"


@pytest.fixture
def lead(seeded):
    return User.objects.get(username="lead")


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def screen_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def body(answer) -> bytes:
    assert answer.status_code == 200, answer.content[:300]
    if answer.streaming:
        return b"".join(answer.streaming_content)
    return answer.content


def traced(mark: str) -> AccessLog:
    """The one access-log row a leaked copy's mark names."""
    return AccessLog.objects.select_related("user").get(watermark=mark)


def reader_of(mark: str) -> tuple[str, str]:
    """(密级, reader with the time) as the mark states them."""
    found = MARK.fullmatch(mark)
    assert found, mark
    return found.group(1), f"{found.group(2)} {found.group(3)}"


# ------------------------------------------------------------------------------ documents


def test_every_demo_document_is_downloaded_with_its_classification_and_the_readers_mark(lead):
    documents = list(Document.objects.order_by("pk"))
    assert len(documents) > 50  # the demo's papers, records, letters, reports, forms …
    client = api_as(lead)
    for document in documents:
        copy = body(client.get(f"/api/v1/documents/{document.pk}/download/"))
        mark = the_mark(docx_headers(copy))
        level, reader = reader_of(mark)
        assert level == document.get_classification_display(), document
        assert reader.startswith(reader_mark(lead).rsplit(" ", 2)[0])
        row = traced(mark)
        assert (row.user, row.object_type, row.object_id) == (
            lead,
            "inspection.document",
            str(document.pk),
        )
        # The page numbers (GB/T 9704, in the footers) are the stored file's, untouched.
        with document.file.open("rb") as stored:
            assert docx_footers(copy) == docx_footers(stored.read()), document


def test_a_leaked_copy_names_the_one_reader_and_download_it_came_from(lead):
    document = Document.objects.order_by("pk").first()
    office = User.objects.get(username="office")
    url = reverse("inspection:document_file", args=[document.pk])
    first, leaked, again = (body(screen_as(reader).get(url)) for reader in (lead, office, lead))
    row = traced(the_mark(docx_headers(leaked)))  # found on a USB stick
    assert (row.user, row.object_id) == (office, str(document.pk))
    # Each download is a copy of its own: the same reader twice, two rows.
    rows = [traced(the_mark(docx_headers(copy))) for copy in (first, again)]
    assert [log.user for log in rows] == [lead, lead] and rows[0].pk != rows[1].pk


# ------------------------------------------------------------------------------ workbooks


@pytest.mark.parametrize("kind", ExportKind.values)
def test_every_export_kind_carries_its_classification_the_page_footer_and_the_mark(
    lead, kind, django_capture_on_commit_callbacks
):
    client = api_as(lead)
    with django_capture_on_commit_callbacks(execute=True):
        job = client.post("/api/v1/exports/", {"kind": kind}, format="json")
    assert job.status_code == 202, job.content
    copy = body(client.get(f"/api/v1/exports/{job.json()['id']}/download/", HTTP_ACCEPT=XLSX))
    headers = xlsx_headers(copy)
    level = "秘密" if kind == ExportKind.CLUES else "内部"
    for sheet, (left, _right, footer) in headers.items():
        assert left == f"密级：{level}", sheet  # the workbook's own header stays
        assert footer == FOOTER, sheet
    mark = the_mark(right for _left, right, _footer in headers.values())
    assert reader_of(mark)[0] == level
    row = traced(mark)
    assert (row.user, row.action, row.object_id) == (
        lead,
        AccessLog.Action.EXPORT,
        str(job.json()["id"]),
    )


def test_the_upward_table_carries_its_classification_and_the_mark(lead):
    template = upward.statistics_template_upload(
        actor=lead,
        name="市巡察办统计报送表",
        file=SimpleUploadedFile("统计报送.xlsx", sample_template(), content_type=XLSX),
    )
    report = upward.statistics_report_create(actor=lead, template_id=template.pk, period="2026")
    copy = body(screen_as(lead).get(reverse("reports:upward_download", args=[report.pk])))
    headers = xlsx_headers(copy)
    mark = the_mark(right for _left, right, _footer in headers.values())
    assert reader_of(mark)[0] == "内部"
    row = traced(mark)
    assert (row.user, row.object_type, row.object_id) == (
        lead,
        "reports.statisticsreport",
        str(report.pk),
    )


# -------------------------------------------------------------------------------- archive


def test_every_document_of_the_archive_carries_its_classification_and_the_mark(lead):
    closed = InspectionRound.objects.get(status=RoundStatus.CLOSED)
    answer = screen_as(lead).post(reverse("rectification:archive_download", args=[closed.pk]))
    archive = zipfile.ZipFile(io.BytesIO(body(answer)))
    names = [name for name in archive.namelist() if name.endswith((".docx", ".xlsx"))]
    assert any(name.endswith("000_卷内目录.docx") for name in names)
    assert any(name.endswith("备考表.docx") for name in names)
    marks = {}
    for name in names:
        content = archive.read(name)
        texts = (
            docx_headers(content)
            if name.endswith(".docx")
            else [right for _left, right, _footer in xlsx_headers(content).values()]
        )
        marks[name] = the_mark(texts)
    # One copy number for the ZIP; one access-log row per 密级 in it, naming the reader.
    assert len({mark.rsplit("：", 1)[1] for mark in marks.values()}) == 1
    for mark in set(marks.values()):
        row = traced(mark)
        assert (row.user, row.object_type, row.object_id) == (
            lead,
            "rounds.inspectionround",
            str(closed.pk),
        )
        assert f"密级{reader_of(mark)[0]}" in row.detail


# ------------------------------------------------------------------------------- printing


@pytest.mark.skipif(
    not can_print(), reason="LibreOffice and poppler-utils are not installed (.ci/run does)"
)
def test_a_stamped_document_and_workbook_print_the_mark_on_every_page_and_no_more_pages(
    lead, tmp_path, django_capture_on_commit_callbacks
):
    client = api_as(lead)
    # The longest document of the demo: several pages, odd and even footers.
    document = max(Document.objects.all(), key=lambda document: document.file.size)
    with document.file.open("rb") as stored:
        original = stored.read()
    copy = body(client.get(f"/api/v1/documents/{document.pk}/download/"))
    with django_capture_on_commit_callbacks(execute=True):
        job = client.post("/api/v1/exports/", {"kind": ExportKind.CLUES}, format="json")
    workbook = body(client.get(f"/api/v1/exports/{job.json()['id']}/download/"))
    with ExportJob.objects.get(pk=job.json()["id"]).file.open("rb") as stored:
        unstamped = stored.read()
    files = []
    for name, content in (
        ("document.docx", original),
        ("document-copy.docx", copy),
        ("workbook.xlsx", unstamped),
        ("workbook-copy.xlsx", workbook),
    ):
        (tmp_path / name).write_bytes(content)
        files.append(tmp_path / name)
    pdfs = [page_texts(pdf) for pdf in to_pdf(files, tmp_path)]
    for (plain, stamped), (content, extension) in zip(
        (pdfs[0:2], pdfs[2:4]), ((copy, "docx"), (workbook, "xlsx")), strict=True
    ):
        # Its parts (密级, reader and time, copy number): a narrow page's header wraps
        # them onto lines of their own, which the page's text may read apart.
        parts = [re.sub(r"\s+", "", part) for part in traced_mark(content, extension).split("　　")]
        assert len(stamped) == len(plain) >= 1, extension
        for number, page in enumerate(stamped, start=1):
            assert all(part in page for part in parts), (extension, number, parts, page[:300])


def traced_mark(content: bytes, extension: str) -> str:
    if extension == "docx":
        return the_mark(docx_headers(content))
    return the_mark(right for _left, right, _footer in xlsx_headers(content).values())
