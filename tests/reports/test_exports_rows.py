"""The workbook's rows at scale (issue 8): the 汇总 sheet in a fixed number of queries, the
ledger's latest progress one query a chunk, and the same figures and texts as before, on
the demo county."""

import dataclasses
import datetime
import re
import tracemalloc
import zipfile

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from inspection.models import User
from rectification.models import ProgressUpdate, RectificationItem
from reports.exports.cells import Book, Column
from reports.exports.ledger_sheet import LedgerSheet
from reports.exports.lists import ClueSheet
from reports.exports.scope import Audience
from reports.exports.sheet import SheetWriter
from reports.exports.summary import BREAKDOWNS, SummarySheet
from reports.statistics import StatisticsFilter, problems

pytestmark = pytest.mark.django_db


def test_each_village_row_counts_the_problems_its_own_figure_counts(
    seeded, django_assert_max_num_queries
):
    """By focus and by nature, as ``problems`` grouped by each counts them (one grouped
    query for each, whatever the number of villages)."""
    filters = StatisticsFilter()
    sheet = SummarySheet(filters, timezone.localdate())
    with django_assert_max_num_queries(len(BREAKDOWNS)):
        rows = list(sheet.rows())
    assert len(sheet.villages) > 50
    first = 3 + 4  # place columns, interviews and questionnaires, then 发现问题合计
    columns = sheet.problem_columns
    assert {grouping for grouping, _, _ in columns} == set(BREAKDOWNS)
    for (village_id, _town, _name), row in zip(sheet.villages, rows, strict=False):
        narrowed = dataclasses.replace(filters, village_id=village_id)
        by = {grouping: problems(narrowed, grouping) for grouping in BREAKDOWNS}
        expected = [by[grouping].get(key, {}).get("problems", 0) for grouping, key, _ in columns]
        assert list(row[first : first + len(columns)]) == expected
    for grouping in BREAKDOWNS:
        shown = [n for n, (group, _, _) in enumerate(columns, start=first) if group == grouping]
        assert sum(row[n] for row in rows for n in shown) == sum(
            figures["problems"] for figures in problems(filters, grouping).values()
        )


def latest_by_python() -> dict[int, str]:
    latest = {}
    for update in ProgressUpdate.objects.order_by("item_id", "-created_at", "-id"):
        if update.item_id not in latest:
            latest[update.item_id] = f"{update.percent}%：{update.text}" if update.text else ""
    return latest


def test_the_ledger_shows_each_items_latest_progress_one_query_a_chunk(
    seeded, django_assert_max_num_queries
):
    sheet = LedgerSheet(Audience.office(), StatisticsFilter(), timezone.localdate())
    items = RectificationItem.objects.count()
    chunk = 40
    with translation.override("zh-hans"), django_assert_max_num_queries(items // chunk + 4):
        rows = list(sheet.rows(chunk))
    assert len(rows) == items > chunk * 5
    order = list(
        sheet.queryset()
        .order_by(
            "problem__assignment__town__code",
            "problem__assignment__village__code",
            "deadline",
            "id",
        )
        .values_list("id", flat=True)
    )
    latest = latest_by_python()
    shown = [row[12] for row in rows]  # 整改进展, after the official columns
    assert shown == [latest.get(item, "") for item in order]
    assert sum(bool(text) for text in shown) > items // 3
    # 反馈问题, second: its number and title; every fed-back item has its issue.
    issues = dict(
        sheet.queryset().values_list("id", "issue__number").filter(feedback__isnull=False)
    )
    shown_issues = [row[1] for row in rows]
    assert [text.split(".")[0] if text else "" for text in shown_issues] == [
        str(issues[item]) if item in issues else "" for item in order
    ]
    assert all(row[1] for row, item in zip(rows, order, strict=True) if item in issues)


def test_the_clue_sheet_masks_its_texts_without_a_query_per_clue(
    seeded, django_assert_max_num_queries
):
    """Reading a clue's text masked needs its persons concerned and source petitions: they
    come prefetched a chunk at a time (here for a reader who reads them masked)."""
    reader = User.objects.get(username="leadership")
    sheet = ClueSheet(Audience(user=reader), StatisticsFilter(), timezone.localdate())
    clues = sheet.queryset().count()
    chunk = 5
    with translation.override("zh-hans"), django_assert_max_num_queries(3 * (clues // chunk) + 6):
        rows = list(sheet.rows(chunk))
    assert len(rows) == clues > chunk * 3
    assert any("**" in row[4] for row in rows)  # the summaries, masked


def test_cells_made_from_the_sheets_styles_read_back_styled(tmp_path):
    path = tmp_path / "styles.xlsx"
    columns = [Column("文本", kind="long"), Column("金额", kind="money"), Column("短", 8)]
    with Book(path) as book:
        writer = SheetWriter(book, "表", columns)
        for number in range(300):
            writer.append((f"第{number}条", number + 0.5, f"=SUM(A{number})"))
        writer.finish()
    # Header, wrapped text, money, short text (plain and escaped): the sheet's few
    # formats, registered once whatever the rows (and Excel's default one).
    with zipfile.ZipFile(path) as archive:
        styles = archive.read("xl/styles.xml").decode()
    assert int(re.search(r'<cellXfs count="(\d+)"', styles).group(1)) <= 8
    sheet = load_workbook(path)["表"]
    assert sheet["A300"].alignment.wrap_text and sheet["A300"].value == "第298条"
    assert sheet["B300"].number_format == "#,##0.00"
    assert sheet["C300"].value == "=SUM(A298)" and sheet["C300"].data_type == "s"
    assert sheet["C300"].quotePrefix


def test_a_sheets_memory_does_not_grow_with_its_rows(tmp_path):
    """Rows go to disk as they are written, their heights too: the Python memory a sheet
    holds after 20,000 tall rows is what it held after 2,000 (XlsxWriter alone keeps every
    row's height: 123 MB for the province's ledger)."""
    columns = [Column("序号", 5, "int"), Column("整改措施", 24, "long"), Column("时限", 11, "date")]
    text = "召开村民代表会议重新公示合同，" * 6  # four lines in its column
    day = datetime.date(2026, 6, 30)
    tracemalloc.start()
    try:
        with Book(tmp_path / "tall.xlsx") as book:
            writer = SheetWriter(book, "表", columns)
            held = []
            for number in range(1, 20_001):
                writer.append((number, f"{text}{number}", day))
                if number in (2_000, 20_000):
                    held.append(tracemalloc.get_traced_memory()[0])
            writer.finish()
    finally:
        tracemalloc.stop()
    assert held[1] - held[0] < 200_000, held  # bytes: not 18,000 rows' worth
    sheet = load_workbook(tmp_path / "tall.xlsx", read_only=True)["表"]
    assert sheet.max_row == 20_001
