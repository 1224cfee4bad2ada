"""巡察反馈, batch by batch: feedback builds the ledger; the unit's plan and report dates.

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

from findings.choices import ProblemStatus
from findings.models import Problem
from inspection.choices import UserRole
from inspection.errors import ConflictError
from inspection.evidence import clean_evidence_files, safe_name
from inspection.files import written_in_transaction
from inspection.models import User, history_attrs
from inspection.permissions import authorize, visible
from inspection.workflow import Transition, lock_visible, require, save_with_history
from rectification.choices import ResponsibleUnitKind
from rectification.models import Feedback, FeedbackBatch
from rectification.services.feedback_checks import (
    FEEDBACK_PROBLEM_STATUSES,
    feedback_refusals,
)
from rectification.services.feedback_ledger import build_ledger_items
from rounds.choices import RoundStatus
from rounds.models import Assignment, InspectionRound

# Feedback is given batch by batch (集中反馈): the first batch moves the round from
# reporting to feedback, later ones find it there. Rectification starts once every
# organisation of the round was fed back, so no batch follows it.
GIVE_FEEDBACK = Transition(
    "feedback_batch_give",
    (RoundStatus.REPORTING, RoundStatus.FEEDBACK),
    RoundStatus.FEEDBACK,
    _lazy("反馈"),
)
START_RECTIFICATION = Transition(
    "round_start_rectification",
    (RoundStatus.FEEDBACK,),
    RoundStatus.RECTIFICATION,
    _lazy("进入整改阶段"),
)


@transaction.atomic
def feedback_batch_give(
    *,
    actor,
    round_id: int,
    assignment_ids: Sequence[int],
    fed_back_on: datetime.date,
    place: str = "",
    chair: str = "",
    members_present: str = "",
    attendance: str = "",
    statement_file=None,
    letter: str = "",
    letters: Mapping[int, str] | None = None,
    note: str = "",
) -> FeedbackBatch:
    """反馈 to a batch: one 反馈会 (the batch) and a Feedback per chosen organisation; each
    signed problem of theirs fed back and put in the ledger.

    Each organisation must belong to the round, not be fed back yet, have its papers all
    signed and its report heard by the 书记专题会; the first refusal refuses the batch and
    nothing is saved. A draft in one village blocks that village only. ``letter`` is the
    feedback letter for every organisation, ``letters`` (assignment id → text) overrides
    it per organisation. Due dates and deadlines follow this batch's date, computed from
    the settings *now* and stored. The number of queries grows with neither the number
    of organisations nor of problems (bulk writes, with their history rows).
    """
    round_ = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "feedback_batch_give", round_)
    GIVE_FEEDBACK.check(round_)

    # An id no row can have (not a number, beyond the column) is simply not of the round.
    chosen = {int(pk) for pk in assignment_ids or () if str(pk).isdigit() and int(pk) < 2**63}
    assignments = list(
        Assignment.objects.select_for_update(of=("self",))
        .filter(round=round_, pk__in=chosen)
        .select_related("town", "village")
        .order_by("pk")
    )
    refusals = feedback_refusals(
        inspection_round=round_,
        assignments=assignments,
        fed_back_on=fed_back_on,
        letters=letters,
        chosen_ids=list(assignment_ids or ()),
    )
    if refusals:
        raise refusals[0]
    statement = clean_evidence_files([statement_file], field="statement_file")
    letters = dict(letters or {})
    reason = note[:100]

    batch = FeedbackBatch(
        round=round_,
        fed_back_on=fed_back_on,
        place=place.strip(),
        chair=chair.strip(),
        members_present=members_present.strip(),
        attendance=attendance.strip(),
        note=note,
        given_by=actor,
    )
    if statement:
        batch.statement_file.save(safe_name(statement[0].name), statement[0], save=False)
        written_in_transaction(batch.statement_file)
    save_with_history(batch, actor=actor, note=note)
    feedbacks = bulk_create_with_history(
        [_feedback(a, batch, letters.get(a.pk, letter), actor) for a in assignments],
        Feedback,
        default_user=actor,
        custom_historical_attrs=history_attrs(actor),
        default_change_reason=reason,
    )
    problems = list(
        Problem.objects.select_for_update(of=("self",))
        .filter(assignment__in=assignments, status__in=FEEDBACK_PROBLEM_STATUSES)
        .order_by("pk")
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

    if round_.status != GIVE_FEEDBACK.target:
        round_.status = GIVE_FEEDBACK.target
        save_with_history(round_, actor=actor, note=note)
    return batch


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
    """反馈 to every organisation of the round not yet fed back, in one batch
    (``feedback_batch_give``); the round, moved to feedback."""
    round_ = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "round_give_feedback", round_)
    GIVE_FEEDBACK.check(round_)
    remaining = list(
        round_.assignments.filter(feedback__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    require(round_.assignments.exists(), _("本轮次没有巡察对象，不能反馈。"), field="round")
    if not remaining:
        raise ConflictError(_("本轮次的巡察对象均已反馈，不能重复反馈。"))
    feedback_batch_give(
        actor=actor,
        round_id=round_.pk,
        assignment_ids=remaining,
        fed_back_on=fed_back_on,
        letter=letter,
        letters=letters,
        note=note,
    )
    round_.refresh_from_db()
    return round_


@transaction.atomic
def round_start_rectification(*, actor, round_id: int, note: str = "") -> InspectionRound:
    """整改: the round moves from feedback to rectification, once every organisation of it
    was fed back (a batch still to come would find its ledger opened under it)."""
    round_ = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "round_start_rectification", round_)
    START_RECTIFICATION.check(round_)
    waiting = round_.assignments.filter(feedback__isnull=True).count()
    require(
        not waiting,
        _("本轮次还有%(n)s个巡察对象未反馈，全部反馈后才能进入整改阶段。") % {"n": waiting},
        field="round",
    )
    round_.status = START_RECTIFICATION.target
    save_with_history(round_, actor=actor, note=note)
    return round_


# --------------------------------------------------------------------------- the ledger


def _feedback(assignment: Assignment, batch: FeedbackBatch, letter: str, actor) -> Feedback:
    fed_back_on = batch.fed_back_on
    return Feedback(
        assignment=assignment,
        batch=batch,
        fed_back_on=fed_back_on,
        letter=letter,
        plan_due_on=fed_back_on + datetime.timedelta(days=settings.INSPECTION_PLAN_DUE_DAYS),
        report_due_on=fed_back_on + datetime.timedelta(days=settings.INSPECTION_REPORT_DUE_DAYS),
        head_report_due_on=fed_back_on
        + datetime.timedelta(days=settings.INSPECTION_HEAD_REPORT_DUE_DAYS),
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
