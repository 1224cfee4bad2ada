"""Interviewee names and petition reporters: who reads them, masked for whom, each read logged."""

import pytest
from django.test import RequestFactory

from inspection.errors import NotFoundError
from inspection.models import AccessLog
from rounds.selectors import (
    interview_get_for_user,
    interviewee_name_for,
    petition_get_for_user,
    reporter_for,
)
from tests import factories as f
from tests.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

READ_NAMES = {"office", "lead", "leader_a", "member_a"}
READ_MASKED = {"leadership"}


def request_from(address):
    return RequestFactory().get("/", REMOTE_ADDR=address)


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_interview_read_by_each_persona(persona):
    world = build_world()
    interview = f.InterviewFactory(assignment=world.assignment_a, interviewee_name="王建国")
    user = world.users[persona]
    if persona in READ_NAMES | READ_MASKED:
        read = interview_get_for_user(
            user=user, interview_id=interview.pk, request=request_from("10.0.0.7")
        )
        expected = "王建国" if persona in READ_NAMES else "王**"
        assert interviewee_name_for(user, read) == expected
        action = AccessLog.Action.VIEW
    else:
        with pytest.raises(NotFoundError):
            interview_get_for_user(
                user=user, interview_id=interview.pk, request=request_from("10.0.0.7")
            )
        action = AccessLog.Action.REFUSED
    row = AccessLog.objects.get()
    assert (row.user, row.action, row.object_type, row.object_id, row.ip_address) == (
        user,
        action,
        "rounds.interview",
        str(interview.pk),
        "10.0.0.7",
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_petition_reporter_read_by_each_persona(persona):
    world = build_world()
    petition = f.PetitionFactory(
        assignment=world.assignment_a, reporter_name="李秀英", reporter_contact="13900001111"
    )
    user = world.users[persona]
    if persona in READ_NAMES | READ_MASKED:
        read = petition_get_for_user(user=user, petition_id=petition.pk)
        expected = ("李秀英", "13900001111") if persona in READ_NAMES else ("李**", "***")
        assert reporter_for(user, read) == expected
        assert AccessLog.objects.get().action == AccessLog.Action.VIEW
    else:
        with pytest.raises(NotFoundError):
            petition_get_for_user(user=user, petition_id=petition.pk)
        assert AccessLog.objects.get().action == AccessLog.Action.REFUSED


def test_a_missing_record_is_refused_like_a_hidden_one():
    world = build_world()
    with pytest.raises(NotFoundError):
        interview_get_for_user(user=world.office, interview_id=999999)
    with pytest.raises(NotFoundError):
        petition_get_for_user(user=world.office, petition_id="abc")
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count() == 2


# ------------------------------------------- testimony: withheld, and searched where read


def api_get(user, url, **query):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    answer = client.get(url, query)
    assert answer.status_code == 200, answer.content
    return answer.json()


def found(user, resource, search):
    return {row["id"] for row in api_get(user, f"/api/v1/{resource}/", search=search)["results"]}


@pytest.mark.parametrize("persona", sorted(READ_NAMES | READ_MASKED))
def test_interview_testimony_is_withheld_from_whoever_reads_the_name_masked(persona):
    world = build_world()
    interview = f.InterviewFactory(
        assignment=world.assignment_a,
        interviewee_name="王建国",
        outline="了解王建国反映的鱼塘承包问题",
        record="我叫王建国，住三组，儿子王小军在村里开车。",
        problems_raised="鱼塘承包未公开招标（电话13912345678）",
    )
    user = world.users[persona]
    listed = api_get(user, "/api/v1/interviews/")["results"][0]
    detail = api_get(user, f"/api/v1/interviews/{interview.pk}/")
    assert listed == detail
    testimony = ("outline", "record", "problems_raised")
    if persona in READ_NAMES:
        assert [detail[key] for key in testimony] == [getattr(interview, k) for k in testimony]
        assert found(user, "interviews", "王建国") == {interview.pk}
        assert found(user, "interviews", "王小军") == {interview.pk}
    else:
        assert {detail[key] for key in testimony} == {"（涉及谈话对象，内容不予显示）"}
        assert "王建国" not in str(detail) and "王小军" not in str(detail)
        for word in ("王建国", "王小军", "鱼塘", "13912345678"):
            assert found(user, "interviews", word) == found(user, "interviews", "不存在")
        assert found(user, "interviews", "王") == set()


@pytest.mark.parametrize("persona", sorted(READ_NAMES | READ_MASKED))
def test_petition_content_is_withheld_from_whoever_reads_the_reporter_masked(persona):
    world = build_world()
    petition = f.PetitionFactory(
        assignment=world.assignment_a,
        reporter_name="李秀英",
        reporter_contact="13900001111",
        content="我是三组李秀英，反映低保评定不公开，我丈夫张大山可作证。",
    )
    user = world.users[persona]
    detail = api_get(user, f"/api/v1/petitions/{petition.pk}/")
    if persona in READ_NAMES:
        assert detail["content"] == petition.content
        assert found(user, "petitions", "李秀英") == {petition.pk}
        assert found(user, "petitions", "13900001111") == {petition.pk}
        assert found(user, "petitions", "张大山") == {petition.pk}
    else:
        assert detail["content"] == "（涉及反映人，内容不予显示）"
        assert "李秀英" not in str(detail) and "张大山" not in str(detail)
        for word in ("李秀英", "13900001111", "张大山", "低保"):
            assert found(user, "petitions", word) == set()


def test_a_round_level_petition_is_read_and_found_by_every_team_of_its_round():
    world = build_world()
    petition = f.PetitionFactory(
        assignment=None, round=world.round, reporter_name="李秀英", content="李秀英反映…"
    )
    for user in (world.leader_a, world.leader_b, world.office):
        assert found(user, "petitions", "李秀英") == {petition.pk}
    assert found(world.leadership, "petitions", "李秀英") == set()


def test_the_team_page_shows_the_team_its_own_testimony(client):
    world = build_world()
    f.InterviewFactory(
        assignment=world.assignment_a, problems_raised="王建国反映鱼塘承包问题"
    )
    client.force_login(world.member_a)
    page = client.get(f"/team/assignments/{world.assignment_a.pk}/").content.decode()
    assert "王建国反映鱼塘承包问题" in page
