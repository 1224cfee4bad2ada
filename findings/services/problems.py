"""Problems found (发现问题 = 问题底稿): recorded by the team, edited while draft.

A problem is recorded on an assignment while the round is on site or reporting, numbered
at once (三组-戴桥村-007: the team, the village, the order recorded on that assignment);
it stays a draft (草稿) the team may edit until a member submits it for the three
signatures (``findings.services.signatures``). Signed problems go into the ledger when the
round reaches feedback (rectification's move).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import (
    ROUND_STATUSES_OPEN_FOR_FINDINGS,
    ProblemNature,
    ProblemSource,
    ProblemStatus,
    Severity,
)
from findings.models import Problem, ProblemBasis, ProblemClass, ProblemEvidence
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
from rounds.models import Activity, Assignment, Interview, Petition, SupervisionItem
from rounds.models.rounds import chinese_ordinal

PROBLEM_UPDATE = Transition(
    "problem_update", (ProblemStatus.DRAFT,), ProblemStatus.DRAFT, _lazy("修改")
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
    """A problem is submitted and signed only with its class (四个聚焦 → 方面 → 类) and its nature;
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
        _("审签前请先选定%(missing)s。") % {"missing": _("和").join(missing)},
        field="problem_class" if problem.problem_class_id is None else "nature",
    )


def _ids(values: Iterable[int] | None) -> set[int]:
    return {int(value) for value in values or ()}


def _linked_interviews(assignment, ids: set[int]) -> list[Interview]:
    found = list(Interview.objects.filter(pk__in=ids, assignment=assignment).order_by("pk"))
    require(len(found) == len(ids), _("所选谈话不属于本巡察对象。"), field="interviews")
    return found


def _linked_activities(assignment, ids: set[int]) -> list[Activity]:
    found = list(Activity.objects.filter(pk__in=ids, assignment=assignment).order_by("pk"))
    require(len(found) == len(ids), _("所选活动不属于本巡察对象。"), field="activities")
    return found


def _linked_petitions(assignment, ids: set[int]) -> list[Petition]:
    """Petitions of the same round, about this assignment or not yet about any."""
    found = list(
        Petition.objects.filter(pk__in=ids, round_id=assignment.round_id)
        .filter(Q(assignment__isnull=True) | Q(assignment=assignment))
        .order_by("pk")
    )
    require(
        len(found) == len(ids),
        _("所选信访件不属于本轮次，或涉及其他巡察对象。"),
        field="petitions",
    )
    return found


def _basis(basis_id: int | None) -> ProblemBasis | None:
    if basis_id is None:
        return None
    basis = ProblemBasis.objects.filter(pk=basis_id, is_active=True).first()
    if basis is None:
        raise refuse(_("所选定性依据不存在或已停用。"), field="basis")
    return basis


@dataclass(frozen=True)
class ProblemLinks:
    """The records a paper was found through; set on the paper once it is saved."""

    interviews: list
    activities: list
    petitions: list

    def apply(self, problem: Problem) -> None:
        problem.interviews.set(self.interviews)
        problem.activities.set(self.activities)
        problem.petitions.set(self.petitions)


def problem_number(assignment: Assignment, sequence: int) -> str:
    """三组-戴桥村-007: the team, the inspected village (or town committee), the order."""
    team = chinese_ordinal(assignment.team.number)
    return f"{team}组-{assignment.target_name}-{sequence:03d}"


def number_problem(problem: Problem, assignment: Assignment) -> None:
    """Give a new paper the next number of its assignment. The assignment row is locked
    first, so two papers recorded at once on one village get two numbers, in turn. A paper
    is numbered by its team: an assignment no team has yet takes none."""
    require(
        assignment.team_id is not None,
        _("该巡察对象尚未安排巡察组，不能记录问题底稿（底稿按巡察组编号）。"),
        field="assignment",
    )
    Assignment.objects.select_for_update().filter(pk=assignment.pk).exists()
    last = Problem.objects.filter(assignment=assignment).aggregate(last=Max("sequence"))["last"]
    problem.sequence = (last or 0) + 1
    problem.number = problem_number(assignment, problem.sequence)


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
    title: str = "",
    supervision_item_id: int | None = None,
    amount: Decimal | int | str | None = 0,
    severity: str = Severity.MINOR,
    is_common: bool = False,
    fix_immediately: bool = False,
    interview_ids: Iterable[int] = (),
    activity_ids: Iterable[int] = (),
    petition_ids: Iterable[int] = (),
    occurred_period: str = "",
    occurred_place: str = "",
    responsible_post: str = "",
    responsible_name: str = "",
    basis_id: int | None = None,
    basis_text: str = "",
) -> ProblemLinks:
    """Check the fields of a paper on ``assignment`` and set them (without saving); answer
    the links to set once it is saved.

    The facts are refused while they still name or reach the reporter of any linked
    petition. The responsible person's name is not masked: it is the cadre the finding is
    about, and it reaches the unit with the feedback, as the ledger's 责任人 does.
    """
    problem.title = clean_text(
        title, field="title", label=_("标题"), max_length=100, required=False
    )
    problem.problem_class = _problem_class(problem_class_id)
    problem.nature = (
        clean_choice(nature, ProblemNature, field="nature", label=_("问题性质")) if nature else ""
    )
    problem.facts = clean_text(facts, field="facts", label=_("问题描述"))
    problem.source = clean_choice(source, ProblemSource, field="source", label=_("问题来源"))
    problem.severity = clean_choice(severity, Severity, field="severity", label=_("严重程度"))
    problem.amount = clean_amount(amount, field="amount", label=_("涉及金额"))
    problem.supervision_item = _supervision_item(assignment.round, supervision_item_id)
    texts = {
        "occurred_period": (occurred_period, _("问题发生时间"), 50),
        "occurred_place": (occurred_place, _("问题发生地点"), 100),
        "responsible_post": (responsible_post, _("责任主体"), 50),
        "responsible_name": (responsible_name, _("责任人姓名"), 50),
    }
    for name, (value, label, limit) in texts.items():
        text = clean_text(value, field=name, label=label, max_length=limit, required=False)
        setattr(problem, name, text)
    problem.basis = _basis(basis_id)
    problem.basis_text = clean_text(
        basis_text, field="basis_text", label=_("定性依据"), required=False
    )
    links = ProblemLinks(
        interviews=_linked_interviews(assignment, _ids(interview_ids)),
        activities=_linked_activities(assignment, _ids(activity_ids)),
        petitions=_linked_petitions(assignment, _ids(petition_ids)),
    )
    for petition in links.petitions:
        _refuse_reporter_traces(problem.facts, petition)
    problem.is_common = bool(is_common)
    problem.fix_immediately = bool(fix_immediately)
    return links


