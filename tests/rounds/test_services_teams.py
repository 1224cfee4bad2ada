"""Teams and their members: numbering, one leader, one team per round, recusal."""

import pytest

from inspection.choices import RecusalKind, UserRole
from inspection.errors import ApplicationError, ConflictError, PermissionDeniedError
from rounds import services
from rounds.choices import RoundStatus, TeamRole
from rounds.models import Team, TeamMember
from rounds.services.teams import (
    TEAM_CREATE_WINDOW,
    TEAM_MEMBER_ADD_WINDOW,
    TEAM_MEMBER_REMOVE_WINDOW,
)
from tests import factories as f
from tests.rounds.helpers import (
    assert_one_new_history_row,
    declare,
    field_of,
    inspector,
    set_round_status,
)

pytestmark = pytest.mark.django_db


def other_statuses(allowed):
    return [status for status in RoundStatus if status not in allowed]


# ---------------------------------------------------------------------------- teams


def test_team_create_takes_the_next_free_number(world):
    Team.objects.create(round=world.round, number=4)
    before = world.round.history.count()
    team = services.team_create(actor=world.office, round_id=world.round.pk, note="抽调人员到位")
    assert (team.round, team.number, team.name) == (world.round, 3, "第三巡察组")
    assert_one_new_history_row(
        world.round, before=before, actor=world.office, note="组建第三巡察组：抽调人员到位"
    )
    assert services.team_create(actor=world.office, round_id=world.round.pk).number == 5


def test_team_create_with_a_given_number(world):
    team = services.team_create(actor=world.lead, round_id=world.round.pk, number=7)
    assert team.number == 7
    assert world.round.history.latest().history_change_reason == "组建第七巡察组"


@pytest.mark.parametrize("number", [1, 0, -1, True])
def test_team_create_refuses_a_taken_or_invalid_number(world, number):
    with pytest.raises(ApplicationError) as error:
        services.team_create(actor=world.office, round_id=world.round.pk, number=number)
    assert field_of(error) == {"number"}
    assert world.round.teams.count() == 2


@pytest.mark.parametrize("status", other_statuses(TEAM_CREATE_WINDOW.statuses))
def test_teams_are_set_up_before_on_site(world, status):
    set_round_status(world, status)
    with pytest.raises(ConflictError):
        services.team_create(actor=world.office, round_id=world.round.pk)


# -------------------------------------------------------------------------- members


def test_team_member_add(world):
    person = inspector(full_name="周敏")
    before = world.round.history.count()
    membership = services.team_member_add(
        actor=world.office,
        team_id=world.team_a.pk,
        user_id=person.pk,
        role=TeamRole.DEPUTY,
        post="县纪委监委第三纪检监察室主任",
        note="纪检监察室负责同志兼任",
    )
    assert (membership.team, membership.user, membership.role) == (
        world.team_a,
        person,
        TeamRole.DEPUTY,
    )
    assert membership.post == "县纪委监委第三纪检监察室主任"
    assert_one_new_history_row(
        world.round,
        before=before,
        actor=world.office,
        note="第一巡察组添加副组长周敏：纪检监察室负责同志兼任",
    )


@pytest.mark.parametrize(
    "person",
    [
        lambda: f.UserFactory(role=UserRole.OFFICE_STAFF),
        lambda: f.UserFactory(role=UserRole.RECTIFICATION_OFFICER, town=f.TownFactory()),
        lambda: inspector(is_active=False),
    ],
    ids=["office-staff", "officer", "inactive-inspector"],
)
def test_only_active_inspectors_join_teams(world, person):
    with pytest.raises(ApplicationError) as error:
        services.team_member_add(actor=world.office, team_id=world.team_a.pk, user_id=person().pk)
    assert field_of(error) == {"user"}


def test_team_member_add_refuses_missing_person_and_role(world):
    with pytest.raises(ApplicationError) as error:
        services.team_member_add(actor=world.office, team_id=world.team_a.pk, user_id=999_999)
    assert field_of(error) == {"user"}
    with pytest.raises(ApplicationError) as error:
        services.team_member_add(
            actor=world.office, team_id=world.team_a.pk, user_id=inspector().pk, role="captain"
        )
    assert field_of(error) == {"role"}


def test_one_leader_per_team(world):
    with pytest.raises(ApplicationError) as error:
        services.team_member_add(
            actor=world.office,
            team_id=world.team_a.pk,
            user_id=inspector().pk,
            role=TeamRole.LEADER,
        )
    assert field_of(error) == {"role"}
    assert "已有组长" in str(error.value) and str(world.leader_a) in str(error.value)


@pytest.mark.parametrize("team", ["team_a", "team_b"])
def test_one_team_per_person_per_round(world, team):
    with pytest.raises(ApplicationError) as error:
        services.team_member_add(
            actor=world.office, team_id=getattr(world, team).pk, user_id=world.member_a.pk
        )
    assert field_of(error) == {"user"}
    assert "第一巡察组" in str(error.value)


def test_a_person_may_serve_again_in_another_round(world):
    later = f.TeamFactory(round=f.InspectionRoundFactory(), number=1)
    services.team_member_add(actor=world.office, team_id=later.pk, user_id=world.member_a.pk)
    assert TeamMember.objects.filter(user=world.member_a).count() == 2


