"""整改台账 in the official columns (序号, 反馈问题, 具体表现, 整改目标, 整改措施, 责任领导,
责任单位, 责任人, 整改时限, 完成情况, 佐证材料, 备注), then where the item is and more.

完成情况 is the status with the latest progress percent (or the closing day); 佐证材料 the
number of evidence files and the first one's name; 备注 says what a reader must not miss:
a request for closing entered by the office for the unit (代录, not the unit's own),
progress so entered, the reason of a return, how many days overdue. Two correlated
subqueries and an ``EXISTS`` per row, and one query per chunk for the latest progress:
the query count does not grow with the rows.
"""

import datetime

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce

from rectification.choices import ITEM_STATUSES_OPEN, ItemStatus, RectificationMode
from rectification.models import ProgressEvidence, ProgressUpdate
from reports.exports.cells import Column, shanghai_naive
from reports.exports.lists import (
    PLACE,
    PLACE_ORDER,
    ListSheet,
    _chunks,
    _items,
    _label,
    _labels,
    _village,
    latest_progress,
)


def _completion(status: str, closed_at, percent: int | None) -> str:
    """完成情况: the status, with the closing day or the latest progress percent."""
    if status == ItemStatus.CLOSED and closed_at:
        return f"已销号（{shanghai_naive(closed_at):%Y-%m-%d}）"
    label = _label(ItemStatus, status)
    return f"{label}（{percent}%）" if percent is not None else label


def _evidence(count: int, first_name: str | None) -> str:
    if not count:
        return ""
    return f"{first_name}等{count}份" if count > 1 else f"{first_name or ''}（1份）"


def _remarks(row: dict, on: datetime.date) -> str:
    """备注: 代录, a return's reason, overdue days."""
    parts = []
    if row["submitted_on_behalf"]:
        parts.append("代录：巡察办代为申请销号，非责任单位自行申请")
    if row["behalf_updates"]:
        parts.append("含巡察办代录的整改进展")
    if row["status"] == ItemStatus.RETURNED and row["return_reason"]:
        parts.append(f"退回理由：{row['return_reason']}")
    if row["deadline"] < on and row["status"] in ITEM_STATUSES_OPEN:
        parts.append(f"逾期{(on - row['deadline']).days}天")
    return "；".join(parts)


def _issue(number, title) -> str:
    if number is None:
        return ""
    return f"{number}. {title}" if title else str(number)


class LedgerSheet(ListSheet):
    """整改台账: the official columns first, then where it is and how it stands."""

    title = "整改台账"
    columns = [
        Column("序号", 7, "int"),
        Column("反馈问题", 24, "long"),
        Column("具体表现", 45, "long"),
        Column("整改目标", 30, "long"),
        Column("整改措施", 40, "long"),
        Column("责任领导", 10),
        Column("责任单位", 16),
        Column("责任人", 10),
        Column("整改时限", 12, "date"),
        Column("完成情况", 18),
        Column("佐证材料", 24, "long"),
        Column("备注", 30, "long"),
        Column("整改进展", 40, "long"),
        Column("问题类别", 18),
        Column("乡镇(街道)", 12),
        Column("村(社区)", 12),
        Column("整改方式", 10),
        Column("状态", 10),
        Column("代录申请", 9),
        Column("销号时间", 17, "datetime"),
    ]

    def queryset(self):
        return _items(self.audience, self.filters)

    def _values(self):
        evidence = ProgressEvidence.objects.filter(update__item=OuterRef("pk"))
        updates = ProgressUpdate.objects.filter(item=OuterRef("pk"))
        return (
            self.queryset()
            .annotate(
                evidence_count=Coalesce(
                    Subquery(
                        evidence.order_by()
                        .values("update__item")
                        .annotate(n=Count("pk"))
                        .values("n")[:1]
                    ),
                    0,
                ),
                evidence_first=Subquery(
                    evidence.order_by("uploaded_at", "pk").values("original_name")[:1]
                ),
                latest_percent=Subquery(
                    updates.order_by("-created_at", "-pk").values("percent")[:1]
                ),
                behalf_updates=Exists(updates.filter(on_behalf=True)),
            )
            .order_by(*PLACE_ORDER, "deadline", "id")
            .values(
                "id",
                "issue__number",
                "issue__title",
                "problem__facts",
                "target",
                "measures",
                "supervising_leader",
                "responsible_unit",
                "responsible_person",
                "deadline",
                "status",
                "closed_at",
                "latest_percent",
                "evidence_count",
                "evidence_first",
                "submitted_on_behalf",
                "behalf_updates",
                "return_reason",
                "problem__problem_class__name",
                *PLACE,
                "mode",
            )
        )

    def rows(self, chunk_size: int):
        person, on = self.audience.person, self.on
        modes = _labels(RectificationMode)
        statuses = _labels(ItemStatus)
        town_key, village_key = PLACE
        number = 0
        for chunk in _chunks(self._values().iterator(chunk_size=chunk_size), chunk_size):
            progress = latest_progress([row["id"] for row in chunk])
            for row in chunk:
                number += 1
                town = row[town_key]
                yield (
                    number,
                    _issue(row["issue__number"], row["issue__title"]),
                    row["problem__facts"],
                    row["target"],
                    row["measures"],
                    person(row["supervising_leader"]),
                    row["responsible_unit"],
                    person(row["responsible_person"]),
                    row["deadline"],
                    _completion(row["status"], row["closed_at"], row["latest_percent"]),
                    _evidence(row["evidence_count"], row["evidence_first"]),
                    _remarks(row, on),
                    progress.get(row["id"], ""),
                    row["problem__problem_class__name"] or "",
                    town,
                    _village(town, row[village_key]),
                    modes.get(row["mode"], ""),
                    statuses.get(row["status"], ""),
                    "是" if row["submitted_on_behalf"] else "",
                    row["closed_at"],
                )
