"""Every figure on hand-built data, with exact expected numbers and the edges."""

import datetime
from decimal import Decimal

import pytest

from findings.choices import ClueOutcome, ClueStatus, ProblemStatus
from inspection.errors import ApplicationError
from rectification.choices import ItemStatus, RectificationMode
from reports.statistics import FIGURES, StatisticsFilter, statistics_table
from reports.statistics import figures as fig
from reports.statistics.persons import clue_persons
from rounds.choices import ActivityKind, RoundStatus
from tests import factories as f
from tests.clock import today_is
from tests.world import build_world

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 30)


@pytest.fixture(autouse=True)
def _today_is_day():
    """The data is written on DAY, the day the figures are asked on."""
    with today_is(DAY):
        yield


def shanghai(date, hour=12):
    from zoneinfo import ZoneInfo

    return datetime.datetime.combine(date, datetime.time(hour), ZoneInfo("Asia/Shanghai"))


def only(figures):
    assert list(figures) == [None]
    return figures[None]


def test_an_empty_round_has_zeros_and_no_rates():
    world = build_world()
    filters = StatisticsFilter(round_id=world.round.pk)
    row = statistics_table(filters)[0]
    assert row["problems"] == row["interviews"] == row["items"] == row["clues_transferred"] == 0
    assert row["questionnaires_distributed"] == 0
    assert row["immediate_fix_rate"] is None
    assert row["rectification_rate"] is None
    assert row["on_time_rate"] is None
    assert row["case_rate"] is None


def test_problems_past_draft_by_every_taxonomy_level_nature_and_immediate_fixes():
    world = build_world()
    world.problem(status=ProblemStatus.DRAFT)
    world.problem(status=ProblemStatus.CONFIRMED, fix_immediately=True, amount=Decimal("500"))
    conduct = f.catalogue_class("conduct")
    world.problem(status=ProblemStatus.CONFIRMED, problem_class=conduct, nature="general")
    party = f.catalogue_class("party_dues")
    world.problem(status=ProblemStatus.DRAFT, problem_class=party)  # a draft counts nowhere
    world.item(mode=RectificationMode.IMMEDIATE)  # fed back, immediate by its ledger item
    world.item(mode=RectificationMode.TIME_LIMITED)
    filters = StatisticsFilter(round_id=world.round.pk)
    total = only(fig.problems(filters))
    assert total["problems"] == 4
    assert total["immediate_fixes"] == 2
    assert total["immediate_fix_rate"] == 0.5
    assert total["amount_involved"] == Decimal("500")
    assets = f.catalogue_class("collective_assets")
    by_class = fig.problems(filters, "class")
    assert by_class == {
        conduct.pk: figures(problems=1, immediate=0, amount=0),
        assets.pk: figures(problems=3, immediate=2, amount=500),
    }
    # 违反八项规定精神/作风 and “三资”管理 are both under 聚焦群众身边不正之风和腐败问题, in
    # aspects of their own.
    assert fig.problems(filters, "aspect") == {
        conduct.aspect_id: figures(problems=1, immediate=0, amount=0),
        assets.aspect_id: figures(problems=3, immediate=2, amount=500),
    }
    assert fig.problems(filters, "focus") == {
        assets.aspect.focus_id: figures(problems=4, immediate=2, amount=500)
    }
    assert fig.problems(filters, "nature") == {
        "general": figures(problems=1, immediate=0, amount=0),
        "violation": figures(problems=3, immediate=2, amount=500),
    }


def figures(*, problems: int, immediate: int, amount: int) -> dict:
    return {
        "problems": problems,
        "immediate_fixes": immediate,
        "amount_involved": Decimal(amount),
        "immediate_fix_rate": round(immediate / problems, 4),
    }


def test_coverage_counts_a_village_inspected_twice_once_and_only_from_on_site():
    world = build_world()  # round on site: villages A and B inspected
    later = f.InspectionRoundFactory(term=world.round.term, status=RoundStatus.ON_SITE)
    f.AssignmentFactory(round=later, village=world.assignment_a.village, town=world.town_a)
    planned = f.InspectionRoundFactory(term=world.round.term, status=RoundStatus.PREPARATION)
    f.VillageFactory(town=world.town_a, is_active=False)
    never = f.VillageFactory(town=world.town_a)
    f.AssignmentFactory(round=planned, village=never, town=world.town_a)
    figures = fig.coverage(StatisticsFilter(term_id=world.round.term_id), "town")
    assert figures[world.town_a.pk] == {"villages": 2, "inspected": 1, "coverage_rate": 0.5}
    assert figures[world.town_b.pk] == {"villages": 1, "inspected": 1, "coverage_rate": 1.0}


def test_coverage_groups_only_by_town_or_round():
    with pytest.raises(ApplicationError, match="乡镇"):
        fig.coverage(StatisticsFilter(), "team")