def test_team_member_add_refuses_a_recusal_conflict_naming_it(world):
    person = inspector(full_name="钱程")
    declare(
        person,
        village=world.assignment_a.village,
        kind=RecusalKind.RELATIVE,
        relative_name="钱大",
        relative_post="村委会主任",
    )
    with pytest.raises(ApplicationError) as error:
        services.team_member_add(actor=world.office, team_id=world.team_a.pk, user_id=person.pk)
    assert field_of(error) == {"user"}
    message = str(error.value)
    assert "甲一村" in message and "钱程" in message and "亲属任职" in message
    assert "村委会主任" in message
    assert not TeamMember.objects.filter(user=person).exists()


def test_a_tie_to_another_place_is_no_conflict(world):
    person = inspector()
    declare(person, town=world.town_b)
    services.team_member_add(actor=world.office, team_id=world.team_a.pk, user_id=person.pk)


def test_only_the_office_lead_overrides_a_recusal_conflict(world):
    person = inspector()
    declare(person, town=world.town_a, kind=RecusalKind.FORMER_UNIT)
    with pytest.raises(PermissionDeniedError):
        services.team_member_add(
            actor=world.office,
            team_id=world.team_a.pk,
            user_id=person.pk,
            recusal_override_reason="工作需要",
        )
    assert not TeamMember.objects.filter(user=person).exists()


def test_the_office_lead_overrides_a_conflict_recorded_on_the_assignment(world):
    person = inspector()
    declare(person, town=world.town_a, kind=RecusalKind.FORMER_UNIT)
    assignment = world.assignment_a
    before = assignment.history.count()
    round_before = world.round.history.count()
    services.team_member_add(
        actor=world.lead,
        team_id=world.team_a.pk,
        user_id=person.pk,
        recusal_override_reason="调离甲镇已满五年",
        note="经领导小组同意",
    )
    assignment.refresh_from_db()
    assert assignment.recusal_override_reason == "调离甲镇已满五年"
    assert assignment.recusal_overridden_by == world.lead
    row = assignment.history.latest()
    assert assignment.history.count() == before + 1
    assert row.history_user == world.lead
    assert row.history_change_reason.startswith("经领导小组同意；放行回避冲突：调离甲镇已满五年")
    assert world.round.history.count() == round_before + 1
    assert "放行回避冲突：调离甲镇已满五年" in world.round.history.latest().history_change_reason
    # A second override on the same assignment adds its reason to the first.
    other = inspector()
    declare(other, village=assignment.village)
    services.team_member_add(
        actor=world.lead,
        team_id=world.team_a.pk,
        user_id=other.pk,
        recusal_override_reason="户籍迁出多年",
    )
    assignment.refresh_from_db()
    assert assignment.recusal_override_reason == "调离甲镇已满五年；户籍迁出多年"


def test_the_office_lead_still_gives_a_reason(world):
    person = inspector()
    declare(person, village=world.assignment_a.village)
    with pytest.raises(ApplicationError) as error:
        services.team_member_add(
            actor=world.lead,
            team_id=world.team_a.pk,
            user_id=person.pk,
            recusal_override_reason="  ",
        )
    assert field_of(error) == {"user"}


@pytest.mark.parametrize("status", [RoundStatus.PREPARATION, RoundStatus.ON_SITE])
def test_members_join_until_on_site_ends(world, status):
    set_round_status(world, status)
    services.team_member_add(actor=world.office, team_id=world.team_a.pk, user_id=inspector().pk)


@pytest.mark.parametrize("status", other_statuses(TEAM_MEMBER_ADD_WINDOW.statuses))
def test_members_do_not_join_after_on_site(world, status):
    set_round_status(world, status)
    with pytest.raises(ConflictError):
        services.team_member_add(
            actor=world.office, team_id=world.team_a.pk, user_id=inspector().pk
        )


def test_team_member_remove(world):
    membership = world.team_a.memberships.get(user=world.member_a)
    before = world.round.history.count()
    services.team_member_remove(actor=world.office, team_member_id=membership.pk, note="工作调动")
    assert not TeamMember.objects.filter(pk=membership.pk).exists()
    assert_one_new_history_row(
        world.round,
        before=before,
        actor=world.office,
        note=f"第一巡察组移除组员{world.member_a}：工作调动",
    )


def test_team_member_remove_while_on_site(world):
    set_round_status(world, RoundStatus.ON_SITE)
    membership = world.team_a.memberships.get(user=world.member_a)
    services.team_member_remove(actor=world.lead, team_member_id=membership.pk)
    assert not world.team_a.memberships.filter(user=world.member_a).exists()


@pytest.mark.parametrize("status", other_statuses(TEAM_MEMBER_REMOVE_WINDOW.statuses))
def test_members_stay_once_on_site_ends(world, status):
    set_round_status(world, status)
    membership = world.team_a.memberships.get(user=world.member_a)
    with pytest.raises(ConflictError):
        services.team_member_remove(actor=world.office, team_member_id=membership.pk)
    assert TeamMember.objects.filter(pk=membership.pk).exists()
