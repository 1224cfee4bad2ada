"""The team's pages: my assignments, a village's page with the four must-talks tracker and
the team's totals, and who may open them (403 for other roles, 404 for another team)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from findings.choices import ProblemStatus
from inspection.models import AccessLog
from rounds.choices import ActivityKind, IntervieweeCategory, RoundStatus
from tests import factories as f

pytestmark = pytest.mark.django_db

MUST_TALKS = (
    IntervieweeCategory.VETERAN_PARTY_MEMBER,
    IntervieweeCategory.RETIRED_TEACHER,
    IntervieweeCategory.RETIRED_CADRE,
    IntervieweeCategory.ENTREPRENEUR,
)


def page_of(client, user, url):
    client.force_login(user)
    return client.get(url)


def village_url(assignment):
    return reverse("findings:team_assignment", args=[assignment.pk])


def team_urls(world):
    a = world.assignment_a.pk
    return [
        reverse("findings:team_home"),
        reverse("findings:team_assignment", args=[a]),
        reverse("findings:team_interview_new", args=[a]),
        reverse("findings:team_activity_new", args=[a]),
        reverse("findings:team_petition_new", args=[a]),
        reverse("findings:team_problem_new", args=[a]),
        reverse("findings:team_problem_list", args=[a]),
        reverse("findings:team_clue_new", args=[a]),
    ]


# ------------------------------------------------------------------------------ who


@pytest.mark.parametrize(
    "persona", ["office", "lead", "liaison", "officer_a", "leadership", "stats"]
)
def test_other_roles_are_refused_the_team_pages(client, world, persona):
    client.force_login(world.users[persona])
    for url in team_urls(world):
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    for url in team_urls(world):
        answer = client.get(url)
        assert answer.status_code == 302
        assert answer.url.startswith(reverse("inspection:login"))


def test_another_teams_assignment_answers_404(client, world):
    client.force_login(world.leader_b)
    for url in team_urls(world)[1:]:
        assert client.get(url).status_code == 404, url
    answer = client.post(
        reverse("findings:team_interview_new", args=[world.assignment_a.pk]),
        {
            "interviewee_category": "villager",
            "interviewee_name": "张三",
            "interviewers": [world.leader_a.pk, world.member_a.pk],
            "recorder": world.leader_a.pk,
        },
    )
    assert answer.status_code == 404
    problem = world.problem()
    for name in ("team_paper_submit", "team_paper_review", "team_paper_sign", "team_paper"):
        assert client.post(reverse(f"findings:{name}", args=[problem.pk])).status_code == 404
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.DRAFT


def test_an_id_beyond_any_key_answers_404(client, world):
    client.force_login(world.leader_a)
    assert client.get(f"/team/assignments/{2**64}/").status_code == 404
    assert client.post(f"/team/papers/{2**64}/sign/").status_code == 404


def test_inspectors_land_on_their_assignments_and_see_the_entry(client, world):
    client.force_login(world.member_a)
    answer = client.get(reverse("inspection:home"))
    assert answer.status_code == 302
    assert answer.url == reverse("findings:team_home")
    page = client.get(answer.url)
    assert '<a href="/team/" aria-current="page">我的巡察</a>' in page.content.decode()


# --------------------------------------------------------------------- my assignments


def test_my_assignments_show_my_teams_villages_with_must_talks_and_problems(client, world):
    world.problem()
    f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    page = page_of(client, world.member_a, reverse("findings:team_home"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "甲一村" in text
    assert "乙一村" not in text
    assert "必谈 1/4" in text
    assert "问题 1" in text


def test_todays_villages_come_first(client, world):
    today = timezone.localdate()
    later = f.AssignmentFactory(
        round=world.round,
        team=world.team_a,
        village=f.VillageFactory(town=world.town_a, name="甲二村"),
        town=world.town_a,
        on_site_from=today + datetime.timedelta(days=7),
        on_site_until=today + datetime.timedelta(days=14),
    )
    world.assignment_a.on_site_from = today - datetime.timedelta(days=1)
    world.assignment_a.on_site_until = today + datetime.timedelta(days=5)
    world.assignment_a.save()
    text = page_of(client, world.leader_a, reverse("findings:team_home")).content.decode()
    assert text.index("今日在驻") < text.index("甲一村") < text.index("其他巡察对象")
    assert text.index("其他巡察对象") < text.index(later.village.name)


def test_my_assignments_filter_by_name_and_paginate(client, world):
    page = page_of(client, world.leader_a, reverse("findings:team_home") + "?search=乙")
    assert "没有符合条件的巡察对象" in page.content.decode()
    page = client.get(reverse("findings:team_home") + "?round_status=nonsense")
    assert page.status_code == 200


def test_my_assignments_take_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for number in range(8):
        assignment = f.AssignmentFactory(
            round=world.round,
            team=world.team_a,
            village=f.VillageFactory(town=world.town_a, name=f"甲{number}组村"),
            town=world.town_a,
        )
        f.InterviewFactory(assignment=assignment, recorded_by=world.member_a)
        world.problem(assignment=assignment)
    client.force_login(world.leader_a)
    # The must-talks of every card in three queries (the lists, interviews, ticks).
    with django_assert_max_num_queries(12):
        assert client.get(reverse("findings:team_home")).status_code == 200


# ----------------------------------------------------------------- the village's page


def test_the_tracker_names_the_must_talks_still_missing(client, world):
    f.InterviewFactory(
        assignment=world.assignment_a,
        interviewee_category=IntervieweeCategory.RETIRED_TEACHER,
        recorded_by=world.member_a,
    )
    text = page_of(client, world.leader_a, village_url(world.assignment_a)).content.decode()
    assert text.count("尚未谈话") == 3
    assert "还差 3 项" in text
    assert 'data-category="retired_teacher"' in text
    assert "已全部完成" not in text


def test_the_tracker_turns_complete_when_all_four_are_met(client, world):
    for category in MUST_TALKS:
        f.InterviewFactory(
            assignment=world.assignment_a, interviewee_category=category, recorded_by=world.leader_a
        )
    text = page_of(client, world.member_a, village_url(world.assignment_a)).content.decode()
    assert "已全部完成" in text
    assert "尚未谈话" not in text
    assert "4/4" in text


def test_the_village_page_shows_profile_totals_and_recent_records(client, world):
    village = world.assignment_a.village
    village.population = 3210
    village.secretary_is_director = True
    village.save()
    f.InterviewFactory(
        assignment=world.assignment_a, interviewee_name="王建国", recorded_by=world.member_a
    )
    f.ActivityFactory(
        assignment=world.assignment_a,
        kind=ActivityKind.QUESTIONNAIRE,
        questionnaires_distributed=120,
        questionnaires_returned=110,
        people_reached=110,
        recorded_by=world.member_a,
    )
    f.PetitionFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    world.problem()
    world.problem(status=ProblemStatus.CONFIRMED)
    world.clue()
    text = page_of(client, world.member_a, village_url(world.assignment_a)).content.decode()
    assert "3210" in text
    assert '"一肩挑"' in text
    assert "110/120" in text
    assert "调查问卷" in text
    assert "草稿 1 · 待复核 0 · 待审签 0 · 已审签 1 · 已反馈 0" in text
    assert "拟移交 1" in text
    assert "王建国" in text  # the team reads its interviewees' names
    assert "李秀英" in text
    assert "登记谈话" in text


def test_reading_names_on_the_village_page_is_logged(client, world):
    f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    f.PetitionFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    page_of(client, world.member_a, village_url(world.assignment_a))
    logged = AccessLog.objects.filter(user=world.member_a, action=AccessLog.Action.VIEW)
    assert set(logged.values_list("object_type", flat=True)) == {
        "rounds.interview",
        "rounds.petition",
    }


def test_the_leader_is_offered_the_papers_and_proposing(client, world):
    text = page_of(client, world.leader_a, village_url(world.assignment_a)).content.decode()
    assert "问题底稿·提出线索" in text
    text = page_of(client, world.member_a, village_url(world.assignment_a)).content.decode()
    assert "问题底稿·提出线索" not in text
    assert "问题清单" in text


def test_a_round_past_reporting_offers_no_log_buttons(client):
    from tests.world import build_world

    world = build_world(round_status=RoundStatus.FEEDBACK)
    text = page_of(client, world.leader_a, village_url(world.assignment_a)).content.decode()
    assert "现场工作已结束" in text
    assert reverse("findings:team_interview_new", args=[world.assignment_a.pk]) not in text
    assert "登记信访" in text  # petitions reach a round until it is closed


def test_the_village_page_takes_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for _ in range(6):
        f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
        f.ActivityFactory(assignment=world.assignment_a, recorded_by=world.member_a)
        f.PetitionFactory(assignment=world.assignment_a, recorded_by=world.member_a)
        world.problem()
    client.force_login(world.leader_a)
    # The must-lists in three queries, 入户走访率 in one, the 函调 replies: none a row.
    with django_assert_max_num_queries(23):
        assert client.get(village_url(world.assignment_a)).status_code == 200
