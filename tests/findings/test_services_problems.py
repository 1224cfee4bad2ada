"""Problems: record, number, update (findings/services/problems.py)."""

from decimal import Decimal

import pytest

from findings.choices import ROUND_STATUSES_OPEN_FOR_FINDINGS, ProblemStatus
from findings.models import Problem
from findings.services import problem_record, problem_submit, problem_update
from findings.services.problems import PROBLEM_UPDATE
from inspection.errors import ConflictError
from rounds.choices import RoundStatus
from tests import factories as f
from tests.findings.helpers import PAPER, assert_one_new_history_row, refused, sign_three_times
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
        interview_ids=[interview.pk],
        petition_ids=[petition.pk],
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
    assert list(problem.interviews.all()) == [interview]
    assert list(problem.petitions.all()) == [petition]
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


def test_record_links_must_be_of_the_same_assignment(world):
    elsewhere = f.InterviewFactory(assignment=world.assignment_b, recorded_by=world.leader_b)
    mine = f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    refused(lambda: record(world, interview_ids=[mine.pk, elsewhere.pk]), "interviews")
    activity = f.ActivityFactory(assignment=world.assignment_b, recorded_by=world.leader_b)
    refused(lambda: record(world, activity_ids=[activity.pk]), "activities")
    assert not Problem.objects.exists()


def test_record_links_several_interviews_activities_and_petitions(world):
    interviews = [
        f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
        for _ in range(2)
    ]
    activities = [
        f.ActivityFactory(assignment=world.assignment_a, recorded_by=world.member_a)
        for _ in range(3)
    ]
    petitions = [
        f.PetitionFactory(assignment=world.assignment_a, round=world.round) for _ in range(2)
    ]
    problem = record(
        world,
        interview_ids=[i.pk for i in interviews],
        activity_ids=[a.pk for a in activities],
        petition_ids=[p.pk for p in petitions],
    )
    assert set(problem.interviews.all()) == set(interviews)
    assert set(problem.activities.all()) == set(activities)
    assert set(problem.petitions.all()) == set(petitions)


def test_papers_are_numbered_in_turn_per_assignment(world):
    first, second = record(world), record(world)
    other = record(world, actor=world.leader_b, assignment_id=world.assignment_b.pk)
    team_a = world.assignment_a.team
    assert team_a.number == 1
    assert first.number == f"一组-{world.assignment_a.target_name}-001"
    assert second.number == f"一组-{world.assignment_a.target_name}-002"
    assert other.sequence == 1 and other.number.endswith("-001")


def test_the_paper_fields_are_kept(world):
    basis = f.ProblemBasisFactory()
    problem = record(
        world,
        title="低保评定未公示",
        occurred_period="2025年1月至6月",
        occurred_place="村委会",
        responsible_post="村党支部书记",
        responsible_name="张卫东",
        basis_id=basis.pk,
        basis_text="另：《某某县村级小微权力清单》第3项",
    )
    problem.refresh_from_db()
    assert problem.title == "低保评定未公示" and problem.basis == basis
    assert (problem.responsible_post, problem.responsible_name) == ("村党支部书记", "张卫东")
    inactive = f.ProblemBasisFactory(is_active=False)
    refused(lambda: record(world, basis_id=inactive.pk), "basis")
    refused(lambda: record(world, title="长" * 101), "title")


@pytest.mark.parametrize("where", ["other_round", "other_assignment"])
def test_record_source_petition_must_be_of_the_same_round_and_assignment(world, where):
    if where == "other_round":
        petition = f.PetitionFactory(recorded_by=world.member_a)
    else:
        petition = f.PetitionFactory(assignment=world.assignment_b, recorded_by=world.leader_b)
    refused(lambda: record(world, petition_ids=[petition.pk]), "petitions")


def test_record_may_cite_a_petition_of_the_round_about_no_village_yet(world):
    petition = f.PetitionFactory(assignment=None, round=world.round, recorded_by=world.office)
    assert list(record(world, petition_ids=[petition.pk]).petitions.all()) == [petition]


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


# ------------------------------------------------------------------- the class and nature


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
    ("missing", "names"),
    [
        ({"problem_class": None, "nature": ""}, "问题类别（四个聚焦 → 方面 → 类）、问题性质"),
        ({"problem_class": None}, "问题类别（四个聚焦 → 方面 → 类）"),
        ({"nature": ""}, "问题性质"),
    ],
)
def test_submit_refuses_an_unclassified_paper_naming_what_is_missing(world, missing, names):
    problem = world.problem(**missing)
    problem_update(actor=world.leader_a, problem_id=problem.pk, **PAPER)
    message = refused(
        lambda: problem_submit(actor=problem.recorded_by, problem_id=problem.pk), "problem"
    )
    assert message.message == f"底稿还缺少：{names}，请补充后再提交复核。"
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.DRAFT


def test_a_draft_classified_later_is_signed(world):
    problem = world.problem(problem_class=None, nature="")
    projects = f.catalogue_class("projects")
    problem_update(
        actor=world.member_a,
        problem_id=problem.pk,
        problem_class_id=projects.pk,
        nature="suspected_offence",
    )
    sign_three_times(world, problem)
    assert (problem.status, problem.problem_class, problem.nature) == (
        ProblemStatus.CONFIRMED,
        projects,
        "suspected_offence",
    )
