"""Disposing of a petition (信访件处置): it may become a problem or a clue, so it lives here.

已受理 received → 已处置 disposed, one of four ways: 转为问题 (a draft problem on the
petition's assignment, its facts confirmed by the team from a draft with the reporter
masked out), 转为线索 (a proposed clue; only a team leader proposes clues), 转交职能部门
(names the unit), 不予处理 (says why).
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import (
    ROUND_STATUSES_OPEN_FOR_FINDINGS,
    ProblemSource,
    ProblemStatus,
    Severity,
)
from findings.models import Problem
from findings.services.clues import new_clue
from findings.services.problems import fill_problem, number_problem
from inspection.errors import PermissionDeniedError
from inspection.permissions import authorize, is_inspector, visible
from inspection.services.checks import (
    clean_choice,
    clean_text,
    refuse,
)
from inspection.workflow import Transition, lock_visible, require, require_status, save_with_history
from rounds.choices import PetitionDisposition, PetitionStatus
from rounds.models import Assignment, Petition

PETITION_DISPOSE = Transition(
    "petition_dispose", (PetitionStatus.RECEIVED,), PetitionStatus.DISPOSED, _lazy("处置")
)


def _assignment_for(actor, petition: Petition, assignment_id: int | None) -> Assignment | None:
    """The petition's assignment; for a petition about no village yet, the one the actor
    names (an assignment of the same round within the actor's scope), if any."""
    if petition.assignment_id:
        if assignment_id is not None and assignment_id != petition.assignment_id:
            raise refuse(_("该信访件已涉及巡察对象，不能另选。"), field="assignment")
        return petition.assignment
    if assignment_id is None:
        return None
    assignment = (
        visible(Assignment, actor).filter(pk=assignment_id, round_id=petition.round_id).first()
    )
    if assignment is None:
        raise refuse(_("所选巡察对象不属于本轮次或不在您的范围内。"), field="assignment")
    return assignment


def _to_problem(
    actor, petition, assignment, *, problem_class_id, nature, facts, amount, note
) -> Problem:
    require(assignment is not None, _("转为问题须指明涉及的巡察对象。"), field="assignment")
    require_status(petition.round, ROUND_STATUSES_OPEN_FOR_FINDINGS, _("将信访件转为问题"))
    # Never the content as it stands: it names the reporter, and the problem's facts reach
    # the inspected unit. The leader confirms the masked draft (petition_problem_draft).
    require(
        bool((facts or "").strip()),
        _(
            "转为问题须提交组长确认过的问题描述：请以隐去反映人姓名和联系方式的草稿为基础，"
            "核对修改后提交。"
        ),
        field="facts",
    )
    problem = Problem(assignment=assignment, recorded_by=actor, status=ProblemStatus.DRAFT)
    links = fill_problem(
        problem,
        assignment=assignment,
        problem_class_id=problem_class_id,
        nature=nature,
        facts=facts,
        source=ProblemSource.PETITION,
        amount=amount,
        severity=Severity.MINOR,
        petition_ids=[petition.pk],
    )
    number_problem(problem, assignment)
    save_with_history(problem, actor=actor, note=note)
    links.apply(problem)
    return problem


@transaction.atomic
def petition_dispose(
    *,
    actor,
    petition_id: int,
    disposition: str,
    note: str = "",
    referred_to: str = "",
    assignment_id: int | None = None,
    problem_class_id: int | None = None,
    nature: str = "",
    facts: str = "",
    summary: str = "",
    subjects: Sequence[Mapping[str, str]] = (),
    amount: Decimal | int | str | None = 0,
) -> Petition:
    """Dispose of a received petition; ``note`` is kept as the disposition note.

    - 转为问题: ``facts``, the facts the leader confirmed from the masked draft
      (``findings.selectors.petition_problem_draft``): refused while they name or reach
      the reporter; ``problem_class_id`` and ``nature`` if known yet; needs an
      assignment: the petition's, or ``assignment_id`` if it names none;
    - 转为线索: ``summary`` and ``subjects`` (persons concerned), by a team leader;
    - 转交职能部门: ``referred_to``;
    - 不予处理: ``note``.

    The assignment named for a petition about no village becomes the petition's.
    """
    petition = lock_visible(visible(Petition, actor), petition_id)
    authorize(actor, "petition_dispose", petition)
    PETITION_DISPOSE.check(petition)
    disposition = clean_choice(
        disposition, PetitionDisposition, field="disposition", label=_("处置方式")
    )
    if disposition == PetitionDisposition.TO_CLUE and not is_inspector(actor):
        raise PermissionDeniedError(_("只有巡察组组长可以将信访件转为线索。"))
    assignment = _assignment_for(actor, petition, assignment_id)
    note = (note or "").strip()
    if disposition == PetitionDisposition.TO_PROBLEM:
        _to_problem(
            actor,
            petition,
            assignment,
            problem_class_id=problem_class_id,
            nature=nature,
            facts=facts,
            amount=amount,
            note=note,
        )
    elif disposition == PetitionDisposition.TO_CLUE:
        require_status(petition.round, ROUND_STATUSES_OPEN_FOR_FINDINGS, _("将信访件转为线索"))
        new_clue(
            actor=actor,
            inspection_round=petition.round,
            assignment=assignment,
            summary=summary,
            subjects=subjects,
            petitions=[petition],
            amount=amount,
            note=note,
        )
    elif disposition == PetitionDisposition.REFERRED:
        petition.referred_to = clean_text(
            referred_to, field="referred_to", label=_("转交单位"), max_length=100
        )
    else:
        clean_text(note, field="note", label=_("不予处理的理由"))
    petition.assignment = assignment
    petition.disposition = disposition
    petition.disposition_note = clean_text(note, field="note", label=_("处置说明"), required=False)
    petition.disposed_by = actor
    petition.disposed_at = timezone.now()
    petition.status = PETITION_DISPOSE.target
    save_with_history(petition, actor=actor, note=note)
    return petition
