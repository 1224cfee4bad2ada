"""Every figure as of a past day (docs/DOMAIN.md "Statistics": statuses, deadlines and
assignments as they stood that day), against a replay of the events.

A county's fortnight is played day by day with the clock moved: on each day, once its
events are written, every figure is read as the dashboard reads it that evening. Weeks
later each figure is asked ``on`` each of those days: the answers must be the same, to
the last figure, for every figure and grouping.
"""

import datetime

import pytest
from django.utils import timezone

from findings.choices import ClueOutcome, ClueStatus, ProblemStatus
from inspection.errors import ApplicationError
from rectification.choices import ItemStatus, LookBackVerdict, RectificationMode
from rectification.services import item_update_plan, look_back_check
from reports.statistics import COVERAGE_GROUPINGS, FIGURES, StatisticsFilter, statistics_answer
from rounds.choices import RoundStatus
from tests import factories as f
from tests.clock import at, today_is
from tests.rectification.accountability_kit import decided, first_form, proposal
from tests.rectification.look_back_kit import look_back
from tests.world import build_world

pytestmark = pytest.mark.django_db

MARCH = [datetime.date(2026, 3, day) for day in (2, 3, 5, 8, 12, 15, 20)]
GROUPINGS = (None, "town", "round", "village", "team")
LATER = datetime.date(2026, 4, 20)


def _answers(on=None) -> dict:
    """Every figure by every grouping: what the statistics answer."""
    answers = {}
    for group_by in GROUPINGS:
        names = [
            name
            for name in FIGURES
            if name != "coverage" or group_by in COVERAGE_GROUPINGS
        ]
        answers[group_by] = statistics_answer(StatisticsFilter(), group_by, names, on=on)
    return answers


def _assert_same(asked: dict, seen: dict, day) -> None:
    """Each grouping's rows alike; on a difference, the figures that differ, named."""
    for group_by, rows in seen.items():
        then = {row["key"]: row["figures"] for row in rows}
        now = {row["key"]: row["figures"] for row in asked[group_by]}
        assert now.keys() == then.keys(), (day, group_by)
        for key, figures in then.items():
            differ = {
                name: (now[key].get(name), value)
                for name, value in figures.items()
                if now[key].get(name) != value
            }
            assert not differ, (day, group_by, key, differ)
        assert asked[group_by] == rows, (day, group_by)


def _save(record, **changes):
    for name, value in changes.items():
        setattr(record, name, value)
    record.save()
    return record


