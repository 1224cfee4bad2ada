"""Reads of the rectification ledger."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

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
