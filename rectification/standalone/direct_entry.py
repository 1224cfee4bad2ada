"""A bundle's records created through the services the team's own screens call
(docs/DOMAIN.md "Confidentiality": imported as direct entry leaves them).

The laptop's author is the actor: the service checks what it checks on the central
system (the author is on the assignment's team, the round still takes on-site work,
two interviewers, a petition's reporter or anonymity, a paper's class and links), and
numbers what it numbers. A record touched by a conflict the office accepted is not sent
here: the service would refuse what the office chose to keep (``records``).
"""

from collections.abc import Callable

from findings.choices import Severity
from findings.services.problems import problem_record
from inspection.models import User
from rounds.services.onsite import activity_record, interview_record, petition_record


def _text(state: dict, name: str) -> str:
    return state.get(name) or ""


def _texts(state: dict, names: tuple[str, ...]) -> dict[str, str]:
    return {name: _text(state, name) for name in names}


INTERVIEW_TEXTS = (
    "interviewee_category", "interviewee_name", "interviewee_post",
    "place", "outline", "record", "problems_raised",
)  # fmt: skip
ACTIVITY_COUNTS = (
    "people_reached",
    "households",
    "questionnaires_distributed",
    "questionnaires_returned",
)
PETITION_TEXTS = ("channel", "content", "reporter_name", "reporter_contact")


def _interview(actor, state: dict, many: dict):
    return interview_record(
        actor=actor,
        assignment_id=state.get("assignment_id"),
        held_at=state.get("held_at"),
        interviewer_ids=many.get("interviewers", []),
        recorder_id=state.get("recorder_id"),
        **_texts(state, INTERVIEW_TEXTS),
    )


def _activity(actor, state: dict, many: dict):
    return activity_record(
        actor=actor,
        assignment_id=state.get("assignment_id"),
        held_on=state.get("held_on"),
        **{name: state.get(name) or 0 for name in ACTIVITY_COUNTS},
        **_texts(state, ("kind", "topic", "note")),
    )


def _petition(actor, state: dict, many: dict):
    return petition_record(
        actor=actor,
        round_id=state.get("round_id"),
        assignment_id=state.get("assignment_id"),
        received_at=state.get("received_at"),
        is_anonymous=bool(state.get("is_anonymous")),
        **_texts(state, PETITION_TEXTS),
    )


PROBLEM_TEXTS = (
    "title",
    "nature",
    "occurred_period",
    "occurred_place",
    "responsible_post",
    "responsible_name",
    "basis_text",
)


def _problem(actor, state: dict, many: dict):
    return problem_record(
        actor=actor,
        assignment_id=state.get("assignment_id"),
        facts=_text(state, "facts"),
        source=_text(state, "source"),
        problem_class_id=state.get("problem_class_id"),
        supervision_item_id=state.get("supervision_item_id"),
        basis_id=state.get("basis_id"),
        amount=state.get("amount") or 0,
        severity=state.get("severity") or Severity.MINOR,
        is_common=bool(state.get("is_common")),
        fix_immediately=bool(state.get("fix_immediately")),
        interview_ids=many.get("interviews", []),
        activity_ids=many.get("activities", []),
        petition_ids=many.get("petitions", []),
        **_texts(state, PROBLEM_TEXTS),
    )


# label → (the service's creator, the field naming the author the service records).
CREATORS: dict[str, tuple[Callable, str]] = {
    "rounds.interview": (_interview, "recorded_by_id"),
    "rounds.activity": (_activity, "recorded_by_id"),
    "rounds.petition": (_petition, "recorded_by_id"),
    "findings.problem": (_problem, "recorded_by_id"),
}


def create_through_service(label: str, state: dict, many: dict):
    """The record the screens' service creates from ``state`` (attnames → values) and
    ``many`` (many-to-many pks), with its author as the actor; ``None`` where the
    screens have no creating service for ``label``."""
    if label not in CREATORS:
        return None
    creator, author_field = CREATORS[label]
    actor = User.objects.filter(pk=state.get(author_field), is_active=True).first()
    if actor is None:
        return None  # no active author to act as: written as the laptop wrote it
    return creator(actor, state, many)
