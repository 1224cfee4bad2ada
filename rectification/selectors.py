"""Reads of the rectification ledger."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from rectification.choices import ITEM_STATUSES_OPEN


def items_overdue(queryset: QuerySet, *, on: datetime.date | None = None) -> QuerySet:
    """The items of ``queryset`` overdue on ``on`` (default today): deadline passed, and
    neither submitted nor closed. Overdue is derived, never stored."""
    on = timezone.localdate() if on is None else on
    return queryset.filter(deadline__lt=on, status__in=ITEM_STATUSES_OPEN)
