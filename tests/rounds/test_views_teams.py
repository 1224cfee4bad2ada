"""Building teams on screen: a new team with its people, a team's page with recusal
warnings and the add-member form, taking a member off (rounds/views/teams.py)."""

import pytest
from django.urls import reverse

from rounds.choices import RoundStatus, TeamRole
from rounds.models import Team, TeamMember
from tests.rounds.helpers import declare, inspector, set_round_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def errors_of(response, field):
    return response.context["form"].errors.get(field, [])


def team_form(**changes):
    return {"number": "", "leader": "", "deputy": "", "note": ""} | changes


# ----------------------------------------------------------------------------- a new team


def test_the_new_team_form_offers_only_inspectors_free_in_this_round(world, as_user):
    free = inspector(full_name="周自由")
    response = as_user(world.office).get(reverse("rounds:team_create", args=[world.round.pk]))
    assert response.status_code == 200
    offered = set(response.context["form"].fields["leader"].queryset)
    assert free in offered
    assert world.leader_a not in offered  # already on team A
    assert world.office not in offered


def test_the_office_builds_a_team_with_leader_deputy_and_members(world, as_user):
    leader, deputy, one, two = (inspector() for _ in range(4))
    response = as_user(world.office).post(
        reverse("rounds:team_create", args=[world.round.pk]),
        team_form(leader=leader.pk, deputy=deputy.pk, members=[one.pk, two.pk]),
        follow=True,
    )
    team = Team.objects.get(round=world.round, number=3)
    assert response.redirect_chain[-1][0] == reverse("rounds:team_detail", args=[team.pk])
    assert "已组建巡察组。" in response.content.decode()
    roles = dict(team.memberships.values_list("user_id", "role"))
    assert roles == {
        leader.pk: TeamRole.LEADER,
        deputy.pk: TeamRole.DEPUTY,
        one.pk: TeamRole.MEMBER,
        two.pk: TeamRole.MEMBER,
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"number": "1"}, "number", "本轮次已有第一巡察组。"),
        ({"number": "0"}, "number", "组号必须是正整数。"),
        ({"number": "abc"}, "number", "组号必须是正整数。"),
        ({"leader": "999999"}, "leader", "所选人员不可选（可能已在本轮次其他巡察组）。"),
    ],
)
def test_invalid_team_input_is_answered_next_to_the_field(world, as_user, changes, field, message):
    response = as_user(world.office).post(
        reverse("rounds:team_create", args=[world.round.pk]), team_form(**changes)
    )
    assert response.status_code == 200
    assert errors_of(response, field) == [message]
    assert world.round.teams.count() == 2


def test_one_person_cannot_lead_and_deputise(world, as_user):
    person = inspector()
    response = as_user(world.office).post(
        reverse("rounds:team_create", args=[world.round.pk]),
        team_form(leader=person.pk, deputy=person.pk, members=[person.pk]),
    )
    assert errors_of(response, "deputy") == ["组长和副组长不能是同一人。"]
    assert errors_of(response, "members") == ["组员不能再选组长或副组长本人。"]
    assert "组长和副组长不能是同一人。" in response.content.decode()


def test_no_new_team_once_on_site(world, as_user):
    set_round_status(world, RoundStatus.ON_SITE)
    client = as_user(world.office)
    url = reverse("rounds:team_create", args=[world.round.pk])
    assert "不能组建巡察组" in client.get(url).content.decode()
    response = client.post(url, team_form())
    assert response.status_code == 200
    assert "不能组建巡察组" in response.content.decode()
    assert world.round.teams.count() == 2


