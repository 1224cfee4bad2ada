"""The ledger sheet (整改台账) of the workbook in the official columns: 完成情况 with the
progress, 佐证材料 named, and 备注 saying 代录, a return's reason and overdue days."""

import datetime

import pytest
from django.utils import timezone

from rectification.choices import ItemStatus
from rectification.models import RectificationItem
from reports.exports.scope import audience_for
from reports.statistics import StatisticsFilter
from tests.reports.sheets import header_and_rows, headers_of
from tests.reports.test_exports import built
from tests.world import build_world

pytestmark = pytest.mark.django_db

OFFICIAL = [
    "序号",
    "反馈问题",
    "具体表现",
    "整改目标",
    "整改措施",
    "责任领导",
    "责任单位",
    "责任人",
    "整改时限",
    "完成情况",
    "佐证材料",
    "备注",
]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_ledger_sheet_has_the_official_columns_and_what_they_say(media, tmp_path):
    world = build_world()
    today = timezone.localdate()
    on_behalf = world.evidenced_item(
        status=ItemStatus.SUBMITTED, submitted_by=world.office, target="合同全部重新公示"
    )
    RectificationItem.objects.filter(pk=on_behalf.pk).update(submitted_on_behalf=True)
    world.item(status=ItemStatus.RETURNED, return_reason="照片不清晰")
    world.item(status=ItemStatus.IN_PROGRESS, deadline=today - datetime.timedelta(days=4))

    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    sheet = book["整改台账"]
    assert headers_of(sheet)[:12] == OFFICIAL
    headers, rows = header_and_rows(sheet)
    by = [dict(zip(headers, row, strict=True)) for row in rows]
    asked = next(row for row in by if row["整改目标"] == "合同全部重新公示")
    assert asked["完成情况"] == "申请销号（100%）"
    assert asked["佐证材料"] == "村民代表会议记录.pdf（1份）"
    assert "代录" in asked["备注"] and asked["代录申请"] == "是"
    assert asked["反馈问题"].startswith(f"{on_behalf.issue.number}. ")
    returned = next(row for row in by if row["状态"] == "退回")
    assert "退回理由：照片不清晰" in returned["备注"] and returned["代录申请"] is None
    late = next(row for row in by if row["状态"] == "整改中")
    assert late["备注"] == "逾期4天"
    assert [row["序号"] for row in by] == list(range(1, len(by) + 1))


def test_the_three_lists_say_what_the_workbook_says(media, tmp_path):
    """The 三清单 the unit signs and the workbook's sheet print the same 反馈问题,
    完成情况, 佐证材料 and 备注 for an item (rectification.ledger_columns)."""
    from docx import Document as open_docx

    from inspection.documents.services import document_generate

    world = build_world()
    today = timezone.localdate()
    item = world.evidenced_item(
        status=ItemStatus.SUBMITTED, submitted_by=world.office, target="合同全部重新公示"
    )
    RectificationItem.objects.filter(pk=item.pk).update(
        submitted_on_behalf=True, deadline=today - datetime.timedelta(days=2)
    )
    closed = world.evidenced_item(status=ItemStatus.CLOSED, target="账目逐笔公开")
    # Closed at 23:30 on 8 February in Shanghai: both print that day, in the same words.
    RectificationItem.objects.filter(pk=closed.pk).update(
        closed_at=datetime.datetime(2026, 2, 8, 15, 30, tzinfo=datetime.UTC)
    )
    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    headers, rows = header_and_rows(book["整改台账"])
    sheet_rows = {
        named["整改目标"]: named for named in (dict(zip(headers, row, strict=True)) for row in rows)
    }
    document = document_generate(
        actor=world.office, kind="three_lists", subject_id=item.feedback_id
    )
    with document.file.open("rb") as stream:
        table = open_docx(stream).tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    printed = [
        dict(zip(header, [cell.text for cell in row.cells], strict=True)) for row in table.rows[1:]
    ]
    doc_rows = {row["整改目标"]: row for row in printed}
    for target in ("合同全部重新公示", "账目逐笔公开"):
        for column in ("反馈问题", "完成情况", "佐证材料", "备注"):
            assert doc_rows[target][column] == (sheet_rows[target][column] or ""), column
    assert "代录" in doc_rows["合同全部重新公示"]["备注"]
    assert doc_rows["账目逐笔公开"]["完成情况"] == "已销号（2026年2月8日）"
