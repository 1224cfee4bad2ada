"""Send once: a team form's token is stored on the record it saved (a unique column), so a
form sent again — at the same moment, after a lost answer, after signing in again — is
answered with that record, never saved twice; a form without a token is refused."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from findings.models import Clue, Problem
from inspection.errors import ApplicationError
from rounds.models import Activity, Interview, Petition
from rounds.services import interview_record
from tests.simultaneous import post_at_once
from tests.world import build_world

SENDINGS = 8


def interview_form(token, world) -> dict:
    return {
        "interviewee_category": "retired_teacher",
        "interviewee_name": "李老师",
        "held_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "interviewers": [world.member_a.pk, world.leader_a.pk],
        "recorder": world.member_a.pk,
        "submission": token,
    }


def interview_url(world) -> str:
    return reverse("findings:team_interview_new", args=[world.assignment_a.pk])


@pytest.mark.django_db(transaction=True)
def test_eight_simultaneous_sendings_of_one_form_save_one_interview(on_postgres):
    """Eight requests with one token, each on its own connection, released together: one
    interview is saved, and every request answers it (a redirect to the village's page)."""
    world = build_world()
    data = interview_form(uuid.uuid4().hex, world)
    answers = post_at_once(world.member_a, interview_url(world), lambda: data, SENDINGS)

    assert len(answers) == SENDINGS
    village_page = reverse("findings:team_assignment", args=[world.assignment_a.pk])
    assert [getattr(answer, "status_code", answer) for answer in answers] == [302] * SENDINGS
    assert {answer.url for answer in answers} == {village_page}
    (interview,) = Interview.objects.all()
    assert interview.submission_token == data["submission"]
    assert interview.recorded_by == world.member_a


@pytest.mark.django_db
def test_a_form_sent_again_after_signing_in_again_is_not_saved_twice(client):
    world = build_world()
    data = interview_form(uuid.uuid4().hex, world)
    client.force_login(world.member_a)
    assert client.post(interview_url(world), data).status_code == 302
    client.logout()
    client.force_login(world.member_a)  # a new session remembers nothing
    again = client.post(interview_url(world), data)
    assert again.status_code == 302
    assert Interview.objects.count() == 1
    assert "这条记录已经保存过，没有重复登记" in client.get(again.url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "abc", "x" * 65, "0f3c5a4e9b2d4c7e<script>"])
def test_a_form_without_a_valid_token_is_refused_and_offers_a_fresh_page(client, token):
    world = build_world()
    client.force_login(world.member_a)
    data = interview_form(token, world)
    if not token:
        del data["submission"]
    page = client.post(interview_url(world), data)
    assert page.status_code == 200
    text = page.content.decode()
    assert "缺少有效的提交标识" in text
    assert "重新载入本页" in text
    assert f'href="{interview_url(world)}"' in text
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_another_users_token_is_refused_not_answered(client):
    world = build_world()
    token = uuid.uuid4().hex
    client.force_login(world.leader_a)
    assert client.post(interview_url(world), interview_form(token, world)).status_code == 302
    client.force_login(world.member_a)
    page = client.post(interview_url(world), interview_form(token, world))
    assert page.status_code == 200
    assert "提交标识已被使用" in page.content.decode()
    assert Interview.objects.get().recorded_by == world.leader_a


@pytest.mark.django_db
def test_each_team_form_stores_its_token_and_answers_a_repeat(client):
    world = build_world()
    problem = world.problem(status="confirmed")
    client.force_login(world.leader_a)
    today = timezone.localdate().isoformat()
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    forms = [
        ("team_activity_new", Activity, {"kind": "symposium", "held_on": today}),
        (
            "team_petition_new",
            Petition,
            {"channel": "visit", "received_at": now, "is_anonymous": "on", "content": "反映"},
        ),
        (
            "team_problem_new",
            Problem,
            {
                "nature": "violation",
                "severity": "minor",
                "facts": "事实",
                "source": "documents",
            },
        ),
        (
            "team_clue_new",
            Clue,
            {
                "problem_ids": [problem.pk],
                "summary": "摘要",
                "subject_name": "赵德明",
                "subject_post": "secretary",
            },
        ),
    ]
    for name, model, fields in forms:
        before = model.objects.count()
        data = {**fields, "submission": uuid.uuid4().hex}
        url = reverse(f"findings:{name}", args=[world.assignment_a.pk])
        assert client.post(url, data).status_code == 302, name
        assert client.post(url, data).status_code == 302, name
        assert model.objects.count() == before + 1, name
        assert model.objects.filter(submission_token=data["submission"]).exists(), name


@pytest.mark.django_db
def test_the_service_answers_a_token_it_saved_and_the_api_needs_none():
    world = build_world()
    fields = {
        "actor": world.member_a,
        "assignment_id": world.assignment_a.pk,
        "interviewee_category": "villager",
        "interviewee_name": "张三",
        "interviewer_ids": [world.member_a.pk, world.leader_a.pk],
    }
    first = interview_record(**fields, submission_token="a" * 32)
    assert interview_record(**fields, submission_token="a" * 32) == first
    with pytest.raises(ApplicationError, match="提交标识已被使用"):
        interview_record(**{**fields, "actor": world.leader_a}, submission_token="a" * 32)
    untokened = [interview_record(**fields), interview_record(**fields)]
    assert all(interview.submission_token is None for interview in untokened)
    assert Interview.objects.count() == 3


@pytest.mark.django_db
def test_every_page_after_a_save_names_the_token_whose_draft_goes(client):
    """drafts.js drops the draft holding a token the page lists (``data-drafts-sent``):
    listed from the save on, also for a resend the server recognised, never before."""
    world = build_world()
    client.force_login(world.member_a)
    team_page = reverse("findings:team_home")
    sent, refused = uuid.uuid4().hex, uuid.uuid4().hex
    refused_data = interview_form(refused, world) | {"interviewee_name": ""}
    assert client.post(interview_url(world), refused_data).status_code == 200  # errors
    assert refused not in client.get(team_page).text
    assert "data-drafts-sent" not in client.get(team_page).text

    assert client.post(interview_url(world), interview_form(sent, world)).status_code == 302
    assert f'data-drafts-sent="{sent}"' in client.get(team_page).text
    # A resend is answered with the record it saved, and the token stays listed.
    assert client.post(interview_url(world), interview_form(sent, world)).status_code == 302
    assert f'data-drafts-sent="{sent}"' in client.get(team_page).text
    assert Interview.objects.filter(submission_token=sent).count() == 1
