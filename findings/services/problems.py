"""Problems found (发现问题): recorded by the team, edited while draft, confirmed by the leader.

A problem is recorded on an assignment while the round is on site or reporting; it stays a
draft (草稿) the team may edit until the team leader confirms it (已核实). Confirmed
problems go into the ledger when the round reaches feedback (rectification's move).
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import (
    ROUND_STATUSES_OPEN_FOR_FINDINGS,
    ProblemNature,
    ProblemSource,
    ProblemStatus,
    Severity,
)
from findings.models import Problem, ProblemClass, ProblemEvidence
from findings.reporter import describe_traces, reporter_traces_in
from inspection.evidence import clean_evidence_files, save_evidence
from inspection.once import create_once, sent_before
from inspection.permissions import authorize, visible
from inspection.services.checks import (
    clean_amount,
    clean_choice,
    clean_text,
    refuse,
)
from inspection.workflow import Transition, lock_visible, require, require_status, save_with_history
from rounds.models import Assignment, Interview, Petition, SupervisionItem

PROBLEM_UPDATE = Transition(
    "problem_update", (ProblemStatus.DRAFT,), ProblemStatus.DRAFT, _lazy("修改")
)
PROBLEM_CONFIRM = Transition(
    "problem_confirm", (ProblemStatus.DRAFT,), ProblemStatus.CONFIRMED, _lazy("核实")
)


class _Keep:
    """The value of a ``problem_update`` argument the caller leaves as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


def _supervision_item(inspection_round, item_id: int | None) -> SupervisionItem | None:
    """The item cited: one the round selected, if it selected any; else any active item."""
    if item_id is None:
        return None
    selected = inspection_round.supervision_items.all()
    if selected.exists():
        item = selected.filter(pk=item_id).first()
        if item is None:
            raise refuse(
                _("所选监督重点不在本轮次选定的监督重点清单中。"), field="supervision_item"
            )
        return item
    item = SupervisionItem.objects.filter(pk=item_id, is_active=True).first()
    if item is None:
        raise refuse(_("所选监督重点不存在或已停用。"), field="supervision_item")
    return item


def _problem_class(class_id: int | None) -> ProblemClass | None:
    """An active class whose aspect and focus are active too; None leaves a draft unclassified."""
    if class_id in (None, ""):
        return None
    problem_class = ProblemClass.objects.filter(
        pk=class_id, is_active=True, aspect__is_active=True, aspect__focus__is_active=True
    ).first()
    if problem_class is None:
        raise refuse(_("所选问题类别不存在或已停用。"), field="problem_class")
    return problem_class


def require_classified(problem: Problem) -> None:
    """A problem is confirmed only with its class (四个聚焦 → 方面 → 类) and its nature;
    the refusal names what is missing."""
    missing = [
        label
        for label, present in (
            (_("问题类别（四个聚焦 → 方面 → 类）"), problem.problem_class_id is not None),
            (_("问题性质"), bool(problem.nature)),
        )
        if not present
    ]
    require(
        not missing,
        _("核实前请先选定%(missing)s。") % {"missing": _("和").join(missing)},
        field="problem_class" if problem.problem_class_id is None else "nature",
    )


def _source_interview(assignment, interview_id: int | None) -> Interview | None:
    if interview_id is None:
        return None
    interview = Interview.objects.filter(pk=interview_id, assignment=assignment).first()
    if interview is None:
        raise refuse(_("所选谈话不属于本巡察对象。"), field="source_interview")
    return interview


def _source_petition(assignment, petition_id: int | None) -> Petition | None:
    """A petition of the same round, about this assignment or not yet about any."""
    if petition_id is None:
        return None
    petition = (
        Petition.objects.filter(pk=petition_id, round_id=assignment.round_id)
        .filter(Q(assignment__isnull=True) | Q(assignment=assignment))
        .first()
    )
    if petition is None:
        raise refuse(_("所选信访件不属于本轮次，或涉及其他巡察对象。"), field="source_petition")
    return petition


def _refuse_reporter_traces(facts: str, petition: Petition) -> None:
    """A problem made from a petition reaches the inspected unit after feedback: its facts
    may hold nothing that names or reaches the reporter (``findings.reporter``). The actor
    reads the petition (its team or the office), so the message may say what to remove."""
    traces = reporter_traces_in(facts, petition)
    if traces:
        raise refuse(
            _(
                "问题描述中仍有信访反映人的身份或联系方式：%(traces)s。问题反馈后被巡察单位"
                "可以看到问题描述，请删除这些内容（可写作“反映人”）后再保存。"
            )
            % {"traces": describe_traces(traces)},
            field="facts",
        )


def fill_problem(
    problem: Problem,
    *,
    assignment: Assignment,
    facts: str,
    source: str,
    problem_class_id: int | None = None,
    nature: str = "",
    supervision_item_id: int | None = None,
    amount: Decimal | int | str | None = 0,
    severity: str = Severity.MINOR,
    is_common: bool = False,
    fix_immediately: bool = False,
    source_interview_id: int | None = None,
    source_petition_id: int | None = None,
) -> Problem:
    """Check the fields of a problem on ``assignment`` and set them (without saving).

    The facts of a problem made from a petition are refused while they still name or reach
    the petition's reporter.
    """
    problem.problem_class = _problem_class(problem_class_id)
    problem.nature = (
        clean_choice(nature, ProblemNature, field="nature", label=_("问题性质")) if nature else ""
    )
    problem.facts = clean_text(facts, field="facts", label=_("问题描述"))
    problem.source = clean_choice(source, ProblemSource, field="source", label=_("问题来源"))
    problem.severity = clean_choice(severity, Severity, field="severity", label=_("严重程度"))
    problem.amount = clean_amount(amount, field="amount", label=_("涉及金额"))
    problem.supervision_item = _supervision_item(assignment.round, supervision_item_id)
    problem.source_interview = _source_interview(assignment, source_interview_id)
    problem.source_petition = _source_petition(assignment, source_petition_id)
    if problem.source_petition is not None:
        _refuse_reporter_traces(problem.facts, problem.source_petition)
    problem.is_common = bool(is_common)
    problem.fix_immediately = bool(fix_immediately)
    return problem


