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
    """Collects historical rows per model and writes them in bulk at the end.

    Rows are built positionally (Django's fast path for a model's ``__init__``): at
    2,000 items there are some 10,000 of them."""

    def __init__(self, actor):
        self.actor = actor
        self.token = history_attrs(actor)["history_api_token"]
        self.rows: dict[type, list] = {}
        self.layouts: dict[type, tuple[type, list[str], list[str]]] = {}

    def _layout(self, model) -> tuple[type, list[str], list[str]]:
        """(the historical model, its columns in order, the tracked ones); once per model,
        since ``model.history`` builds a manager class at each access."""
        if model not in self.layouts:
            history = model.history.model
            columns = [field.attname for field in history._meta.concrete_fields]
            tracked = [field.attname for field in history.tracked_fields]
            self.layouts[model] = (history, columns, tracked)
        return self.layouts[model]

    def add(self, obj, when: datetime.datetime, *, created: bool, **state) -> None:
        """A row for ``obj`` as it stood at ``when``, with ``state`` (field → value) over
        its current values: '+' for its creation, '~' for a later change."""
        history, columns, tracked = self._layout(type(obj))
        values = {name: getattr(obj, name) for name in tracked}
        values.update(state)
        values.update(
            history_date=when,
            history_user_id=self.actor.pk,
            history_change_reason=REASON,
            history_type="+" if created else "~",
            history_api_token_id=self.token.pk if self.token else None,
        )
        self.rows.setdefault(history, []).append(history(*[values.get(c) for c in columns]))

    def write(self) -> int:
        count = 0
        for history, rows in self.rows.items():
            history.objects.bulk_create(rows, batch_size=1000)
            count += len(rows)
        self.rows.clear()
        return count