class Fortnight:
    """The events of each day of MARCH, written with the clock on that day."""

    def __init__(self):
        self.world = build_world(round_status=RoundStatus.PREPARATION)

    def day_0(self, world):
        _save(world.round, status=RoundStatus.ON_SITE)
        f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
        f.ActivityFactory(assignment=world.assignment_b, recorded_by=world.member_a)
        self.petition = f.PetitionFactory(round=world.round, assignment=world.assignment_a)
        self.draft = world.problem(status=ProblemStatus.DRAFT)
        self.clue = world.clue(status=ClueStatus.PROPOSED)
        self.order = f.ImmediateOrderFactory(
            assignment=world.assignment_a, due_on=MARCH[2], issued_by=world.leader_a
        )
        self.order_item = world.item(
            order=self.order, feedback=None, mode=RectificationMode.IMMEDIATE, deadline=MARCH[2]
        )
        self.second = f.InspectionRoundFactory(term=world.round.term, status="preparation")
        village = f.VillageFactory(town=world.town_b, name="乙二村")
        team = f.TeamFactory(round=self.second, number=1)
        self.second_assignment = f.AssignmentFactory(
            round=self.second, team=team, village=village, town=world.town_b
        )
        f.DepartmentMatterFactory(round=world.round, assignment=world.assignment_a)

    def day_1(self, world):
        _save(
            self.draft,
            status=ProblemStatus.SUBMITTED,
            submitted_by=world.member_a,
            submitted_at=timezone.now(),
        )
        _save(self.petition, status="disposed", disposition="no_action", disposed_at=timezone.now())
        f.InterviewFactory(assignment=world.assignment_b, recorded_by=world.member_a)
        _save(
            self.clue,
            status=ClueStatus.TRANSFERRED,
            approved_by=world.office,
            approved_at=timezone.now(),
            signed_off_on=MARCH[1],
            signed_off_by=world.leadership,
            receiving_body="commission",
            letter_number="新巡移〔2026〕3号",
            transferred_on=MARCH[1],
        )
        self.lagging = world.item(deadline=MARCH[2] - datetime.timedelta(days=1))
        self.submitted = world.item(deadline=MARCH[3] + datetime.timedelta(days=2))
        self.late_b = world.item(assignment=world.assignment_b, deadline=MARCH[4])

    def day_2(self, world):
        _save(world.round, status=RoundStatus.REPORTING)
        _save(self.second, status=RoundStatus.ON_SITE)
        _save(self.lagging, status=ItemStatus.IN_PROGRESS, measures="重新公示")
        _save(self.order_item, status=ItemStatus.CLOSED, submitted_at=timezone.now(),
              closed_at=timezone.now())
        f.ThematicReportFactory(round=world.round, issued_on=MARCH[2])

    def day_3(self, world):
        _save(self.submitted, status=ItemStatus.SUBMITTED, submitted_at=timezone.now())
        _save(
            self.clue,
            status=ClueStatus.CONCLUDED,
            received_by=world.liaison,
            received_at=timezone.now(),
            disposition_method="preliminary_check",
            disposed_on=MARCH[3],
            outcome=ClueOutcome.CASE_FILED,
            persons_case_filed=1,
            persons_sanctioned=1,
            concluded_on=MARCH[3],
        )
        self.clue.subjects.update(case_filed=True, party_sanction="warning")
        decided(world, proposal(world), form="admonishment")
        first_form(world, conducted_on=MARCH[3])

    def day_4(self, world):
        # The office moves the lagging item's deadline, which passed on the 4th.
        item_update_plan(actor=world.office, item_id=self.lagging.pk, deadline=MARCH[6])
        _save(self.submitted, status=ItemStatus.CLOSED, closed_at=timezone.now())
        _save(world.round, status=RoundStatus.RECTIFICATION)

    def day_5(self, world):
        self.lagging.refresh_from_db()  # the office moved its deadline
        _save(self.lagging, status=ItemStatus.CLOSED, submitted_at=timezone.now(),
              closed_at=timezone.now())
        self.look_back = look_back(world)
        look_back_check(
            actor=world.leader_a,
            assignment_id=self.look_back.assignment_a.pk,
            item_id=self.order_item.pk,
            verdict=LookBackVerdict.RELAPSED,
            note="复发",
        )

    def day_6(self, world):
        _save(self.late_b, status=ItemStatus.RETURNED, return_reason="材料不全")
        f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)


def test_every_figure_as_of_each_past_day_is_what_it_was_that_day():
    with today_is(MARCH[0], hour=8):
        fortnight = Fortnight()
    seen = {}
    for number, day in enumerate(MARCH):
        with today_is(day, hour=10):
            getattr(fortnight, f"day_{number}")(fortnight.world)
        with today_is(day, hour=20):
            seen[day] = _answers()
    with today_is(LATER):
        for day in MARCH:
            _assert_same(_answers(on=day), seen[day], day)
        # and the day before anything happened: nothing yet
        before = _answers(on=MARCH[0] - datetime.timedelta(days=1))[None][0]["figures"]
        assert before["items"] == before["problems"] == before["interviews"] == 0
        assert before["inspected"] == 0


def test_the_replay_moves_the_figures_it_means_to():
    """The replay is worth its name: the figures it compares change across the days."""
    with today_is(MARCH[0], hour=8):
        fortnight = Fortnight()
    totals = []
    for number, day in enumerate(MARCH):
        with today_is(day, hour=10):
            getattr(fortnight, f"day_{number}")(fortnight.world)
    with today_is(LATER):
        for day in MARCH:
            totals.append(_answers(on=day)[None][0]["figures"])
    first, fourth, last = totals[0], totals[3], totals[-1]
    assert (first["inspected"], totals[2]["inspected"]) == (2, 3)
    assert (first["problems"], totals[1]["problems"]) == (1, 5)
    assert (totals[1]["items_in_progress"], totals[2]["items_in_progress"]) == (0, 1)
    assert (fourth["items_overdue"], totals[4]["items_overdue"]) == (1, 0)
    assert (fourth["clues_concluded"], totals[2]["clues_concluded"]) == (1, 0)
    assert last["interviews"] == 3 and first["interviews"] == 1
    assert last["look_back_relapsed"] == 1 and fourth["look_back_relapsed"] == 0
    assert (totals[2]["persons_handled"], fourth["persons_handled"]) == (0, 1)
    assert (first["organisations_inspected"], totals[2]["organisations_inspected"]) == (2, 3)


