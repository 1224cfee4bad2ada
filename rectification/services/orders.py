"""巡中立行立改: the leader orders the fix of confirmed problems while the team is on site.

The ledger item of each problem exists from the moment the order is issued (mode 立行立改,
deadline the order's due date), so the unit's contact sees it at once, posts the fix and
asks to close it, and the team verifies it on site. Feedback later carries the unfinished
items into the ledger with their history (``rectification.services.feedback``).
"""

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import ProblemStatus
from findings.models import Problem
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_choice, clean_column, clean_date, clean_ids
from inspection.workflow import StatusWindow, Transition, lock_visible, require, save_with_history
from rectification.choices import OrderForm, OrderStatus, RectificationMode
from rectification.models import (
    FeedbackIssueProblem,
    ImmediateOrder,
    ImmediateOrderCounter,
    RectificationItem,
)
from rectification.services.feedback import default_unit, officer_of, officers_of_units
from rounds.choices import ON_SITE_WORK, RoundStatus
from rounds.models import Assignment

ISSUE_WINDOW = StatusWindow((RoundStatus.ON_SITE,), _lazy("下达立行立改通知"))
SIGN_FOR_WINDOW = StatusWindow(ON_SITE_WORK, _lazy("登记签收"))
SIGN_FOR = Transition(
    "immediate_order_sign_for", (OrderStatus.ISSUED,), OrderStatus.SIGNED_FOR, _lazy("登记签收")
)


def leaving_date(assignment: Assignment) -> datetime.date | None:
    """The day the team leaves the assignment (its own date, else the round's)."""
    return assignment.on_site_until or assignment.round.on_site_until


def immediate_order_due_on(assignment: Assignment, issued_on: datetime.date) -> datetime.date:
    """``INSPECTION_IMMEDIATE_DUE_DAYS`` from the order, clamped to the leaving date:
    即知即改 means the fix lands before the team leaves, so the due date is never later."""
    due_on = issued_on + datetime.timedelta(days=settings.INSPECTION_IMMEDIATE_DUE_DAYS)
    leaving = leaving_date(assignment)
    return min(due_on, leaving) if leaving and leaving >= issued_on else due_on


def _next_sequence(team_number: int, year: int) -> int:
    """The next number of the written orders of the 组别 ``team_number`` (第X巡察组, in any
    round: the number 巡X组立改〔YYYY〕N号 is the county's) in ``year``. The counter row stays
    locked until the issuing transaction ends: a concurrent issue waits, and a rolled-back
    one gives its number back, so the numbers have no gaps."""
    ImmediateOrderCounter.objects.get_or_create(team_number=team_number, year=year)
    counter = ImmediateOrderCounter.objects.select_for_update().get(
        team_number=team_number, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _orderable_problems(assignment: Assignment, problem_ids: Sequence[int]) -> list[Problem]:
    """The problems named, locked: of this assignment, confirmed, not yet in the ledger."""
    ids = clean_ids(problem_ids, field="problems", message=_("所选问题无效。"))
    require(bool(ids), _("请选择立行立改通知涵盖的问题（至少一个）。"), field="problems")
    problems = list(
        Problem.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, assignment=assignment)
        .order_by("pk")
    )
    require(len(problems) == len(ids), _("所选问题不属于本巡察对象。"), field="problems")
    for problem in problems:
        require(
            problem.status == ProblemStatus.CONFIRMED,
            _("问题#%(id)s当前状态为「%(status)s」，审签后才能下达立行立改通知。")
            % {"id": problem.pk, "status": problem.get_status_display()},
            field="problems",
        )
    left_out = sorted(
        FeedbackIssueProblem.objects.filter(problem__in=problems, issue__isnull=True).values_list(
            "problem_id", flat=True
        )
    )
    require(
        not left_out,
        _("问题#%(ids)s涉及未办结线索，已不予反馈，不能下达立行立改通知。")
        % {"ids": "、#".join(str(pk) for pk in left_out)},
        field="problems",
    )
    ordered = list(
        RectificationItem.objects.filter(problem__in=problems).values_list("problem_id", flat=True)
    )
    require(
        not ordered,
        _("问题#%(ids)s已下达立行立改通知（已建账），不能重复下达。")
        % {"ids": "、#".join(str(pk) for pk in sorted(ordered))},
        field="problems",
    )
    return problems


