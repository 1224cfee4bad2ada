"""Petition disposition: to a problem, to a clue, referred, no action."""

import pytest
from django.utils import timezone

from findings.choices import ClueStatus, ProblemSource, ProblemStatus
from findings.models import Clue, Problem
from findings.services import petition_dispose
from findings.services.petitions import PETITION_DISPOSE
from inspection.errors import ConflictError, PermissionDeniedError
from inspection.permissions import can
from rounds.choices import PetitionDisposition, PetitionStatus, RoundStatus
from tests import factories as f
from tests.findings.helpers import assert_one_new_history_row, refused
from tests.world import build_world

pytestmark = pytest.mark.django_db

SUBJECTS = [{"name": "孙有财", "post": "director"}]


def petition_of(world, assignment="a"):
    return f.PetitionFactory(
        round=world.round,
        assignment=world.assignment_a if assignment == "a" else None,
        recorded_by=world.member_a,
    )


def assert_disposed(petition, *, actor, disposition, note=""):
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.DISPOSED
    assert petition.disposition == disposition
    assert petition.disposed_by == actor and petition.disposed_at is not None
    assert petition.disposition_note == note
    assert_one_new_history_row(petition, before=1, actor=actor, note=note)


# ------------------------------------------------------------------------- 转为问题


def test_to_problem_creates_a_draft_problem_on_the_petitions_assignment(world):
    petition = petition_of(world)

    petition_dispose(
        actor=world.leader_a,
        petition_id=petition.pk,
        disposition=PetitionDisposition.TO_PROBLEM,
        problem_class_id=f.catalogue_class("welfare_funds").pk,
        nature="violation",
        facts="村里低保评定不公开。",
        amount="3000",
        note="经初步了解属实",
    )

    assert_disposed(petition, actor=world.leader_a, disposition="to_problem", note="经初步了解属实")
    problem = Problem.objects.get()
    assert problem.status == ProblemStatus.DRAFT
    assert problem.assignment == world.assignment_a
    assert problem.source == ProblemSource.PETITION
    assert list(problem.petitions.all()) == [petition]
    assert problem.number.endswith("-001")
    assert problem.facts == "村里低保评定不公开。"  # the facts the leader confirmed
    assert problem.recorded_by == world.leader_a
    assert (problem.problem_class.code, problem.nature) == ("welfare_funds", "violation")
    assert_one_new_history_row(problem, before=0, actor=world.leader_a, note="经初步了解属实")


def test_to_problem_needs_the_confirmed_facts(world):
    """Never the content copied as it stands: it names the reporter (see
    tests/findings/test_reporter_protection.py)."""
    petition = petition_of(world)
    refused(
        lambda: petition_dispose(
            actor=world.office, petition_id=petition.pk, disposition="to_problem"
        ),
        "facts",
    )
    assert not Problem.objects.exists()


def test_to_problem_may_leave_the_class_to_the_draft(world):
    petition = petition_of(world)
    petition_dispose(
        actor=world.office, petition_id=petition.pk, disposition="to_problem", facts="……"
    )
    assert Problem.objects.get().problem_class is None


def test_to_problem_for_a_petition_about_no_village_needs_an_assignment(world):
    petition = petition_of(world, assignment=None)
    refused(
        lambda: petition_dispose(
            actor=world.office,
            petition_id=petition.pk,
            disposition="to_problem",
        ),
        "assignment",
    )


def test_to_problem_on_the_assignment_given_which_the_petition_then_concerns(world):
    petition = petition_of(world, assignment=None)
    petition_dispose(
        actor=world.leader_b,
        petition_id=petition.pk,
        disposition="to_problem",
        facts="……",
        assignment_id=world.assignment_b.pk,
    )
    petition.refresh_from_db()
    assert petition.assignment == world.assignment_b
    assert Problem.objects.get().assignment == world.assignment_b


def test_a_leader_may_not_put_the_problem_on_another_teams_assignment(world):
    petition = petition_of(world, assignment=None)
    refused(
        lambda: petition_dispose(
            actor=world.leader_b,
            petition_id=petition.pk,
            disposition="to_problem",
            assignment_id=world.assignment_a.pk,
        ),
        "assignment",
    )


def test_an_assigned_petition_keeps_its_assignment(world):
    petition = petition_of(world)
    refused(
        lambda: petition_dispose(
            actor=world.office,
            petition_id=petition.pk,
            disposition="to_problem",
            assignment_id=world.assignment_b.pk,
        ),
        "assignment",
    )


@pytest.mark.parametrize("status", [RoundStatus.FEEDBACK, RoundStatus.CLOSED])
def test_to_problem_refused_once_the_team_has_reported(status):
    world = build_world(round_status=status)
    petition = petition_of(world)
    with pytest.raises(ConflictError, match="转为问题"):
        petition_dispose(
            actor=world.office,
            petition_id=petition.pk,
            disposition="to_problem",
            facts="……",
        )


# ------------------------------------------------------------------------- 转为线索


