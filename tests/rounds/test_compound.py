"""The planning screens' compound actions as one service each, with their API verb:
a team with its members, assignments in bulk, a round with its supervision items (and
its edit). All or nothing; a refusal names the item and the reason (rounds/services)."""

import pytest
from rest_framework.test import APIClient

from inspection.errors import ApplicationError, NotFoundError
from rounds import services
from rounds.choices import RoundMode, TeamRole
from rounds.models import Assignment, InspectionRound, Team
from tests import factories as f
from tests.rounds.helpers import inspector, village

pytestmark = pytest.mark.django_db


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# ------------------------------------------------------------------- team with members


def test_a_team_is_set_up_with_its_people(world):
    leader, member = inspector(full_name="周立新"), inspector()
    team = services.team_create_with_members(
        actor=world.office,
        round_id=world.round.pk,
        members=[
            {"user_id": leader.pk, "role": TeamRole.LEADER},
            {"user_id": member.pk, "role": TeamRole.MEMBER, "post": "县审计局科员"},
        ],
    )
    roles = dict(team.memberships.values_list("user_id", "role"))
    assert roles == {leader.pk: TeamRole.LEADER, member.pk: TeamRole.MEMBER}


def test_one_refused_person_leaves_no_team_and_is_named(world):
    free = inspector()
    teams = Team.objects.count()
    with pytest.raises(ApplicationError) as refused:
        services.team_create_with_members(
            actor=world.office,
            round_id=world.round.pk,
            members=[{"user_id": free.pk, "role": TeamRole.LEADER}, {"user_id": world.member_a.pk}],
        )
    message = refused.value.message
    assert message.startswith(f"未作任何更改：第2名成员（{world.member_a}）：")
    assert "同一轮次只能参加一个巡察组" in message
    assert Team.objects.count() == teams


def test_a_leadership_account_is_refused_as_a_member(world):
    with pytest.raises(ApplicationError) as refused:
        services.team_create_with_members(
            actor=world.office,
            round_id=world.round.pk,
            members=[{"user_id": world.leadership.pk}],
        )
    assert "第1名成员" in refused.value.message
    assert "不是" in refused.value.message


