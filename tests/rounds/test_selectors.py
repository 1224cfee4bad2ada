"""Recusal conflicts and the four must-talks."""

import pytest

from inspection.choices import RecusalKind
from rounds.choices import IntervieweeCategory as Category
from rounds.must_lists import must_talks_missing, must_talks_missing_for
from rounds.selectors import (
    assignment_recusal_conflicts,
    recusal_conflicts,
    town_committee_recusal_conflicts,
)
from tests import factories as f
from tests.rounds.helpers import declare, inspector, village

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- recusal


def test_a_village_declaration_conflicts_with_that_village_only(world, django_assert_num_queries):
    home, neighbour = village(world, name="甲二村"), village(world, name="甲三村")
    declare(world.member_a, village=home)
    with django_assert_num_queries(1):
        conflicts = recusal_conflicts(team=world.team_a, villages=[home, neighbour])
    assert conflicts == {home.pk: [f"{world.member_a}：户籍或居住地（甲二村）"]}
    assert town_committee_recusal_conflicts(team=world.team_a, town_ids=[world.town_a.pk]) == {}


def test_a_town_declaration_conflicts_with_its_villages_and_its_committee(world):
    first, second = village(world), village(world)
    elsewhere = village(world, town=world.town_b)
    declare(world.leader_a, town=world.town_a, kind=RecusalKind.FORMER_UNIT, note="曾任镇长")
    conflicts = recusal_conflicts(team=world.team_a, villages=[first, second, elsewhere])
    assert set(conflicts) == {first.pk, second.pk}
    assert conflicts[first.pk] == [f"{world.leader_a}：曾任职单位（甲镇）"]
    committees = town_committee_recusal_conflicts(
        team=world.team_a, town_ids=[world.town_a.pk, world.town_b.pk]
    )
    assert set(committees) == {world.town_a.pk}


def test_each_member_and_each_tie_is_named(world):
    home = village(world, name="甲二村")
    declare(world.member_a, village=home)
    declare(
        world.leader_a,
        village=home,
        kind=RecusalKind.RELATIVE,
        relative_name="赵四",
        relative_post="村会计",
    )
    declare(world.leader_a, town=world.town_a, kind=RecusalKind.FORMER_UNIT)
    conflicts = recusal_conflicts(team=world.team_a, villages=[home])[home.pk]
    assert len(conflicts) == 3
    assert f"{world.leader_a}：亲属任职（甲二村，亲属赵四任村会计）" in conflicts


def test_only_the_team_s_members_count(world):
    home = village(world)
    declare(world.leader_b, village=home)
    declare(inspector(), village=home)
    assert recusal_conflicts(team=world.team_a, villages=[home]) == {}


def test_recusal_conflicts_of_people_about_to_join(world):
    home = village(world)
    newcomer = inspector()
    declare(newcomer, village=home)
    assert recusal_conflicts(team=world.team_a, villages=[home]) == {}
    assert set(recusal_conflicts(team=world.team_a, villages=[home], users=[newcomer])) == {home.pk}


def test_assignment_recusal_conflicts_covers_villages_and_committees(
    world, django_assert_num_queries
):
    committee = f.AssignmentFactory(
        round=world.round, team=world.team_a, town=world.town_a, village=None
    )
    declare(world.member_a, town=world.town_a, kind=RecusalKind.FORMER_UNIT)
    assignments = list(world.round.assignments.select_related("village"))
    with django_assert_num_queries(1):
        conflicts = assignment_recusal_conflicts(team=world.team_a, assignments=assignments)
    assert set(conflicts) == {world.assignment_a.pk, committee.pk}


def test_no_team_and_no_places_need_no_query(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert recusal_conflicts(team=None, villages=[world.assignment_a.village]) == {}
        assert recusal_conflicts(team=world.team_a, villages=[]) == {}


# ------------------------------------------------------------------------ must-talks


MUST_TALKS = [
    Category.VETERAN_PARTY_MEMBER,
    Category.RETIRED_TEACHER,
    Category.RETIRED_CADRE,
    Category.ENTREPRENEUR,
]


def categories(items) -> list[str]:
    return [item.interviewee_category for item in items]


def test_must_talks_missing_lists_the_county_default_four_until_each_is_met(world):
    assignment = world.assignment_a
    assert categories(must_talks_missing(assignment)) == MUST_TALKS
    for category in (Category.RETIRED_TEACHER, Category.VILLAGER, Category.RETIRED_TEACHER):
        f.InterviewFactory(assignment=assignment, interviewee_category=category)
    f.InterviewFactory(assignment=world.assignment_b, interviewee_category=Category.ENTREPRENEUR)
    missing = must_talks_missing(assignment)
    assert [item.label for item in missing] == ["老党员", "老干部", "企业主"]
    for item in missing:
        f.InterviewFactory(assignment=assignment, interviewee_category=item.interviewee_category)
    assert must_talks_missing(assignment) == []


def test_must_talks_missing_for_many_assignments_in_three_queries(world, django_assert_num_queries):
    for category in MUST_TALKS:
        f.InterviewFactory(assignment=world.assignment_a, interviewee_category=category)
    f.InterviewFactory(
        assignment=world.assignment_b, interviewee_category=Category.VETERAN_PARTY_MEMBER
    )
    committee = f.AssignmentFactory(
        round=world.round, team=world.team_a, town=world.town_a, village=None
    )
    assignments = [world.assignment_a, world.assignment_b, committee]
    with django_assert_num_queries(3):
        missing = must_talks_missing_for(assignments)
    assert {pk: categories(items) for pk, items in missing.items()} == {
        world.assignment_a.pk: [],
        world.assignment_b.pk: MUST_TALKS[1:],
        committee.pk: [],
    }
