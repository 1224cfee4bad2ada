"""The ledger's official columns, defined once: 序号, 反馈问题, 具体表现, 整改目标, 整改措施,
责任领导, 责任单位, 责任人, 整改时限, 完成情况, 佐证材料, 备注.

The workbook's 整改台账 sheet (reports.exports.ledger_sheet) and the 三清单 the unit signs
(rectification.plan_documents) print the same words for the same item: 完成情况 is the
status with the latest progress percent (or the closing day); 佐证材料 the first evidence
file's name and how many there are; 备注 what a reader must not miss — a request for closing
or progress the office entered for the unit (代录, not the unit's own), the reason of a
return, how many days overdue.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from inspection.documents.services import chinese_date
from rectification.choices import ITEM_STATUSES_OPEN, ItemStatus
from rectification.models import ProgressEvidence, ProgressUpdate

OFFICIAL_COLUMNS = (
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
)


def with_ledger_columns(items):
    """Items annotated with what 完成情况, 佐证材料 and 备注 need: ``latest_percent``,
    ``evidence_count``, ``evidence_first`` and ``behalf_updates`` (correlated subqueries:
    the query count does not grow with the rows)."""
    evidence = ProgressEvidence.objects.filter(update__item=OuterRef("pk"))
    updates = ProgressUpdate.objects.filter(item=OuterRef("pk"))
    return items.annotate(
        evidence_count=Coalesce(
            Subquery(
                evidence.order_by().values("update__item").annotate(n=Count("pk")).values("n")[:1]
            ),
            0,
        ),
        evidence_first=Subquery(evidence.order_by("uploaded_at", "pk").values("original_name")[:1]),
        latest_percent=Subquery(updates.order_by("-created_at", "-pk").values("percent")[:1]),
        behalf_updates=Exists(updates.filter(on_behalf=True)),
    )


def issue_heading(number: int | None, title: str) -> str:
    """反馈问题: "3. 村级财务管理不规范"."""
    if number is None:
        return ""
    return f"{number}. {title}" if title else str(number)


def completion(
    status_label: str, *, closed_on: datetime.date | None = None, percent: int | None = None
) -> str:
    """完成情况: a closed item's closing day ("已销号（2026年2月8日）"), else its status with
    the latest percent."""
    if closed_on:
        return f"已销号（{chinese_date(closed_on)}）"
    return f"{status_label}（{percent}%）" if percent is not None else status_label


def evidence(count: int, first_name: str | None) -> str:
    """佐证材料: "照片.jpg等3份", "照片.jpg（1份）", or nothing."""
    if not count:
        return ""
    return f"{first_name}等{count}份" if count > 1 else f"{first_name or ''}（1份）"


def remarks(
    *,
    status: str,
    deadline: datetime.date,
    return_reason: str,
    submitted_on_behalf: bool,
    behalf_updates: bool,
    on: datetime.date,
) -> str:
    """备注: 代录, a return's reason, overdue days (overdue as ``overdue_condition`` says)."""
    parts = []
    if submitted_on_behalf:
        parts.append("代录：巡察办代为申请销号，非责任单位自行申请")
    if behalf_updates:
        parts.append("含巡察办代录的整改进展")
    if status == ItemStatus.RETURNED and return_reason:
        parts.append(f"退回理由：{return_reason}")
    if deadline < on and status in ITEM_STATUSES_OPEN:
        parts.append(f"逾期{(on - deadline).days}天")
    return "；".join(parts)
