"""Reads of the rectification ledger."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from inspection.choices import AlertStage
from inspection.deadlines import StageWindows
from rectification.choices import ITEM_STATUSES_OPEN


def overdue_condition(on: datetime.date | None = None, *, prefix: str = "") -> Q:
    """逾期 on ``on`` (default today): deadline passed, and neither submitted nor closed.
    Overdue is derived, never stored; this is its one definition (``prefix`` leads to an
    item from another model). ``RectificationItem.is_overdue`` is its Python twin."""
    on = timezone.localdate() if on is None else on
    return Q(**{f"{prefix}deadline__lt": on, f"{prefix}status__in": ITEM_STATUSES_OPEN})


def items_overdue(queryset: QuerySet, *, on: datetime.date | None = None) -> QuerySet:
    """The items of ``queryset`` overdue on ``on`` (default today)."""
    return queryset.filter(overdue_condition(on))


def stage_condition(stage: str, windows: StageWindows) -> Q:
    """Open items whose deadline is in ``stage`` on ``windows.on``, in SQL.

    The twin of ``StageWindows.stage_of`` that the alert scan applies: red once the
    deadline has passed (overdue), yellow up to ``yellow_until``, green up to
    ``green_until``; items asking to be closed or closed have no colour.
    """
    if stage == AlertStage.RED:
        return overdue_condition(windows.on)
    open_items = Q(status__in=ITEM_STATUSES_OPEN)
    if stage == AlertStage.YELLOW:
        return open_items & Q(deadline__gte=windows.on, deadline__lte=windows.yellow_until)
    return open_items & Q(deadline__gt=windows.yellow_until, deadline__lte=windows.green_until)
