"""Reads of confidential findings: every read of a clue is written to the access log."""

from dataclasses import dataclass

from findings.models import Clue, ClueSubject
from findings.permissions import sees_clue_subjects
from inspection.audit import confidential_get
from inspection.permissions import mask_name, visible


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
