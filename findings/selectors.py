"""Reads of findings: confidential clue reads (access-logged, names masked), the
"late result" rule (derived, never stored), and the masked draft of 转为问题."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from findings.choices import CLUE_STATUSES_RESULT_OWED
from findings.models import Clue, ClueSubject
from findings.permissions import sees_clue_subjects
from findings.reporter import Trace, mask_reporter_out, reporter_traces_in
from findings.services.petitions import PETITION_DISPOSE
from inspection.audit import confidential_get
from inspection.permissions import authorize, mask_name, mask_names_in, visible
from rounds.models import Petition
from rounds.selectors import petition_get_for_user


@dataclass(frozen=True)
class ClueSubjectView:
    """A person concerned as ``user`` may read it: masked (张**, no note) unless allowed.

    Not a model instance on purpose: a masked row can never be saved back.
    """

    id: int
    name: str
    post: str
    post_label: str
    unit: str
    note: str
    masked: bool


def clue_get_for_user(*, user, clue_id, request=None) -> Clue:
    """The clue ``clue_id`` if ``user`` may see it (access log: VIEW), else ``NotFoundError``
    (access log: REFUSED), answered alike whether it exists or not."""
    return confidential_get(
        model=Clue,
        user=user,
        pk=clue_id,
        detail="查看问题线索",
        request=request,
        queryset=visible(Clue, user).select_related("round", "assignment"),
    )


def clue_subjects_for_user(user, clue: Clue) -> list[ClueSubjectView]:
    """The persons concerned in ``clue``, names masked unless ``sees_clue_subjects``."""
    subjects = visible(ClueSubject, user).filter(clue=clue).order_by("id")
    masked = not sees_clue_subjects(user, clue)
    return [
        ClueSubjectView(
            id=subject.pk,
            name=mask_name(subject.name) if masked else subject.name,
            post=subject.post,
            post_label=str(subject.get_post_display()),
            unit=subject.unit,
            note="" if masked else subject.note,
            masked=masked,
        )
        for subject in subjects
    ]


def clue_summary_seen_by(user, clue: Clue) -> str:
    """The clue's summary as ``user`` may read it: for roles that see the persons concerned
    masked, their names are masked in the text too (summaries name them). Reads
    ``clue.subjects`` (prefetch it for lists)."""
    if sees_clue_subjects(user, clue):
        return clue.summary
    return mask_names_in(clue.summary, (subject.name for subject in clue.subjects.all()))


# ------------------------------------------------------------------ late results


def clue_late_condition(on: datetime.date | None = None) -> Q:
    """Late (逾期未反馈结果) on ``on`` (default today): the result is owed and its due date
    has passed. Derived, never stored."""
    on = timezone.localdate() if on is None else on
    return Q(status__in=CLUE_STATUSES_RESULT_OWED, result_due_on__lt=on)


def clue_is_late(clue: Clue, on: datetime.date | None = None) -> bool:
    """The Python twin of ``clue_late_condition`` for one clue."""
    on = timezone.localdate() if on is None else on
    return (
        clue.status in CLUE_STATUSES_RESULT_OWED
        and clue.result_due_on is not None
        and clue.result_due_on < on
    )


@dataclass(frozen=True)
class ProblemDraft:
    """What 转为问题 proposes to the team leader: the petition's content with its reporter
    taken out (``findings.reporter``), and what was taken out. Saved only once confirmed."""

    petition: Petition
    facts: str
    removed: list[Trace]


def petition_problem_draft(*, user, petition_id, request=None) -> ProblemDraft:
    """The draft facts of a problem made from petition ``petition_id``, for a user who may
    dispose of it (the read is access-logged: the answer is about a named reporter)."""
    petition = petition_get_for_user(user=user, petition_id=petition_id, request=request)
    authorize(user, "petition_dispose", petition)
    PETITION_DISPOSE.check(petition)
    return ProblemDraft(
        petition=petition,
        facts=mask_reporter_out(petition.content, petition),
        removed=reporter_traces_in(petition.content, petition),
    )
