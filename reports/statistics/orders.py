"""巡中立行立改 figures: orders issued on site, honoured on time, 如期率.

An order is honoured on time when every item it put in the ledger was closed no later
than the order's due date (the closing day in Shanghai time). It is due once its due
date has passed or it was honoured: 如期率 = honoured / due, so an order honoured early
counts before its date and one still open within its date does not count yet.
"""

import datetime

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from rectification.choices import OrderForm, OrderStatus
from rectification.models import ImmediateOrder, RectificationItem
from rectification.selectors import order_honoured_condition
from reports.statistics.as_of import record_id, standing
from reports.statistics.figures import Figures, _aggregate, rate
from reports.statistics.scope import StatisticsFilter, group_field


def immediate_orders(
    filters: StatisticsFilter,
    group_by: str | None = None,
    *,
    on: datetime.date | None = None,
) -> Figures:
    """立行立改 件数 and 如期率 on the day ``on`` (default today), by the day of issue."""
    on = on or timezone.localdate()
    queryset = immediate_order_rows(filters, on)
    honoured = order_honoured_condition(standing(RectificationItem, on), record_id(on))
    figures = _aggregate(
        queryset,
        group_field(group_by, "assignment"),
        orders_issued=Count("*"),
        orders_written=Count("pk", filter=Q(form=OrderForm.WRITTEN)),
        orders_signed_for=Count("pk", filter=Q(status=OrderStatus.SIGNED_FOR)),
        orders_honoured=Count("pk", filter=honoured),
        orders_due=Count("pk", filter=honoured | Q(due_on__lt=on)),
        orders_late=Count("pk", filter=~honoured & Q(due_on__lt=on)),
    )
    for row in figures.values():
        row["orders_on_time_rate"] = rate(row["orders_honoured"], row["orders_due"])
    return figures


def immediate_order_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The orders ``immediate_orders`` counts, as they stood on ``on``."""
    return (
        standing(ImmediateOrder, on)
        .annotate(issued_on=TruncDate("issued_at"))
        .filter(filters.condition("assignment", "issued_on"))
    )