@pytest.mark.parametrize("persona", ("leadership", "leader_a", "liaison", "officer_a"))
def test_only_the_office_builds_teams(world, as_user, persona):
    client = as_user(getattr(world, persona))
    url = reverse("rounds:team_create", args=[world.round.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, team_form()).status_code == 403
    assert world.round.teams.count() == 2


# ---------------------------------------------------------------------------- a team's page


def test_the_team_page_shows_members_assignments_and_the_add_form(world, as_user):
    response = as_user(world.office).get(reverse("rounds:team_detail", args=[world.team_a.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert str(world.leader_a) in page and str(world.member_a) in page
    assert "甲一村" in page
    assert response.context["form"] is not None
    assert "recusal_override_reason" not in response.context["form"].fields  # staff, not lead
    assert reverse("rounds:member_remove", args=[world.leader_a.team_memberships.get().pk]) in page


def test_leadership_reads_the_team_page_without_forms(world, as_user):
    client = as_user(world.leadership)
    url = reverse("rounds:team_detail", args=[world.team_a.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "移出" not in response.content.decode()
    assert client.post(url, {"user": inspector().pk, "role": TeamRole.MEMBER}).status_code == 403


@pytest.mark.parametrize("persona", ("leader_a", "liaison", "officer_a"))
def test_the_team_page_is_not_for_other_roles(world, as_user, persona):
    url = reverse("rounds:team_detail", args=[world.team_a.pk])
    assert as_user(getattr(world, persona)).get(url).status_code == 403


def test_an_unknown_team_answers_404(world, as_user):
    assert as_user(world.office).get("/rounds/teams/999999/").status_code == 404


def test_the_office_adds_a_member(world, as_user):
    newcomer = inspector()
    response = as_user(world.office).post(
        reverse("rounds:team_detail", args=[world.team_a.pk]),
        {"user": newcomer.pk, "role": TeamRole.DEPUTY, "post": "县审计局副局长", "note": ""},
        follow=True,
    )
    assert "已添加巡察组成员。" in response.content.decode()
    membership = TeamMember.objects.get(team=world.team_a, user=newcomer)
    assert (membership.role, membership.post) == (TeamRole.DEPUTY, "县审计局副局长")


def test_a_second_leader_is_refused_next_to_the_role(world, as_user):
    response = as_user(world.office).post(
        reverse("rounds:team_detail", args=[world.team_a.pk]),
        {"user": inspector().pk, "role": TeamRole.LEADER},
    )
    assert response.status_code == 200
    [message] = errors_of(response, "role")
    assert "每个巡察组只能有一名组长" in message


def test_a_member_tied_to_an_assigned_village_is_refused_with_the_reason(world, as_user):
    newcomer = inspector(full_name="王回避")
    declare(newcomer, village=world.assignment_a.village)
    response = as_user(world.office).post(
        reverse("rounds:team_detail", args=[world.team_a.pk]),
        {"user": newcomer.pk, "role": TeamRole.MEMBER},
    )
    assert response.status_code == 200
    [message] = errors_of(response, "user")
    assert message.startswith("存在回避情形：甲一村——王回避：户籍或居住地（甲一村）")
    assert "须由巡察办主任填写放行理由" in message
    assert not TeamMember.objects.filter(user=newcomer).exists()


def test_the_office_lead_overrides_a_conflict_with_a_reason(world, as_user):
    newcomer = inspector(full_name="王回避")
    declare(newcomer, village=world.assignment_a.village)
    client = as_user(world.lead)
    url = reverse("rounds:team_detail", args=[world.team_a.pk])
    assert "recusal_override_reason" in client.get(url).context["form"].fields
    response = client.post(
        url,
        {"user": newcomer.pk, "role": TeamRole.MEMBER, "recusal_override_reason": "已迁出多年"},
    )
    assert response.status_code == 302
    world.assignment_a.refresh_from_db()
    assert world.assignment_a.recusal_override_reason == "已迁出多年"
    assert world.assignment_a.recusal_overridden_by == world.lead
    after = client.get(url)
    assert after.context["conflict_count"] == 0  # let through: no longer a warning
    page = after.content.decode()
    assert "已放行" in page and "已迁出多年" in page


def test_the_team_page_warns_of_a_conflict_declared_later(world, as_user):
    declare(world.member_a, village=world.assignment_a.village)
    response = as_user(world.office).get(reverse("rounds:team_detail", args=[world.team_a.pk]))
    assert response.context["conflict_count"] == 1
    assert "存在回避情形" in response.content.decode()


# ------------------------------------------------------------------------- taking one off


def test_removing_a_member_is_confirmed_then_done(world, as_user):
    membership = world.leader_a.team_memberships.get()
    client = as_user(world.office)
    url = reverse("rounds:member_remove", args=[membership.pk])
    page = client.get(url).content.decode()
    assert f"将把组长{world.leader_a}移出第一巡察组。" in page
    assert "移出后本组将没有组长" in page
    assert TeamMember.objects.filter(pk=membership.pk).exists()  # GET changes nothing
    response = client.post(url, {"note": "工作调整"})
    assert response.status_code == 302
    assert not TeamMember.objects.filter(pk=membership.pk).exists()
    assert world.round.history.latest().history_change_reason.startswith("第一巡察组移除组长")


@pytest.mark.parametrize("persona", ("leadership", "leader_a"))
def test_only_the_office_removes_members(world, as_user, persona):
    membership = world.member_a.team_memberships.get()
    client = as_user(getattr(world, persona))
    url = reverse("rounds:member_remove", args=[membership.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert TeamMember.objects.filter(pk=membership.pk).exists()


def test_no_removal_after_on_site(world, as_user):
    set_round_status(world, RoundStatus.REPORTING)
    membership = world.member_a.team_memberships.get()
    response = as_user(world.office).post(reverse("rounds:member_remove", args=[membership.pk]))
    assert response.status_code == 200
    assert "不能移除巡察组成员" in response.content.decode()
    assert TeamMember.objects.filter(pk=membership.pk).exists()