def test_coverage_by_round_counts_each_rounds_own_villages_over_all_active_ones():
    world = build_world()  # round on site: villages A and B inspected
    later = f.InspectionRoundFactory(term=world.round.term, status=RoundStatus.ON_SITE)
    f.AssignmentFactory(round=later, village=world.assignment_a.village, town=world.town_a)
    planned = f.InspectionRoundFactory(term=world.round.term, status=RoundStatus.PREPARATION)
    f.AssignmentFactory(round=planned, village=f.VillageFactory(town=world.town_a))
    f.VillageFactory(town=world.town_a, is_active=False)
    figures = fig.coverage(StatisticsFilter(term_id=world.round.term_id), "round")
    assert figures == {
        world.round.pk: {"villages": 3, "inspected": 2, "coverage_rate": round(2 / 3, 4)},
        later.pk: {"villages": 3, "inspected": 1, "coverage_rate": round(1 / 3, 4)},
    }
    town_a = fig.coverage(StatisticsFilter(town_id=world.town_a.pk), "round")
    assert town_a[world.round.pk] == {"villages": 2, "inspected": 1, "coverage_rate": 0.5}


def test_clue_pipeline_counts_clues_at_each_stage():
    world = build_world()
    for status in (ClueStatus.PROPOSED, ClueStatus.PROPOSED, ClueStatus.DECLINED):
        world.clue(status=status)
    world.clue(status=ClueStatus.DISPOSING)
    row = only(fig.clue_pipeline(StatisticsFilter(round_id=world.round.pk)))
    assert row["clues"] == 4
    assert row["clues_at_proposed"] == 2
    assert row["clues_at_declined"] == 1 and row["clues_at_disposing"] == 1
    assert row["clues_at_approved"] == row["clues_at_concluded"] == 0


def test_items_by_status_and_by_warning_colour(settings):
    settings.INSPECTION_ALERT_WORKING_DAYS = False
    settings.INSPECTION_ALERT_GREEN_DAYS, settings.INSPECTION_ALERT_YELLOW_DAYS = 20, 10
    world = build_world()
    days = datetime.timedelta
    world.item(status=ItemStatus.PENDING, deadline=DAY - days(1))  # red
    world.item(status=ItemStatus.IN_PROGRESS, deadline=DAY)  # yellow: due today
    world.item(status=ItemStatus.RETURNED, deadline=DAY + days(10))  # yellow
    world.item(status=ItemStatus.PENDING, deadline=DAY + days(11))  # green
    world.item(status=ItemStatus.PENDING, deadline=DAY + days(20))  # green
    world.item(status=ItemStatus.PENDING, deadline=DAY + days(21))  # no colour yet
    world.item(status=ItemStatus.SUBMITTED, deadline=DAY + days(1))  # asked to close: none
    # asked to close by the office for the unit (代录): not the unit's request
    world.item(status=ItemStatus.SUBMITTED, deadline=DAY + days(2), submitted_on_behalf=True)
    row = only(fig.rectification(StatisticsFilter(round_id=world.round.pk), on=DAY))
    assert (row["items_overdue"], row["items_due_yellow"], row["items_due_green"]) == (1, 2, 2)
    assert row["items_pending"] == 4 and row["items_in_progress"] == 1
    assert row["items_returned"] == 1 and row["items_submitted"] == 1
    assert row["items_submitted_by_proxy"] == 1


def test_interviews_and_activities_sum_what_they_reached():
    world = build_world()
    f.InterviewFactory.create_batch(3, assignment=world.assignment_a)
    f.InterviewFactory(assignment=world.assignment_b)
    a = world.assignment_a
    f.ActivityFactory(
        assignment=a,
        kind=ActivityKind.QUESTIONNAIRE,
        questionnaires_distributed=230,
        questionnaires_returned=200,
    )
    f.ActivityFactory(assignment=a, kind=ActivityKind.POOR_HOUSEHOLD_VISIT, households=3)
    f.ActivityFactory(assignment=a, kind=ActivityKind.HOUSEHOLD_VISIT, households=5)
    f.ActivityFactory(assignment=a, kind=ActivityKind.SYMPOSIUM)
    f.ActivityFactory(assignment=a, kind=ActivityKind.RESEARCH)
    filters = StatisticsFilter(round_id=world.round.pk)
    by_team = fig.interviews(filters, "team")
    assert by_team[world.team_a.pk]["interviews"] == 3
    assert by_team[world.team_b.pk]["interviews"] == 1
    activity = fig.activities(StatisticsFilter(village_id=a.village_id))[None]
    assert activity["questionnaires_distributed"] == 230
    assert activity["questionnaires_returned"] == 200
    assert activity["poor_households_visited"] == 3
    assert activity["households_visited"] == 8
    assert activity["symposia"] == 1 and activity["research_activities"] == 1


