"""Problems: record, update, confirm (findings/services/problems.py)."""

from decimal import Decimal

import pytest

from findings.choices import ROUND_STATUSES_OPEN_FOR_FINDINGS, ProblemStatus
from findings.models import Problem
from findings.services import problem_confirm, problem_record, problem_update
from findings.services.problems import PROBLEM_CONFIRM, PROBLEM_UPDATE
from inspection.errors import ConflictError, PermissionDeniedError
from rounds.choices import RoundStatus
from tests import factories as f
from tests.findings.helpers import assert_one_new_history_row, refused
from tests.world import build_world

pytestmark = pytest.mark.django_db

ROUND_STATUSES_CLOSED_FOR_FINDINGS = [
    s for s in RoundStatus.values if s not in ROUND_STATUSES_OPEN_FOR_FINDINGS
]


def record(world, actor=None, **changes):
    values = {
        "actor": actor or world.member_a,
        "assignment_id": world.assignment_a.pk,
        "facts": "低保评定未公示。",
        "source": "interview",
    } | changes
    return problem_record(**values)


# ------------------------------------------------------------------------- problem_record


def test_record_creates_a_draft_with_one_history_row(world):
    item = f.SupervisionItemFactory()
    interview = f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    petition = f.PetitionFactory(assignment=world.assignment_a, recorded_by=world.member_a)

    welfare = f.catalogue_class("welfare_funds")
    problem = record(
        world,
        problem_class_id=welfare.pk,
        nature="violation",
        supervision_item_id=item.pk,
        amount="12800.50",
        severity="serious",
        is_common=True,
        fix_immediately=True,
        source_interview_id=interview.pk,
        source_petition_id=petition.pk,
        note="现场记录",
    )

    problem.refresh_from_db()
    assert problem.status == ProblemStatus.DRAFT
    assert problem.assignment == world.assignment_a
    assert problem.recorded_by == world.member_a
    assert (problem.problem_class, problem.nature, problem.facts, problem.source) == (
        welfare,
        "violation",
        "低保评定未公示。",
        "interview",
    )
    assert problem.amount == Decimal("12800.50")
    assert problem.severity == "serious"
    assert problem.is_common and problem.fix_immediately
    assert problem.supervision_item == item
    assert problem.source_interview == interview
    assert problem.source_petition == petition
    assert problem.confirmed_by is None
    assert_one_new_history_row(problem, before=0, actor=world.member_a, note="现场记录")


def test_record_while_reporting():
    world = build_world(round_status=RoundStatus.REPORTING)
    assert record(world).status == ProblemStatus.DRAFT


@pytest.mark.parametrize("status", ROUND_STATUSES_CLOSED_FOR_FINDINGS)
def test_record_refused_outside_on_site_and_reporting(status):
    world = build_world(round_status=status)
    with pytest.raises(ConflictError, match="不能记录问题（「进驻」或「报告」时才能）"):
        record(world)
    assert not Problem.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"problem_class_id": 10**9}, "problem_class"),
        ({"nature": "bribery"}, "nature"),
        ({"facts": "  "}, "facts"),
        ({"source": ""}, "source"),
        ({"source": "rumour"}, "source"),
        ({"severity": "fatal"}, "severity"),
        ({"amount": "-1"}, "amount"),
        ({"amount": "一万"}, "amount"),
        ({"amount": "1.234"}, "amount"),
    ],
)
def test_record_refuses_missing_or_invalid_input(world, changes, field):
    refused(lambda: record(world, **changes), field)
    assert not Problem.objects.exists()


def test_record_cites_only_an_item_the_round_selected(world):
    chosen, other = f.SupervisionItemFactory(), f.SupervisionItemFactory()
    world.round.supervision_items.add(chosen)
    message = refused(lambda: record(world, supervision_item_id=other.pk), "supervision_item")
    assert "本轮次选定" in message.message
    assert record(world, supervision_item_id=chosen.pk).supervision_item == chosen


def test_record_without_a_round_selection_cites_any_active_item(world):
    inactive = f.SupervisionItemFactory(is_active=False)
    refused(lambda: record(world, supervision_item_id=inactive.pk), "supervision_item")
    assert record(world, supervision_item_id=None).supervision_item is None


def test_record_source_interview_must_be_of_the_same_assignment(world):
    elsewhere = f.InterviewFactory(assignment=world.assignment_b, recorded_by=world.leader_b)
    refused(lambda: record(world, source_interview_id=elsewhere.pk), "source_interview")


@pytest.mark.parametrize("where", ["other_round", "other_assignment"])
def test_record_source_petition_must_be_of_the_same_round_and_assignment(world, where):
    if where == "other_round":
        petition = f.PetitionFactory(recorded_by=world.member_a)
    else:
        petition = f.PetitionFactory(assignment=world.assignment_b, recorded_by=world.leader_b)
    refused(lambda: record(world, source_petition_id=petition.pk), "source_petition")


def test_record_may_cite_a_petition_of_the_round_about_no_village_yet(world):
    petition = f.PetitionFactory(assignment=None, round=world.round, recorded_by=world.office)
    assert record(world, source_petition_id=petition.pk).source_petition == petition


# ------------------------------------------------------------------------- problem_update