@transaction.atomic
def immediate_order_issue(
    *,
    actor,
    assignment_id: int,
    problem_ids: Sequence[int],
    form: str,
    requirements: str = "",
    note: str = "",
) -> ImmediateOrder:
    """立行立改通知: the leader of the assignment's team orders the fix of confirmed problems
    while the round is on site; a written order takes the team's next number of the year.

    The due date is computed, not chosen (``immediate_order_due_on``), and each problem's
    ledger item is created now, owed by the village (or town) and its contact.
    """
    assignment = lock_visible(
        visible(Assignment, actor).select_related("round", "team", "town", "village"),
        assignment_id,
    )
    authorize(actor, "immediate_order_issue", assignment)
    ISSUE_WINDOW.check(assignment.round)
    form = clean_choice(form, OrderForm, field="form", label=_("交办方式"))
    issued_at = timezone.now()
    issued_on = timezone.localdate(issued_at)
    leaving = leaving_date(assignment)
    require(
        leaving is None or issued_on <= leaving,
        _("巡察组已于%(date)s撤离，不能再下达立行立改通知。")
        % {"date": f"{leaving:%Y-%m-%d}" if leaving else ""},
        field="assignment",
    )
    problems = _orderable_problems(assignment, problem_ids)

    order = ImmediateOrder(
        assignment=assignment,
        team_id=assignment.team_id,
        form=form,
        requirements=(requirements or "").strip(),
        issued_by=actor,
        issued_at=issued_at,
        due_on=immediate_order_due_on(assignment, issued_on),
    )
    if form == OrderForm.WRITTEN:
        order.year = issued_on.year
        order.team_number = assignment.team.number
        order.sequence = _next_sequence(order.team_number, order.year)
    save_with_history(order, actor=actor, note=note)

    unit_kind, unit = default_unit(assignment)
    contact = officer_of(assignment, officers_of_units([assignment]))
    reason = order.number or _("口头交办")
    for problem in problems:
        item = RectificationItem(
            problem=problem,
            order=order,
            mode=RectificationMode.IMMEDIATE,
            responsible_unit_kind=unit_kind,
            responsible_unit=unit,
            responsible_user=contact,
            target=order.requirements,
            deadline=order.due_on,
        )
        save_with_history(item, actor=actor, note=reason)
    return order


@transaction.atomic
def immediate_order_sign_for(
    *,
    actor,
    order_id: int,
    signer_name: str,
    signer_post: str = "",
    signed_on: datetime.date,
    note: str = "",
) -> ImmediateOrder:
    """签收: the team records who of the unit received the order, and when."""
    order = lock_visible(
        visible(ImmediateOrder, actor).select_related("assignment__round", "team"), order_id
    )
    authorize(actor, "immediate_order_sign_for", order)
    SIGN_FOR.check(order)
    SIGN_FOR_WINDOW.check(order.assignment.round)
    order.signed_for_by_name = clean_column(
        ImmediateOrder, "signed_for_by_name", signer_name, required=True
    )
    order.signed_for_post = clean_column(ImmediateOrder, "signed_for_post", signer_post)
    order.signed_for_on = clean_date(
        signed_on,
        field="signed_for_on",
        label=_("签收日期"),
        not_before=order.issued_on,
        not_before_label=_("交办日期"),
    )
    order.signed_for_recorded_by = actor
    order.status = SIGN_FOR.target
    save_with_history(order, actor=actor, note=note)
    return order
