"""Feedback (反馈) and the start of rectification on screen: the confirmation counts the
ledger items feedback will create and the dates it will set; the POST calls the service
(rectification/views/feedback.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from findings.choices import ProblemStatus
from rectification.choices import RectificationMode
from rectification.models import Feedback, RectificationItem
from rounds.choices import RoundStatus
from tests.world import build_world

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def reporting():
    return build_world(round_status=RoundStatus.REPORTING)


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def feedback_url(world):
    return reverse("rectification:round_feedback", args=[world.round.pk])


def start_url(world):
    return reverse("rectification:round_start_rectification", args=[world.round.pk])


def status_of(world):
    world.round.refresh_from_db()
    return world.round.status


@pytest.fixture
def problems(reporting):
    """Three confirmed problems: two to fix within the deadline, one at once."""
    world = reporting
    world.problem(status=ProblemStatus.CONFIRMED)
    world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
    world.problem(status=ProblemStatus.CONFIRMED, fix_immediately=True)
    return world


def test_the_confirmation_counts_the_ledger_items_and_dates(problems, as_user, settings):
    world = problems
    settings.INSPECTION_PLAN_DUE_DAYS = 15
    settings.INSPECTION_REPORT_DUE_DAYS = 60
    settings.INSPECTION_IMMEDIATE_DUE_DAYS = 7
    settings.INSPECTION_TIME_LIMITED_DUE_DAYS = 45
    today = timezone.localdate()
    response = as_user(world.office).get(feedback_url(world))
    assert response.status_code == 200
    page = response.content.decode()

    def on(days):
        return (today + days * DAY).isoformat()

    assert f"将向 2 个巡察对象各作一份巡察反馈，反馈日期 {today.isoformat()}。" in page
    assert "将把 3 个已审签问题标为“已反馈”，并生成 3 条整改台账条目" in page
    assert f"立行立改 1 条，整改期限 {on(7)}（反馈后 7 天）" in page
    assert f"限期整改 2 条，整改期限 {on(45)}（反馈后 45 天）" in page
    assert f"整改方案须于 {on(15)} 前报送（反馈后 15 天）" in page
    assert f"整改报告须于 {on(60)} 前报送（反馈后 60 天）" in page
    assert "确认反馈并生成整改台账" in page
    assert not Feedback.objects.exists()  # GET changes nothing


def test_feedback_builds_the_ledger_and_moves_the_round(problems, as_user):
    world = problems
    fed_back_on = timezone.localdate() - DAY
    response = as_user(world.office).post(
        feedback_url(world),
        {"fed_back_on": fed_back_on.isoformat(), "letter": "请认真整改。", "note": ""},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("rounds:round_detail", args=[world.round.pk])
    assert "已反馈，整改台账已生成。" in response.content.decode()
    assert status_of(world) == RoundStatus.FEEDBACK
    items = RectificationItem.objects.filter(problem__assignment__round=world.round)
    assert items.count() == 3
    assert items.filter(mode=RectificationMode.IMMEDIATE).count() == 1
    assert set(Feedback.objects.values_list("letter", flat=True)) == {"请认真整改。"}


def test_feedback_is_refused_while_problems_are_drafts(problems, as_user):
    world = problems
    world.problem(status=ProblemStatus.DRAFT)
    client = as_user(world.office)
    page = client.get(feedback_url(world)).content.decode()
    message = (
        "本轮次还有1个问题底稿未审签（草稿、待复核或待审签），请巡察组完成复核、审签后再反馈。"
    )
    assert 'class="blockers"' in page and message in page
    assert "确认反馈并生成整改台账" not in page
    response = client.post(feedback_url(world), {"fed_back_on": timezone.localdate()})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assert status_of(world) == RoundStatus.REPORTING
    assert not RectificationItem.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "请填写反馈日期。"),
        ("2026-13-01", "请输入有效的日期，如 2026-05-01。"),
        ("future", "反馈日期不能晚于今天。"),
    ],
)
def test_a_bad_feedback_date_is_answered_next_to_the_field(problems, as_user, value, message):
    world = problems
    if value == "future":
        value = (timezone.localdate() + DAY).isoformat()
    response = as_user(world.office).post(feedback_url(world), {"fed_back_on": value})
    assert response.status_code == 200
    assert response.context["form"].errors["fed_back_on"] == [message]
    assert message in response.content.decode()
    assert status_of(world) == RoundStatus.REPORTING


def test_feedback_before_the_teams_left_is_shown_as_blocked(problems, as_user):
    world = problems
    leaving = timezone.localdate() + 3 * DAY
    world.round.on_site_until = leaving
    world.round.save()
    page = as_user(world.office).get(feedback_url(world)).content.decode()
    assert f"反馈日期不能早于撤离日期（{leaving.isoformat()}）。" in page


def test_feedback_out_of_turn_says_so(problems, as_user):
    world = problems
    world.round.status = RoundStatus.ON_SITE
    world.round.save()
    page = as_user(world.office).get(feedback_url(world)).content.decode()
    assert "巡察轮次当前状态为「进驻」，不能巡察反馈。" in page


@pytest.mark.parametrize("persona", ("leadership", "leader_a", "liaison", "officer_a"))
def test_only_the_office_gives_feedback(problems, as_user, persona):
    world = problems
    client = as_user(getattr(world, persona))
    assert client.get(feedback_url(world)).status_code == 403
    assert client.post(feedback_url(world), {"fed_back_on": "2026-01-01"}).status_code == 403
    assert client.get(start_url(world)).status_code == 403
    assert client.post(start_url(world)).status_code == 403
    assert status_of(world) == RoundStatus.REPORTING


def test_an_unknown_round_answers_404(reporting, as_user):
    client = as_user(reporting.office)
    assert client.get("/rounds/999999/feedback/").status_code == 404
    assert client.get("/rounds/999999/start-rectification/").status_code == 404


def test_starting_rectification_says_what_the_ledger_holds(problems, as_user):
    world = problems
    client = as_user(world.office)
    client.post(feedback_url(world), {"fed_back_on": timezone.localdate().isoformat()})
    assert status_of(world) == RoundStatus.FEEDBACK
    page = client.get(start_url(world)).content.decode()
    assert "本轮次已向 2 个巡察对象反馈，整改台账共 3 条，其中待整改 3 条。" in page
    assert "确认进入整改阶段" in page
    response = client.post(start_url(world), {"note": ""}, follow=True)
    assert "巡察轮次已进入整改阶段。" in response.content.decode()
    assert status_of(world) == RoundStatus.RECTIFICATION


def test_the_round_page_offers_the_move_due(problems, as_user):
    world = problems
    page = (
        as_user(world.office)
        .get(reverse("rounds:round_detail", args=[world.round.pk]))
        .content.decode()
    )
    assert feedback_url(world) in page
    assert start_url(world) not in page


# The page lists the service's own refusals (``feedback_refusals``): each scenario below
# is refused by ``round_give_feedback``, and the page shows that very message.
def _no_assignments(world):
    from tests import factories as f

    world.round = f.InspectionRoundFactory(status=RoundStatus.REPORTING)


def _teams_still_on_site(world):
    world.round.on_site_until = timezone.localdate() + 3 * DAY
    world.round.save()


def _a_draft(world):
    world.problem(status=ProblemStatus.DRAFT)
    world.problem(status=ProblemStatus.DRAFT, assignment=world.assignment_b)


def _fed_back_already(world):
    world.feedback()


@pytest.mark.parametrize(
    "scenario", [_no_assignments, _teams_still_on_site, _a_draft, _fed_back_already]
)
def test_the_page_shows_exactly_what_the_service_refuses_with(problems, as_user, scenario):
    from inspection.errors import ApplicationError
    from rectification.services import round_give_feedback

    world = problems
    scenario(world)
    with pytest.raises(ApplicationError) as refused:
        round_give_feedback(
            actor=world.office, round_id=world.round.pk, fed_back_on=timezone.localdate()
        )
    response = as_user(world.office).get(feedback_url(world))
    assert refused.value.message in response.context["blockers"]
    assert refused.value.message in response.content.decode()
    assert "确认反馈并生成整改台账" not in response.content.decode()
