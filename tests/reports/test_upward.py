"""统计报送 (issue 21, item 3): the sample city template filled for a quarter with exact
values, frozen once sent, and the next quarter showing what changed."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from findings.choices import ProblemStatus
from rectification.choices import ItemStatus
from reports.upward.models import ReportStatus
from reports.upward.selectors import report_changes, report_workbook
from tests.clock import at, today_is
from tests.reports.upward_kit import (
    AFTER_Q3,
    AFTER_Q4,
    NOVEMBER,
    cells,
    media_root,  # noqa: F401
    sent_report,
    third_quarter,
    upload_sample,
)

pytestmark = pytest.mark.django_db

# The sample's rows (统计表, from row 4) and columns: B 全县, C 甲镇, D 乙镇.
Q3_TABLE = {
    "B4": 2, "C4": 1, "D4": 1,  # 被巡察村(社区)数
    "B5": 1, "C5": 1, "D5": 1,  # 巡察覆盖率 (every active village of each)
    "B6": 4, "C6": 3, "D6": 1,  # 发现问题: 甲镇's two, the ledger item's, 乙镇's one
    "B7": 0, "C7": 0, "D7": 0,  # 线索移交
    "B8": 0, "C8": 0, "D8": 0,  # 立案
    "B9": 1, "C9": 1, "D9": 0,  # 整改台账
    "B10": 0, "C10": 0, "D10": 0,  # 已销号
    "B11": 0, "C11": 0,  # 整改完成率 (乙镇 has no item: no rate)
    "B12": 1, "C12": 1, "D12": 0,  # 逾期: due 1 August, never closed
}  # fmt: skip


def _figures(table: dict) -> dict:
    return {key: value for key, value in table.items() if key[0] in "BCD" and key[1:] != "3"}


def test_the_sample_template_is_filled_for_the_quarter_with_exact_values():
    world = third_quarter()
    with today_is(AFTER_Q3):
        template = upload_sample(world)
        report = sent_report(world, template, "2026q3")
    assert report.period_code == "2026Q3"
    assert report.status == ReportStatus.SENT
    assert report.as_of == datetime.date(2026, 9, 30)
    workbook = report_workbook(report)
    assert _figures(cells(workbook)) == Q3_TABLE
    assert "统计期间：2026年第3季度" in cells(workbook)["A2"]
    assert "截至：2026-09-30" in cells(workbook)["A2"]
    assert "映射" not in load_workbook(io.BytesIO(workbook)).sheetnames
    figures = report.snapshot["figures"]
    assert figures["problems"]["value"] == 4
    assert figures["problems__甲镇"]["cell"] == "C6"
    item_ids = [world.q3_item.pk]
    assert figures["items_overdue"]["ids"] == item_ids
    assert figures["items_overdue__乙镇"]["ids"] == []
    problem_ids = sorted([p.pk for p in world.q3_problems] + [world.q3_item.problem_id])
    assert figures["problems"]["ids"] == problem_ids
    assert report.snapshot["period"]["label"] == "2026年第3季度"


def test_a_sent_table_does_not_change_when_the_data_does():
    world = third_quarter()
    with today_is(AFTER_Q3):
        template = upload_sample(world)
        report = sent_report(world, template, "2026Q3")
        sent_bytes = report_workbook(report)
        snapshot = report.snapshot
        # Later writes to the quarter: a late entry for August, the item closed.
        late = world.problem(status=ProblemStatus.CONFIRMED)
        type(late).objects.filter(pk=late.pk).update(created_at=at(datetime.date(2026, 8, 3)))
        world.q3_item.status = ItemStatus.CLOSED
        world.q3_item.submitted_at = world.q3_item.closed_at = timezone.now()
        world.q3_item.save()
    report.refresh_from_db()
    assert report_workbook(report) == sent_bytes
    assert report.snapshot == snapshot
    with today_is(AFTER_Q3):
        live = report_changes(report)["rows"]
    # The frozen figures are still answered, not the live ones (now 5 problems).
    assert {row["key"]: row["value"] for row in live}["problems"] == 4


def test_the_next_quarter_shows_what_changed():
    world = third_quarter()
    with today_is(AFTER_Q3):
        template = upload_sample(world)
        q3 = sent_report(world, template, "2026Q3")
    with today_is(NOVEMBER):
        new = world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
    with today_is(AFTER_Q4):
        q4 = sent_report(world, template, "2026Q4")
        changes = report_changes(q4)
    assert changes["previous"] == q3
    rows = {row["key"]: row for row in changes["rows"]}
    problems = rows["problems"]
    assert (problems["value"], problems["previous"], problems["difference"]) == (1, 4, -3)
    assert problems["entered"] == [new.pk]
    assert problems["left"] == q3.snapshot["figures"]["problems"]["ids"]
    by_b = rows["problems__乙镇"]
    assert (by_b["value"], by_b["previous"], by_b["difference"]) == (1, 1, 0)
    assert by_b["entered"] == [new.pk]
    assert rows["inspected"]["difference"] == 0
    assert rows["inspected"]["entered"] == rows["inspected"]["left"] == []


def test_what_is_sent_is_what_the_reviewer_approved():
    """Approved before the quarter ended, a problem found after: refused, back to review."""
    from inspection.errors import ConflictError
    from reports.upward import services

    world = third_quarter()
    with today_is(datetime.date(2026, 9, 20)):
        template = upload_sample(world)
        report = services.statistics_report_create(
            actor=world.office, template_id=template.pk, period="2026Q3"
        )
        services.statistics_report_submit(actor=world.office, report_id=report.pk)
        services.statistics_report_approve(actor=world.lead, report_id=report.pk)
    with today_is(datetime.date(2026, 9, 25)):
        world.problem(status=ProblemStatus.CONFIRMED)
    with today_is(AFTER_Q3):
        with pytest.raises(ConflictError, match="problems"):
            services.statistics_report_send(actor=world.office, report_id=report.pk)
        report.refresh_from_db()
        assert report.status == ReportStatus.APPROVED and not report.sent_file
        services.statistics_report_return(actor=world.lead, report_id=report.pk, note="数字有变")
        services.statistics_report_submit(actor=world.office, report_id=report.pk)
        services.statistics_report_approve(actor=world.lead, report_id=report.pk)
        report = services.statistics_report_send(actor=world.office, report_id=report.pk)
    assert report.snapshot["figures"]["problems"]["value"] == 5
