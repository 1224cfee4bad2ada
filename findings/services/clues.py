"""Problem clues (问题线索) on the office side: proposed by a team leader, reviewed or
declined by the office (巡察办审核). The leading group's sign-off and the letter that
transfers them are ``findings.services.transfers``.

拟移交 proposed → 巡察办已审核 reviewed, or 拟移交 → 不予移交 declined.
Whoever proposed a clue cannot review it (separation of duties).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import (
    CLUE_RECEIVING_BODIES,
    PROBLEM_STATUSES_BEFORE_FEEDBACK,
    ROUND_STATUSES_OPEN_FOR_FINDINGS,
    ClueStatus,
    SubjectPost,
)
from findings.models import Clue, ClueSubject, Problem
from inspection.choices import ReceivingBody
from inspection.errors import PermissionDeniedError
from inspection.once import create_once, sent_before
from inspection.permissions import authorize, visible
from inspection.services.checks import (
    clean_amount,
    clean_choice,
    clean_text,
    refuse,
)
from inspection.workflow import Transition, lock_visible, require, require_status, save_with_history
from rounds.models import Assignment, Petition


@dataclass(frozen=True)
class ReviewTransition(Transition):
    """巡察办审核 from 拟移交; or again, while 巡察办已审核, of a clue that names no body: an
    approval made before the leading group's sign-off existed named none (findings 0013),
    and the sign-off asks for it. A clue reviewed with its body is reviewed once: of two
    reviews at once, the second finds it moved on."""

    def allows(self, obj) -> bool:
        return super().allows(obj) or (obj.status == ClueStatus.REVIEWED and not obj.receiving_body)

    def check(self, obj) -> None:
        if not self.allows(obj):
            super().check(obj)


CLUE_REVIEW = ReviewTransition(
    "clue_review", (ClueStatus.PROPOSED,), ClueStatus.REVIEWED, _lazy("巡察办审核")
)
CLUE_DECLINE = Transition(
    "clue_decline", (ClueStatus.PROPOSED,), ClueStatus.DECLINED, _lazy("不予移交")
)

SEPARATION_OF_DUTIES_MESSAGE = _lazy("提出该线索的人不能审核同一线索。")


def clean_receiving_body(value: str | None, *, field: str = "receiving_body") -> str:
    """纪委监委 or 组织部: a department receives 交办事项, never a clue."""
    body = clean_choice(value, ReceivingBody, field=field, label=_("受理机关"))
    require(
        body in CLUE_RECEIVING_BODIES,
        _("问题线索只移交纪委监委或组织部；职能部门的事项请作为交办事项办理。"),
        field=field,
    )
    return body


# A clue may draw on problems not yet fed back, signed or not.
PROBLEM_STATUSES_FOR_CLUES = PROBLEM_STATUSES_BEFORE_FEEDBACK


def _clean_subjects(subjects: Sequence[Mapping[str, str]]) -> list[ClueSubject]:
    """The persons concerned (被反映人), checked; at least one, each with a name and a post."""
    require(bool(subjects), _("请至少填写一名被反映人。"), field="subjects")
    cleaned = []
    for number, subject in enumerate(subjects, start=1):
        who = _("第%(number)s名被反映人") % {"number": number}
        name = clean_text(
            subject.get("name"),
            field="subjects",
            label=_("%(who)s的姓名") % {"who": who},
            max_length=50,
        )
        post = clean_choice(
            subject.get("post"),
            SubjectPost,
            field="subjects",
            label=_("%(who)s的职务") % {"who": who},
        )
        unit = clean_text(
            subject.get("unit"),
            field="subjects",
            label=_("%(who)s的单位") % {"who": who},
            max_length=100,
            required=False,
        )
        note = clean_text(
            subject.get("note"),
            field="subjects",
            label=_("%(who)s的备注") % {"who": who},
            max_length=200,
            required=False,
        )
        cleaned.append(ClueSubject(name=name, post=post, unit=unit, note=note))
    return cleaned


def new_clue(
    *,
    actor,
    inspection_round,
    assignment: Assignment | None,
    summary: str,
    subjects: Sequence[Mapping[str, str]],
    problems: Sequence[Problem] = (),
    petitions: Sequence[Petition] = (),
    amount: Decimal | int | str | None = 0,
    note: str = "",
    submission_token: str | None = None,
) -> Clue:
    """Create a proposed clue with its persons concerned and sources (one history row).

    The caller has checked the actor, the round and the sources.
    """
    clue = Clue(
        round=inspection_round,
        assignment=assignment,
        summary=clean_text(summary, field="summary", label=_("线索摘要")),
        amount=clean_amount(amount, field="amount", label=_("涉及金额")),
        status=ClueStatus.PROPOSED,
        proposed_by=actor,
        submission_token=submission_token or None,
    )
    people = _clean_subjects(subjects)

    def create() -> Clue:
        save_with_history(clue, actor=actor, note=note)
        for person in people:
            person.clue = clue
        ClueSubject.objects.bulk_create(people)
        clue.problems.set(problems)
        clue.petitions.set(petitions)
        return clue

    return create_once(Clue, submission_token, actor=actor, by="proposed_by", create=create)


def _sources(queryset, ids: Sequence[int], *, field: str, message: str) -> list:
    wanted = set(ids)
    found = list(queryset.filter(pk__in=wanted)) if wanted else []
    if len(found) != len(wanted):
        raise refuse(message, field=field)
    return found


@transaction.atomic
def clue_propose(
    *,
    actor,
    assignment_id: int,
    summary: str,
    subjects: Sequence[Mapping[str, str]],
    problem_ids: Sequence[int] = (),
    petition_ids: Sequence[int] = (),
    amount: Decimal | int | str | None = 0,
    note: str = "",
    submission_token: str | None = None,
) -> Clue:
    """The leader of the assignment's team proposes a clue from problems and/or petitions
    of the same round (round on site or reporting). A ``submission_token`` already used
    by the actor answers the clue it proposed."""
    earlier = sent_before(Clue, submission_token, actor=actor, by="proposed_by")
    if earlier is not None:
        return earlier
    assignment = lock_visible(visible(Assignment, actor), assignment_id)
    authorize(actor, "clue_propose", assignment)
    require_status(assignment.round, ROUND_STATUSES_OPEN_FOR_FINDINGS, _("提出问题线索"))
    problems = _sources(
        visible(Problem, actor).filter(
            assignment__round_id=assignment.round_id, status__in=PROBLEM_STATUSES_FOR_CLUES
        ),
        problem_ids,
        field="problem_ids",
        message=_("所选问题不存在、不属于本轮次或已反馈。"),
    )
    petitions = _sources(
        visible(Petition, actor).filter(round_id=assignment.round_id),
        petition_ids,
        field="petition_ids",
        message=_("所选信访件不存在或不属于本轮次。"),
    )
    require(bool(problems or petitions), _("请至少选择一个来源问题或信访件。"), field="problem_ids")
    return new_clue(
        actor=actor,
        inspection_round=assignment.round,
        assignment=assignment,
        summary=summary,
        subjects=subjects,
        problems=problems,
        petitions=petitions,
        amount=amount,
        note=note,
        submission_token=submission_token,
    )


@transaction.atomic
def clue_review(
    *, actor, clue_id: int, receiving_body: str, opinion: str = "", note: str = ""
) -> Clue:
    """巡察办审核: the office passes a proposed clue on to the leading group, naming the body
    it is to go to (纪委监委 or 组织部, 干部管理权限); never the one who proposed it."""
    clue = lock_visible(visible(Clue, actor), clue_id)
    if clue.proposed_by_id == actor.pk:
        raise PermissionDeniedError(SEPARATION_OF_DUTIES_MESSAGE)
    authorize(actor, "clue_review", clue)
    CLUE_REVIEW.check(clue)
    clue.receiving_body = clean_receiving_body(receiving_body)
    clue.review_opinion = clean_text(
        opinion, field="opinion", label=_("审核意见"), required=False, max_length=2000
    )
    clue.status = CLUE_REVIEW.target
    clue.approved_by = actor
    clue.approved_at = timezone.now()
    save_with_history(clue, actor=actor, note=note)
    return clue


@transaction.atomic
def clue_decline(*, actor, clue_id: int, reason: str, note: str = "") -> Clue:
    """The office declines to transfer a proposed clue, giving its reason."""
    clue = lock_visible(visible(Clue, actor), clue_id)
    authorize(actor, "clue_decline", clue)
    CLUE_DECLINE.check(clue)
    clue.decline_reason = clean_text(reason, field="reason", label=_("不予移交理由"))
    clue.status = CLUE_DECLINE.target
    save_with_history(clue, actor=actor, note=note)
    return clue
