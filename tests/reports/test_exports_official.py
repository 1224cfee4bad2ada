"""The workbooks as official tables (reports.exports.official), read back with openpyxl:
the title and 填报 line, the two-level header, borders, frozen panes, filters and the
print setup; and the clue workbook apart from the statistics one (DOMAIN
"Confidentiality": clue details never travel in a general workbook).

How they print (LibreOffice, page by page) is test_exports_print.py.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from rest_framework.test import APIClient

from findings.choices import ClueStatus
from inspection.choices import UserRole
from inspection.errors import NotFoundError, PermissionDeniedError
from inspection.stamping.xlsx import stamp_xlsx
from reports.exports.scope import audience_for
from reports.exports.services import export_download, export_request
from reports.exports.workbook import build_workbook, sheets_for
from reports.models import ExportJob, ExportKind, ExportStatus
from reports.statistics import StatisticsFilter
from rounds.models.rounds import chinese_ordinal
from tests.reports.sheets import first_row, headers_of
from tests.stamps import cells_of as stamped_cells
from tests.stamps import xlsx_headers
from tests.world import build_world

pytestmark = pytest.mark.django_db

CLUE_SUMMARY = "村会计涉嫌虚报冒领危房改造补助资金"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world():
    world = build_world()
    world.export_records()
    world.clue(status=ClueStatus.TRANSFERRED, summary=CLUE_SUMMARY)
    return world


def built(audience, filters, tmp_path, *, on=None, kind=ExportKind.SUMMARY):
    path = tmp_path / f"{kind}.xlsx"
    build_workbook(
        audience=audience, filters=filters, on=on or timezone.localdate(), path=path, kind=kind
    )
    return load_workbook(path)


def line_of(sheet) -> str:
    """The 填报 line (row 2, in two merged parts)."""
    return "　".join(str(cell.value) for cell in sheet[2] if cell.value)


def cells_of(book) -> list[str]:
    return [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]


# ---------------------------------------------------------------- the official form


def test_every_sheet_has_the_title_the_filling_line_and_the_classification(
    world, tmp_path, settings
):
    settings.INSPECTION_COUNTY_COMMITTEE = "甲县委"
    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    ordinal = chinese_ordinal(world.round.ordinal)
    assert book["汇总"]["A1"].value == f"甲县委第{ordinal}轮巡察工作情况统计表"
    assert book["整改台账"]["A1"].value == f"甲县委第{ordinal}轮巡察整改台账"
    today = timezone.localdate()
    for sheet in book.worksheets:
        title = sheet["A1"]
        assert title.value.startswith(f"甲县委第{ordinal}轮巡察"), sheet.title
        assert title.font.b and title.font.sz >= 14
        assert title.alignment.horizontal == "center"
        assert any(str(merged).startswith("A1:") for merged in sheet.merged_cells.ranges)
        line = line_of(sheet)
        assert "填报单位：甲县委巡察工作领导小组办公室" in line, sheet.title
        assert f"填报人：{world.office}" in line
        assert "审核人：" in line  # left blank, to sign
        assert f"填报日期：{today.year}年{today.month}月{today.day}日" in line
        assert "数据截至" not in line  # built on the day its figures are as of
        assert "密级：内部" in line
        assert sheet.oddHeader.left.text == "密级：内部"


def test_the_figures_as_of_an_earlier_day_say_so_beside_the_filling_date(world, tmp_path):
    earlier = timezone.localdate() - datetime.timedelta(days=3)
    book = built(audience_for(world.office), StatisticsFilter(), tmp_path, on=earlier)
    line = line_of(book["汇总"])
    assert f"（数据截至{earlier.year}年{earlier.month}月{earlier.day}日）" in line
    assert book["汇总"]["A1"].value == "县委巡察工作情况统计表"  # no round, no term


def test_a_terms_workbook_names_the_term_and_a_narrower_scope_its_place(world, tmp_path):
    term = world.round.term
    filters = StatisticsFilter(term_id=term.pk, town_id=world.town_a.pk)
    book = built(audience_for(world.office), filters, tmp_path)
    assert book["汇总"]["A1"].value == f"县委{term.name}巡察工作情况统计表（{world.town_a.name}）"


def test_the_command_leaves_the_filler_blank_to_sign(world, tmp_path):
    out = tmp_path / "command.xlsx"
    call_command("build_summary", "--round", str(world.round.pk), "--out", str(out))
    line = line_of(load_workbook(out)["汇总"])
    assert "填报人：　" in line and "填报人：None" not in line


def test_headers_group_in_two_levels_with_borders_frozen_panes_and_filters(world, tmp_path):
    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    summary = book["汇总"]
    assert summary.freeze_panes == "A5"  # title, 填报 line, two header rows
    assert summary["A3"].value == "乡镇(街道)"
    merged = {str(cells) for cells in summary.merged_cells.ranges}
    assert "A3:A4" in merged  # a column of no group spans both header rows
    headers = headers_of(summary)
    first, last = headers.index("整改台账(条)") + 1, headers.index("逾期(条)") + 1
    group = summary.cell(3, first)
    assert group.value == "整改"
    assert f"{group.coordinate}:{summary.cell(3, last).coordinate}" in merged
    assert [summary.cell(4, column).value for column in range(first, last + 1)] == [
        "整改台账(条)",
        "已销号(条)",
        "整改完成率",
        "逾期(条)",
    ]
    for sheet in book.worksheets:
        header = first_row(sheet) - 1
        assert sheet.freeze_panes == f"A{header + 1}"
        assert sheet.auto_filter.ref.startswith(f"A{header}:")
        assert sheet.print_title_rows == f"$3:${header}"
        for row in (3, header, sheet.max_row):  # the header's rows and the last data row
            for cell in sheet[row]:
                if isinstance(cell, MergedCell):
                    continue  # openpyxl reads a merged range's inner edges as none
                sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
                assert all(side.style == "thin" for side in sides), (sheet.title, cell.coordinate)
        assert sheet["A3"].alignment.wrap_text and sheet["A3"].font.b


def test_every_sheet_prints_a4_landscape_fitted_to_the_width_with_page_numbers(world, tmp_path):
    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert int(setup.paperSize) == int(sheet.PAPERSIZE_A4)
        # One page wide, as many down as needed (an absent fitToWidth is ECMA-376's 1).
        assert (int(setup.fitToWidth or 1), int(setup.fitToHeight)) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_options.horizontalCentered
        assert sheet.page_margins.left <= 0.5 and sheet.page_margins.right <= 0.5
        footer = sheet.oddFooter.center.text
        assert "&P" in footer and "&N" in footer


def test_the_ledger_prints_its_official_columns_and_wraps_its_texts(world, tmp_path):
    world.item(measures="召开村民代表会议重新公示合同。" * 8)
    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    ledger = book["整改台账"]
    headers = headers_of(ledger)
    printed = headers.index("村(社区)") + 1  # the official columns, then where
    assert headers[:printed][-3:] == ["整改进展", "乡镇(街道)", "村(社区)"]
    letter = get_column_letter(printed)
    assert ledger.print_area.endswith(f"$A$1:${letter}${ledger.max_row}")
    for name in ("具体表现", "整改措施", "整改目标", "整改进展"):
        column = headers.index(name) + 1
        assert ledger.column_dimensions[get_column_letter(column)].width >= 14
        assert all(
            ledger.cell(row, column).alignment.wrap_text
            for row in range(first_row(ledger), ledger.max_row + 1)
        ), name
    measures = headers.index("整改措施")
    long_row = next(
        row[0].row
        for row in ledger.iter_rows(min_row=first_row(ledger))
        if str(row[measures].value).startswith("召开村民代表会议")
    )
    assert ledger.row_dimensions[long_row].height >= 4 * 14  # as tall as its text wraps


# ------------------------------------------------------------- the clue workbook apart


def test_the_statistics_workbook_never_carries_clue_details_even_for_the_office(world, tmp_path):
    for persona in ("office", "lead", "leadership", "stats", "officer_a", "leader_a"):
        user = world.users[persona]
        book = built(audience_for(user), StatisticsFilter(), tmp_path)
        assert "线索移交" not in book.sheetnames, persona
        cells = cells_of(book)
        assert not any(CLUE_SUMMARY in cell or "赵德明" in cell for cell in cells), persona


def test_the_clue_workbook_is_the_offices_and_marked_secret(world, tmp_path):
    book = built(audience_for(world.office), StatisticsFilter(), tmp_path, kind=ExportKind.CLUES)
    assert book.sheetnames == ["线索移交", "说明"]
    clues = book["线索移交"]
    assert "问题线索移交情况表" in clues["A1"].value
    assert "密级：秘密" in line_of(clues) and clues.oddHeader.left.text == "密级：秘密"
    assert any(CLUE_SUMMARY in cell for cell in cells_of(book))
    for persona in ("leadership", "stats", "officer_a", "leader_a"):
        audience = audience_for(world.users[persona])
        with pytest.raises(PermissionDeniedError):
            sheets_for(audience, StatisticsFilter(), timezone.localdate(), kind=ExportKind.CLUES)
        with pytest.raises(PermissionDeniedError):
            export_request(actor=world.users[persona], kind=ExportKind.CLUES)


def test_a_clue_workbook_is_absent_to_its_requester_once_they_read_no_clues(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_request(actor=world.office, kind=ExportKind.CLUES)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.kind == ExportKind.CLUES
    download = export_download(actor=world.office, job_id=job.pk)
    assert download.name.startswith("问题线索移交情况表-")
    download.stream.close()
    world.office.role = UserRole.LEADERSHIP
    world.office.save(update_fields=["role"])
    with pytest.raises(NotFoundError):
        export_download(actor=world.office, job_id=job.pk)


def test_the_api_asks_for_the_clue_workbook_by_kind(world, django_capture_on_commit_callbacks):
    client = APIClient()
    client.force_authenticate(world.leadership)
    refused = client.post("/api/v1/exports/", {"kind": "clues"}, format="json")
    assert refused.status_code == 403
    assert not ExportJob.objects.filter(kind=ExportKind.CLUES).exists()
    client.force_authenticate(world.office)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/api/v1/exports/", {"kind": "clues"}, format="json")
    assert answer.status_code == 202, answer.content
    job = client.get(f"/api/v1/exports/{answer.json()['id']}/").json()
    assert job["kind"] == "clues" and job["file_name"].startswith("问题线索移交情况表-")
    download = client.get(f"/api/v1/exports/{job['id']}/download/")
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert book.sheetnames == ["线索移交", "说明"]
    plain = client.post("/api/v1/exports/", {}, format="json").json()
    assert plain["kind"] == "summary" and plain["file_name"].startswith("统计汇总表-")


def test_the_reports_page_offers_the_clue_workbook_to_the_office_only(
    world, django_capture_on_commit_callbacks
):
    from django.test import Client

    office, leadership = Client(), Client()
    office.force_login(world.office)
    leadership.force_login(world.leadership)
    assert 'name="kind"' in office.get("/reports/").content.decode()
    assert 'name="kind"' not in leadership.get("/reports/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        office.post("/reports/", {"kind": "clues"})
        leadership.post("/reports/", {"kind": "clues"})  # no such field: their summary
    assert list(ExportJob.objects.order_by("pk").values_list("kind", flat=True)) == [
        ExportKind.CLUES,
        ExportKind.SUMMARY,
    ]
    page = office.get("/reports/").content.decode()
    assert "问题线索移交情况表" in page  # the job list names the workbook


def test_a_readers_copy_keeps_every_cell_and_adds_the_mark_to_each_page_header(world, tmp_path):
    """The reader's copy (inspection.stamping) rewrites each sheet's page header while the
    zip streams: on the workbook as written (XlsxWriter) the mark goes after the 密级,
    the footer and every cell stay."""
    path = tmp_path / "summary.xlsx"
    filters = StatisticsFilter(round_id=world.round.pk)
    build_workbook(
        audience=audience_for(world.office), filters=filters, on=timezone.localdate(), path=path
    )
    mark = "密级：内部　　阅读人：测试 2026-12-08 10:00　　副本号：AB12CD34"
    copy = io.BytesIO()
    with open(path, "rb") as source:
        stamp_xlsx(source, copy, mark)
    headers = xlsx_headers(copy.getvalue())
    assert list(headers) == load_workbook(path).sheetnames
    for left, right, footer in headers.values():
        assert (left, right, footer) == ("密级：内部", mark, "第 &P 页，共 &N 页")
    assert stamped_cells(copy.getvalue()) == stamped_cells(path.read_bytes())