def test_the_api_sets_up_a_team_with_members(world):
    leader = inspector()
    answer = as_user(world.office).post(
        "/api/v1/teams/",
        {"round": world.round.pk, "members": [{"user": leader.pk, "role": "leader"}]},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert [(m["user"], m["role"]) for m in answer.json()["members"]] == [(leader.pk, "leader")]


def test_the_api_refuses_the_whole_team_with_the_message(world):
    teams = Team.objects.count()
    answer = as_user(world.office).post(
        "/api/v1/teams/",
        {"round": world.round.pk, "members": [{"user": inspector().pk}, {"user": 2**40}]},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert answer.json()["detail"] == "未作任何更改：第2名成员（#1099511627776）：所选人员不存在。"
    assert Team.objects.count() == teams


def test_the_api_names_a_malformed_member(world):
    answer = as_user(world.office).post(
        "/api/v1/teams/", {"round": world.round.pk, "members": [{"user": "x"}]}, format="json"
    )
    assert answer.status_code == 400
    assert answer.json()["errors"]["members"] == ["第1名成员：请选择人员。"]


@pytest.mark.parametrize(("persona", "status"), [("leader_a", 403), ("liaison", 404)])
def test_the_api_refuses_teams_to_other_roles(world, persona, status):
    teams = Team.objects.count()
    answer = as_user(world.users[persona]).post(
        "/api/v1/teams/", {"round": world.round.pk, "members": []}, format="json"
    )
    assert answer.status_code == status
    assert Team.objects.count() == teams


# ---------------------------------------------------------------- assignments in bulk


def test_villages_are_assigned_in_bulk(world):
    first, second = village(world), village(world)
    village(world)  # the town has a third open village: these two go one by one
    created = services.assignments_create_bulk(
        actor=world.office,
        round_id=world.round.pk,
        village_ids=[first.pk, second.pk],
        team_id=world.team_a.pk,
    )
    assert [a.village_id for a in created] == [first.pk, second.pk]


def test_one_refused_village_assigns_none_and_is_named(world):
    new = village(world)
    taken = world.assignment_a.village
    before = Assignment.objects.count()
    with pytest.raises(ApplicationError) as refused:
        services.assignments_create_bulk(
            actor=world.office,
            round_id=world.round.pk,
            village_ids=[new.pk, taken.pk],
            team_id=world.team_a.pk,
        )
    assert refused.value.message.startswith(f"未作任何更改：第2个巡察对象（{taken.name}）：")
    assert "不能重复安排" in refused.value.message
    assert Assignment.objects.count() == before


def test_a_committee_outside_a_town_and_village_round_is_refused_by_name(world):
    with pytest.raises(ApplicationError) as refused:
        services.assignments_create_bulk(
            actor=world.office, round_id=world.round.pk, committee_town_ids=[world.town_b.pk]
        )
    assert f"第1个巡察对象（{world.town_b.name}党委）" in refused.value.message


def test_nothing_ticked_is_refused(world):
    with pytest.raises(ApplicationError) as refused:
        services.assignments_create_bulk(actor=world.office, round_id=world.round.pk)
    assert refused.value.message == "请至少勾选一个巡察对象。"


def test_the_api_assigns_in_bulk(world):
    first, second = village(world), village(world)
    answer = as_user(world.office).post(
        "/api/v1/assignments/bulk/",
        {"round": world.round.pk, "villages": [first.pk, second.pk], "team": world.team_a.pk},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert [row["village"] for row in answer.json()] == [first.pk, second.pk]


def test_the_api_refuses_the_whole_bulk_with_the_message(world):
    new = village(world)
    before = Assignment.objects.count()
    answer = as_user(world.office).post(
        "/api/v1/assignments/bulk/",
        {"round": world.round.pk, "villages": [new.pk, 2**40]},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert answer.json()["detail"].startswith("未作任何更改：第2个巡察对象（#1099511627776）：")
    assert Assignment.objects.count() == before


@pytest.mark.parametrize(("persona", "status"), [("leader_a", 403), ("liaison", 404)])
def test_the_api_refuses_bulk_assignment_to_other_roles(world, persona, status):
    new = village(world)
    answer = as_user(world.users[persona]).post(
        "/api/v1/assignments/bulk/",
        {"round": world.round.pk, "villages": [new.pk]},
        format="json",
    )
    assert answer.status_code == status
    assert not Assignment.objects.filter(village=new).exists()


def test_an_unknown_round_is_answered_as_absent(world):
    with pytest.raises(NotFoundError):
        services.assignments_create_bulk(
            actor=world.office, round_id=2**40, village_ids=[village(world).pk]
        )


# ------------------------------------------------------------ round with its items


def test_a_round_is_planned_with_its_items(world):
    items = [f.SupervisionItemFactory(), f.SupervisionItemFactory()]
    created = services.round_create_with_items(
        actor=world.office,
        title="县委第九轮巡察",
        mode=RoundMode.REGULAR,
        supervision_item_ids=[item.pk for item in items],
    )
    assert set(created.supervision_items.all()) == set(items)


def test_a_retired_item_leaves_no_round(world):
    retired = f.SupervisionItemFactory(is_active=False)
    rounds = InspectionRound.objects.count()
    with pytest.raises(ApplicationError) as refused:
        services.round_create_with_items(
            actor=world.office,
            title="县委第九轮巡察",
            mode=RoundMode.REGULAR,
            supervision_item_ids=[retired.pk],
        )
    assert "已停用" in refused.value.message
    assert InspectionRound.objects.count() == rounds


def test_the_api_plans_a_round_with_items_or_nothing(world):
    item, retired = f.SupervisionItemFactory(), f.SupervisionItemFactory(is_active=False)
    client = as_user(world.office)
    body = {"title": "县委第九轮巡察", "mode": "regular", "supervision_items": [item.pk]}
    answer = client.post("/api/v1/rounds/", body, format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["supervision_items"] == [item.pk]
    rounds = InspectionRound.objects.count()
    answer = client.post(
        "/api/v1/rounds/", body | {"supervision_items": [retired.pk]}, format="json"
    )
    assert answer.status_code == 400
    assert "已停用" in answer.json()["detail"]
    assert InspectionRound.objects.count() == rounds
    answer = as_user(world.leader_a).post("/api/v1/rounds/", body, format="json")
    assert answer.status_code == 403


def test_the_api_changes_a_round_and_its_items_or_neither(world):
    retired = f.SupervisionItemFactory(is_active=False)
    path = f"/api/v1/rounds/{world.round.pk}/"
    client = as_user(world.office)
    answer = client.patch(
        path, {"title": "改后的名称", "supervision_items": [retired.pk]}, format="json"
    )
    assert answer.status_code == 400
    world.round.refresh_from_db()
    assert world.round.title != "改后的名称"
    item = f.SupervisionItemFactory()
    answer = client.patch(
        path, {"title": "改后的名称", "supervision_items": [item.pk]}, format="json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["title"] == "改后的名称"
    assert answer.json()["supervision_items"] == [item.pk]
