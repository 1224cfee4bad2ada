"""Supervision items, rounds, teams and team members through the API, per role."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from inspection.documents.services import document_generate
from rounds.choices import RoundMode, RoundStatus, TeamRole
from rounds.models import InspectionRound, SupervisionItem, Team, TeamMember
from tests import factories as f
from tests.rounds.helpers import inspector, set_round_status
from tests.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

READ_ALL = {"office", "lead", "leadership"}
INSPECTORS = {"leader_a", "member_a", "leader_b"}
# Who reads a town's rectification reads the rounds that inspected it.
OFFICERS = {"officer_a", "officer_b", "reviewer_a", "reviewer_b", "supervisor_a", "supervisor_b"}


def as_user(user):
    client = APIClient()
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


def check_scope(world, persona, path, records, readers):
    """``persona`` lists exactly the ``records`` it reads; a record it does not read is
    404 in detail; the statistics client is refused both unless it reads the register."""
    client = as_user(world.users[persona])
    answer = client.get(path, {"page_size": 100})
    if persona == "stats" and "stats" not in readers(records[0]):
        assert answer.status_code == 403
        assert client.get(f"{path}{records[0].pk}/").status_code == 403
        return
    expected = {record.pk for record in records if persona in readers(record)}
    assert listed_ids(answer) == expected
    for record in records:
        detail = client.get(f"{path}{record.pk}/")
        assert detail.status_code == (200 if record.pk in expected else 404), persona


# ------------------------------------------------------------------ supervision items


@pytest.mark.parametrize("persona", PERSONAS)
def test_supervision_items_per_persona(persona):
    world = build_world()
    items = [f.SupervisionItemFactory(), f.SupervisionItemFactory()]
    check_scope(
        world, persona, "/api/v1/supervision-items/", items, lambda item: READ_ALL | INSPECTORS
    )


def test_supervision_items_filter_by_round_and_search(world):
    chosen, other = f.SupervisionItemFactory(title="三资管理"), f.SupervisionItemFactory()
    world.round.supervision_items.set([chosen])
    client = as_user(world.office)
    by_round = client.get("/api/v1/supervision-items/", {"round": world.round.pk})
    assert listed_ids(by_round) == {chosen.pk}
    assert listed_ids(client.get("/api/v1/supervision-items/", {"search": "三资"})) == {chosen.pk}
    assert other.pk in listed_ids(client.get("/api/v1/supervision-items/"))
    assert "focus_area" in errors_of(
        client.get("/api/v1/supervision-items/", {"focus_area": "nope"})
    )


def test_supervision_items_list_in_bounded_queries(world, django_assert_max_num_queries):
    client = as_user(world.leader_a)
    for total in (5, 30):
        f.SupervisionItemFactory.create_batch(total - SupervisionItem.objects.count())
        with django_assert_max_num_queries(3):
            answer = client.get("/api/v1/supervision-items/", {"page_size": 100})
        assert len(rows(answer)) == total


# ------------------------------------------------------------------------ rounds


def round_readers(_round):
    # The statistics client reads the round register to name its questions (issue 15).
    return READ_ALL | INSPECTORS | OFFICERS | {"stats"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_rounds_per_persona(persona):
    world = build_world()
    check_scope(world, persona, "/api/v1/rounds/", [world.round], round_readers)


def test_a_round_reads_with_labels(world):
    item = f.SupervisionItemFactory()
    world.round.supervision_items.set([item])
    row = as_user(world.office).get(f"/api/v1/rounds/{world.round.pk}/").json()
    assert row["title"] == world.round.title
    assert (row["status"], row["status_display"]) == ("planning", "筹备")
    assert row["mode_display"] == "常规巡察"
    assert row["term_name"] == world.round.term.name
    assert row["supervision_items"] == [item.pk]


def test_an_inspector_lists_only_the_rounds_they_serve_in(world):
    other = f.InspectionRoundFactory()
    assert listed_ids(as_user(world.leader_a).get("/api/v1/rounds/")) == {world.round.pk}
    assert as_user(world.leader_a).get(f"/api/v1/rounds/{other.pk}/").status_code == 404


def test_rounds_filter(world):
    thematic = f.InspectionRoundFactory(mode=RoundMode.THEMATIC, theme="惠民资金")
    client = as_user(world.office)
    assert listed_ids(client.get("/api/v1/rounds/", {"mode": "thematic"})) == {thematic.pk}
    assert listed_ids(client.get("/api/v1/rounds/", {"status": "planning"})) == {
        world.round.pk,
        thematic.pk,
    }
    by_town = client.get("/api/v1/rounds/", {"town": world.town_a.pk})
    assert listed_ids(by_town) == {world.round.pk}
    by_village = client.get("/api/v1/rounds/", {"village": world.assignment_b.village_id})
    assert listed_ids(by_village) == {world.round.pk}
    assert listed_ids(client.get("/api/v1/rounds/", {"search": "惠民"})) == {thematic.pk}
    assert listed_ids(client.get("/api/v1/rounds/", {"term": world.round.term_id})) == {
        world.round.pk,
        thematic.pk,
    }


@pytest.mark.parametrize(
    "query",
    [
        {"status": "bogus"},
        {"term": "abc"},
        {"town": "-1"},
        {"on_site_from_after": "2026-13-01"},
        {"round": "1", "village": "x"},
    ],
)
def test_bad_round_filters_answer_400(world, query):
    answer = as_user(world.office).get("/api/v1/rounds/", query)
    assert answer.status_code == 400
    # A range names its filter (on_site_from for on_site_from_after).
    for field in answer.json()["errors"]:
        assert any(name.startswith(field) for name in query)


def test_rounds_list_in_bounded_queries(world, django_assert_max_num_queries):
    client = as_user(world.office)
    items = f.SupervisionItemFactory.create_batch(3)
    for total in (5, 30):
        while InspectionRound.objects.count() < total:
            f.InspectionRoundFactory().supervision_items.set(items)
        with django_assert_max_num_queries(3):
            answer = client.get("/api/v1/rounds/", {"page_size": 100})
        assert len(rows(answer)) == total


def test_the_office_creates_a_round(world):
    answer = as_user(world.office).post(
        "/api/v1/rounds/",
        {
            "title": "县委第九轮巡察",
            "mode": "thematic",
            "theme": "惠民惠农资金",
            "on_site_from": "2026-09-01",
            "on_site_until": "2026-09-20",
        },
        format="json",
    )
    assert answer.status_code == 201, answer.content
    created = InspectionRound.objects.get(pk=answer.json()["id"])
    assert (created.title, created.theme, created.status) == (
        "县委第九轮巡察",
        "惠民惠农资金",
        "planning",
    )
    assert answer.json()["on_site_from"] == "2026-09-01"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "专项", "mode": "thematic"}, "theme"),
        ({"mode": "regular"}, "title"),
        ({"title": "x", "mode": "weekly"}, "mode"),
        ({"title": "x", "mode": "regular", "on_site_from": "tomorrow"}, "on_site_from"),
        ({"title": "x", "mode": "regular", "term": 2**70}, "term"),
        (
            {
                "title": "x",
                "mode": "regular",
                "on_site_from": "2026-09-02",
                "on_site_until": "2026-09-01",
            },
            "on_site_until",
        ),
    ],
)
def test_round_create_names_the_bad_field(world, body, field):
    answer = as_user(world.office).post("/api/v1/rounds/", body, format="json")
    assert field in errors_of(answer)


def test_only_the_office_creates_rounds(world):
    answer = as_user(world.leader_a).post(
        "/api/v1/rounds/", {"title": "x", "mode": "regular"}, format="json"
    )
    assert answer.status_code == 403
    assert "新建巡察轮次" in answer.json()["detail"]


def test_a_round_body_must_be_json(world):
    answer = as_user(world.office).post(
        "/api/v1/rounds/", {"title": "x", "mode": "regular"}, format="multipart"
    )
    assert answer.status_code == 415


def test_round_update_changes_only_the_fields_given(world):
    path = f"/api/v1/rounds/{world.round.pk}/"
    answer = as_user(world.office).patch(
        path, {"title": "县委第五轮巡察（调整）", "note": "按县委要求"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["title"] == "县委第五轮巡察（调整）"
    assert answer.json()["mode"] == "regular"
    assert world.round.history.latest().history_change_reason == "按县委要求"


def test_round_update_errors(world):
    path = f"/api/v1/rounds/{world.round.pk}/"
    office = as_user(world.office)
    backwards = office.patch(
        path, {"on_site_from": "2026-09-02", "on_site_until": "2026-09-01"}, format="json"
    )
    assert "on_site_until" in errors_of(backwards)
    assert "title" in errors_of(office.patch(path, {"title": None}, format="json"))
    assert as_user(world.leader_a).patch(path, {"title": "x"}, format="json").status_code == 403
    assert as_user(world.liaison).patch(path, {"title": "x"}, format="json").status_code == 404
    assert office.patch("/api/v1/rounds/999999/", {"title": "x"}, format="json").status_code == 404
    set_round_status(world, RoundStatus.ON_SITE)
    assert office.patch(path, {"title": "x"}, format="json").status_code == 409
    assert office.put(path, {"title": "x"}, format="json").status_code == 405


def test_set_supervision_items(world):
    items = f.SupervisionItemFactory.create_batch(2)
    path = f"/api/v1/rounds/{world.round.pk}/set-supervision-items/"
    body = {"supervision_items": [item.pk for item in items]}
    answer = as_user(world.office).post(path, body, format="json")
    assert answer.status_code == 200, answer.content
    assert sorted(answer.json()["supervision_items"]) == sorted(item.pk for item in items)
    office = as_user(world.office)
    assert "supervision_items" in errors_of(
        office.post(path, {"supervision_items": [999999]}, format="json")
    )
    flat = office.post(path, {"supervision_items": [items[0].pk, "abc"]}, format="json")
    assert flat.json()["errors"]["supervision_items"][0].startswith("第2项")
    assert as_user(world.member_a).post(path, body, format="json").status_code == 403
    assert as_user(world.liaison).post(path, body, format="json").status_code == 404
    set_round_status(world, RoundStatus.ON_SITE)
    assert office.post(path, body, format="json").status_code == 409


def move(world, user, name, round_id=None):
    path = f"/api/v1/rounds/{round_id or world.round.pk}/{name}/"
    return as_user(user).post(path, {"note": "会议决定"}, format="json")


def test_the_round_moves_through_its_life_cycle(world):
    answer = move(world, world.office, "prepare")
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "preparation"
    refused = move(world, world.office, "go-on-site")
    assert refused.status_code == 400
    assert "尚未生成工作方案并报领导小组审议" in refused.json()["errors"]["plan"][0]
    document_generate(actor=world.office, kind="work_plan", subject_id=world.round.pk)
    decide = f"/api/v1/rounds/{world.round.pk}/decide-plan/"
    body = {"held_on": timezone.localdate().isoformat(), "outcome": "approved"}
    unsigned = as_user(world.office).post(decide, body, format="multipart")
    assert unsigned.status_code == 400 and "minutes" in unsigned.json()["errors"]
    agreed = as_user(world.leadership).post(decide, body, format="multipart")
    assert agreed.status_code == 200, agreed.content
    assert move(world, world.office, "go-on-site").json()["status"] == "on_site"
    ended = move(world, world.office, "end-on-site").json()
    assert ended["status"] == "reporting" and ended["on_site_until"] is not None
    set_round_status(world, RoundStatus.RECTIFICATION)
    # Closing is rectification's (it checks the archive): tests/rectification/test_archive.py.


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("prepare", RoundStatus.PLANNING),
        ("go-on-site", RoundStatus.PREPARATION),
        ("end-on-site", RoundStatus.ON_SITE),
    ],
)
def test_round_moves_refused(world, name, status):
    set_round_status(world, status)
    assert move(world, world.leader_a, name).status_code == 403
    assert move(world, world.liaison, name).status_code == 404
    assert move(world, world.lead, name, round_id=999999).status_code == 404
    set_round_status(world, RoundStatus.CLOSED)
    conflict = move(world, world.lead, name)
    assert conflict.status_code == 409
    assert "归档" in conflict.json()["detail"]


def test_going_on_site_names_what_is_missing(world):
    set_round_status(world, RoundStatus.PREPARATION)
    f.TeamFactory(round=world.round, number=3)
    assert "teams" in errors_of(move(world, world.office, "go-on-site"))


def test_a_move_with_a_bad_note_names_it(world):
    answer = as_user(world.office).post(
        f"/api/v1/rounds/{world.round.pk}/prepare/", {"note": ["x"]}, format="json"
    )
    assert "note" in errors_of(answer)


def test_must_talks_of_a_round(world):
    set_round_status(world, RoundStatus.ON_SITE)
    f.InterviewFactory(assignment=world.assignment_a, interviewee_category="retired_teacher")
    path = f"/api/v1/rounds/{world.round.pk}/must-talks/"
    answer = as_user(world.office).get(path)
    assert answer.status_code == 200, answer.content
    by_assignment = {row["assignment"]: row for row in answer.json()}
    assert set(by_assignment) == {world.assignment_a.pk, world.assignment_b.pk}
    row_a = by_assignment[world.assignment_a.pk]
    assert row_a["missing"] == ["veteran_party_member", "retired_cadre", "entrepreneur"]
    assert row_a["missing_display"] == ["老党员", "老干部", "企业主"]
    assert row_a["target_name"] == "甲一村"
    mine = as_user(world.leader_a).get(path).json()
    assert [row["assignment"] for row in mine] == [world.assignment_a.pk]
    assert as_user(world.liaison).get(path).status_code == 404


# ------------------------------------------------------------------------- teams


def team_readers(_team):
    return READ_ALL | INSPECTORS


@pytest.mark.parametrize("persona", PERSONAS)
def test_teams_per_persona(persona):
    world = build_world()
    check_scope(world, persona, "/api/v1/teams/", [world.team_a, world.team_b], team_readers)


def test_a_team_reads_with_its_members(world):
    row = as_user(world.leader_b).get(f"/api/v1/teams/{world.team_a.pk}/").json()
    assert (row["name"], row["round_title"]) == ("第一巡察组", world.round.title)
    members = {member["user"]: member for member in row["members"]}
    assert set(members) == {world.leader_a.pk, world.member_a.pk}
    assert members[world.leader_a.pk]["role_display"] == "组长"
    assert members[world.leader_a.pk]["user_name"] == str(world.leader_a)


def test_teams_filter_by_round(world):
    other = f.TeamFactory()
    client = as_user(world.office)
    assert listed_ids(client.get("/api/v1/teams/", {"round": world.round.pk})) == {
        world.team_a.pk,
        world.team_b.pk,
    }
    assert listed_ids(client.get("/api/v1/teams/", {"round": other.round_id})) == {other.pk}
    assert "round_status" in errors_of(client.get("/api/v1/teams/", {"round_status": "x"}))


def test_teams_list_in_bounded_queries(world, django_assert_max_num_queries):
    client = as_user(world.office)
    for total in (5, 30):
        while Team.objects.count() < total:
            team = f.TeamFactory(round=world.round, number=Team.objects.count() + 1)
            f.TeamMemberFactory(team=team, role=TeamRole.LEADER)
            f.TeamMemberFactory(team=team)
        with django_assert_max_num_queries(3):
            answer = client.get("/api/v1/teams/", {"page_size": 100})
        assert len(rows(answer)) == total


def test_the_office_creates_a_team(world):
    answer = as_user(world.office).post("/api/v1/teams/", {"round": world.round.pk}, format="json")
    assert answer.status_code == 201, answer.content
    assert (answer.json()["number"], answer.json()["name"]) == (3, "第三巡察组")
    assert answer.json()["members"] == []


def test_team_create_errors(world):
    office = as_user(world.office)
    taken = office.post("/api/v1/teams/", {"round": world.round.pk, "number": 1}, format="json")
    assert "number" in errors_of(taken)
    huge = office.post("/api/v1/teams/", {"round": world.round.pk, "number": 10**6}, format="json")
    assert "number" in errors_of(huge)
    assert "round" in errors_of(office.post("/api/v1/teams/", {}, format="json"))
    body = {"round": world.round.pk}
    assert as_user(world.leader_a).post("/api/v1/teams/", body, format="json").status_code == 403
    assert as_user(world.liaison).post("/api/v1/teams/", body, format="json").status_code == 404
    set_round_status(world, RoundStatus.ON_SITE)
    assert office.post("/api/v1/teams/", body, format="json").status_code == 409


def test_the_office_adds_and_removes_a_member(world):
    newcomer = inspector(full_name="周新")
    path = f"/api/v1/teams/{world.team_a.pk}/"
    added = as_user(world.office).post(
        f"{path}add-member/",
        {"user": newcomer.pk, "role": "deputy", "post": "县纪委第三室主任"},
        format="json",
    )
    assert added.status_code == 200, added.content
    deputy = [m for m in added.json()["members"] if m["user"] == newcomer.pk]
    assert deputy[0]["role"] == "deputy" and deputy[0]["post"] == "县纪委第三室主任"
    removed = as_user(world.office).post(
        f"{path}remove-member/", {"user": newcomer.pk}, format="json"
    )
    assert removed.status_code == 200, removed.content
    assert newcomer.pk not in {m["user"] for m in removed.json()["members"]}
    assert not TeamMember.objects.filter(user=newcomer).exists()


def test_add_member_errors(world):
    path = f"/api/v1/teams/{world.team_a.pk}/add-member/"
    office = as_user(world.office)
    assert "user" in errors_of(office.post(path, {"user": world.office.pk}, format="json"))
    assert "role" in errors_of(
        office.post(path, {"user": inspector().pk, "role": "boss"}, format="json")
    )
    body = {"user": inspector().pk}
    assert as_user(world.leader_a).post(path, body, format="json").status_code == 403
    assert as_user(world.officer_a).post(path, body, format="json").status_code == 404
    set_round_status(world, RoundStatus.REPORTING)
    assert office.post(path, body, format="json").status_code == 409


def test_remove_member_errors(world):
    path = f"/api/v1/teams/{world.team_a.pk}/remove-member/"
    office = as_user(world.office)
    not_on_team = office.post(path, {"user": world.leader_b.pk}, format="json")
    assert "user" in errors_of(not_on_team)
    assert "第一巡察组" in not_on_team.json()["detail"]
    body = {"user": world.member_a.pk}
    assert as_user(world.leader_a).post(path, body, format="json").status_code == 403
    assert as_user(world.officer_a).post(path, body, format="json").status_code == 404
    set_round_status(world, RoundStatus.REPORTING)
    assert office.post(path, body, format="json").status_code == 409


# ------------------------------------------------------------------- team members


@pytest.mark.parametrize("persona", PERSONAS)
def test_team_members_per_persona(persona):
    world = build_world()
    members = list(TeamMember.objects.order_by("id"))
    check_scope(world, persona, "/api/v1/team-members/", members, team_readers)


def test_team_members_filter(world):
    client = as_user(world.office)
    on_a = client.get("/api/v1/team-members/", {"team": world.team_a.pk})
    assert {row["user"] for row in rows(on_a)} == {world.leader_a.pk, world.member_a.pk}
    leaders = client.get("/api/v1/team-members/", {"role": "leader"})
    assert {row["user"] for row in rows(leaders)} == {world.leader_a.pk, world.leader_b.pk}
    row = rows(client.get("/api/v1/team-members/", {"user": world.member_a.pk}))[0]
    assert (row["team_name"], row["round"], row["role_display"]) == (
        "第一巡察组",
        world.round.pk,
        "组员",
    )


def test_team_members_list_in_bounded_queries(world, django_assert_max_num_queries):
    client = as_user(world.office)
    for total in (5, 30):
        while TeamMember.objects.count() < total:
            f.TeamMemberFactory(team=world.team_b)
        with django_assert_max_num_queries(3):
            answer = client.get("/api/v1/team-members/", {"page_size": 100})
        assert len(rows(answer)) == total


def test_dates_are_iso(world):
    InspectionRound.objects.filter(pk=world.round.pk).update(
        mobilised_on=datetime.date(2026, 8, 25)
    )
    assert (
        as_user(world.office).get(f"/api/v1/rounds/{world.round.pk}/").json()["mobilised_on"]
        == "2026-08-25"
    )


def test_rounds_by_village_count_only_the_assignments_the_user_sees(world):
    """The statistics client reads the round register but no assignment: filtering rounds
    by a village answers it nothing, as any filter on a record out of its sight."""
    village = world.assignment_a.village
    for persona, expected in (("office", {world.assignment_a.round_id}), ("stats", set())):
        client = APIClient()
        client.force_authenticate(world.users[persona])
        answer = client.get("/api/v1/rounds/", {"village": village.pk})
        assert answer.status_code == 200, answer.content
        assert {row["id"] for row in answer.json()["results"]} == expected, persona
