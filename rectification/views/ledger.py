"""The rectification officer's ledger (整改台账) of their own unit, as the three lists
(三清单) of docs/DOMAIN.md: problems, tasks, responsibilities — three views of the same items.

Each list shows every item's deadline colour today, the items still to work on first;
the items the office returned stand at the top with the reason, so they are not missed.
The scope (the officer's village, or whole town) comes from ``visible()``.
"""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspection.choices import AlertStage
from inspection.permissions import is_officer, visible
from inspection.web import Listing, screen
from rectification.choices import ITEM_STATUSES_ASKED, ITEM_STATUSES_OPEN, ItemStatus
from rectification.forms.ledger import LedgerFilterSet
from rectification.models import ProgressUpdate, RectificationItem
from rectification.selectors import stage_condition
from rectification.views.common import item_rows, mark_deadlines, today_windows

PER_PAGE = 20  # a phone screen's worth of scrolling, on a weak connection
RETURNED_SHOWN = 3  # the rest by a link: the lists must stay in reach on a phone


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    url_name: str
    about: str


TABS = (
    Tab("problems", _("问题清单"), "rectification:ledger", _("问题、类别、整改方式、状态和进度")),
    Tab("tasks", _("任务清单"), "rectification:ledger_tasks", _("整改措施、阶段目标和完成情况")),
    Tab(
        "responsibilities",
        _("责任清单"),
        "rectification:ledger_responsibilities",
        _("责任单位、责任人、责任领导和整改时限"),
    ),
)


def ledger_rows(user):
    """The unit's items: open ones first by deadline, then those asking to be closed, then
    the closed; each with its latest progress percent."""
    latest = (
        ProgressUpdate.objects.filter(item=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("percent")[:1]
    )
    return (
        item_rows(user)
        .annotate(
            latest_percent=Subquery(latest),
            work_order=Case(
                When(status__in=ITEM_STATUSES_ASKED, then=Value(1)),
                When(status=ItemStatus.CLOSED, then=Value(2)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("work_order", "deadline", "pk")
    )


def unit_counts(user) -> dict:
    """The unit's figures in one query: open, by colour, asking to be closed, closed."""
    windows = today_windows()
    items = visible(RectificationItem, user)
    figures = {
        "total": Count("pk"),
        "open": Count("pk", filter=Q(status__in=ITEM_STATUSES_OPEN)),
        "returned": Count("pk", filter=Q(status=ItemStatus.RETURNED)),
        "submitted": Count("pk", filter=Q(status__in=ITEM_STATUSES_ASKED)),
        "closed": Count("pk", filter=Q(status=ItemStatus.CLOSED)),
    }
    for stage in AlertStage.values:
        figures[stage] = Count("pk", filter=stage_condition(stage, windows))
    return items.aggregate(**figures)


def returned_items(user) -> tuple[list, int]:
    """The first returned items (nearest deadline first) and how many there are."""
    items = item_rows(user).filter(status=ItemStatus.RETURNED).order_by("deadline", "pk")
    shown = mark_deadlines(items[:RETURNED_SHOWN])
    return shown, items.count() if len(shown) == RETURNED_SHOWN else len(shown)


def ledger_page(request, tab_key: str):
    user = request.user
    rows = ledger_rows(user)
    if tab_key == "tasks":
        rows = rows.prefetch_related("milestones")
    listing = Listing(request, rows, LedgerFilterSet, PER_PAGE)
    first_page = not listing.filtered and listing.page.number == 1
    returned, returned_count = returned_items(user) if first_page else ([], 0)
    suffix = f"?{listing.query}" if listing.query else ""
    tabs = [
        {
            "key": tab.key,
            "label": tab.label,
            "about": tab.about,
            "url": reverse(tab.url_name) + suffix,
            "current": tab.key == tab_key,
        }
        for tab in TABS
    ]
    context = {
        "tab": tab_key,
        "tabs": tabs,
        "current_tab": next(tab for tab in tabs if tab["current"]),
        "listing": listing,
        "rows": mark_deadlines(listing.rows),
        "returned": returned,
        "returned_count": returned_count,
        "counts": unit_counts(user),
        "unit": user.village or user.town,
        "today": timezone.localdate(),
    }
    return render(request, "ledger/ledger.html", context)


@screen(is_officer)
def ledger(request):
    """问题清单, the ledger's home."""
    return ledger_page(request, "problems")


@screen(is_officer)
def ledger_tasks(request):
    """任务清单: measures and milestones."""
    return ledger_page(request, "tasks")


@screen(is_officer)
def ledger_responsibilities(request):
    """责任清单: who answers for each item, and by when."""
    return ledger_page(request, "responsibilities")