def test_to_clue_by_the_team_leader_creates_a_proposed_clue(world):
    petition = petition_of(world)

    petition_dispose(
        actor=world.leader_a,
        petition_id=petition.pk,
        disposition=PetitionDisposition.TO_CLUE,
        summary="村主任涉嫌优亲厚友。",
        subjects=SUBJECTS,
        note="转线索",
    )

    assert_disposed(petition, actor=world.leader_a, disposition="to_clue", note="转线索")
    clue = Clue.objects.get()
    assert clue.status == ClueStatus.PROPOSED
    assert (clue.round, clue.assignment) == (world.round, world.assignment_a)
    assert clue.proposed_by == world.leader_a
    assert list(clue.petitions.all()) == [petition]
    assert [s.name for s in clue.subjects.all()] == ["孙有财"]
    assert_one_new_history_row(clue, before=0, actor=world.leader_a, note="转线索")


def test_to_clue_of_a_petition_about_no_village(world):
    petition = petition_of(world, assignment=None)
    petition_dispose(
        actor=world.leader_b,
        petition_id=petition.pk,
        disposition="to_clue",
        summary="镇干部涉嫌吃拿卡要。",
        subjects=[{"name": "周某", "post": "town_cadre"}],
    )
    clue = Clue.objects.get()
    assert clue.assignment is None and clue.round == world.round


def test_the_office_cannot_turn_a_petition_into_a_clue(world):
    petition = petition_of(world)
    assert can(world.office, "petition_dispose", petition)
    with pytest.raises(PermissionDeniedError, match="只有巡察组组长可以将信访件转为线索"):
        petition_dispose(
            actor=world.office,
            petition_id=petition.pk,
            disposition="to_clue",
            summary="……",
            subjects=SUBJECTS,
        )
    assert not Clue.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"summary": ""}, "summary"), ({"subjects": []}, "subjects")],
)
def test_to_clue_needs_a_summary_and_persons_concerned(world, changes, field):
    petition = petition_of(world)
    values = {"summary": "村主任涉嫌优亲厚友。", "subjects": SUBJECTS} | changes
    refused(
        lambda: petition_dispose(
            actor=world.leader_a, petition_id=petition.pk, disposition="to_clue", **values
        ),
        field,
    )
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.RECEIVED


# ------------------------------------------------------------------- 转交职能部门, 不予处理


def test_referred_names_the_unit(world):
    petition = petition_of(world)
    petition_dispose(
        actor=world.office, petition_id=petition.pk, disposition="referred", referred_to="县民政局"
    )
    assert_disposed(petition, actor=world.office, disposition="referred")
    assert petition.referred_to == "县民政局"


def test_referred_needs_the_unit(world):
    petition = petition_of(world)
    refused(
        lambda: petition_dispose(
            actor=world.office, petition_id=petition.pk, disposition="referred"
        ),
        "referred_to",
    )


def test_no_action_keeps_the_reason(world):
    petition = petition_of(world)
    petition_dispose(
        actor=world.lead, petition_id=petition.pk, disposition="no_action", note="反映内容已查清"
    )
    assert_disposed(petition, actor=world.lead, disposition="no_action", note="反映内容已查清")


@pytest.mark.parametrize(
    ("disposition", "field"),
    [("no_action", "note"), ("", "disposition"), ("ignore", "disposition")],
)
def test_refuses_missing_reason_or_disposition(world, disposition, field):
    petition = petition_of(world)
    refused(
        lambda: petition_dispose(
            actor=world.office, petition_id=petition.pk, disposition=disposition, note=" "
        ),
        field,
    )


def test_referral_is_allowed_after_the_round_reported():
    world = build_world(round_status=RoundStatus.RECTIFICATION)
    petition = petition_of(world)
    petition_dispose(
        actor=world.office, petition_id=petition.pk, disposition="referred", referred_to="县住建局"
    )
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.DISPOSED


# ------------------------------------------------------------------------- who, and when


def test_any_team_leader_of_the_round_for_a_petition_about_no_village(world):
    petition = petition_of(world, assignment=None)
    assert can(world.leader_a, "petition_dispose", petition)
    assert can(world.leader_b, "petition_dispose", petition)
    assert not can(world.member_a, "petition_dispose", petition)


def test_a_leader_of_another_round_may_not(world):
    other_team = f.TeamFactory()
    leader = f.TeamMemberFactory(team=other_team, role="leader").user
    petition = petition_of(world, assignment=None)
    assert not can(leader, "petition_dispose", petition)


@pytest.mark.parametrize(
    "status", [s for s in PetitionStatus.values if s not in PETITION_DISPOSE.sources]
)
def test_refused_once_disposed(world, status):
    petition = f.PetitionFactory(
        assignment=world.assignment_a,
        recorded_by=world.member_a,
        status=status,
        disposition="no_action",
        disposition_note="已处理",
        disposed_at=timezone.now(),
    )
    with pytest.raises(ConflictError, match="不能处置"):
        petition_dispose(
            actor=world.office,
            petition_id=petition.pk,
            disposition="referred",
            referred_to="县民政局",
        )


def test_the_office_cannot_make_a_problem_on_an_assignment_without_a_team(world):
    """A paper is numbered by its team (三组-戴桥村-007): an assignment no team has yet is
    refused by name, not a 500."""
    teamless = f.AssignmentFactory(round=world.round, team=None)
    petition = petition_of(world, assignment=None)
    message = refused(
        lambda: petition_dispose(
            actor=world.office,
            petition_id=petition.pk,
            disposition="to_problem",
            facts="……",
            assignment_id=teamless.pk,
        ),
        "assignment",
    )
    assert "巡察组" in message.message
    assert not Problem.objects.exists()
