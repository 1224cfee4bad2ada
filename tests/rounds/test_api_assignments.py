"""Assignments and recusal declarations through the API, per role."""

import pytest
from rest_framework.test import APIClient

from inspection.choices import AttentionClass, RecusalKind
from inspection.models import RecusalDeclaration
from rounds.choices import RoundMode, RoundStatus
from rounds.models import Assignment, InspectionRound
from tests import factories as f
from tests.rounds.helpers import declare, inspector, set_round_status, village
from tests.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

READ_ALL = {"office", "lead", "leadership"}
# The team, and who reads the town's rectification: its officer, reviewer and supervisor.
SIDE_A = {"leader_a", "member_a", "officer_a", "reviewer_a", "supervisor_a"}
SIDE_B = {"leader_b", "officer_b", "reviewer_b", "supervisor_b"}
REASON = "该同志离开原籍多年，经县委巡察工作领导小组同意。"


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


# ------------------------------------------------------------------- assignments


@pytest.mark.parametrize("persona", PERSONAS)
def test_assignments_per_persona(persona):
    world = build_world()
    client = as_user(world.users[persona])
    answer = client.get("/api/v1/assignments/")
    a, b = world.assignment_a, world.assignment_b
    if persona == "stats":
        assert answer.status_code == 403
        assert client.get(f"/api/v1/assignments/{a.pk}/").status_code == 403
        return
    expected = {a.pk} if persona in SIDE_A else {b.pk} if persona in SIDE_B else set()
    if persona in READ_ALL:
        expected = {a.pk, b.pk}
    assert listed_ids(answer) == expected
    for assignment in (a, b):
        detail = client.get(f"/api/v1/assignments/{assignment.pk}/")
        assert detail.status_code == (200 if assignment.pk in expected else 404)


def test_an_assignment_reads_with_labels():
    world = build_world()
    row = as_user(world.officer_a).get(f"/api/v1/assignments/{world.assignment_a.pk}/").json()
    assert row["round"] == world.round.pk and row["round_title"] == world.round.title
    assert (row["team"], row["team_name"]) == (world.team_a.pk, "第一巡察组")
    assert (row["town_name"], row["village_name"], row["target_name"]) == (
        "甲镇",
        "甲一村",
        "甲一村",
    )
    assert row["attention_class"] == AttentionClass.GENERAL


def test_assignments_filter():
    world = build_world()
    risky = village(world, attention_class=AttentionClass.RISK)
    f.AssignmentFactory(round=world.round, team=world.team_a, village=risky, town=world.town_a)
    risky_id = Assignment.objects.get(village=risky).pk
    client = as_user(world.office)

    def found(**query):
        return listed_ids(client.get("/api/v1/assignments/", query))

    assert found(town=world.town_a.pk) == {world.assignment_a.pk, risky_id}
    assert found(village=risky.pk) == {risky_id}
    assert found(team=world.team_b.pk) == {world.assignment_b.pk}
    assert found(attention_class="risk") == {risky_id}
    assert found(round=world.round.pk, round_status="on_site") == {
        world.assignment_a.pk,
        world.assignment_b.pk,
        risky_id,
    }
    assert found(round_status="planning") == set()
    assert found(search="乙一") == {world.assignment_b.pk}
    assert found(town_committee="true") == set()
    assert found(term=world.round.term_id, is_key="false") == found()
    assert "attention_class" in errors_of(
        client.get("/api/v1/assignments/", {"attention_class": "x"})
    )
    assert "team" in errors_of(client.get("/api/v1/assignments/", {"team": "1.5"}))


def test_assignments_list_in_bounded_queries(django_assert_max_num_queries):
    world = build_world()
    client = as_user(world.leader_a)
    for total in (5, 30):
        while Assignment.objects.filter(team=world.team_a).count() < total:
            place = village(world)
            f.AssignmentFactory(
                round=world.round, team=world.team_a, village=place, town=place.town
            )
        with django_assert_max_num_queries(3):
            answer = client.get("/api/v1/assignments/", {"page_size": 100})
        assert len(rows(answer)) == total


@pytest.fixture
def planning():
    return build_world(round_status=RoundStatus.PLANNING)


