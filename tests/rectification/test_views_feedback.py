"""Feedback (反馈) and the start of rectification on screen: the confirmation counts the
ledger items feedback will create and the dates it will set; the POST calls the service
(rectification/views/feedback.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from findings.choices import ProblemStatus
from rectification.services import round_give_feedback
from rounds.choices import RoundStatus
from tests.findings.reports_kit import clear_for_feedback
from tests.world import build_world

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def reporting():
    world = build_world(round_status=RoundStatus.REPORTING)
    clear_for_feedback(world.round, actor=world.office)
    return world


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
    round_give_feedback(
        actor=world.office, round_id=world.round.pk, fed_back_on=timezone.localdate()
    )
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
