"""History rows at the moments a past ledger says things happened.

Every statistic asked "as of a day" reads, for each record, its latest historical row
before the end of that day (Asia/Shanghai). An imported record therefore gets its rows at
the real past moments, not at the moment of the import: a round on site from its
进驻日期, a 底稿 signed at its 撤离日期 and fed back on the feedback day, an item
entered on the feedback day as 待整改 with its deadline, asked to close on its
申请销号日期 and closed on its 销号日期. One day can hold several steps, so each kind
of step has its hour (``AT``), keeping their order within a day.
"""

from __future__ import annotations

import copy
import datetime

from django.utils import timezone

from inspection.models import history_attrs

REASON = "台账导入"
AT = {
    "on_site": datetime.time(8, 0),  # a round and its organisations go on site
    "signed": datetime.time(9, 0),  # the 底稿 signed (at 撤离)
    "fed_back": datetime.time(10, 0),  # feedback, its issues, the ledger entered
    "submitted": datetime.time(16, 0),  # 申请销号
    "closed": datetime.time(17, 0),  # 销号
    "rectification": datetime.time(18, 0),  # the round moves into 整改
}


def moment(day: datetime.date, step: str) -> datetime.datetime:
    """``day`` at the hour of ``step``, Shanghai time (the product's time zone)."""
    naive = datetime.datetime.combine(day, AT[step])
    return timezone.make_aware(naive, timezone.get_default_timezone())


class HistoryWriter:
    """Collects historical rows per model and writes them in bulk at the end."""

    def __init__(self, actor):
        self.actor = actor
        self.rows: dict[type, list] = {}

    def add(self, obj, when: datetime.datetime, *, created: bool, **state) -> None:
        """A row for ``obj`` as it stood at ``when``, with ``state`` (field → value) over
        its current values: '+' for its creation, '~' for a later change."""
        snapshot = copy.copy(obj)
        for name, value in state.items():
            setattr(snapshot, name, value)
        history = type(obj).history.model
        row = history(
            history_date=when,
            history_user=self.actor,
            history_change_reason=REASON,
            history_type="+" if created else "~",
            **{field.attname: getattr(snapshot, field.attname) for field in history.tracked_fields},
            **history_attrs(self.actor),
        )
        self.rows.setdefault(history, []).append(row)

    def write(self) -> int:
        count = 0
        for history, rows in self.rows.items():
            history.objects.bulk_create(rows, batch_size=1000)
            count += len(rows)
        self.rows.clear()
        return count