@transaction.atomic
def problem_record(
    *,
    actor,
    assignment_id: int,
    facts: str,
    source: str,
    problem_class_id: int | None = None,
    nature: str = "",
    supervision_item_id: int | None = None,
    amount: Decimal | int | str | None = 0,
    severity: str = Severity.MINOR,
    is_common: bool = False,
    fix_immediately: bool = False,
    source_interview_id: int | None = None,
    source_petition_id: int | None = None,
    evidence: Sequence = (),
    note: str = "",
    submission_token: str | None = None,
) -> Problem:
    """Record a draft problem on an assignment of the actor's team (round on site or
    reporting), with its ``evidence`` files (photos, documents) if any. A
    ``submission_token`` already used by the actor answers the problem it recorded."""
    earlier = sent_before(Problem, submission_token, actor=actor, by="recorded_by")
    if earlier is not None:
        return earlier
    assignment = lock_visible(visible(Assignment, actor), assignment_id)
    authorize(actor, "problem_record", assignment)
    require_status(assignment.round, ROUND_STATUSES_OPEN_FOR_FINDINGS, _("记录问题"))
    files = clean_evidence_files(evidence)
    problem = fill_problem(
        Problem(
            assignment=assignment,
            recorded_by=actor,
            status=ProblemStatus.DRAFT,
            submission_token=submission_token or None,
        ),
        assignment=assignment,
        facts=facts,
        source=source,
        problem_class_id=problem_class_id,
        nature=nature,
        supervision_item_id=supervision_item_id,
        amount=amount,
        severity=severity,
        is_common=is_common,
        fix_immediately=fix_immediately,
        source_interview_id=source_interview_id,
        source_petition_id=source_petition_id,
    )

    def create() -> Problem:
        save_with_history(problem, actor=actor, note=note)
        return problem

    saved = create_once(Problem, submission_token, actor=actor, by="recorded_by", create=create)
    if saved is problem:  # not the record of a simultaneous sending of the same form
        save_evidence(ProblemEvidence, files, actor=actor, problem=problem)
    return saved


@transaction.atomic
def problem_update(
    *,
    actor,
    problem_id: int,
    problem_class_id: int | None = KEEP,
    nature: str = KEEP,
    facts: str = KEEP,
    source: str = KEEP,
    supervision_item_id: int | None = KEEP,
    amount: Decimal | int | str | None = KEEP,
    severity: str = KEEP,
    is_common: bool = KEEP,
    fix_immediately: bool = KEEP,
    source_interview_id: int | None = KEEP,
    source_petition_id: int | None = KEEP,
    note: str = "",
) -> Problem:
    """Change a draft problem; arguments left out (``KEEP``) keep their value.

    Every field is checked again, as when recording, so a draft never holds a value the
    round no longer accepts. A source petition, once set, is kept.
    """
    problem = lock_visible(visible(Problem, actor), problem_id)
    authorize(actor, "problem_update", problem)
    PROBLEM_UPDATE.check(problem)
    assignment = problem.assignment
    require_status(assignment.round, ROUND_STATUSES_OPEN_FOR_FINDINGS, _("修改问题"))
    given = {
        "problem_class_id": problem_class_id,
        "nature": nature,
        "facts": facts,
        "source": source,
        "supervision_item_id": supervision_item_id,
        "amount": amount,
        "severity": severity,
        "is_common": is_common,
        "fix_immediately": fix_immediately,
        "source_interview_id": source_interview_id,
        "source_petition_id": source_petition_id,
    }
    current = {name: getattr(problem, name) for name in given}
    # A problem made from a petition (转为问题, or recorded citing one) keeps that link:
    # unlinked, its facts would no longer be checked for that petition's reporter.
    require(
        problem.source_petition_id is None
        or source_petition_id is KEEP
        or source_petition_id == problem.source_petition_id,
        _(
            "该问题来源于信访件，不能取消或更换来源信访件：问题描述须始终隐去该信访件"
            "反映人的信息。如关联有误，请另行记录问题。"
        ),
        field="source_petition",
    )
    values = current | {name: value for name, value in given.items() if value is not KEEP}
    fill_problem(problem, assignment=assignment, **values)
    save_with_history(problem, actor=actor, note=note)
    return problem


@transaction.atomic
def problem_confirm(*, actor, problem_id: int, note: str = "") -> Problem:
    """The team leader confirms a draft problem (草稿 → 已核实), classified (its class and
    nature: ``require_classified``)."""
    problem = lock_visible(visible(Problem, actor), problem_id)
    authorize(actor, "problem_confirm", problem)
    PROBLEM_CONFIRM.check(problem)
    require_classified(problem)
    require_status(problem.assignment.round, ROUND_STATUSES_OPEN_FOR_FINDINGS, _("核实问题"))
    problem.status = PROBLEM_CONFIRM.target
    problem.confirmed_by = actor
    problem.confirmed_at = timezone.now()
    save_with_history(problem, actor=actor, note=note)
    return problem