def test_a_deadline_moved_after_it_passed_does_not_make_the_item_on_time():
    """The gamed case: 23 days overdue, postponed by the office, then closed."""
    with today_is(datetime.date(2026, 5, 1)):
        world = build_world(round_status=RoundStatus.RECTIFICATION)
        item = world.item(status=ItemStatus.IN_PROGRESS, deadline=datetime.date(2026, 5, 10),
                          measures="清理合同")
        honest = world.item(status=ItemStatus.IN_PROGRESS, deadline=datetime.date(2026, 5, 10),
                            measures="清理合同")
    with today_is(datetime.date(2026, 5, 9)):  # moved before it passed: a fair extension
        item_update_plan(actor=world.office, item_id=honest.pk, deadline=datetime.date(2026, 6, 30))
    with today_is(datetime.date(2026, 6, 2)):  # 23 days overdue
        row = statistics_answer(StatisticsFilter(), None, ["rectification"])[0]["figures"]
        assert row["items_overdue"] == 1
        item_update_plan(actor=world.office, item_id=item.pk, deadline=datetime.date(2026, 6, 30))
        item.refresh_from_db()
        assert item.lapsed_deadline == datetime.date(2026, 5, 10)
    with today_is(datetime.date(2026, 6, 5)):
        for closing in (item, honest):
            closing.refresh_from_db()
            _save(closing, status=ItemStatus.CLOSED, submitted_at=timezone.now(),
                  closed_at=timezone.now())
        row = statistics_answer(StatisticsFilter(), None, ["rectification"])[0]["figures"]
    assert (row["items_closed"], row["items_closed_on_time"], row["items_due"]) == (2, 1, 2)
    assert row["on_time_rate"] == 0.5


def test_a_lapsed_deadline_moved_again_keeps_the_first_that_passed():
    with today_is(datetime.date(2026, 5, 1)):
        world = build_world(round_status=RoundStatus.RECTIFICATION)
        item = world.item(status=ItemStatus.IN_PROGRESS, deadline=datetime.date(2026, 5, 10),
                          measures="清理合同")
    for day, deadline in ((datetime.date(2026, 5, 20), datetime.date(2026, 5, 25)),
                          (datetime.date(2026, 5, 28), datetime.date(2026, 6, 30))):
        with today_is(day):
            item_update_plan(actor=world.office, item_id=item.pk, deadline=deadline)
    item.refresh_from_db()
    assert (item.deadline, item.lapsed_deadline) == (
        datetime.date(2026, 6, 30),
        datetime.date(2026, 5, 10),
    )
    history = item.history.order_by("history_date").values_list("lapsed_deadline", flat=True)
    assert list(history)[-2:] == [datetime.date(2026, 5, 10)] * 2


def test_a_past_day_before_the_history_reads_nothing_and_bad_days_are_refused():
    with today_is(datetime.date(2026, 5, 1)):
        world = build_world(round_status=RoundStatus.RECTIFICATION)
        world.item(status=ItemStatus.IN_PROGRESS)
    with today_is(datetime.date(2026, 5, 3)):
        row = statistics_answer(StatisticsFilter(), None, ["rectification"],
                                on=datetime.date(2026, 4, 30))[0]["figures"]
        assert row["items"] == 0
        row = statistics_answer(StatisticsFilter(), None, ["rectification"],
                                on=datetime.date(2026, 5, 1))[0]["figures"]
        assert row["items"] == 1
    with pytest.raises(ApplicationError):
        StatisticsFilter(date_from=datetime.date(2026, 5, 2), date_to=datetime.date(2026, 5, 1))
    assert at(datetime.date(2026, 5, 1)).utcoffset() == datetime.timedelta(hours=8)
