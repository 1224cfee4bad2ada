"""Reads of findings: confidential clue reads (access-logged; names and texts as the
confidentiality policy lets the viewer read them), clue search, the "late result"
rule (derived, never stored), and the masked draft of 转为问题."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext

from findings.choices import CLUE_STATUSES_RESULT_OWED, ClueStatus
from findings.models import Clue, ClueSubject
from findings.permissions import sees_clue_subjects
from findings.reporter import Trace, mask_reporter_out, reporter_traces_in
from findings.services.petitions import PETITION_DISPOSE
from inspection.audit import confidential_get
from inspection.confidentiality import (
    Hidden,
    hidden_for,
    mask_text,
    note_for,
    reads_names,
    text_for,
)
from inspection.permissions import authorize, mask_name, visible
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
    outcome: "PersonOutcomeView | None" = None


@dataclass(frozen=True)
class PersonOutcomeView:
    """A person's outcome once the clue is concluded: each measure as its label ("" for
    none); read by whoever reads the clue, beside the name as they may read it."""

    case_filed: bool
    party_sanction: str
    party_sanction_label: str
    government_sanction: str
    government_sanction_label: str
    sanction_unsplit: bool
    organisational: str
    organisational_label: str
    admonition: str
    admonition_label: str
    to_judiciary: bool

    @classmethod
    def of(cls, subject: ClueSubject) -> "PersonOutcomeView":
        def label(field: str) -> str:
            return (
                str(getattr(subject, f"get_{field}_display")()) if getattr(subject, field) else ""
            )

        return cls(
            case_filed=subject.case_filed,
            party_sanction=subject.party_sanction,
            party_sanction_label=label("party_sanction"),
            government_sanction=subject.government_sanction,
            government_sanction_label=label("government_sanction"),
            sanction_unsplit=subject.sanction_unsplit,
            organisational=subject.organisational,
            organisational_label=label("organisational"),
            admonition=subject.admonition,
            admonition_label=label("admonition"),
            to_judiciary=subject.to_judiciary,
        )

    @property
    def measures(self) -> list[str]:
        """What befell the person, in words (empty: nothing)."""
        words = [gettext("立案")] if self.case_filed else []
        if self.party_sanction:
            words.append(gettext("党纪处分：%(form)s") % {"form": self.party_sanction_label})
        if self.government_sanction:
            words.append(gettext("政务处分：%(form)s") % {"form": self.government_sanction_label})
        if self.sanction_unsplit:
            words.append(gettext("党纪政务处分（原登记未区分）"))
        if self.organisational:
            words.append(gettext("组织处理：%(form)s") % {"form": self.organisational_label})
        if self.admonition:
            words.append(self.admonition_label)
        if self.to_judiciary:
            words.append(gettext("移送司法"))
        return words

    @property
    def text(self) -> str:
        """The measures in one line, or 无处理."""
        return gettext("、").join(self.measures) or gettext("无处理")


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


def _subject_views(
    subjects, masked: bool, hidden: Hidden | None, concluded: bool = False
) -> list[ClueSubjectView]:
    """``hidden``: what of the clue the viewer may not read, ``None`` if they read all of
    it. A note or unit is free text someone typed about the person (it may quote the
    reporter, "柏永康称…"): masked like the clue's summary for whoever does not read every
    name the clue holds, even when they read the persons concerned (the liaison)."""

    def free(text: str) -> str:
        return text if hidden is None else mask_text(text, hidden.names, hidden.contacts)

    return [
        ClueSubjectView(
            id=subject.pk,
            name=mask_name(subject.name) if masked else subject.name,
            post=subject.post,
            post_label=str(subject.get_post_display()),
            unit=free(subject.unit),
            note="" if masked else free(subject.note),
            masked=masked,
            outcome=PersonOutcomeView.of(subject) if concluded else None,
        )
        for subject in subjects
    ]


def _clue_hidden(user, clue: Clue) -> Hidden | None:
    """``None`` if ``user`` reads every name of ``clue``, else what they may not read
    (reads ``clue.subjects`` and ``clue.petitions``: ``clue_text_prefetches`` for lists)."""
    return None if reads_names(user, clue) else hidden_for(user, clue)


def clue_subjects_seen_by(user, clue: Clue, sees: bool | None = None) -> list[ClueSubjectView]:
    """The persons concerned of a clue ``user`` sees (``clue.subjects`` and
    ``clue.petitions``: ``clue_text_prefetches`` for lists) as they may read them: 张** and
    no note unless ``sees_clue_subjects``; note and unit masked unless the user reads every
    name of the clue. ``sees``: ``sees_clue_subjects(user, clue)`` when the caller has it
    already."""
    masked = not (sees_clue_subjects(user, clue) if sees is None else sees)
    subjects = sorted(clue.subjects.all(), key=lambda s: s.pk)
    return _subject_views(
        subjects, masked, _clue_hidden(user, clue), clue.status == ClueStatus.CONCLUDED
    )


def clue_subjects_for_user(user, clue: Clue) -> list[ClueSubjectView]:
    """The persons concerned in ``clue`` (none outside the user's scope), names masked
    unless ``sees_clue_subjects``, note and unit as in ``clue_subjects_seen_by``."""
    subjects = visible(ClueSubject, user).filter(clue=clue).order_by("id")
    return _subject_views(
        subjects,
        not sees_clue_subjects(user, clue),
        _clue_hidden(user, clue),
        clue.status == ClueStatus.CONCLUDED,
    )


@dataclass(frozen=True)
class ClueText:
    """A clue's free text as one viewer may read it (``inspection.confidentiality``):
    the persons concerned, the quoted reporters and every number masked unless the viewer
    reads them. Reads ``clue.subjects`` and ``clue.petitions`` (prefetch them, the
    petitions with their assignment, for lists)."""

    summary: str
    outcome_note: str
    decline_reason: str
    review_opinion: str
    sign_off_opinion: str
    masked: bool

    @classmethod
    def of(cls, user, clue: Clue) -> "ClueText":
        hidden = hidden_for(user, clue)
        return cls(
            summary=text_for(user, clue, "summary", hidden=hidden),
            outcome_note=text_for(user, clue, "outcome_note", hidden=hidden),
            decline_reason=text_for(user, clue, "decline_reason", hidden=hidden),
            review_opinion=text_for(user, clue, "review_opinion", hidden=hidden),
            sign_off_opinion=text_for(user, clue, "sign_off_opinion", hidden=hidden),
            masked=not reads_names(user, clue),
        )


def clue_text_prefetches() -> tuple[Prefetch, Prefetch]:
    """What ``ClueText.of`` reads, for ``prefetch_related`` on a list of clues."""
    return (
        Prefetch("subjects", ClueSubject.objects.order_by("id")),
        Prefetch("petitions", Petition.objects.select_related("assignment").order_by("id")),
    )


def clue_summary_seen_by(user, clue: Clue) -> str:
    """The clue's summary as ``user`` may read it (see ``ClueText``)."""
    return text_for(user, clue, "summary")


def clue_history_for(user, clue: Clue) -> list[dict]:
    """The clue's history rows as ``user`` may read them: each row's status, who and
    when, and its note (the change reason: free text, masked like the clue's)."""
    hidden = hidden_for(user, clue)
    rows = clue.history.select_related("history_user", "history_api_token").order_by(
        "history_date", "history_id"
    )
    return [
        {
            "history_date": row.history_date,
            "history_user": row.history_user,
            "history_api_token": row.history_api_token,
            "status": row.status,
            "status_display": row.get_status_display(),
            "note": note_for(user, clue, row.history_change_reason or "", hidden=hidden),
        }
        for row in rows
    ]


# What a clue is searched in, on the API and the screens. The policy searches the
# confidential ones (texts, persons concerned) only in the clues whose names the user reads.
CLUE_SEARCH_FIELDS = (
    "summary",
    "outcome_note",
    "subjects__name",
    "letter_number",
    "receiving_unit",
    "assignment__village__name",
    "assignment__town__name",
)


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