def test_the_office_assigns_a_village(planning):
    world = planning
    place = village(world)
    answer = as_user(world.office).post(
        "/api/v1/assignments/",
        {"round": world.round.pk, "village": place.pk, "team": world.team_a.pk, "is_key": True},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    row = answer.json()
    assert (row["village"], row["town"], row["team"], row["is_key"]) == (
        place.pk,
        world.town_a.pk,
        world.team_a.pk,
        True,
    )


def test_assignment_create_errors(planning):
    world = planning
    office = as_user(world.office)
    again = {"round": world.round.pk, "village": world.assignment_a.village_id}
    assert "village" in errors_of(office.post("/api/v1/assignments/", again, format="json"))
    committee = {"round": world.round.pk, "town": world.town_a.pk}
    assert "village" in errors_of(office.post("/api/v1/assignments/", committee, format="json"))
    assert "round" in errors_of(office.post("/api/v1/assignments/", {}, format="json"))
    body = {"round": world.round.pk, "village": village(world).pk}
    assert (
        as_user(world.leader_a).post("/api/v1/assignments/", body, format="json").status_code == 403
    )
    assert (
        as_user(world.liaison).post("/api/v1/assignments/", body, format="json").status_code == 404
    )
    set_round_status(world, RoundStatus.ON_SITE)
    assert office.post("/api/v1/assignments/", body, format="json").status_code == 409


def test_a_town_committee_in_a_town_and_village_round(planning):
    world = planning
    InspectionRound.objects.filter(pk=world.round.pk).update(mode=RoundMode.TOWN_AND_VILLAGE)
    answer = as_user(world.office).post(
        "/api/v1/assignments/", {"round": world.round.pk, "town": world.town_b.pk}, format="json"
    )
    assert answer.status_code == 201, answer.content
    assert (answer.json()["village"], answer.json()["target_name"]) == (None, "乙镇党委")
    committees = as_user(world.office).get("/api/v1/assignments/", {"town_committee": "true"})
    assert listed_ids(committees) == {answer.json()["id"]}


def test_a_recusal_conflict_is_refused_naming_it_unless_the_lead_overrides(planning):
    world = planning
    place = village(world, name="甲二村")
    declare(world.member_a, village=place)
    body = {"round": world.round.pk, "village": place.pk, "team": world.team_a.pk}
    refused = as_user(world.office).post("/api/v1/assignments/", body, format="json")
    assert "team" in errors_of(refused)
    assert "甲二村" in refused.json()["errors"]["team"][0]
    overridden = body | {"recusal_override_reason": REASON}
    assert (
        as_user(world.office).post("/api/v1/assignments/", overridden, format="json").status_code
        == 403
    )
    answer = as_user(world.lead).post("/api/v1/assignments/", overridden, format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["recusal_override_reason"] == REASON
    assert answer.json()["recusal_overridden_by"] == world.lead.pk


def test_the_office_assigns_a_whole_town(planning):
    world = planning
    new = [village(world), village(world)]
    answer = as_user(world.office).post(
        "/api/v1/assignments/for-town/",
        {"round": world.round.pk, "town": world.town_a.pk, "team": world.team_a.pk},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert {row["village"] for row in answer.json()} == {place.pk for place in new}
    assert {row["team"] for row in answer.json()} == {world.team_a.pk}


def test_assign_a_whole_town_errors(planning):
    world = planning
    path = "/api/v1/assignments/for-town/"
    office = as_user(world.office)
    body = {"round": world.round.pk, "town": world.town_a.pk}
    assert "town" in errors_of(office.post(path, body, format="json"))  # nothing left
    assert "town" in errors_of(office.post(path, {"round": world.round.pk}, format="json"))
    village(world)
    assert as_user(world.leader_a).post(path, body, format="json").status_code == 403
    assert as_user(world.liaison).post(path, body, format="json").status_code == 404
    set_round_status(world, RoundStatus.ON_SITE)
    assert office.post(path, body, format="json").status_code == 409


def test_set_team(planning):
    world = planning
    path = f"/api/v1/assignments/{world.assignment_a.pk}/set-team/"
    answer = as_user(world.office).post(path, {"team": world.team_b.pk}, format="json")
    assert answer.status_code == 200, answer.content
    assert (answer.json()["team"], answer.json()["team_name"]) == (world.team_b.pk, "第二巡察组")
    office = as_user(world.office)
    assert "team" in errors_of(office.post(path, {"team": world.team_b.pk}, format="json"))
    assert "team" in errors_of(office.post(path, {}, format="json"))
    body = {"team": world.team_a.pk}
    assert as_user(world.officer_a).post(path, body, format="json").status_code == 403
    assert (
        as_user(world.leader_b)
        .post(f"/api/v1/assignments/{world.assignment_b.pk}/set-team/", body, format="json")
        .status_code
        == 403
    )
    assert as_user(world.leader_a).post(path, body, format="json").status_code == 404
    set_round_status(world, RoundStatus.ON_SITE)
    assert office.post(path, body, format="json").status_code == 409


def test_must_talks_of_an_assignment():
    world = build_world()
    f.InterviewFactory(assignment=world.assignment_a, interviewee_category="veteran_party_member")
    path = f"/api/v1/assignments/{world.assignment_a.pk}/must-talks/"
    answer = as_user(world.member_a).get(path)
    assert answer.status_code == 200, answer.content
    assert answer.json() == {
        "assignment": world.assignment_a.pk,
        "target_name": "甲一村",
        "missing": ["retired_teacher", "retired_cadre", "entrepreneur"],
        "missing_display": ["老教师", "老干部", "企业主"],
        "missing_other": [],
    }
    assert as_user(world.leader_b).get(path).status_code == 404


def test_recusal_conflicts_are_the_office_s():
    world = build_world()
    declare(world.member_a, village=world.assignment_a.village)
    path = f"/api/v1/assignments/{world.assignment_a.pk}/recusal-conflicts/"
    answer = as_user(world.office).get(path)
    assert answer.status_code == 200, answer.content
    assert answer.json()["team"] == world.team_a.pk
    [conflict] = answer.json()["conflicts"]
    assert str(world.member_a) in conflict and "户籍或居住地" in conflict
    assert as_user(world.leadership).get(path).status_code == 403
    assert as_user(world.leader_a).get(path).status_code == 403
    assert as_user(world.leader_b).get(path).status_code == 404
    clean = as_user(world.office).get(
        f"/api/v1/assignments/{world.assignment_b.pk}/recusal-conflicts/"
    )
    assert clean.json()["conflicts"] == []


# ---------------------------------------------------------- recusal declarations


@pytest.mark.parametrize("persona", PERSONAS)
def test_recusal_declarations_per_persona(persona):
    world = build_world()
    mine = declare(world.member_a, village=world.assignment_a.village)
    theirs = declare(world.leader_b, town=world.town_a)
    client = as_user(world.users[persona])
    answer = client.get("/api/v1/recusal-declarations/")
    if persona == "stats":
        assert answer.status_code == 403
        return
    expected = {
        "office": {mine.pk, theirs.pk},
        "lead": {mine.pk, theirs.pk},
        "member_a": {mine.pk},
        "leader_b": {theirs.pk},
    }.get(persona, set())
    assert listed_ids(answer) == expected
    for declaration in (mine, theirs):
        detail = client.get(f"/api/v1/recusal-declarations/{declaration.pk}/")
        assert detail.status_code == (200 if declaration.pk in expected else 404)


def test_an_inspector_declares_a_tie():
    world = build_world()
    answer = as_user(world.member_a).post(
        "/api/v1/recusal-declarations/",
        {
            "kind": "relative",
            "village": world.assignment_b.village_id,
            "relative_name": "王五",
            "relative_post": "村党组织书记",
        },
        format="json",
    )
    assert answer.status_code == 201, answer.content
    row = answer.json()
    assert (row["user"], row["kind_display"], row["town_name"], row["village_name"]) == (
        world.member_a.pk,
        "亲属任职",
        "乙镇",
        "乙一村",
    )


def test_recusal_declare_errors():
    world = build_world()
    path = "/api/v1/recusal-declarations/"
    member = as_user(world.member_a)
    assert "village" in errors_of(member.post(path, {"kind": "home_village"}, format="json"))
    relative = {"kind": "relative", "village": world.assignment_a.village_id}
    assert "relative_name" in errors_of(member.post(path, relative, format="json"))
    assert "kind" in errors_of(member.post(path, {"kind": "cousin"}, format="json"))
    for_someone_else = {"kind": "home_village", "town": world.town_a.pk, "user": world.leader_a.pk}
    # An inspector sees only their own account: another's is out of scope.
    assert member.post(path, for_someone_else, format="json").status_code == 404
    recorded = as_user(world.office).post(path, for_someone_else, format="json")
    assert recorded.status_code == 201, recorded.content
    assert RecusalDeclaration.objects.get(pk=recorded.json()["id"]).user == world.leader_a
    not_an_inspector = {"kind": "home_village", "town": world.town_a.pk, "user": world.lead.pk}
    assert "user" in errors_of(as_user(world.office).post(path, not_an_inspector, format="json"))
    assert (
        as_user(world.leadership)
        .post(path, {"kind": "home_village", "town": world.town_a.pk}, format="json")
        .status_code
        == 403
    )


def test_recusal_declarations_filter_and_bounded_queries(django_assert_max_num_queries):
    world = build_world()
    client = as_user(world.office)
    for total in (5, 30):
        while RecusalDeclaration.objects.count() < total:
            declare(inspector(), village=village(world))
        with django_assert_max_num_queries(3):
            answer = client.get("/api/v1/recusal-declarations/", {"page_size": 100})
        assert len(rows(answer)) == total
    declare(world.member_a, town=world.town_b, kind=RecusalKind.FORMER_UNIT)
    by_kind = client.get("/api/v1/recusal-declarations/", {"kind": "former_unit"})
    assert [row["user"] for row in rows(by_kind)] == [world.member_a.pk]
    by_user = client.get("/api/v1/recusal-declarations/", {"user": world.member_a.pk})
    assert len(rows(by_user)) == 1
