"""Clues: propose, review, decline, receive, dispose, conclude (sign-off and letters:
test_services_transfers)."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.utils import timezone

from findings.choices import CLUE_STATUSES_TRANSFERRED, ClueStatus, ProblemStatus
from findings.models import Clue
from findings.services import (
    clue_conclude,
    clue_decline,
    clue_dispose,
    clue_propose,
    clue_receive,
    clue_review,
)
from findings.services.clue_disposal import CLUE_CONCLUDE, CLUE_DISPOSE, CLUE_RECEIVE
from findings.services.clues import CLUE_DECLINE, CLUE_REVIEW
from inspection.choices import ReceivingBody
from inspection.errors import ConflictError, NotFoundError, PermissionDeniedError
from inspection.permissions import can
from rounds.choices import RoundStatus
from tests import factories as f
from tests.findings.helpers import assert_one_new_history_row, refused
from tests.world import build_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def clue_in(world, status, **extra):
    """``world.clue`` in ``status``; a concluded clue also needs its outcome (the shared
    builder leaves it out, which the clue_concluded_has_outcome constraint refuses)."""
    if status == ClueStatus.CONCLUDED:
        extra = {"outcome": "no_issue", "concluded_on": TODAY()} | extra
    return world.clue(status=status, **extra)


def other_statuses(transition):
    return [s for s in ClueStatus.values if s not in transition.sources]


SUBJECTS = [
    {"name": "赵德明", "post": "accountant", "unit": "甲一村", "note": "分管账目"},
    {"name": "钱卫国", "post": "secretary"},
]


def propose(world, **changes):
    problem = changes.pop("problem", None) or world.problem(status=ProblemStatus.CONFIRMED)
    values = {
        "actor": world.leader_a,
        "assignment_id": world.assignment_a.pk,
        "problem_ids": [problem.pk],
        "summary": "村会计涉嫌虚报冒领补贴资金。",
        "subjects": SUBJECTS,
        "amount": "36000",
    } | changes
    return clue_propose(**values)


# ------------------------------------------------------------------------- clue_propose


def test_propose_creates_the_clue_its_subjects_and_sources(world):
    problem = world.problem(status=ProblemStatus.DRAFT)
    petition = f.PetitionFactory(assignment=world.assignment_a, recorded_by=world.member_a)

    clue = propose(world, problem=problem, petition_ids=[petition.pk], note="建议移交")

    clue.refresh_from_db()
    assert clue.status == ClueStatus.PROPOSED
    assert (clue.round, clue.assignment) == (world.round, world.assignment_a)
    assert clue.proposed_by == world.leader_a
    assert clue.amount == Decimal("36000")
    assert list(clue.problems.all()) == [problem]
    assert list(clue.petitions.all()) == [petition]
    assert [(s.name, s.post, s.unit, s.note) for s in clue.subjects.order_by("id")] == [
        ("赵德明", "accountant", "甲一村", "分管账目"),
        ("钱卫国", "secretary", "", ""),
    ]
    assert_one_new_history_row(clue, before=0, actor=world.leader_a, note="建议移交")


def test_propose_from_a_petition_alone(world):
    petition = f.PetitionFactory(assignment=None, round=world.round, recorded_by=world.office)
    clue = propose(world, problem_ids=[], petition_ids=[petition.pk])
    assert list(clue.petitions.all()) == [petition]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"summary": " "}, "summary"),
        ({"subjects": []}, "subjects"),
        ({"subjects": [{"name": "", "post": "accountant"}]}, "subjects"),
        ({"subjects": [{"name": "赵德明", "post": "mayor"}]}, "subjects"),
        ({"subjects": [{"name": "赵" * 51, "post": "accountant"}]}, "subjects"),
        ({"amount": "-0.01"}, "amount"),
        ({"problem_ids": []}, "problem_ids"),
    ],
)
def test_propose_refuses_missing_or_invalid_input(world, changes, field):
    refused(lambda: propose(world, **changes), field)
    assert not Clue.objects.exists()


def test_propose_refuses_a_fed_back_problem(world):
    problem = world.problem(status=ProblemStatus.FED_BACK)
    refused(lambda: propose(world, problem=problem), "problem_ids")


def test_propose_refuses_a_problem_of_another_round(world):
    elsewhere = f.ProblemFactory(recorded_by=world.member_a)
    f.TeamMemberFactory(team=elsewhere.assignment.team, user=world.leader_a, role="leader")
    refused(lambda: propose(world, problem=elsewhere), "problem_ids")


def test_propose_refuses_a_problem_outside_the_leaders_scope(world):
    problem_b = world.problem(assignment=world.assignment_b, recorded_by=world.leader_b)
    refused(lambda: propose(world, problem=problem_b), "problem_ids")


def test_propose_refuses_a_petition_of_another_round(world):
    petition = f.PetitionFactory(recorded_by=world.member_a)
    refused(lambda: propose(world, petition_ids=[petition.pk]), "petition_ids")


def test_propose_refused_to_a_team_member(world):
    with pytest.raises(PermissionDeniedError, match="提出问题线索"):
        propose(world, actor=world.member_a)


@pytest.mark.parametrize(
    "status", [RoundStatus.PREPARATION, RoundStatus.FEEDBACK, RoundStatus.CLOSED]
)
def test_propose_refused_outside_on_site_and_reporting(status):
    world = build_world(round_status=status)
    with pytest.raises(ConflictError, match="提出问题线索"):
        propose(world)


# ------------------------------------------------------------------------- clue_review


def test_review_names_the_body_and_waits_for_the_leading_group(world):
    clue = world.clue()
    clue_review(
        actor=world.lead,
        clue_id=clue.pk,
        receiving_body=ReceivingBody.ORGANISATION,
        opinion="涉及镇干部选人用人，建议移交组织部",
        note="同意移交",
    )
    clue.refresh_from_db()
    assert clue.status == ClueStatus.REVIEWED
    assert clue.receiving_body == ReceivingBody.ORGANISATION
    assert clue.review_opinion == "涉及镇干部选人用人，建议移交组织部"
    assert clue.approved_by == world.lead and clue.approved_at is not None
    assert clue.signed_off_on is None
    assert_one_new_history_row(clue, before=1, actor=world.lead, note="同意移交")


def test_review_refuses_a_department(world):
    clue = world.clue()
    message = refused(
        lambda: clue_review(
            actor=world.office, clue_id=clue.pk, receiving_body=ReceivingBody.DEPARTMENT
        ),
        "receiving_body",
    )
    assert "纪委监委或组织部" in message.message


def test_the_proposer_cannot_review_their_own_clue(world):
    clue = world.clue(proposed_by=world.office)
    assert not can(world.office, "clue_review", clue)
    assert can(world.lead, "clue_review", clue)
    with pytest.raises(PermissionDeniedError) as caught:
        clue_review(actor=world.office, clue_id=clue.pk, receiving_body="commission")
    assert caught.value.message == "提出该线索的人不能审核同一线索。"
    clue.refresh_from_db()
    assert clue.status == ClueStatus.PROPOSED


@pytest.mark.parametrize("status", other_statuses(CLUE_REVIEW))
def test_review_refused_in_other_states(world, status):
    clue = clue_in(world, status)
    with pytest.raises(ConflictError, match="不能巡察办审核"):
        clue_review(actor=world.office, clue_id=clue.pk, receiving_body="commission")


# ------------------------------------------------------------------------- clue_decline


def test_decline_keeps_the_reason(world):
    clue = world.clue()
    clue_decline(actor=world.office, clue_id=clue.pk, reason="线索不具体，无可查性", note="退回")
    clue.refresh_from_db()
    assert clue.status == ClueStatus.DECLINED
    assert clue.decline_reason == "线索不具体，无可查性"
    assert_one_new_history_row(clue, before=1, actor=world.office, note="退回")


def test_decline_needs_a_reason(world):
    clue = world.clue()
    message = refused(
        lambda: clue_decline(actor=world.office, clue_id=clue.pk, reason=""), "reason"
    )
    assert "理由" in message.message


@pytest.mark.parametrize("status", other_statuses(CLUE_DECLINE))
def test_decline_refused_in_other_states(world, status):
    clue = clue_in(world, status)
    with pytest.raises(ConflictError):
        clue_decline(actor=world.office, clue_id=clue.pk, reason="证据不足")


# ------------------------------------------------------------------------- clue_receive


def test_receive(world):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    clue_receive(actor=world.liaison, clue_id=clue.pk, note="已签收")
    clue.refresh_from_db()
    assert clue.status == ClueStatus.RECEIVED
    assert clue.received_by == world.liaison and clue.received_at is not None
    assert_one_new_history_row(clue, before=1, actor=world.liaison, note="已签收")


def test_the_receiving_body_decides_which_liaison_receives(world):
    clue = world.clue(status=ClueStatus.TRANSFERRED, body=ReceivingBody.ORGANISATION)
    clue_receive(actor=world.liaison_org, clue_id=clue.pk)
    clue.refresh_from_db()
    assert clue.received_by == world.liaison_org


def liaison_outcomes(transition):
    """The states a liaison's action refuses: 409 once transferred; before, the clue is
    invisible to the liaison, so 404."""
    return [
        (status, ConflictError if status in CLUE_STATUSES_TRANSFERRED else NotFoundError)
        for status in other_statuses(transition)
    ]


@pytest.mark.parametrize(("status", "error"), liaison_outcomes(CLUE_RECEIVE))
def test_receive_refused_in_other_states(world, status, error):
    clue = clue_in(world, status)
    with pytest.raises(error):
        clue_receive(actor=world.liaison, clue_id=clue.pk)


# ------------------------------------------------------------------------- clue_dispose


def dispose(world, clue, **changes):
    values = {
        "actor": world.liaison,
        "clue_id": clue.pk,
        "method": "talk_or_inquiry",
        "disposed_on": TODAY(),
    } | changes
    return clue_dispose(**values)


def test_dispose(world):
    clue = world.clue(status=ClueStatus.RECEIVED)
    dispose(world, clue, note="函询")
    clue.refresh_from_db()
    assert clue.status == ClueStatus.DISPOSING
    assert (clue.disposition_method, clue.disposed_on) == ("talk_or_inquiry", TODAY())
    assert_one_new_history_row(clue, before=1, actor=world.liaison, note="函询")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"method": ""}, "method"),
        ({"method": "arrest"}, "method"),
        ({"disposed_on": None}, "disposed_on"),
        ({"disposed_on": "later"}, "disposed_on"),
        ({"disposed_on": "before_transfer"}, "disposed_on"),
    ],
)
def test_dispose_refuses_missing_or_invalid_input(world, changes, field):
    clue = world.clue(status=ClueStatus.RECEIVED)
    day = {
        "later": TODAY() + datetime.timedelta(days=1),
        "before_transfer": clue.transferred_on - datetime.timedelta(days=1),
    }
    changes = {k: day.get(v, v) if isinstance(v, str) else v for k, v in changes.items()}
    refused(lambda: dispose(world, clue, **changes), field)


@pytest.mark.parametrize(("status", "error"), liaison_outcomes(CLUE_DISPOSE))
def test_dispose_refused_in_other_states(world, status, error):
    clue = clue_in(world, status)
    with pytest.raises(error):
        dispose(world, clue)


# ------------------------------------------------------------------------- clue_conclude


def conclude(world, clue, **changes):
    """Conclude ``clue`` (one person concerned, 赵德明) as a case with that person filed."""
    if "persons" not in changes:
        changes["persons"] = [{"subject": clue.subjects.get().pk, "case_filed": True}]
    values = {
        "actor": world.liaison,
        "clue_id": clue.pk,
        "outcome": "case_filed",
        "concluded_on": TODAY(),
    } | changes
    return clue_conclude(**values)


def test_conclude_with_a_case_filed(world):
    clue = world.clue(status=ClueStatus.DISPOSING)
    second = f.ClueSubjectFactory(clue=clue, name="钱卫国")
    first = clue.subjects.get(name="赵德明")
    conclude(
        world,
        clue,
        persons=[
            {
                "subject": first.pk,
                "case_filed": True,
                "party_sanction": "serious_warning",
                "government_sanction": "demerit",
                "to_judiciary": True,
            },
            {"subject": second.pk, "case_filed": True, "admonition": "admonishment"},
        ],
        funds_recovered="152000.00",
        outcome_note="给予党内严重警告处分1人。",
        note="办结",
    )
    clue.refresh_from_db()
    assert clue.status == ClueStatus.CONCLUDED
    assert clue.outcome == "case_filed" and clue.concluded_on == TODAY()
    assert (
        clue.persons_case_filed,
        clue.persons_sanctioned,
        clue.persons_admonished,
        clue.persons_to_judiciary,
    ) == (2, 1, 1, 1)
    first.refresh_from_db()
    assert (first.party_sanction, first.government_sanction, first.to_judiciary) == (
        "serious_warning",
        "demerit",
        True,
    )
    assert clue.funds_recovered == Decimal("152000.00")
    assert clue.outcome_note == "给予党内严重警告处分1人。"
    assert_one_new_history_row(clue, before=1, actor=world.liaison, note="办结")


def test_conclude_with_no_issue(world):
    clue = world.clue(status=ClueStatus.DISPOSING)
    conclude(world, clue, outcome="no_issue", persons=[])
    clue.refresh_from_db()
    assert (clue.status, clue.outcome) == (ClueStatus.CONCLUDED, "no_issue")
    assert clue.persons_case_filed == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"outcome": ""}, "outcome"),
        ({"outcome": "pardoned"}, "outcome"),
        ({"persons": []}, "persons"),
        ({"outcome": "organisational"}, "outcome"),
        ({"funds_recovered": "-1"}, "funds_recovered"),
        ({"concluded_on": None}, "concluded_on"),
        ({"concluded_on": "later"}, "concluded_on"),
        ({"concluded_on": "before_disposal"}, "concluded_on"),
    ],
)
def test_conclude_refuses_missing_or_invalid_input(world, changes, field):
    clue = world.clue(status=ClueStatus.DISPOSING)
    day = {
        "later": TODAY() + datetime.timedelta(days=1),
        "before_disposal": clue.disposed_on - datetime.timedelta(days=1),
    }
    changes = {k: day.get(v, v) if isinstance(v, str) else v for k, v in changes.items()}
    refused(lambda: conclude(world, clue, **changes), field)
    clue.refresh_from_db()
    assert clue.status == ClueStatus.DISPOSING


@pytest.mark.parametrize(("status", "error"), liaison_outcomes(CLUE_CONCLUDE))
def test_conclude_refused_in_other_states(world, status, error):
    clue = clue_in(world, status)
    with pytest.raises(error):
        conclude(world, clue, outcome="no_issue", persons=[])


# ------------------------------------------------------------------------- a race


@pytest.mark.django_db(transaction=True)
def test_of_two_approvals_at_once_the_second_waits_for_the_lock_and_loses(on_postgres):
    world = build_world()
    clue = world.clue()
    outcome = {}

    def approve_as_lead():
        try:
            clue_review(actor=world.lead, clue_id=clue.pk, receiving_body="commission")
            outcome["lead"] = "approved"
        except ConflictError:
            outcome["lead"] = "conflict"
        finally:
            connection.close()

    with transaction.atomic():
        # holds the row lock until commit
        clue_review(actor=world.office, clue_id=clue.pk, receiving_body="commission")
        rival = threading.Thread(target=approve_as_lead)
        rival.start()
        rival.join(timeout=0.5)
        assert rival.is_alive(), "the rival must wait for the row lock"
    rival.join(timeout=10)

    assert outcome == {"lead": "conflict"}
    clue.refresh_from_db()
    assert clue.approved_by == world.office
    assert clue.history.count() == 2
