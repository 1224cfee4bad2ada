"""巡察反馈: the round's move to feedback builds the ledger; the unit's plan and report dates.

The round (an InspectionRound of the rounds app) moves here because feedback creates
the ledger, and a move touching two apps lives in the downstream one (STYLE.md).
"""

import datetime
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from findings.choices import (
    PROBLEM_STATUSES_BEFORE_FEEDBACK,
    PROBLEM_STATUSES_UNSIGNED,
    ProblemStatus,
)
from findings.models import Problem
from inspection.choices import UserRole
from inspection.errors import ApplicationError, ConflictError
from inspection.models import User, history_attrs
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_date
from inspection.workflow import Transition, lock_visible, require, save_with_history
from rectification.choices import ResponsibleUnitKind
from rectification.models import Feedback
from rectification.services.feedback_ledger import build_ledger_items
from rounds.choices import RoundStatus
from rounds.models import Assignment, InspectionRound

GIVE_FEEDBACK = Transition(
    "round_give_feedback", (RoundStatus.REPORTING,), RoundStatus.FEEDBACK, _lazy("反馈")
)
START_RECTIFICATION = Transition(
    "round_start_rectification",
    (RoundStatus.FEEDBACK,),
    RoundStatus.RECTIFICATION,
    _lazy("进入整改阶段"),
)


# The problems feedback reads: any paper not yet signed refuses it (a draft, or one awaiting
# review or signature), each signed one goes in the ledger.
FEEDBACK_PROBLEM_STATUSES = PROBLEM_STATUSES_BEFORE_FEEDBACK


def feedback_refusals(
    *,
    inspection_round: InspectionRound,
    fed_back_on,
    letters: Mapping[int, str] | None = None,
    assignments: Sequence[Assignment] | None = None,
    problems: Sequence[Problem] | None = None,
) -> list[ApplicationError]:
    """Every reason ``round_give_feedback`` would refuse feedback on ``fed_back_on`` (its
    round in the right state and the actor allowed aside), in the order it checks them:
    the service raises the first, the confirmation screen lists them all, so both say
    the same. ``assignments`` and ``problems`` are the service's locked rows; the screen
    leaves them out and they are read here."""
    if assignments is None:
        assignments = list(inspection_round.assignments.all())
    if problems is None:
        problems = list(
            Problem.objects.filter(
                assignment__round=inspection_round, status__in=FEEDBACK_PROBLEM_STATUSES
            ).only("status")
        )
    refusals = []

    def check(rule, *args, **kwargs) -> None:
        try:
            rule(*args, **kwargs)
        except ApplicationError as error:
            refusals.append(error)

    check(require, bool(assignments), _("本轮次没有巡察对象，不能反馈。"), field="round")
    check(
        require,
        set(letters or {}) <= {a.pk for a in assignments},
        _("反馈意见所对应的巡察对象不属于本轮次。"),
        field="letters",
    )
    leaving = [
        d for d in (inspection_round.on_site_until, *(a.on_site_until for a in assignments)) if d
    ]
    check(
        clean_date,
        fed_back_on,
        field="fed_back_on",
        label=_("反馈日期"),
        not_before=max(leaving, default=None),
        not_before_label=_("撤离日期"),
    )
    unsigned = sum(problem.status in PROBLEM_STATUSES_UNSIGNED for problem in problems)
    check(
        require,
        not unsigned,
        _(
            "本轮次还有%(drafts)s个问题底稿未审签（草稿、待复核或待审签），"
            "请巡察组完成复核、审签后再反馈。"
        )
        % {"drafts": unsigned},
        field="problems",
    )
    if Feedback.objects.filter(assignment__round=inspection_round).exists():
        refusals.append(ConflictError(_("本轮次已有巡察反馈记录，不能重复反馈。")))
    return refusals


@transaction.atomic
def round_give_feedback(
    *,
    actor,
    round_id: int,
    fed_back_on: datetime.date,
    letter: str = "",
    letters: Mapping[int, str] | None = None,
    note: str = "",
) -> InspectionRound:
    """反馈: a Feedback per assignment; each confirmed problem fed back and put in the ledger.

    ``letter`` is the feedback letter for every assignment, ``letters`` (assignment id →
    text) overrides it per assignment. Due dates and deadlines are computed from the
    settings *now* and stored, so a later change of the settings moves none of them.

    Refused while a problem of the round is still a draft: feeding back an unconfirmed
    problem is wrong, and dropping it silently would be worse. The number of queries
    does not grow with the number of problems (bulk writes, with their history rows).
    """
    round_ = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "round_give_feedback", round_)
    GIVE_FEEDBACK.check(round_)

    assignments = list(round_.assignments.select_related("town", "village"))
    problems = list(
        Problem.objects.select_for_update(of=("self",))
        .filter(assignment__round=round_, status__in=FEEDBACK_PROBLEM_STATUSES)
        .order_by("pk")
    )
    refusals = feedback_refusals(
        inspection_round=round_,
        fed_back_on=fed_back_on,
        letters=letters,
        assignments=assignments,
        problems=problems,
    )
    if refusals:
        raise refusals[0]
    letters = dict(letters or {})

    reason = note[:100]
    feedbacks = bulk_create_with_history(
        [_feedback(a, fed_back_on, letters.get(a.pk, letter), actor) for a in assignments],
        Feedback,
        default_user=actor,
        custom_historical_attrs=history_attrs(actor),
        default_change_reason=reason,
    )
    if problems:
        problems = _build_ledger(
            problems, assignments, feedbacks, fed_back_on, actor=actor, reason=reason
        )
        for problem in problems:
            problem.status = ProblemStatus.FED_BACK
        bulk_update_with_history(
            problems,
            Problem,
            ["status"],
            default_user=actor,
            custom_historical_attrs=history_attrs(actor),
            default_change_reason=reason,
        )

    round_.status = GIVE_FEEDBACK.target
    save_with_history(round_, actor=actor, note=note)
    return round_


