"""Reads of the rectification ledger."""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.choices import AlertStage
from inspection.deadlines import StageWindows
from rectification.choices import ITEM_STATUSES_OPEN, ItemStatus
from rectification.models import RectificationItem
from rounds.choices import RoundStatus


def needs_town_review_condition(prefix: str = "") -> Q:
    """The SQL twin of ``rectification.permissions.needs_town_review``: a village's item,
    save one of an on-site order while its round is on site (the team verifies it)."""
    on_site_order = Q(**{f"{prefix}order__isnull": False}) & Q(
        **{f"{prefix}problem__assignment__round__status": RoundStatus.ON_SITE}
    )
    return Q(**{f"{prefix}problem__assignment__village__isnull": False}) & ~on_site_order


def awaiting_town_review_condition(prefix: str = "") -> Q:
    """Requests for closing waiting for the town's first review (乡镇初审)."""
    return Q(**{f"{prefix}status": ItemStatus.SUBMITTED}) & needs_town_review_condition(prefix)


def ready_for_verification_condition(prefix: str = "") -> Q:
    """Requests for closing the verifier may judge: first-reviewed by the town (乡镇已初审),
    or asked for an item that needs no town review."""
    return Q(**{f"{prefix}status": ItemStatus.TOWN_REVIEWED}) | (
        Q(**{f"{prefix}status": ItemStatus.SUBMITTED}) & ~needs_town_review_condition(prefix)
    )


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


def with_ledger_date(queryset: QuerySet) -> QuerySet:
    """Items annotated ``ledger_on``: the day each entered the ledger, its on-site order's
    (巡中立行立改, before any feedback) or else its feedback's. The date the ledger's
    figures, lists and workbooks are filtered by, so an item ordered on site counts
    from its order."""
    return queryset.annotate(
        ledger_on=Coalesce(TruncDate("order__issued_at"), F("feedback__fed_back_on"))
    )


def with_closed_on(queryset: QuerySet) -> QuerySet:
    """Items annotated ``closed_on``: the closing day in Shanghai time (for ``on_time``)."""
    return queryset.annotate(closed_on=TruncDate("closed_at"))


def closed_on_time_condition() -> Q:
    """如期: closed no later than the deadline in force when it fell due, on items
    annotated by ``with_closed_on``: its deadline, and the one that had passed before it
    was moved (``lapsed_deadline``) if any — a deadline moved after it had passed does not
    make an item on time. The one definition the statistics' 如期完成率 and the 评估表's
    如期率 use."""
    in_time = Q(closed_on__lte=F("deadline")) & (
        Q(lapsed_deadline__isnull=True) | Q(closed_on__lte=F("lapsed_deadline"))
    )
    return Q(status=ItemStatus.CLOSED) & in_time


def due_condition(on: datetime.date) -> Q:
    """The items an on-time rate divides by on ``on``: closed, or past their deadline —
    the one in force now or one that had passed before it was moved."""
    return Q(status=ItemStatus.CLOSED) | Q(deadline__lt=on) | Q(lapsed_deadline__lt=on)


def order_honoured_condition(items: QuerySet | None = None, order: str = "pk") -> Exists:
    """SQL, on orders: honoured on time, every item it put in the ledger closed no later
    than the order's due date (the closing day in Shanghai time). Derived, never stored.
    ``items`` are the ledger's rows to read (the statistics pass them as they stood on a
    past day), ``order`` the outer row's column holding the order's id."""
    items = RectificationItem.objects.all() if items is None else items
    unfinished = (
        items.annotate(closed_on=TruncDate("closed_at"))
        .filter(order=OuterRef(order))
        .filter(~Q(status=ItemStatus.CLOSED) | Q(closed_on__gt=OuterRef("due_on")))
    )
    return ~Exists(unfinished)


def orders_with_outcome(queryset: QuerySet) -> QuerySet:
    """Orders annotated ``honoured`` (on time), ``items_count`` and ``items_closed``; with
    ``with_outcomes`` they say 如期完成 / 逾期 / 整改中 without a query a row."""
    return queryset.annotate(
        honoured=order_honoured_condition(),
        items_count=Count("items", distinct=True),
        items_closed=Count("items", filter=Q(items__status=ItemStatus.CLOSED), distinct=True),
    )


def with_outcomes(orders, today=None) -> list:
    """Each order with ``outcome`` (如期完成 / 逾期 / 整改中) and its tone, from the
    annotations of ``orders_with_outcome``."""
    today = today or timezone.localdate()
    rows = list(orders)
    for order in rows:
        if order.honoured:
            order.outcome, order.tone = _("如期完成"), "green"
        elif order.due_on < today:
            order.outcome, order.tone = _("逾期"), "red"
        else:
            order.outcome, order.tone = _("整改中"), "yellow"
    return rows
