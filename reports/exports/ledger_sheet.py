"""整改台账 in the official columns (rectification.ledger_columns: the same words as the
三清单 the unit signs), then where the item is (printed with them) and more (not printed).
Correlated subqueries per row, and one query per chunk for the latest progress: the query
count does not grow with the rows.
"""

from rectification import ledger_columns as official
from rectification.choices import ItemStatus, RectificationMode
from rectification.issue_selectors import CARRIED_FACTS_VALUES, carried_facts
from reports.exports.cells import Column, shanghai_naive
from reports.exports.lists import (
    PLACE,
    PLACE_ORDER,
    ListSheet,
    _chunks,
    _items,
    _labels,
    _village,
    latest_progress,
)


class LedgerSheet(ListSheet):
    """整改台账: the official columns first, then where it is and how it stands."""

    title = "整改台账"
    table_name = "整改台账"
    columns = [
        # The official columns (rectification.ledger_columns.OFFICIAL_COLUMNS).
        Column("序号", 5, "int"),
        Column("反馈问题", 14, "long"),
        Column("具体表现", 24, "long"),
        Column("整改目标", 16, "long"),
        Column("整改措施", 24, "long"),
        Column("责任领导", 8, group="责任落实"),
        Column("责任单位", 10, group="责任落实"),
        Column("责任人", 8, group="责任落实"),
        Column("整改时限", 11, "date", "责任落实"),
        Column("完成情况", 10, "long"),
        Column("佐证材料", 12, "long"),
        Column("备注", 14, "long"),
        Column("整改进展", 18, "long"),
        Column("乡镇(街道)", 9),
        Column("村(社区)", 9),
        # For sorting and filtering on screen; not printed (``print_columns``).
        Column("问题类别", 12),
        Column("整改方式", 8),
        Column("状态", 8),
        Column("代录申请", 6),
        Column("销号时间", 16.5, "datetime"),
    ]
    # The printed ledger: the official columns and where (a term's ledger spans villages),
    # fitted to the page's width so that a row's number and its texts print side by side.
    print_columns = 15

    def queryset(self):
        return _items(self.audience, self.filters)

    def _values(self):
        return (
            official.with_ledger_columns(self.queryset())
            .order_by(*PLACE_ORDER, "deadline", "id")
            .values(
                "id",
                "issue__number",
                "issue__title",
                *CARRIED_FACTS_VALUES,
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
            facts = carried_facts(chunk)
            for row in chunk:
                number += 1
                town = row[town_key]
                status = row["status"]
                closed = status == ItemStatus.CLOSED and row["closed_at"]
                yield (
                    number,
                    official.issue_heading(row["issue__number"], row["issue__title"]),
                    facts[row["id"]],
                    row["target"],
                    row["measures"],
                    person(row["supervising_leader"]),
                    row["responsible_unit"],
                    person(row["responsible_person"]),
                    row["deadline"],
                    official.completion(
                        statuses.get(status, ""),
                        closed_on=shanghai_naive(row["closed_at"]).date() if closed else None,
                        percent=row["latest_percent"],
                    ),
                    official.evidence(row["evidence_count"], row["evidence_first"]),
                    official.remarks(
                        status=status,
                        deadline=row["deadline"],
                        return_reason=row["return_reason"],
                        submitted_on_behalf=row["submitted_on_behalf"],
                        behalf_updates=row["behalf_updates"],
                        on=on,
                    ),
                    progress.get(row["id"], ""),
                    town,
                    _village(town, row[village_key]),
                    row["problem__problem_class__name"] or "",
                    modes.get(row["mode"], ""),
                    statuses.get(row["status"], ""),
                    "是" if row["submitted_on_behalf"] else "",
                    row["closed_at"],
                )
