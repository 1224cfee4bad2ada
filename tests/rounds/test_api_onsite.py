"""Interviews, activities and petitions through the API: per role, masked names, the
access log, recording and disposing."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from inspection.choices import AttentionClass
from inspection.models import AccessLog
from rounds.choices import ActivityKind, IntervieweeCategory, PetitionStatus, RoundStatus
from rounds.models import Activity, Interview, Petition
from tests import factories as f
from tests.rounds.helpers import set_round_status
from tests.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

READ_ALL = {"office", "lead", "leadership"}
TEAM_A = {"leader_a", "member_a"}
TEAM_B = {"leader_b"}
# Who reads names in full; leadership reads them masked.
READ_NAMES = {"office", "lead", "leader_a", "member_a"}


def as_user(user, address="10.0.0.7"):
    client = APIClient(REMOTE_ADDR=address)
    client.force_authenticate(user)
    return client


def rows(answer) -> list[dict]:
    assert answer.status_code == 200, answer.content
    return answer.json()["results"]


def listed_ids(answer) -> set[int]:
    return {row["id"] for row in rows(answer)}


def errors_of(answer) -> set[str]:
    assert answer.status_code == 400, answer.content
    return set(answer.json()["errors"])


def readers_of(record) -> set[str]:
    """Who reads an on-site record of assignment A or B."""
    return READ_ALL | (TEAM_A if record.assignment.village.name == "甲一村" else TEAM_B)


def check_scope(world, persona, path, records):
    client = as_user(world.users[persona])
    answer = client.get(path)
    if persona == "stats":
        assert answer.status_code == 403
        assert client.get(f"{path}{records[0].pk}/").status_code == 403
        return
    expected = {record.pk for record in records if persona in readers_of(record)}
    assert listed_ids(answer) == expected
    for record in records:
        detail = client.get(f"{path}{record.pk}/")
        assert detail.status_code == (200 if record.pk in expected else 404)


def now_minus(**delta):
    return (timezone.now() - datetime.timedelta(**delta)).isoformat()


# ------------------------------------------------------------------------ interviews


def two_interviews(world):
    return [
        f.InterviewFactory(assignment=world.assignment_a, interviewee_name="王建国"),
        f.InterviewFactory(assignment=world.assignment_b, interviewee_name="陈立新"),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_interviews_per_persona(persona):
    world = build_world()
    check_scope(world, persona, "/api/v1/interviews/", two_interviews(world))


@pytest.mark.parametrize("persona", sorted(READ_ALL | TEAM_A))
def test_interviewee_names_masked_per_persona(persona):
    world = build_world()
    interview, _ = two_interviews(world)
    client = as_user(world.users[persona])
    expected = "王建国" if persona in READ_NAMES else "王**"
    detail = client.get(f"/api/v1/interviews/{interview.pk}/").json()
    assert detail["interviewee_name"] == expected
    listed = {row["id"]: row for row in rows(client.get("/api/v1/interviews/"))}
    assert listed[interview.pk]["interviewee_name"] == expected
    assert "王建国" not in str(listed) or persona in READ_NAMES


def test_interview_reads_are_logged():
    world = build_world()
    interview, other = two_interviews(world)
    client = as_user(world.leader_a, address="10.0.0.9")
    rows(client.get("/api/v1/interviews/"))
    listing = AccessLog.objects.get()
    assert (listing.user, listing.action, listing.object_type, listing.object_id) == (
        world.leader_a,
        AccessLog.Action.VIEW,
        "rounds.interview",
        "",
    )
    assert (listing.detail, listing.ip_address) == ("列表，1条", "10.0.0.9")
    client.get(f"/api/v1/interviews/{interview.pk}/")
    client.get(f"/api/v1/interviews/{other.pk}/")
    read, refused = AccessLog.objects.order_by("id")[1:]
    assert (read.action, read.object_id, read.ip_address) == (
        AccessLog.Action.VIEW,
        str(interview.pk),
        "10.0.0.9",
    )
    assert (refused.action, refused.object_id) == (AccessLog.Action.REFUSED, str(other.pk))


def test_an_interview_reads_with_labels():
    world = build_world()
    interview, _ = two_interviews(world)
    interview.interviewers.set([world.leader_a, world.member_a])
    row = as_user(world.office).get(f"/api/v1/interviews/{interview.pk}/").json()
    assert (row["round"], row["team"], row["town"], row["target_name"]) == (
        world.round.pk,
        world.team_a.pk,
        world.town_a.pk,
        "甲一村",
    )
    assert row["interviewee_category_display"] == "老党员"
    assert set(row["interviewers"]) == {world.leader_a.pk, world.member_a.pk}
    assert set(row["interviewer_names"]) == {str(world.leader_a), str(world.member_a)}


def test_interviews_filter_and_search_names_only_where_read():
    world = build_world()
    interview, other = two_interviews(world)
    Interview.objects.filter(pk=interview.pk).update(
        record="反映鱼塘承包未公开招标。", held_at=timezone.now() - datetime.timedelta(days=3)
    )
    teacher = f.InterviewFactory(
        assignment=world.assignment_a, interviewee_category=IntervieweeCategory.RETIRED_TEACHER
    )
    client = as_user(world.office)

    def found(**query):
        return listed_ids(client.get("/api/v1/interviews/", query))

    assert found(team=world.team_b.pk) == {other.pk}
    assert found(town=world.town_a.pk) == {interview.pk, teacher.pk}
    assert found(village=world.assignment_b.village_id) == {other.pk}
    assert found(interviewee_category="retired_teacher") == {teacher.pk}
    assert found(search="鱼塘") == {interview.pk}
    # The office reads the names and finds by them; leadership reads 王** and does not.
    assert found(search="王建国") == {interview.pk, teacher.pk}
    leadership = as_user(world.leadership)
    assert listed_ids(leadership.get("/api/v1/interviews/", {"search": "王建国"})) == set()
    assert listed_ids(leadership.get("/api/v1/interviews/", {"search": "鱼塘"})) == set()
    today = timezone.localdate()
    assert found(held_at_before=str(today - datetime.timedelta(days=1))) == {interview.pk}
    assert found(held_at_after=str(today)) == {other.pk, teacher.pk}
    assert found(attention_class=AttentionClass.GENERAL, round=world.round.pk) == {
        interview.pk,
        other.pk,
        teacher.pk,
    }
    assert "held_at" in errors_of(client.get("/api/v1/interviews/", {"held_at_after": "x"}))
    assert "interviewee_category" in errors_of(
        client.get("/api/v1/interviews/", {"interviewee_category": "x"})
    )


@pytest.mark.parametrize("persona", ["office", "leader_a", "leadership"])
def test_interviews_list_in_bounded_queries(persona, django_assert_max_num_queries):
    world = build_world()
    client = as_user(world.users[persona])
    for total in (5, 30):
        while Interview.objects.count() < total:
            f.InterviewFactory(assignment=world.assignment_a).interviewers.set([world.leader_a])
        with django_assert_max_num_queries(5):
            answer = client.get("/api/v1/interviews/", {"page_size": 100})
        assert len(rows(answer)) == total


def interview_body(world, **extra):
    return {
        "assignment": world.assignment_a.pk,
        "interviewee_category": "veteran_party_member",
        "interviewee_name": "王建国",
        "interviewers": [world.leader_a.pk, world.member_a.pk],
        **extra,
    }


def test_a_team_member_records_an_interview():
    world = build_world()
    body = interview_body(
        world,
        held_at=now_minus(hours=2),
        interviewers=[world.leader_a.pk, world.member_a.pk],
        record="反映鱼塘承包未公开招标。",
    )
    answer = as_user(world.member_a).post("/api/v1/interviews/", body, format="json")
    assert answer.status_code == 201, answer.content
    row = answer.json()
    assert (row["interviewee_name"], row["recorded_by"]) == ("王建国", world.member_a.pk)
    assert set(row["interviewers"]) == {world.leader_a.pk, world.member_a.pk}
    assert (row["recorder"], row["recorder_name"]) == (world.member_a.pk, str(world.member_a))
    created = Interview.objects.get(pk=row["id"])
    assert created.record == "反映鱼塘承包未公开招标。"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"interviewers": [0]}, "interviewers"),
        ({"interviewers": [], "recorder": None}, "interviewers"),
        ({"recorder": 0}, "recorder"),
        ({"interviewee_name": ""}, "interviewee_name"),
        ({"interviewee_category": "neighbour"}, "interviewee_category"),
        ({"held_at": "0001-01-01T00:00:00"}, "held_at"),
        ({"held_at": "2999-01-01T00:00:00+08:00"}, "held_at"),
        ({"assignment": "x"}, "assignment"),
    ],
)
def test_interview_record_names_the_bad_field(extra, field):
    world = build_world()
    body = interview_body(world, **extra)
    assert field in errors_of(
        as_user(world.leader_a).post("/api/v1/interviews/", body, format="json")
    )


def test_interview_record_refused():
    world = build_world()
    body = interview_body(world)
    assert "interviewers" in errors_of(
        as_user(world.leader_a).post(
            "/api/v1/interviews/", {**body, "interviewers": [world.leader_b.pk]}, format="json"
        )
    )
    assert as_user(world.office).post("/api/v1/interviews/", body, format="json").status_code == 403
    assert (
        as_user(world.leader_b).post("/api/v1/interviews/", body, format="json").status_code == 404
    )
    set_round_status(world, RoundStatus.FEEDBACK)
    conflict = as_user(world.leader_a).post("/api/v1/interviews/", body, format="json")
    assert conflict.status_code == 409


# ------------------------------------------------------------------------ activities


def two_activities(world):
    return [
        f.ActivityFactory(assignment=world.assignment_a),
        f.ActivityFactory(assignment=world.assignment_b, kind=ActivityKind.RESEARCH),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_activities_per_persona(persona):
    world = build_world()
    check_scope(world, persona, "/api/v1/activities/", two_activities(world))


def test_activities_filter():
    world = build_world()
    symposium, research = two_activities(world)
    Activity.objects.filter(pk=symposium.pk).update(held_on=datetime.date(2026, 5, 1))
    client = as_user(world.leadership)

    def found(**query):
        return listed_ids(client.get("/api/v1/activities/", query))

    assert found(kind="research") == {research.pk}
    assert found(held_on_before="2026-05-01") == {symposium.pk}
    assert found(held_on_after="2026-05-01", held_on_before="2026-05-01") == {symposium.pk}
    assert found(team=world.team_a.pk) == {symposium.pk}
    assert found(term=world.round.term_id) == {symposium.pk, research.pk}
    assert "kind" in errors_of(client.get("/api/v1/activities/", {"kind": "party"}))


def test_activities_list_in_bounded_queries(django_assert_max_num_queries):
    world = build_world()
    client = as_user(world.member_a)
    for total in (5, 30):
        while Activity.objects.count() < total:
            f.ActivityFactory(assignment=world.assignment_a)
        with django_assert_max_num_queries(3):
            answer = client.get("/api/v1/activities/", {"page_size": 100})
        assert len(rows(answer)) == total


def test_a_team_member_records_a_questionnaire_batch():
    world = build_world()
    answer = as_user(world.member_a).post(
        "/api/v1/activities/",
        {
            "assignment": world.assignment_a.pk,
            "kind": "questionnaire",
            "questionnaires_distributed": 230,
            "questionnaires_returned": 226,
            "topic": "群众满意度",
        },
        format="json",
    )
    assert answer.status_code == 201, answer.content
    row = answer.json()
    assert (row["kind_display"], row["questionnaires_returned"], row["held_on"]) == (
        "调查问卷",
        226,
        str(timezone.localdate()),
    )


def test_activity_record_refused():
    world = build_world()
    path = "/api/v1/activities/"
    body = {"assignment": world.assignment_a.pk, "kind": "symposium", "people_reached": 12}
    member = as_user(world.member_a)
    too_many = {**body, "kind": "questionnaire", "questionnaires_distributed": 5}
    assert "questionnaires_returned" in errors_of(
        member.post(path, {**too_many, "questionnaires_returned": 6}, format="json")
    )
    assert "people_reached" in errors_of(
        member.post(path, {**body, "people_reached": -1}, format="json")
    )
    assert "people_reached" in errors_of(
        member.post(path, {**body, "people_reached": 2**40}, format="json")
    )
    assert as_user(world.leadership).post(path, body, format="json").status_code == 403
    assert as_user(world.leader_b).post(path, body, format="json").status_code == 404
    set_round_status(world, RoundStatus.PREPARATION)
    assert member.post(path, body, format="json").status_code == 409


# ------------------------------------------------------------------------ petitions


def two_petitions(world):
    return [
        f.PetitionFactory(
            assignment=world.assignment_a, reporter_name="李秀英", reporter_contact="13900001111"
        ),
        f.PetitionFactory(assignment=world.assignment_b, reporter_name="赵四"),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_petitions_per_persona(persona):
    world = build_world()
    check_scope(world, persona, "/api/v1/petitions/", two_petitions(world))


def test_a_petition_about_no_village_is_read_by_every_team_of_its_round():
    world = build_world()
    loose = f.PetitionFactory(assignment=None, round=world.round)
    for persona in ("leader_a", "leader_b", "office"):
        assert loose.pk in listed_ids(as_user(world.users[persona]).get("/api/v1/petitions/"))
    assert as_user(world.officer_a).get(f"/api/v1/petitions/{loose.pk}/").status_code == 404


@pytest.mark.parametrize("persona", sorted(READ_ALL | TEAM_A))
def test_reporters_masked_per_persona(persona):
    world = build_world()
    petition, _ = two_petitions(world)
    client = as_user(world.users[persona])
    expected = ("李秀英", "13900001111") if persona in READ_NAMES else ("李**", "***")
    detail = client.get(f"/api/v1/petitions/{petition.pk}/").json()
    assert (detail["reporter_name"], detail["reporter_contact"]) == expected
    listed = {row["id"]: row for row in rows(client.get("/api/v1/petitions/"))}
    assert (listed[petition.pk]["reporter_name"], listed[petition.pk]["reporter_contact"]) == (
        expected
    )


def test_petition_reads_are_logged():
    world = build_world()
    petition, other = two_petitions(world)
    client = as_user(world.leadership)
    rows(client.get("/api/v1/petitions/"))
    client.get(f"/api/v1/petitions/{petition.pk}/")
    as_user(world.leader_a).get(f"/api/v1/petitions/{other.pk}/")
    listing, read, refused = AccessLog.objects.order_by("id")
    assert (listing.object_type, listing.detail) == ("rounds.petition", "列表，2条")
    assert (read.action, read.object_id, read.user) == (
        AccessLog.Action.VIEW,
        str(petition.pk),
        world.leadership,
    )
    assert (refused.action, refused.user) == (AccessLog.Action.REFUSED, world.leader_a)


def test_a_bad_filter_writes_no_access_log():
    world = build_world()
    answer = as_user(world.office).get("/api/v1/petitions/", {"status": "lost"})
    assert "status" in errors_of(answer)
    assert not AccessLog.objects.exists()


def test_petitions_filter():
    world = build_world()
    petition, other = two_petitions(world)
    Petition.objects.filter(pk=other.pk).update(
        channel="online", received_at=timezone.now() - datetime.timedelta(days=10)
    )
    client = as_user(world.office)

    def found(**query):
        return listed_ids(client.get("/api/v1/petitions/", query))

    assert found(channel="online") == {other.pk}
    assert found(town=world.town_a.pk) == {petition.pk}
    assert found(status="received") == {petition.pk, other.pk}
    assert found(received_at_after=str(timezone.localdate())) == {petition.pk}
    assert found(search="低保") == {petition.pk, other.pk}
    # The office reads the reporter and finds by it; leadership reads 李** and does not.
    assert found(search="李秀英") == {petition.pk}
    leadership = as_user(world.leadership)
    assert listed_ids(leadership.get("/api/v1/petitions/", {"search": "李秀英"})) == set()
    assert listed_ids(leadership.get("/api/v1/petitions/", {"search": "低保"})) == set()
    assert found(is_anonymous="true") == set()


@pytest.mark.parametrize("persona", ["office", "leader_a", "leadership"])
def test_petitions_list_in_bounded_queries(persona, django_assert_max_num_queries):
    world = build_world()
    client = as_user(world.users[persona])
    for total in (5, 30):
        while Petition.objects.count() < total:
            loose = Petition.objects.count() % 2
            f.PetitionFactory(assignment=None if loose else world.assignment_a, round=world.round)
        with django_assert_max_num_queries(5):
            answer = client.get("/api/v1/petitions/", {"page_size": 100})
        assert len(rows(answer)) == total


def test_petitions_are_recorded():
    world = build_world()
    anonymous = as_user(world.office).post(
        "/api/v1/petitions/",
        {
            "round": world.round.pk,
            "channel": "mailbox",
            "content": "反映村会计虚报冒领。",
            "is_anonymous": True,
        },
        format="json",
    )
    assert anonymous.status_code == 201, anonymous.content
    assert (anonymous.json()["assignment"], anonymous.json()["reporter_name"]) == (None, "")
    named = as_user(world.leader_a).post(
        "/api/v1/petitions/",
        {
            "round": world.round.pk,
            "assignment": world.assignment_a.pk,
            "channel": "visit",
            "content": "反映低保评定不公开。",
            "reporter_name": "李秀英",
            "reporter_contact": "13900001111",
            "received_at": now_minus(hours=1),
        },
        format="json",
    )
    assert named.status_code == 201, named.content
    assert named.json()["reporter_contact"] == "13900001111"
    assert named.json()["status"] == PetitionStatus.RECEIVED


def test_petition_record_refused():
    world = build_world()
    path = "/api/v1/petitions/"
    body = {"round": world.round.pk, "channel": "letter", "content": "反映问题。"}
    office = as_user(world.office)
    assert "reporter_name" in errors_of(office.post(path, body, format="json"))
    assert "content" in errors_of(office.post(path, {**body, "content": "  "}, format="json"))
    assert "channel" in errors_of(office.post(path, {**body, "channel": "pigeon"}, format="json"))
    anonymous = {**body, "is_anonymous": True}
    assert "assignment" in errors_of(
        as_user(world.leader_b).post(
            path, {**anonymous, "assignment": world.assignment_a.pk}, format="json"
        )
    )
    assert as_user(world.officer_a).post(path, anonymous, format="json").status_code == 403
    assert as_user(world.liaison).post(path, anonymous, format="json").status_code == 404
    set_round_status(world, RoundStatus.CLOSED)
    assert office.post(path, anonymous, format="json").status_code == 409


@pytest.mark.parametrize("ordering", ["-id", "held_at", "-held_at", "created_at"])
def test_pages_follow_the_cursor_under_any_ordering(ordering):
    world = build_world()
    start = timezone.now() - datetime.timedelta(days=1)
    for hour in range(5):
        f.InterviewFactory(
            assignment=world.assignment_a, held_at=start + datetime.timedelta(hours=hour % 3)
        )
    client = as_user(world.office)
    seen, page = [], client.get("/api/v1/interviews/", {"ordering": ordering, "page_size": 2})
    while True:
        seen += [row["id"] for row in rows(page)]
        if not page.json()["next"]:
            break
        page = client.get(page.json()["next"])
    assert sorted(seen) == sorted(Interview.objects.values_list("id", flat=True))
    assert client.get("/api/v1/interviews/", {"cursor": "bogus"}).status_code == 400
