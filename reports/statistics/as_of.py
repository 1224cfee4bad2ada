"""Rows as they stood at the end of a past day: what a figure asked ``on`` that day reads.

docs/DOMAIN.md "Statistics": any figure may be asked as of a past day, statuses and
deadlines as they stood that day. The product keeps every change of a workflow record
in its history (django-simple-history): as of a day, a record is its latest historical
row written before the next midnight (Asia/Shanghai), unless that row is its deletion
or it had none (it did not exist yet). For today or a later day the live rows are the
answer, and are read as they are: the history is only read for a past day.

Which records are read from the history: those whose state has no date of its own — a
problem past draft, a clue's stage and outcome, a ledger item's status and deadline, an
order's status, an assignment, a round's stage. An event that carries its own date (an
interview held, an activity, a petition received or disposed of, a decision taken, a
first-form measure held, a matter handed on or replied to, a report issued, a look-back
verdict given) counts from that date, a late entry included, as the live figures count
it: the quarter's table built in the next quarter's first week counts what was entered
late for the quarter.

A historical row has the live model's fields under the same names (its foreign keys
lead to the live related rows), so a figure's filters, groupings and counts read either
alike; what differs is that ``pk`` is the history row's own id (the record's is ``id``),
that reverse relations do not exist from a historical row, and that fields left out of
the history (``created_at`` of most models) are not on it.
"""

import datetime

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone


def cutoff(on: datetime.date | None) -> datetime.datetime | None:
    """The next midnight after ``on`` (local time) when ``on`` is a past day, else None
    (the live rows answer)."""
    if on is None or on >= timezone.localdate():
        return None
    next_day = on + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))


def is_past(on: datetime.date | None) -> bool:
    return cutoff(on) is not None


def standing(model: type[Model], on: datetime.date | None) -> QuerySet:
    """``model``'s rows as they stood at the end of ``on``: the live rows for today or
    later, else the latest historical row of each record written by then (ties in time
    broken by the history's own order), deletions left out."""
    before = cutoff(on)
    if before is None:
        return model._default_manager.all()
    history = model.history.model._default_manager.filter(history_date__lt=before)
    later = history.filter(id=OuterRef("id")).filter(
        Q(history_date__gt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id"))
    )
    return history.filter(~Exists(later)).exclude(history_type="-")


def record_id(on: datetime.date | None) -> str:
    """The column holding the record's own id in ``standing(…, on)``'s rows."""
    return "id" if is_past(on) else "pk"
