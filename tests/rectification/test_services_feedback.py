"""Feedback: the round's move to feedback builds the ledger; rectification; plan and report
dates (rectification/services/feedback.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from findings.choices import ProblemStatus
from inspection.choices import UserRole
from inspection.errors import ConflictError
from rectification.choices import ItemStatus, RectificationMode, ResponsibleUnitKind
from rectification.models import Feedback, RectificationItem
from rectification.services import (
    round_give_feedback,
    round_start_rectification,
)
from rectification.services.feedback import GIVE_FEEDBACK, START_RECTIFICATION
from rounds.choices import RoundStatus
from tests import factories as f
from tests.findings.reports_kit import clear_for_feedback, report_through
from tests.rectification.helpers import assert_one_new_history_row, feed_back_all, refused
from tests.world import build_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def reporting():
    world = build_world(round_status=RoundStatus.REPORTING)
    clear_for_feedback(world.round, actor=world.office)
    return world


def give(world, actor=None, **changes):
    values = {
        "actor": actor or world.office,
        "round_id": world.round.pk,
        "fed_back_on": TODAY() - 2 * DAY,
    } | changes
    return round_give_feedback(**values)


# -------------------------------------------------------------------- round_give_feedback


def test_feedback_builds_the_ledger(reporting, settings):
    world = reporting
    settings.INSPECTION_PLAN_DUE_DAYS = 10
    settings.INSPECTION_REPORT_DUE_DAYS = 40
    settings.INSPECTION_HEAD_REPORT_DUE_DAYS = 45
    settings.INSPECTION_TIME_LIMITED_DUE_DAYS = 50
    settings.INSPECTION_IMMEDIATE_DUE_DAYS = 3
    village_officer = f.UserFactory(
        role=UserRole.RECTIFICATION_OFFICER, village=world.assignment_a.village
    )
    slow = world.problem(status=ProblemStatus.CONFIRMED)
    quick = world.problem(status=ProblemStatus.CONFIRMED, fix_immediately=True)
    in_b = world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
    problem_rows = {p.pk: p.history.count() for p in (slow, quick, in_b)}
    round_rows = world.round.history.count()
    fed_back_on = TODAY() - 2 * DAY

    round_ = give(
        world,
        fed_back_on=fed_back_on,
        letter="反馈意见（通用）",
        letters={world.assignment_b.pk: "乙一村反馈意见"},
        note="召开反馈会",
    )

    round_.refresh_from_db()
    assert round_.status == RoundStatus.FEEDBACK
    assert_one_new_history_row(round_, before=round_rows, actor=world.office, note="召开反馈会")

    feedback_a = Feedback.objects.get(assignment=world.assignment_a)
    feedback_b = Feedback.objects.get(assignment=world.assignment_b)
    assert feedback_a.fed_back_on == fed_back_on
    assert feedback_a.plan_due_on == fed_back_on + 10 * DAY
    assert feedback_a.report_due_on == fed_back_on + 40 * DAY
    assert feedback_a.head_report_due_on == fed_back_on + 45 * DAY
    assert feedback_a.given_by == world.office
    assert (feedback_a.letter, feedback_b.letter) == ("反馈意见（通用）", "乙一村反馈意见")
    assert feedback_a.history.get().history_user == world.office

    items = {item.problem_id: item for item in RectificationItem.objects.all()}
    assert set(items) == {slow.pk, quick.pk, in_b.pk}
    assert items[slow.pk].mode == RectificationMode.TIME_LIMITED
    assert items[slow.pk].deadline == fed_back_on + 50 * DAY
    assert items[quick.pk].mode == RectificationMode.IMMEDIATE
    assert items[quick.pk].deadline == fed_back_on + 3 * DAY
    for item in items.values():
        assert item.status == ItemStatus.PENDING
        assert item.responsible_unit_kind == ResponsibleUnitKind.VILLAGE_PARTY
        assert item.responsible_person == item.measures == ""
        row = item.history.get()
        assert (row.history_user, row.history_change_reason) == (world.office, "召开反馈会")
    assert items[slow.pk].feedback == feedback_a
    assert items[slow.pk].responsible_unit == "甲一村党组织"
    assert items[slow.pk].responsible_user == village_officer  # the village's before the town's
    assert items[in_b.pk].feedback == feedback_b
    assert items[in_b.pk].responsible_unit == "乙一村党组织"
    assert items[in_b.pk].responsible_user == world.officer_b  # town B's officer

    for problem in (slow, quick, in_b):
        problem.refresh_from_db()
        assert problem.status == ProblemStatus.FED_BACK
        assert_one_new_history_row(
            problem, before=problem_rows[problem.pk], actor=world.office, note="召开反馈会"
        )


def test_feedback_to_a_town_committee_names_the_town(reporting):
    world = reporting
    committee = f.AssignmentFactory(
        round=world.round, team=world.team_a, town=world.town_a, village=None
    )
    report_through(committee, actor=world.office)
    problem = world.problem(status=ProblemStatus.CONFIRMED, assignment=committee)

    give(world)

    item = RectificationItem.objects.get(problem=problem)
    assert item.responsible_unit_kind == ResponsibleUnitKind.TOWN_PARTY
    assert item.responsible_unit == "甲镇党委"
    assert item.responsible_user == world.officer_a
    assert item.feedback.assignment == committee


def test_feedback_with_no_officer_leaves_the_responsible_account_empty(reporting):
    world = reporting
    world.officer_a.delete()
    problem = world.problem(status=ProblemStatus.CONFIRMED)

    give(world)

    assert RectificationItem.objects.get(problem=problem).responsible_user is None


def test_feedback_without_problems_gives_feedback_only(reporting):
    give(reporting)

    assert Feedback.objects.count() == 2
    assert not RectificationItem.objects.exists()


def test_feedback_is_refused_while_problems_are_drafts(reporting):
    world = reporting
    world.problem()
    world.problem(assignment=world.assignment_b)
    # Papers submitted or reviewed but not yet signed block feedback as drafts do.
    world.problem(status=ProblemStatus.SUBMITTED)
    world.problem(status=ProblemStatus.REVIEWED)
    confirmed = world.problem(status=ProblemStatus.CONFIRMED)

    with refused("problems", match="甲一村还有3个问题底稿未审签"):
        give(world)

    world.round.refresh_from_db()
    confirmed.refresh_from_db()
    assert world.round.status == RoundStatus.REPORTING
    assert confirmed.status == ProblemStatus.CONFIRMED
    assert not Feedback.objects.exists()


def test_feedback_date_is_required(reporting):
    with refused("fed_back_on", match="请填写反馈日期"):
        give(reporting, fed_back_on=None)


def test_feedback_date_not_in_the_future(reporting):
    with refused("fed_back_on", match="不能晚于今天"):
        give(reporting, fed_back_on=TODAY() + DAY)


def test_feedback_today_is_accepted(reporting):
    give(reporting, fed_back_on=TODAY())
    assert Feedback.objects.filter(fed_back_on=TODAY()).count() == 2


def test_feedback_date_not_before_the_team_left(reporting):
    world = reporting
    world.assignment_b.on_site_until = TODAY() - DAY
    world.assignment_b.save()

    with refused("fed_back_on", match="不能早于撤离日期"):
        give(world, fed_back_on=TODAY() - 2 * DAY)


def test_feedback_letters_must_name_assignments_of_the_round(reporting):
    other = f.AssignmentFactory()
    with refused("letters"):
        give(reporting, letters={other.pk: "别的轮次"})


def test_feedback_twice_is_a_conflict(reporting):
    world = reporting
    give(world)
    with pytest.raises(ConflictError, match="均已反馈"):
        give(world)


@pytest.mark.parametrize(
    "status", [s for s in RoundStatus.values if s not in GIVE_FEEDBACK.sources]
)
def test_feedback_from_a_forbidden_state(status):
    world = build_world(round_status=status)
    world.problem(status=ProblemStatus.CONFIRMED)
    with pytest.raises(ConflictError):
        give(world)
    assert not Feedback.objects.exists()


def test_feedback_queries_do_not_grow_with_the_problems(reporting):
    world = reporting

    def queries(problems_per_assignment):
        round_ = f.InspectionRoundFactory(status=RoundStatus.REPORTING)
        for assignment in (world.assignment_a, world.assignment_b):
            copy = f.AssignmentFactory(
                round=round_,
                team=f.TeamFactory(round=round_),
                town=assignment.town,
                village=assignment.village,
            )
            for _ in range(problems_per_assignment):
                world.problem(status=ProblemStatus.CONFIRMED, assignment=copy)
        clear_for_feedback(round_, actor=world.office)
        with CaptureQueriesContext(connection) as captured:
            give(world, round_id=round_.pk)
        assert RectificationItem.objects.filter(feedback__assignment__round=round_).count() == (
            2 * problems_per_assignment
        )
        return len(captured)

    assert queries(1) == queries(6)


# -------------------------------------------------------------- round_start_rectification


def test_start_rectification():
    world = build_world(round_status=RoundStatus.FEEDBACK)
    feed_back_all(world.round, actor=world.office)
    before = world.round.history.count()

    round_ = round_start_rectification(actor=world.lead, round_id=world.round.pk, note="整改启动")

    round_.refresh_from_db()
    assert round_.status == RoundStatus.RECTIFICATION
    assert_one_new_history_row(round_, before=before, actor=world.lead, note="整改启动")


@pytest.mark.parametrize(
    "status", [s for s in RoundStatus.values if s not in START_RECTIFICATION.sources]
)
def test_start_rectification_from_a_forbidden_state(status):
    world = build_world(round_status=status)
    with pytest.raises(ConflictError):
        round_start_rectification(actor=world.office, round_id=world.round.pk)