@transaction.atomic
def problem_record(
    *,
    actor,
    assignment_id: int,
    facts: str,
    source: str,
    evidence: Sequence = (),
    note: str = "",
    submission_token: str | None = None,
    **fields: Any,
) -> Problem:
    """Record a draft paper on an assignment of the actor's team (round on site or
    reporting), numbered in turn, with its ``evidence`` files (photos, documents) if any;
    ``fields`` are ``fill_problem``'s. A ``submission_token`` already used by the actor
    answers the problem it recorded."""
    earlier = sent_before(Problem, submission_token, actor=actor, by="recorded_by")
    if earlier is not None:
        return earlier
    assignment = lock_visible(visible(Assignment, actor), assignment_id)
    authorize(actor, "problem_record", assignment)
    require_status(assignment.round, ROUND_STATUSES_OPEN_FOR_FINDINGS, _("记录问题"))
    files = clean_evidence_files(evidence)
    problem = Problem(
        assignment=assignment,
        recorded_by=actor,
        status=ProblemStatus.DRAFT,
        submission_token=submission_token or None,
    )
    links = fill_problem(problem, assignment=assignment, facts=facts, source=source, **fields)

    def create() -> Problem:
        number_problem(problem, assignment)
        save_with_history(problem, actor=actor, note=note)
        links.apply(problem)
        return problem

    saved = create_once(Problem, submission_token, actor=actor, by="recorded_by", create=create)
    if saved is problem:  # not the record of a simultaneous sending of the same form
        save_evidence(ProblemEvidence, files, actor=actor, problem=problem)
    return saved


# The fields of a paper ``problem_update`` changes (the links are given as id lists).
EDITABLE_FIELDS = (
    "title",
    "problem_class_id",
    "nature",
    "facts",
    "source",
    "supervision_item_id",
    "amount",
    "severity",
    "is_common",
    "fix_immediately",
    "occurred_period",
    "occurred_place",
    "responsible_post",
    "responsible_name",
    "basis_id",
    "basis_text",
)
# A paper's links and the arguments that set them (lists of ids).
LINKS = {"interviews": "interview_ids", "activities": "activity_ids", "petitions": "petition_ids"}


@transaction.atomic
def problem_update(*, actor, problem_id: int, note: str = "", **given: Any) -> Problem:
    """Change a draft paper: ``given`` holds any of ``EDITABLE_FIELDS`` and the link lists
    (``interview_ids``, ``activity_ids``, ``petition_ids``); what is left out, or given as
    ``KEEP``, keeps its value.

    Every field is checked again, as when recording, so a draft never holds a value the
    round no longer accepts. A linked petition, once linked, stays linked. Only a draft
    (a new one, or one returned with a reason) is edited: a paper under signature is
    returned first.
    """
    unknown = set(given) - set(EDITABLE_FIELDS) - set(LINKS.values())
    if unknown:
        raise TypeError(f"problem_update() got unexpected arguments {sorted(unknown)}")
    problem = lock_visible(visible(Problem, actor), problem_id)
    authorize(actor, "problem_update", problem)
    PROBLEM_UPDATE.check(problem)
    assignment = problem.assignment
    require_status(assignment.round, ROUND_STATUSES_OPEN_FOR_FINDINGS, _("修改问题"))
    current: dict[str, Any] = {name: getattr(problem, name) for name in EDITABLE_FIELDS}
    for relation, argument in LINKS.items():
        current[argument] = list(getattr(problem, relation).values_list("pk", flat=True))
    kept_petitions = set(current["petition_ids"])
    values = current | {name: value for name, value in given.items() if value is not KEEP}
    # A problem made from a petition (转为问题, or recorded citing one) keeps that link:
    # unlinked, its facts would no longer be checked for that petition's reporter.
    require(
        kept_petitions <= _ids(values["petition_ids"]),
        _(
            "该问题来源于信访件，不能取消已关联的信访件：问题描述须始终隐去该信访件"
            "反映人的信息。如关联有误，请另行记录问题。"
        ),
        field="petitions",
    )
    links = fill_problem(problem, assignment=assignment, **values)
    save_with_history(problem, actor=actor, note=note)
    links.apply(problem)
    return problem
