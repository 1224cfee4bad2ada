"""The life-cycle moves of a round: a confirmation that says what will happen, then the
service (rounds/views/moves.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from findings.choices import ProblemStatus
from rounds.choices import RoundStatus
from rounds.models import TeamMember
from tests import factories as f
from tests.rounds.helpers import approve_work_plan, set_round_status

pytestmark = pytest.mark.django_db

MOVES = ("prepare", "go_on_site", "end_on_site", "close")


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def url_of(world, move):
    # Closing (归档) checks the archive: it is rectification's (rectification/views/archive.py).
    app = "rectification" if move == "close" else "rounds"
    return reverse(f"{app}:round_{move}", args=[world.round.pk])


def status_of(world):
    world.round.refresh_from_db()
    return world.round.status


def test_preparing_says_what_the_round_holds(world, as_user):
    world.round.supervision_items.set([f.SupervisionItemFactory() for _ in range(3)])
    TeamMember.objects.filter(team=world.team_b).delete()
    response = as_user(world.office).get(url_of(world, "prepare"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="confirm"' in page
    assert "本轮次现有2 个巡察组（2 人），巡察对象2 个村(社区)（分布在 2 个乡镇）。" in page
    assert "已选定 3 项监督重点。" in page
    assert "进驻前还须补齐：第二巡察组尚未确定组长；尚未生成工作方案并报领导小组审议。" in page
    assert status_of(world) == RoundStatus.PLANNING  # GET changes nothing


def test_preparing_moves_the_round(world, as_user):
    response = as_user(world.office).post(
        url_of(world, "prepare"), {"note": "动员会已开"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("rounds:round_detail", args=[world.round.pk])
    assert "巡察轮次已转入巡前准备。" in response.content.decode()
    assert status_of(world) == RoundStatus.PREPARATION
    assert world.round.history.latest().history_change_reason == "动员会已开"


def test_going_on_site_says_the_date_it_will_record(world, as_user):
    set_round_status(world, RoundStatus.PREPARATION)
    approve_work_plan(world.round)
    page = as_user(world.office).get(url_of(world, "go_on_site")).content.decode()
    today = timezone.localdate().isoformat()
    assert f"进驻日期将记为 {today}（今天）。" in page
    assert "2 个巡察组（3 人）将进驻2 个村(社区)（分布在 2 个乡镇）开展巡察。" in page
    assert "确认进驻" in page


def test_going_on_site_is_blocked_while_a_team_has_no_leader(world, as_user):
    set_round_status(world, RoundStatus.PREPARATION)
    TeamMember.objects.filter(team=world.team_b).delete()
    approve_work_plan(world.round)
    client = as_user(world.office)
    page = client.get(url_of(world, "go_on_site")).content.decode()
    assert 'class="blockers"' in page
    assert "第二巡察组尚未确定组长" in page
    assert "确认进驻" not in page
    response = client.post(url_of(world, "go_on_site"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["不能进驻：第二巡察组尚未确定组长。"]
    assert status_of(world) == RoundStatus.PREPARATION


def test_going_on_site_is_blocked_before_the_planned_date(world, as_user):
    set_round_status(world, RoundStatus.PREPARATION)
    planned = timezone.localdate() + datetime.timedelta(days=3)
    world.round.on_site_from = planned
    world.round.save()
    page = as_user(world.office).get(url_of(world, "go_on_site")).content.decode()
    assert f"计划进驻日期为{planned.isoformat()}，尚未到达" in page


def test_going_on_site_is_blocked_until_the_leading_group_agrees_to_the_plan(world, as_user):
    set_round_status(world, RoundStatus.PREPARATION)
    client = as_user(world.office)
    page = client.get(url_of(world, "go_on_site")).content.decode()
    assert "尚未生成工作方案并报领导小组审议" in page
    assert "确认进驻" not in page
    response = client.post(url_of(world, "go_on_site"))
    assert response.context["form"].non_field_errors() == [
        "不能进驻：尚未生成工作方案并报领导小组审议。"
    ]
    assert status_of(world) == RoundStatus.PREPARATION


def test_going_on_site_moves_the_round(world, as_user):
    set_round_status(world, RoundStatus.PREPARATION)
    approve_work_plan(world.round)
    as_user(world.office).post(url_of(world, "go_on_site"))
    assert status_of(world) == RoundStatus.ON_SITE
    assert world.round.on_site_from == timezone.localdate()


def test_leaving_says_what_is_still_open(world, as_user):
    set_round_status(world, RoundStatus.ON_SITE)
    world.problem(status=ProblemStatus.DRAFT)
    world.problem(status=ProblemStatus.REVIEWED)
    world.problem(status=ProblemStatus.CONFIRMED)
    page = as_user(world.office).get(url_of(world, "end_on_site")).content.decode()
    today = timezone.localdate().isoformat()
    assert f"撤离日期将记为 {today}（今天），本轮次转入报告阶段。" in page
    assert "已发现问题 2 个（其中已审签待反馈 1 个）。" in page
    assert "2 个村(社区)的必谈对象尚未谈全。" in page
    assert "还有 2 个问题底稿未审签" in page


def test_leaving_moves_the_round(world, as_user):
    set_round_status(world, RoundStatus.ON_SITE)
    as_user(world.office).post(url_of(world, "end_on_site"))
    assert status_of(world) == RoundStatus.REPORTING
    assert world.round.on_site_until == timezone.localdate()


def test_closing_is_the_office_leads(world, as_user):
    set_round_status(world, RoundStatus.RECTIFICATION)
    assert as_user(world.office).get(url_of(world, "close")).status_code == 403
    assert as_user(world.office).post(url_of(world, "close")).status_code == 403
    client = as_user(world.lead)
    assert "归档后本轮次的状态不再改变。" in client.get(url_of(world, "close")).content.decode()
    client.post(url_of(world, "close"), {"override_reason": "材料另行补充"})
    assert status_of(world) == RoundStatus.CLOSED


@pytest.mark.parametrize("move", ("go_on_site", "end_on_site"))
def test_a_move_out_of_turn_says_so_and_changes_nothing(world, as_user, move):
    client = as_user(world.office)
    page = client.get(url_of(world, move)).content.decode()
    assert "巡察轮次当前状态为「筹备」，不能" in page
    response = client.post(url_of(world, move))
    assert response.status_code == 200
    [message] = response.context["form"].non_field_errors()
    assert "当前状态为「筹备」" in message
    assert status_of(world) == RoundStatus.PLANNING


@pytest.mark.parametrize("move", MOVES)
@pytest.mark.parametrize("persona", ("leadership", "leader_a", "liaison", "officer_a"))
def test_only_the_office_moves_rounds(world, as_user, move, persona):
    client = as_user(getattr(world, persona))
    assert client.get(url_of(world, move)).status_code == 403
    assert client.post(url_of(world, move)).status_code == 403
    assert status_of(world) == RoundStatus.PLANNING


def test_an_unknown_round_answers_404(world, as_user):
    assert as_user(world.office).get("/rounds/999999/prepare/").status_code == 404
