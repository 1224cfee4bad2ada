"""Feedback in batches (集中反馈): each batch its date, place and 反馈会; an organisation is
fed back only once its report was heard by the 书记专题会 and its papers are signed; a
draft blocks its own organisation only (rectification/services/feedback.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from findings.choices import ProblemStatus, ReportStage
from inspection.errors import ApplicationError, ConflictError
from rectification.models import Feedback, FeedbackBatch, RectificationItem
from rectification.services import feedback_batch_give, round_start_rectification
from rounds.choices import RoundStatus
from tests import factories as f
from tests.findings.reports_kit import clear_for_feedback, report_through
from tests.rectification.helpers import refused, upload
from tests.world import build_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def reporting():
    world = build_world(round_status=RoundStatus.REPORTING)
    clear_for_feedback(world.round, actor=world.office)
    return world


def give(world, *assignments, actor=None, **changes):
    values = {
        "actor": actor or world.office,
        "round_id": world.round.pk,
        "assignment_ids": [a.pk for a in assignments],
        "fed_back_on": TODAY() - 2 * DAY,
        "place": "镇政府会议室",
    } | changes
    return feedback_batch_give(**values)


def test_two_batches_two_dates_and_the_deadlines_follow_each(reporting, settings):
    world = reporting
    settings.INSPECTION_PLAN_DUE_DAYS = 15
    settings.INSPECTION_REPORT_DUE_DAYS = 60
    settings.INSPECTION_TIME_LIMITED_DUE_DAYS = 90
    in_a = world.problem(status=ProblemStatus.CONFIRMED)
    in_b = world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
    first_day, second_day = TODAY() - 10 * DAY, TODAY() - 3 * DAY
    round_rows = world.round.history.count()

    first = give(
        world,
        world.assignment_a,
        fed_back_on=first_day,
        place="甲镇政府三楼会议室",
        chair="钱主任",
        members_present="盛国华（领导小组副组长）",
        attendance="甲镇党委班子成员\n甲一村两委成员",
        note="甲镇集中反馈",
    )
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.FEEDBACK
    assert not Feedback.objects.filter(assignment=world.assignment_b).exists()
    in_b.refresh_from_db()
    assert in_b.status == ProblemStatus.CONFIRMED  # not fed back with town A

    second = give(world, world.assignment_b, fed_back_on=second_day, place="乙镇政府会议室")

    assert list(FeedbackBatch.objects.values_list("fed_back_on", flat=True)) == [
        first_day,
        second_day,
    ]
    assert (first.chair, first.members_present) == ("钱主任", "盛国华（领导小组副组长）")
    assert first.history.get().history_change_reason == "甲镇集中反馈"
    for batch, day, problem in ((first, first_day, in_a), (second, second_day, in_b)):
        feedback = Feedback.objects.get(batch=batch)
        assert feedback.fed_back_on == day
        assert feedback.plan_due_on == day + 15 * DAY
        assert feedback.report_due_on == day + 60 * DAY
        item = RectificationItem.objects.get(problem=problem)
        assert (item.feedback, item.deadline) == (feedback, day + 90 * DAY)
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.FEEDBACK
    assert world.round.history.count() == round_rows + 1  # moved by the first batch only


def test_a_draft_in_one_village_blocks_only_that_village(reporting):
    world = reporting
    world.problem()  # a draft in 甲一村
    in_b = world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)

    with refused("problems", match="甲一村还有1个问题底稿未审签"):
        give(world, world.assignment_a)
    give(world, world.assignment_b)

    in_b.refresh_from_db()
    assert in_b.status == ProblemStatus.FED_BACK


def test_a_report_not_heard_by_the_secretary_meeting_refuses_naming_it():
    world = build_world(round_status=RoundStatus.REPORTING)
    report_through(world.assignment_a, actor=world.office, stage=ReportStage.LEADING_GROUP)

    with refused("assignment_ids", match="甲一村的巡察报告尚未经书记专题会听取，不能反馈。"):
        give(world, world.assignment_a)
    with refused("assignment_ids", match="乙一村的巡察报告尚未起草"):
        give(world, world.assignment_b)
    assert not FeedbackBatch.objects.exists()


def test_feedback_is_not_dated_before_the_secretary_meeting_heard_the_report():
    world = build_world(round_status=RoundStatus.REPORTING)
    report_through(world.assignment_a, actor=world.office, on=TODAY() - DAY)
    with refused("fed_back_on", match="书记专题会听取巡察报告的日期"):
        give(world, world.assignment_a, fed_back_on=TODAY() - 2 * DAY)
    assert not FeedbackBatch.objects.exists()
    give(world, world.assignment_a, fed_back_on=TODAY() - DAY)


def test_one_refusal_saves_nothing(reporting):
    world = reporting
    ready = world.problem(status=ProblemStatus.CONFIRMED)
    world.problem(assignment=world.assignment_b)  # a draft in 乙一村

    with refused("problems", match="乙一村"):
        give(world, world.assignment_a, world.assignment_b)

    ready.refresh_from_db()
    world.round.refresh_from_db()
    assert ready.status == ProblemStatus.CONFIRMED
    assert world.round.status == RoundStatus.REPORTING
    assert not FeedbackBatch.objects.exists()
    assert not Feedback.objects.exists()
    assert not RectificationItem.objects.exists()


def test_an_organisation_fed_back_already_is_a_conflict_naming_its_date(reporting):
    world = reporting
    day = TODAY() - 4 * DAY
    give(world, world.assignment_a, fed_back_on=day)
    with pytest.raises(ConflictError, match=f"甲一村已于{day:%Y-%m-%d}反馈"):
        give(world, world.assignment_a, world.assignment_b)


def test_an_organisation_of_another_round_is_refused(reporting):
    world = reporting
    other = f.AssignmentFactory()
    with refused("assignment_ids", match="不属于本轮次"):
        give(world, world.assignment_a, other)


def test_a_batch_needs_an_organisation(reporting):
    with refused("assignment_ids", match="请选择要反馈的巡察对象"):
        give(reporting)


def test_not_before_the_team_of_a_chosen_organisation_left(reporting):
    world = reporting
    world.assignment_b.on_site_until = TODAY() - DAY
    world.assignment_b.save()
    give(world, world.assignment_a, fed_back_on=TODAY() - 2 * DAY)  # B's team does not count
    with refused("fed_back_on", match="不能早于撤离日期"):
        give(world, world.assignment_b, fed_back_on=TODAY() - 2 * DAY)


def test_the_statement_file_is_kept_and_checked(reporting, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    world = reporting
    with refused("statement_file"):
        give(world, world.assignment_a, statement_file=upload("表态.exe", b"MZ"))
    batch = give(world, world.assignment_a, statement_file=upload("表态发言.pdf"))
    assert batch.statement_file.name.endswith(".pdf")


@pytest.mark.parametrize(
    "status", [RoundStatus.ON_SITE, RoundStatus.RECTIFICATION, RoundStatus.CLOSED]
)
def test_no_batch_outside_reporting_and_feedback(status):
    world = build_world(round_status=status)
    clear_for_feedback(world.round, actor=world.office)
    with pytest.raises(ConflictError):
        give(world, world.assignment_a)


def test_rectification_starts_once_every_organisation_is_fed_back(reporting):
    world = reporting
    give(world, world.assignment_a)
    with refused("round", match="还有1个巡察对象未反馈"):
        round_start_rectification(actor=world.office, round_id=world.round.pk)
    give(world, world.assignment_b)
    round_start_rectification(actor=world.office, round_id=world.round.pk)


def test_scoped_out_round_is_absent():
    from inspection.errors import NotFoundError

    world = build_world(round_status=RoundStatus.REPORTING)
    with pytest.raises(NotFoundError):
        give(world, world.assignment_a, actor=world.liaison)


def test_queries_do_not_grow_with_the_organisations(reporting):
    world = reporting

    def queries(villages):
        round_ = f.InspectionRoundFactory(status=RoundStatus.REPORTING)
        team = f.TeamFactory(round=round_)
        chosen = []
        for _ in range(villages):
            assignment = f.AssignmentFactory(
                round=round_, team=team, village=f.VillageFactory(town=world.town_a)
            )
            world.problem(status=ProblemStatus.CONFIRMED, assignment=assignment)
            chosen.append(assignment)
        clear_for_feedback(round_, actor=world.office)
        with CaptureQueriesContext(connection) as captured:
            give(world, *chosen, round_id=round_.pk)
        assert Feedback.objects.filter(batch__round=round_).count() == villages
        return len(captured)

    assert queries(1) == queries(5)


def test_a_date_that_is_not_a_date_is_refused_not_a_500(reporting):
    with pytest.raises(ApplicationError, match="不是有效的日期"):
        give(reporting, reporting.assignment_b, fed_back_on="2026-13-01")
