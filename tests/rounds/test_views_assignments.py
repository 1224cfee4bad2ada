"""Assigning villages in bulk by town, and handing an assignment to another team
(rounds/views/assignments.py)."""

import pytest
from django.urls import reverse

from rounds.choices import RoundMode, RoundStatus
from rounds.models import Assignment
from tests import factories as f
from tests.rounds.helpers import declare, inspector, set_round_status, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def town_c(world):
    """A town with three active villages and a retired one, none assigned yet."""
    town = f.TownFactory(name="丙镇")
    for name in ("丙一村", "丙二村", "丙三村"):
        village(world, town=town, name=name)
    village(world, town=town, name="丙旧村", is_active=False)
    return town


def assign_url(world, *towns, team=None):
    query = "&".join(f"towns={town.pk}" for town in towns)
    if team is not None:
        query += f"&team={team.pk}"
    return f"{reverse('rounds:assign_villages', args=[world.round.pk])}?{query}"


def villages_of(town):
    return list(town.villages.filter(is_active=True).order_by("code"))


def assigned_names(world, town):
    return set(
        Assignment.objects.filter(round=world.round, town=town).values_list(
            "village__name", flat=True
        )
    )


# ------------------------------------------------------------------------------ the page


def test_step_one_asks_for_towns_and_a_team(world, as_user, town_c):
    response = as_user(world.office).get(reverse("rounds:assign_villages", args=[world.round.pk]))
    assert response.status_code == 200
    assert response.context["form"] is None
    page = response.content.decode()
    assert "丙镇" in page and "第一巡察组" in page


def test_step_two_lists_the_towns_villages_all_ticked(world, as_user, town_c):
    taken = village(world, town=town_c, name="丙四村")
    f.AssignmentFactory(round=world.round, team=world.team_b, town=town_c, village=taken)
    response = as_user(world.office).get(assign_url(world, town_c, team=world.team_a))
    [group] = response.context["groups"]
    rows = {row["village"].name: row for row in group["rows"]}
    assert set(rows) == {"丙一村", "丙二村", "丙三村", "丙四村"}  # not the retired one
    assert all(rows[name]["checked"] for name in ("丙一村", "丙二村", "丙三村"))
    assert rows["丙四村"]["assignment"] is not None
    page = response.content.decode()
    assert "已安排（第二巡察组）" in page
    assert f'value="{taken.pk}" id="village-{taken.pk}" disabled' in page
    assert 'data-select-all="villages"' in page


def test_a_link_ticks_only_the_villages_it_names_and_ignores_what_is_no_id(world, as_user, town_c):
    first, second, _third = villages_of(town_c)
    url = assign_url(world, town_c) + f"&tick={first.pk}&tick={second.pk}&tick=²&tick=x"
    response = as_user(world.office).get(url)
    assert response.status_code == 200
    [group] = response.context["groups"]
    ticked = {row["village"].name for row in group["rows"] if row["checked"]}
    assert ticked == {first.name, second.name}


def test_an_unknown_town_is_answered_in_the_form(world, as_user):
    url = f"{reverse('rounds:assign_villages', args=[world.round.pk])}?towns=999999"
    response = as_user(world.office).get(url)
    assert response.status_code == 200
    assert response.context["pick"].errors["towns"]