@transaction.atomic
def round_start_rectification(*, actor, round_id: int, note: str = "") -> InspectionRound:
    """整改: the round moves from feedback to rectification."""
    round_ = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "round_start_rectification", round_)
    START_RECTIFICATION.check(round_)
    round_.status = START_RECTIFICATION.target
    save_with_history(round_, actor=actor, note=note)
    return round_


@transaction.atomic
def feedback_record_plan(
    *, actor, feedback_id: int, submitted_on: datetime.date, note: str = ""
) -> Feedback:
    """The unit handed in its rectification plan (整改方案) on ``submitted_on``."""
    feedback = lock_visible(visible(Feedback, actor).select_related("assignment"), feedback_id)
    authorize(actor, "feedback_record_plan", feedback)
    if feedback.plan_submitted_on:
        raise ConflictError(
            _("整改方案报送日期已登记为%(date)s，不能重复登记。")
            % {"date": f"{feedback.plan_submitted_on:%Y-%m-%d}"}
        )
    clean_date(
        submitted_on,
        field="plan_submitted_on",
        label=_("整改方案报送日期"),
        not_before=feedback.fed_back_on,
        not_before_label=_("反馈日期"),
    )
    feedback.plan_submitted_on = submitted_on
    save_with_history(feedback, actor=actor, note=note)
    return feedback


@transaction.atomic
def feedback_record_report(
    *, actor, feedback_id: int, submitted_on: datetime.date, note: str = ""
) -> Feedback:
    """The unit handed in its rectification report (整改报告) on ``submitted_on``."""
    feedback = lock_visible(visible(Feedback, actor).select_related("assignment"), feedback_id)
    authorize(actor, "feedback_record_report", feedback)
    if feedback.report_submitted_on:
        raise ConflictError(
            _("整改报告报送日期已登记为%(date)s，不能重复登记。")
            % {"date": f"{feedback.report_submitted_on:%Y-%m-%d}"}
        )
    earliest, earliest_label = (
        (feedback.plan_submitted_on, _("整改方案报送日期"))
        if feedback.plan_submitted_on
        else (feedback.fed_back_on, _("反馈日期"))
    )
    clean_date(
        submitted_on,
        field="report_submitted_on",
        label=_("整改报告报送日期"),
        not_before=earliest,
        not_before_label=earliest_label,
    )
    feedback.report_submitted_on = submitted_on
    save_with_history(feedback, actor=actor, note=note)
    return feedback


# --------------------------------------------------------------------------- the ledger


def _feedback(assignment: Assignment, fed_back_on: datetime.date, letter: str, actor) -> Feedback:
    return Feedback(
        assignment=assignment,
        fed_back_on=fed_back_on,
        letter=letter,
        plan_due_on=fed_back_on + datetime.timedelta(days=settings.INSPECTION_PLAN_DUE_DAYS),
        report_due_on=fed_back_on + datetime.timedelta(days=settings.INSPECTION_REPORT_DUE_DAYS),
        given_by=actor,
    )


def _build_ledger(problems, assignments, feedbacks, fed_back_on, *, actor, reason) -> list:
    """The ledger of ``problems`` from the assignments' 反馈问题 (``feedback_ledger``):
    one item per issue or per paper as the issue says, deadline from the settings, unit
    defaults; the plan (measures, responsible person …) is left for the unit. Returns
    the problems that went into the ledger: a paper left out (behind a sealed clue) is
    not among them and stays 已审签."""
    officers = officers_of_units(assignments)
    return build_ledger_items(
        problems,
        assignments,
        {feedback.assignment_id: feedback for feedback in feedbacks},
        fed_back_on,
        actor=actor,
        reason=reason,
        unit_of=lambda assignment: (*default_unit(assignment), officer_of(assignment, officers)),
    )


def default_unit(assignment: Assignment) -> tuple[str, str]:
    if assignment.village_id:
        return ResponsibleUnitKind.VILLAGE_PARTY, f"{assignment.village.name}党组织"
    return ResponsibleUnitKind.TOWN_PARTY, f"{assignment.town.name}党委"


def officers_of_units(assignments) -> dict[tuple[str, int], User]:
    """The first active rectification officer of each village and town (one query)."""
    village_ids = {a.village_id for a in assignments if a.village_id}
    town_ids = {a.town_id for a in assignments}
    officers = User.objects.filter(
        Q(village_id__in=village_ids) | Q(village__isnull=True, town_id__in=town_ids),
        role=UserRole.RECTIFICATION_OFFICER,
        is_active=True,
    ).order_by("pk")
    found: dict[tuple[str, int], User] = {}
    for officer in officers:
        unit = ("village", officer.village_id) if officer.village_id else ("town", officer.town_id)
        found.setdefault(unit, officer)
    return found


def officer_of(assignment: Assignment, officers) -> User | None:
    """The village's officer if it has one, else the town's."""
    if assignment.village_id and ("village", assignment.village_id) in officers:
        return officers["village", assignment.village_id]
    return officers.get(("town", assignment.town_id))