def test_clues_transferred_cases_and_outcomes():
    world = build_world()
    world.clue(status=ClueStatus.PROPOSED)
    world.clue(status=ClueStatus.APPROVED)
    world.clue(status=ClueStatus.TRANSFERRED)  # transferred, not concluded
    sanctioned = {"case_filed": True, "party_sanction": "warning"}
    world.concluded_clue(
        outcome=ClueOutcome.CASE_FILED,
        persons=[sanctioned, sanctioned],
        funds_recovered=Decimal("12000.50"),
        concluded_on=DAY,
    )
    world.clue(status=ClueStatus.CONCLUDED, outcome=ClueOutcome.NO_ISSUE, concluded_on=DAY)
    row = only(fig.clues(StatisticsFilter(round_id=world.round.pk)))
    assert row["clues_transferred"] == 3
    assert row["clues_concluded"] == 2
    assert row["cases_filed"] == 1
    assert row["case_rate"] == round(1 / 3, 4)
    assert row["funds_recovered"] == Decimal("12000.50")
    persons = only(clue_persons(StatisticsFilter(round_id=world.round.pk)))
    assert persons["persons_sanctioned"] == 2 and persons["persons_case_filed"] == 2


def test_on_time_rate_and_overdue_on_a_given_day():
    world = build_world()
    deadline = DAY - datetime.timedelta(days=10)
    world.item(status=ItemStatus.CLOSED, deadline=deadline, closed_at=shanghai(deadline, hour=23))
    late = world.item(  # closed a day late, at 1 a.m. Shanghai time
        status=ItemStatus.CLOSED,
        deadline=deadline,
        closed_at=shanghai(deadline + datetime.timedelta(days=1), hour=1),
    )
    world.item(status=ItemStatus.IN_PROGRESS, deadline=deadline)  # overdue
    world.item(status=ItemStatus.RETURNED, deadline=deadline)  # overdue
    world.item(status=ItemStatus.SUBMITTED, deadline=deadline)  # late, but not overdue
    world.item(status=ItemStatus.PENDING, deadline=DAY)  # due today: not yet overdue
    # In UTC it was still the deadline day: the day must be counted in Shanghai time.
    assert late.closed_at.astimezone(datetime.UTC).date() == deadline
    row = only(fig.rectification(StatisticsFilter(round_id=world.round.pk), on=DAY))
    assert row["items"] == 6
    assert row["items_closed"] == 2
    assert row["rectification_rate"] == round(2 / 6, 4)
    assert row["items_closed_on_time"] == 1
    assert row["items_due"] == 5
    assert row["on_time_rate"] == 0.2
    assert row["items_overdue"] == 2
    tomorrow = only(
        fig.rectification(
            StatisticsFilter(round_id=world.round.pk), on=DAY + datetime.timedelta(days=1)
        )
    )
    assert tomorrow["items_overdue"] == 3


def test_a_date_range_narrows_each_figure_by_its_own_date():
    world = build_world()
    f.InterviewFactory(assignment=world.assignment_a, held_at=shanghai(DAY, hour=0))
    f.InterviewFactory(assignment=world.assignment_a, held_at=shanghai(DAY, hour=23))
    f.InterviewFactory(
        assignment=world.assignment_a, held_at=shanghai(DAY + datetime.timedelta(days=1))
    )
    inside = StatisticsFilter(date_from=DAY, date_to=DAY)
    assert only(fig.interviews(inside))["interviews"] == 2


def test_a_backwards_date_range_is_refused():
    with pytest.raises(ApplicationError, match="开始日期"):
        StatisticsFilter(date_from=DAY, date_to=DAY - datetime.timedelta(days=1))


def test_unknown_grouping_is_refused():
    with pytest.raises(ApplicationError, match="不支持的分组"):
        fig.interviews(StatisticsFilter(), "county")
    with pytest.raises(ApplicationError, match="不支持的分组"):
        fig.interviews(StatisticsFilter(), "category")
    with pytest.raises(ApplicationError, match="问题的聚焦、方面、类别或性质"):
        fig.interviews(StatisticsFilter(), "aspect")


@pytest.mark.parametrize("group_by", [None, "term", "round", "town", "village", "team"])
def test_query_count_does_not_grow_with_rows(django_assert_max_num_queries, group_by):
    world = build_world()
    for _ in range(3):
        world.item()
        world.clue(status=ClueStatus.TRANSFERRED)
        f.InterviewFactory(assignment=world.assignment_b)
        f.PetitionFactory(assignment=world.assignment_a)
    # one query per figure, plus one for the group labels
    with django_assert_max_num_queries(len(FIGURES) + 1):
        rows = statistics_table(StatisticsFilter(), group_by)
    assert rows