def test_update_changes_what_is_given_and_keeps_the_rest(world):
    problem = world.problem(amount=Decimal("500"), severity="grave")
    before = problem.history.count()

    problem_update(actor=world.leader_a, problem_id=problem.pk, facts="补充事实。", note="补充")

    problem.refresh_from_db()
    assert problem.facts == "补充事实。"
    assert problem.amount == Decimal("500") and problem.severity == "grave"
    assert problem.status == ProblemStatus.DRAFT
    assert_one_new_history_row(problem, before=before, actor=world.leader_a, note="补充")


def test_update_can_clear_a_reference(world):
    item = f.SupervisionItemFactory()
    problem = world.problem(supervision_item=item)
    problem_update(actor=world.member_a, problem_id=problem.pk, supervision_item_id=None)
    problem.refresh_from_db()
    assert problem.supervision_item is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"facts": ""}, "facts"), ({"nature": "grave"}, "nature"), ({"amount": -5}, "amount")],
)
def test_update_refuses_invalid_input(world, changes, field):
    problem = world.problem()
    before = problem.history.count()
    refused(lambda: problem_update(actor=world.member_a, problem_id=problem.pk, **changes), field)
    assert problem.history.count() == before


@pytest.mark.parametrize(
    "status", [s for s in ProblemStatus.values if s not in PROBLEM_UPDATE.sources]
)
def test_update_refused_once_past_draft(world, status):
    problem = world.problem(status=status)
    with pytest.raises(ConflictError):
        problem_update(actor=world.member_a, problem_id=problem.pk, facts="改")


@pytest.mark.parametrize("status", ROUND_STATUSES_CLOSED_FOR_FINDINGS)
def test_update_refused_outside_on_site_and_reporting(status):
    world = build_world(round_status=status)
    problem = world.problem()
    with pytest.raises(ConflictError):
        problem_update(actor=world.member_a, problem_id=problem.pk, facts="改")


# ------------------------------------------------------------------------- problem_confirm


def test_confirm_by_the_team_leader(world):
    problem = world.problem()
    before = problem.history.count()

    problem_confirm(actor=world.leader_a, problem_id=problem.pk, note="核实无误")

    problem.refresh_from_db()
    assert problem.status == ProblemStatus.CONFIRMED
    assert problem.confirmed_by == world.leader_a
    assert problem.confirmed_at is not None
    assert_one_new_history_row(problem, before=before, actor=world.leader_a, note="核实无误")


def test_a_draft_is_recorded_without_its_class_and_nature(world):
    problem = record(world)
    assert (problem.problem_class, problem.nature) == (None, "")
    assert problem.class_name == "未分类"


def test_record_refuses_a_class_switched_off_or_under_a_switched_off_aspect(world):
    retired = f.ProblemClassFactory(is_active=False)
    under_retired = f.ProblemClassFactory(aspect=f.ProblemAspectFactory(is_active=False))
    for problem_class in (retired, under_retired):
        message = refused(
            lambda problem_class=problem_class: record(world, problem_class_id=problem_class.pk),
            "problem_class",
        )
        assert "已停用" in message.message
    assert not Problem.objects.exists()


@pytest.mark.parametrize(
    ("missing", "field", "names"),
    [
        (
            {"problem_class": None, "nature": ""},
            "problem_class",
            "问题类别（四个聚焦 → 方面 → 类）和问题性质",
        ),
        ({"problem_class": None}, "problem_class", "问题类别（四个聚焦 → 方面 → 类）"),
        ({"nature": ""}, "nature", "问题性质"),
    ],
)
def test_confirm_refuses_an_unclassified_draft_naming_what_is_missing(world, missing, field, names):
    problem = world.problem(**missing)
    message = refused(lambda: problem_confirm(actor=world.leader_a, problem_id=problem.pk), field)
    assert message.message == f"核实前请先选定{names}。"
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.DRAFT
    assert problem.history.count() == 1


def test_a_draft_classified_later_is_confirmed(world):
    problem = world.problem(problem_class=None, nature="")
    projects = f.catalogue_class("projects")
    problem_update(
        actor=world.member_a,
        problem_id=problem.pk,
        problem_class_id=projects.pk,
        nature="suspected_offence",
    )
    problem_confirm(actor=world.leader_a, problem_id=problem.pk)
    problem.refresh_from_db()
    assert (problem.status, problem.problem_class, problem.nature) == (
        ProblemStatus.CONFIRMED,
        projects,
        "suspected_offence",
    )


def test_confirm_refused_to_a_team_member(world):
    problem = world.problem()
    with pytest.raises(PermissionDeniedError, match="核实问题"):
        problem_confirm(actor=world.member_a, problem_id=problem.pk)


@pytest.mark.parametrize(
    "status", [s for s in ProblemStatus.values if s not in PROBLEM_CONFIRM.sources]
)
def test_confirm_refused_once_past_draft(world, status):
    problem = world.problem(status=status)
    with pytest.raises(ConflictError, match="不能核实"):
        problem_confirm(actor=world.leader_a, problem_id=problem.pk)


def test_confirm_twice_the_second_loses(world):
    problem = world.problem()
    problem_confirm(actor=world.leader_a, problem_id=problem.pk)
    with pytest.raises(ConflictError):
        problem_confirm(actor=world.leader_a, problem_id=problem.pk)
    assert problem.history.count() == 2


@pytest.mark.parametrize("status", ROUND_STATUSES_CLOSED_FOR_FINDINGS)
def test_confirm_refused_outside_on_site_and_reporting(status):
    world = build_world(round_status=status)
    problem = world.problem()
    with pytest.raises(ConflictError):
        problem_confirm(actor=world.leader_a, problem_id=problem.pk)
