"""What the ledger screens share: the item as a page shows it, deadline colours, and running
a service whose refusals belong on the form."""

from collections.abc import Callable, Iterable

from django.db.models import Prefetch
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.choices import AlertStage
from inspection.deadlines import StageWindows, stage_windows
from inspection.errors import ApplicationError, PermissionDeniedError
from inspection.permissions import can, reads_all, visible
from rectification.choices import ITEM_STATUSES_OPEN
from rectification.issue_selectors import problems_of_item
from rectification.models import ProgressUpdate, RectificationItem, Verification
from rectification.permissions import needs_town_review
from rectification.submission_permissions import plan_locked

PLACES = tuple(f"problem__assignment__{name}" for name in ("round", "town", "village", "team"))


def item_rows(user):
    """The items ``user`` may see, with what a list row shows (place, problem) joined."""
    return visible(RectificationItem, user).select_related(
        "problem__problem_class", "issue", *PLACES
    )


def item_for_page(user, pk: int) -> RectificationItem:
    """The item with everything its page shows, or 404 if ``user`` may not see it."""
    if not 0 < pk < 2**63:
        raise Http404
    item = get_object_or_404(
        item_rows(user)
        .select_related(
            "feedback",
            "issue",
            "order__team",
            "responsible_user",
            "submitted_by",
            "reopened_by_round",
        )
        .prefetch_related(
            "milestones",
            Prefetch(
                "progress_updates",
                ProgressUpdate.objects.select_related("author").prefetch_related("evidence"),
            ),
            Prefetch(
                "verifications",
                Verification.objects.select_related("verifier").prefetch_related("evidence"),
            ),
        ),
        pk=pk,
    )
    item.carried = problems_of_item(item)  # the 具体表现 of its 反馈问题 it carries
    return item


def today_windows() -> StageWindows:
    return stage_windows(timezone.localdate())


def mark_deadlines(items: Iterable, windows: StageWindows | None = None) -> list:
    """Give each item its colour today (``stage``, ``stage_label``) and ``days_left``, as
    ``{% deadline_badge %}`` shows them.

    Only open items have a colour and days left, as only they are alerted
    (rectification.alerts).
    """
    windows = windows or today_windows()
    items = list(items)
    labels = dict(AlertStage.choices)
    for item in items:
        is_open = item.status in ITEM_STATUSES_OPEN
        item.days_left = windows.days_left(item.deadline) if is_open else None
        stage = windows.stage_of(item.deadline) if is_open else None
        item.stage, item.stage_label = stage, labels.get(stage, "")
    return items


def problem_link(user, item) -> str:
    """The problem's page, for a role that reads every problem."""
    if not reads_all(user):
        return ""
    return reverse("findings:problem_detail", args=[item.problem_id])


def refusal_on_form(action: Callable, field: str | None = None) -> Callable:
    """``action`` with a permission refusal turned into an input error on ``field``.

    For a view that already checked the role: what the service still refuses (a unit
    postponing its own deadline, the submitter verifying their own request) is then said
    next to the form rather than on a 403 page.
    """

    def run():
        try:
            return action()
        except PermissionDeniedError as error:
            errors = {field: [error.message]} if field else error.errors
            raise ApplicationError(error.message, errors=errors) from error

    return run


def kept_query(value: str) -> str:
    """A list's query string carried through a form (re-encoded: only a query, no URL)."""
    return QueryDict(value or "").urlencode()


def next_judge(item) -> str:
    """Who judges ``item``'s request for closing next, as the unit is told: its town's
    乡镇党委 for a village's (乡镇初审, ``needs_town_review``), else the office."""
    return _("乡镇党委初审") if needs_town_review(item) else _("巡察办核验")


def plan_open(user, item) -> bool:
    """Whether the item's 整改方案 form is offered to ``user``: the rule allows it, the item
    is open, and no approved plan locks it against ``user`` (``plan_locked``)."""
    return (
        can(user, "item_update_plan", item)
        and item.status in ITEM_STATUSES_OPEN
        and not plan_locked(user, item)
    )