def test_a_whole_town_is_assigned_in_one_post(world, as_user, town_c):
    response = as_user(world.office).post(
        assign_url(world, town_c, team=world.team_a),
        {"villages": [v.pk for v in villages_of(town_c)], "note": "板块轮动"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("rounds:round_detail", args=[world.round.pk])
    assert "已安排 3 个巡察对象，由第一巡察组负责。" in response.content.decode()
    assert assigned_names(world, town_c) == {"丙一村", "丙二村", "丙三村"}
    assert set(Assignment.objects.filter(town=town_c).values_list("team_id", flat=True)) == {
        world.team_a.pk
    }


def test_only_the_ticked_villages_are_assigned(world, as_user, town_c):
    one, two, _three = villages_of(town_c)
    as_user(world.office).post(
        assign_url(world, town_c, team=world.team_b), {"villages": [one.pk, two.pk]}
    )
    assert assigned_names(world, town_c) == {one.name, two.name}


def test_villages_may_wait_for_their_team(world, as_user, town_c):
    response = as_user(world.office).post(
        assign_url(world, town_c), {"villages": [v.pk for v in villages_of(town_c)]}, follow=True
    )
    assert "（尚未指定巡察组）" in response.content.decode()
    assert not Assignment.objects.filter(town=town_c, team__isnull=False).exists()


def test_nothing_ticked_is_answered_above_the_form(world, as_user, town_c):
    response = as_user(world.office).post(assign_url(world, town_c, team=world.team_a), {})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["请至少勾选一个巡察对象。"]
    assert not assigned_names(world, town_c)


def test_a_village_not_offered_is_refused(world, as_user, town_c):
    response = as_user(world.office).post(
        assign_url(world, town_c, team=world.team_a),
        {"villages": [world.assignment_a.village_id]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["villages"] == [
        "所选村(社区)不在可安排之列（可能已安排）。"
    ]


def test_recusal_conflicts_are_shown_before_and_refused_on_posting(world, as_user, town_c):
    declare(world.member_a, town=town_c)
    client = as_user(world.office)
    url = assign_url(world, town_c, team=world.team_a)
    response = client.get(url)
    assert response.context["conflict_count"] == 3
    assert "回避：" in response.content.decode()
    assert "recusal_override_reason" not in response.context["form"].fields
    response = client.post(url, {"villages": [v.pk for v in villages_of(town_c)]})
    assert response.status_code == 200
    [message] = response.context["form"].non_field_errors()
    assert message.startswith("未作任何更改：第1至3个巡察对象（丙镇全部村）：")
    # listed in the order of the villages' codes (the factory's codes wrap at 1000)
    first = villages_of(town_c)[0].name
    assert f"：存在回避情形：{first}——" in message
    assert all(name in message for name in ("丙一村", "丙二村", "丙三村"))
    assert "须由巡察办主任填写放行理由" in message
    assert not assigned_names(world, town_c)


def test_the_office_lead_assigns_despite_a_conflict_with_a_reason(world, as_user, town_c):
    declare(world.member_a, village=villages_of(town_c)[0])
    response = as_user(world.lead).post(
        assign_url(world, town_c, team=world.team_a),
        {
            "villages": [v.pk for v in villages_of(town_c)],
            "recusal_override_reason": "经研究同意",
        },
    )
    assert response.status_code == 302
    overridden = Assignment.objects.get(village=villages_of(town_c)[0])
    assert overridden.recusal_override_reason == "经研究同意"
    assert overridden.recusal_overridden_by == world.lead


def test_town_and_village_rounds_offer_the_town_committee(world, as_user, town_c):
    world.round.mode = RoundMode.TOWN_AND_VILLAGE
    world.round.save()
    client = as_user(world.office)
    url = assign_url(world, town_c, team=world.team_a)
    response = client.get(url)
    assert [row["town"] for row in response.context["committees"]] == [town_c]
    assert "丙镇党委" in response.content.decode()
    client.post(url, {"villages": [villages_of(town_c)[0].pk], "committees": [town_c.pk]})
    assert Assignment.objects.filter(round=world.round, town=town_c, village__isnull=True).exists()
    assert Assignment.objects.filter(round=world.round, town=town_c).count() == 2


def test_a_regular_round_offers_no_town_committee(world, as_user, town_c):
    client = as_user(world.office)
    url = assign_url(world, town_c, team=world.team_a)
    assert client.get(url).context["committees"] == []
    response = client.post(url, {"committees": [town_c.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["committees"] == [
        "只有巡乡带村(镇村一体/乡村一体)可以把乡镇党委作为巡察对象。"
    ]


def test_a_regular_round_takes_a_town_committee_in_a_batch_of_xiang_dai_cun(world, as_user, town_c):
    """巡乡带村 chosen for a batch: the town's committee is offered, and the batch's objects
    are made in that mode while the round stays regular."""
    mode = f.mode_of(RoundMode.TOWN_AND_VILLAGE)
    client = as_user(world.office)
    url = assign_url(world, town_c, team=world.team_a) + f"&mode={mode.pk}"
    page = client.get(url)
    assert [row["town"] for row in page.context["committees"]] == [town_c]
    assert "巡察方式：<strong>巡乡带村(镇村一体/乡村一体)</strong>" in page.content.decode()
    client.post(url, {"villages": [villages_of(town_c)[0].pk], "committees": [town_c.pk]})
    made = Assignment.objects.filter(round=world.round, town=town_c)
    assert made.count() == 2
    assert {a.mode for a in made} == {mode}


def test_a_regular_round_offers_no_look_back_mode(world, as_user, town_c):
    look_back = f.mode_of(RoundMode.LOOK_BACK)
    client = as_user(world.office)
    page = client.get(assign_url(world, town_c, team=world.team_a))
    assert look_back not in page.context["pick"].fields["mode"].queryset


def test_no_assignments_once_on_site(world, as_user, town_c):
    set_round_status(world, RoundStatus.ON_SITE)
    client = as_user(world.office)
    url = assign_url(world, town_c, team=world.team_a)
    assert "不能安排巡察对象" in client.get(url).content.decode()
    assert client.post(url, {"villages": [villages_of(town_c)[0].pk]}).status_code == 200
    assert not assigned_names(world, town_c)


@pytest.mark.parametrize("persona", ("leadership", "leader_a", "liaison", "officer_a"))
def test_only_the_office_assigns(world, as_user, town_c, persona):
    client = as_user(getattr(world, persona))
    url = assign_url(world, town_c, team=world.team_a)
    assert client.get(url).status_code == 403
    assert client.post(url, {"villages": [villages_of(town_c)[0].pk]}).status_code == 403
    assert not assigned_names(world, town_c)


def test_an_unknown_round_answers_404(world, as_user):
    assert as_user(world.office).get("/rounds/999999/assign/").status_code == 404


# ------------------------------------------------------------------------- another team


def test_the_office_hands_an_assignment_to_another_team(world, as_user):
    client = as_user(world.office)
    url = reverse("rounds:assignment_team", args=[world.assignment_a.pk])
    assert client.get(url).context["form"].initial["team"] == world.team_a.pk
    response = client.post(url, {"team": world.team_b.pk, "note": "力量调配"}, follow=True)
    assert "已将甲一村交由第二巡察组负责。" in response.content.decode()
    world.assignment_a.refresh_from_db()
    assert world.assignment_a.team == world.team_b


@pytest.mark.parametrize(
    ("team", "message"),
    [("", "请选择巡察组。"), ("999999", "所选巡察组不属于本轮次。")],
)
def test_a_bad_team_is_answered_next_to_the_field(world, as_user, team, message):
    response = as_user(world.office).post(
        reverse("rounds:assignment_team", args=[world.assignment_a.pk]), {"team": team}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["team"] == [message]


def test_the_same_team_is_refused_by_the_service(world, as_user):
    response = as_user(world.office).post(
        reverse("rounds:assignment_team", args=[world.assignment_a.pk]),
        {"team": world.team_a.pk},
    )
    assert response.context["form"].errors["team"] == ["甲一村已由第一巡察组负责。"]


def test_a_new_team_with_a_conflict_is_refused(world, as_user):
    tied = inspector(full_name="李回避")
    f.TeamMemberFactory(team=world.team_b, user=tied)
    declare(tied, village=world.assignment_a.village)
    response = as_user(world.office).post(
        reverse("rounds:assignment_team", args=[world.assignment_a.pk]),
        {"team": world.team_b.pk},
    )
    [message] = response.context["form"].errors["team"]
    assert message.startswith("存在回避情形：甲一村——李回避")
    world.assignment_a.refresh_from_db()
    assert world.assignment_a.team == world.team_a


@pytest.mark.parametrize("persona", ("leadership", "leader_a"))
def test_only_the_office_changes_teams(world, as_user, persona):
    client = as_user(getattr(world, persona))
    url = reverse("rounds:assignment_team", args=[world.assignment_a.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"team": world.team_b.pk}).status_code == 403


def test_an_unknown_assignment_answers_404(world, as_user):
    assert as_user(world.office).get("/rounds/assignments/999999/team/").status_code == 404
