"""Assignments (巡察对象) and recusal (回避): who inspects which village, and who may not."""

import datetime

import pytest
from django.utils import timezone

from inspection.choices import RecusalKind, UserRole
from inspection.errors import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from inspection.models import RecusalDeclaration
from rounds import services
from rounds.choices import RoundMode, RoundStatus
from rounds.models import Assignment, InspectionRound
from rounds.services.assignments import ASSIGNMENT_CREATE_WINDOW, ASSIGNMENT_SET_TEAM_WINDOW
from tests import factories as f
from tests.rounds.helpers import (
    assert_one_new_history_row,
    declare,
    field_of,
    set_round_status,
    village,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
REASON = "该同志离开原籍多年，经领导小组同意。"


def other_statuses(allowed):
    return [status for status in RoundStatus if status not in allowed]


def town_and_village(world):
    InspectionRound.objects.filter(pk=world.round.pk).update(mode=RoundMode.TOWN_AND_VILLAGE)


# --------------------------------------------------------------------------- create


def test_assignment_create(world):
    target = village(world, name="甲二村")
    assignment = services.assignment_create(
        actor=world.office,
        round_id=world.round.pk,
        village_id=target.pk,
        team_id=world.team_a.pk,
        is_key=True,
        note="重点村",
    )
    assignment.refresh_from_db()
    assert (assignment.round, assignment.team, assignment.village, assignment.town) == (
        world.round,
        world.team_a,
        target,
        world.town_a,
    )
    assert assignment.is_key and not assignment.recusal_override_reason
    row = assert_one_new_history_row(assignment, before=0, actor=world.office, note="重点村")
    assert row.history_type == "+"


def test_assignment_create_without_a_team_yet(world):
    assignment = services.assignment_create(
        actor=world.office, round_id=world.round.pk, village_id=village(world).pk
    )
    assert assignment.team is None


def test_the_town_committee_is_an_object_of_a_town_and_village_round(world):
    town_and_village(world)
    committee = services.assignment_create(
        actor=world.office,
        round_id=world.round.pk,
        town_id=world.town_a.pk,
        team_id=world.team_a.pk,
    )
    assert committee.village is None and committee.target_name == "甲镇党委"
    with pytest.raises(ApplicationError) as error:
        services.assignment_create(
            actor=world.office, round_id=world.round.pk, town_id=world.town_a.pk
        )
    assert field_of(error) == {"village"}
    assert "甲镇党委已是本轮次的巡察对象（第一巡察组）" in str(error.value)


def test_the_town_committee_is_no_object_of_other_rounds(world):
    with pytest.raises(ApplicationError) as error:
        services.assignment_create(
            actor=world.office, round_id=world.round.pk, town_id=world.town_a.pk
        )
    assert field_of(error) == {"village"}
    assert "镇村一体" in str(error.value)


def test_a_village_is_assigned_once_per_round(world):
    with pytest.raises(ApplicationError) as error:
        services.assignment_create(
            actor=world.office,
            round_id=world.round.pk,
            village_id=world.assignment_a.village_id,
            team_id=world.team_b.pk,
        )
    assert field_of(error) == {"village"}
    assert "甲一村已是本轮次的巡察对象（第一巡察组）" in str(error.value)


def test_assignment_create_refuses_missing_and_mismatched_inputs(world):
    retired = village(world, is_active=False)
    foreign_team = f.TeamFactory(number=1)
    cases = [
        ({}, "village"),
        ({"village_id": 999_999}, "village"),
        ({"village_id": retired.pk}, "village"),
        ({"village_id": village(world).pk, "town_id": world.town_b.pk}, "village"),
        ({"village_id": village(world).pk, "team_id": foreign_team.pk}, "team"),
        (
            {
                "village_id": village(world).pk,
                "on_site_from": TODAY(),
                "on_site_until": TODAY() - datetime.timedelta(days=1),
            },
            "on_site_until",
        ),
    ]
    for values, field in cases:
        with pytest.raises(ApplicationError) as error:
            services.assignment_create(actor=world.office, round_id=world.round.pk, **values)
        assert field_of(error) == {field}, values
    assert world.round.assignments.count() == 2


@pytest.mark.parametrize("status", other_statuses(ASSIGNMENT_CREATE_WINDOW.statuses))
def test_assignments_are_made_before_on_site(world, status):
    set_round_status(world, status)
    with pytest.raises(ConflictError):
        services.assignment_create(
            actor=world.office, round_id=world.round.pk, village_id=village(world).pk
        )


# ------------------------------------------------------------------- recusal on create


def test_assigning_a_team_to_a_members_home_village_is_refused(world):
    home = village(world, name="甲三村")
    declare(world.member_a, village=home)
    with pytest.raises(ApplicationError) as error:
        services.assignment_create(
            actor=world.office,
            round_id=world.round.pk,
            village_id=home.pk,
            team_id=world.team_a.pk,
        )
    assert field_of(error) == {"team"}
    assert error.value.errors["team"] == [f"甲三村——{world.member_a}：户籍或居住地（甲三村）"]
    assert "巡察办主任" in str(error.value)
    assert not Assignment.objects.filter(village=home).exists()
    # Another team, or no team yet, is fine.
    services.assignment_create(
        actor=world.office, round_id=world.round.pk, village_id=home.pk, team_id=world.team_b.pk
    )


def test_a_tie_to_a_town_covers_its_villages_and_its_committee(world):
    town_and_village(world)
    declare(world.leader_a, town=world.town_a, kind=RecusalKind.FORMER_UNIT)
    for values in ({"village_id": village(world).pk}, {"town_id": world.town_a.pk}):
        with pytest.raises(ApplicationError) as error:
            services.assignment_create(
                actor=world.office, round_id=world.round.pk, team_id=world.team_a.pk, **values
            )
        assert "曾任职单位（甲镇）" in str(error.value)


def test_a_tie_to_a_village_leaves_the_town_committee_alone(world):
    town_and_village(world)
    declare(world.leader_a, village=world.assignment_a.village)
    services.assignment_create(
        actor=world.office,
        round_id=world.round.pk,
        town_id=world.town_a.pk,
        team_id=world.team_a.pk,
    )


def test_only_the_office_lead_overrides_and_only_with_a_reason(world):
    home = village(world)
    declare(world.member_a, village=home)
    values = {"round_id": world.round.pk, "village_id": home.pk, "team_id": world.team_a.pk}
    with pytest.raises(PermissionDeniedError):
        services.assignment_create(actor=world.office, recusal_override_reason=REASON, **values)
    with pytest.raises(ApplicationError) as error:
        services.assignment_create(actor=world.lead, recusal_override_reason=" ", **values)
    assert field_of(error) == {"team"}
    assert not Assignment.objects.filter(village=home).exists()


def test_the_office_lead_overrides_with_a_reason_kept_and_logged(world):
    home = village(world, name="甲四村")
    declare(world.member_a, village=home)
    assignment = services.assignment_create(
        actor=world.lead,
        round_id=world.round.pk,
        village_id=home.pk,
        team_id=world.team_a.pk,
        recusal_override_reason=REASON,
        note="统筹安排",
    )
    assignment.refresh_from_db()
    assert assignment.recusal_override_reason == REASON
    assert assignment.recusal_overridden_by == world.lead
    row = assignment.history.get()
    assert row.history_user == world.lead
    assert row.history_change_reason.startswith(
        f"统筹安排；放行回避冲突：{REASON}；回避情形：甲四村"
    )


# ---------------------------------------------------------------------- whole towns


def test_assignments_create_for_town_takes_every_active_village_not_yet_assigned(world):
    new = [village(world) for _ in range(3)]
    village(world, is_active=False)
    village(world, town=world.town_b)
    created = services.assignments_create_for_town(
        actor=world.office,
        round_id=world.round.pk,
        town_id=world.town_a.pk,
        team_id=world.team_a.pk,
        note="甲镇板块",
    )
    assert {a.village for a in created} == set(new)
    assert all(a.pk and a.team == world.team_a and a.town == world.town_a for a in created)
    for assignment in created:
        assert_one_new_history_row(assignment, before=0, actor=world.office, note="甲镇板块")
    assert world.round.assignments.filter(town=world.town_a).count() == 4


def test_assignments_create_for_town_takes_a_few_queries_whatever_the_villages(
    world, django_assert_max_num_queries
):
    for _ in range(12):
        village(world)
    for person in (world.leader_a, world.member_a):
        declare(person, town=world.town_b)
    with django_assert_max_num_queries(10):
        created = services.assignments_create_for_town(
            actor=world.office,
            round_id=world.round.pk,
            town_id=world.town_a.pk,
            team_id=world.team_a.pk,
        )
    assert len(created) == 12


def test_assignments_create_for_town_needs_villages_left(world):
    with pytest.raises(ApplicationError) as error:
        services.assignments_create_for_town(
            actor=world.office, round_id=world.round.pk, town_id=world.town_a.pk
        )
    assert field_of(error) == {"town"}
    with pytest.raises(ApplicationError) as error:
        services.assignments_create_for_town(
            actor=world.office, round_id=world.round.pk, town_id=999_999
        )
    assert field_of(error) == {"town"}


def test_assignments_create_for_town_names_every_conflict(world):
    first, second, _ = village(world, name="甲五村"), village(world, name="甲六村"), village(world)
    declare(world.member_a, village=first)
    declare(
        world.leader_a,
        village=second,
        kind=RecusalKind.RELATIVE,
        relative_name="钱七",
        relative_post="村会计",
    )
    with pytest.raises(ApplicationError) as error:
        services.assignments_create_for_town(
            actor=world.office,
            round_id=world.round.pk,
            town_id=world.town_a.pk,
            team_id=world.team_a.pk,
        )
    assert len(error.value.errors["team"]) == 2
    assert "甲五村" in str(error.value) and "甲六村" in str(error.value)
    assert world.round.assignments.count() == 2


def test_assignments_create_for_town_marks_only_the_overridden_villages(world):
    home, others = village(world), [village(world), village(world)]
    declare(world.member_a, village=home)
    created = services.assignments_create_for_town(
        actor=world.lead,
        round_id=world.round.pk,
        town_id=world.town_a.pk,
        team_id=world.team_a.pk,
        recusal_override_reason=REASON,
        note="甲镇板块",
    )
    by_village = {a.village_id: a for a in created}
    overridden = Assignment.objects.get(pk=by_village[home.pk].pk)
    assert overridden.recusal_override_reason == REASON
    assert overridden.recusal_overridden_by == world.lead
    assert overridden.history.get().history_change_reason.startswith("甲镇板块；放行回避冲突")
    for other in others:
        plain = Assignment.objects.get(pk=by_village[other.pk].pk)
        assert plain.recusal_overridden_by is None and not plain.recusal_override_reason
        assert plain.history.get().history_change_reason == "甲镇板块"


@pytest.mark.parametrize("status", other_statuses(ASSIGNMENT_CREATE_WINDOW.statuses))
def test_whole_towns_are_assigned_before_on_site(world, status):
    set_round_status(world, status)
    village(world)
    with pytest.raises(ConflictError):
        services.assignments_create_for_town(
            actor=world.office, round_id=world.round.pk, town_id=world.town_a.pk
        )


def test_assignments_create_for_town_is_the_office_s_action(world):
    with pytest.raises(PermissionDeniedError):
        services.assignments_create_for_town(
            actor=world.leader_a, round_id=world.round.pk, town_id=world.town_a.pk
        )
    with pytest.raises(NotFoundError):
        services.assignments_create_for_town(
            actor=world.liaison, round_id=world.round.pk, town_id=world.town_a.pk
        )


# ------------------------------------------------------------------------- set team


def test_assignment_set_team(world):
    assignment = world.assignment_a
    before = assignment.history.count()
    moved = services.assignment_set_team(
        actor=world.office, assignment_id=assignment.pk, team_id=world.team_b.pk, note="调整分工"
    )
    moved.refresh_from_db()
    assert moved.team == world.team_b
    assert_one_new_history_row(moved, before=before, actor=world.office, note="调整分工")


def test_assignment_set_team_needs_another_team_of_the_round(world):
    foreign_team = f.TeamFactory(number=5)
    for team_id in (world.team_a.pk, foreign_team.pk, None):
        with pytest.raises(ApplicationError) as error:
            services.assignment_set_team(
                actor=world.office, assignment_id=world.assignment_a.pk, team_id=team_id
            )
        assert field_of(error) == {"team"}


def test_assignment_set_team_checks_recusal_of_the_new_team(world):
    declare(world.leader_b, village=world.assignment_a.village)
    with pytest.raises(ApplicationError) as error:
        services.assignment_set_team(
            actor=world.office, assignment_id=world.assignment_a.pk, team_id=world.team_b.pk
        )
    assert field_of(error) == {"team"}
    assert str(world.leader_b) in str(error.value)
    moved = services.assignment_set_team(
        actor=world.lead,
        assignment_id=world.assignment_a.pk,
        team_id=world.team_b.pk,
        recusal_override_reason=REASON,
    )
    assert (moved.team, moved.recusal_overridden_by) == (world.team_b, world.lead)


def test_a_former_override_does_not_follow_the_assignment_to_another_team(world):
    Assignment.objects.filter(pk=world.assignment_a.pk).update(
        recusal_override_reason=REASON, recusal_overridden_by=world.lead
    )
    moved = services.assignment_set_team(
        actor=world.office, assignment_id=world.assignment_a.pk, team_id=world.team_b.pk
    )
    moved.refresh_from_db()
    assert moved.recusal_overridden_by is None and moved.recusal_override_reason == ""


@pytest.mark.parametrize("status", other_statuses(ASSIGNMENT_SET_TEAM_WINDOW.statuses))
def test_teams_are_reassigned_before_on_site(world, status):
    set_round_status(world, status)
    with pytest.raises(ConflictError):
        services.assignment_set_team(
            actor=world.office, assignment_id=world.assignment_a.pk, team_id=world.team_b.pk
        )


# -------------------------------------------------------------------- declarations


def test_an_inspector_declares_a_tie_for_themselves(world):
    declaration = services.recusal_declare(
        actor=world.member_a,
        kind=RecusalKind.HOME_VILLAGE,
        village_id=world.assignment_b.village_id,
        note="户籍所在地",
    )
    assert declaration.user == world.member_a
    assert (declaration.village, declaration.town) == (world.assignment_b.village, world.town_b)
    assert declaration.note == "户籍所在地"


def test_the_office_declares_for_an_inspector(world):
    declaration = services.recusal_declare(
        actor=world.office,
        user_id=world.leader_b.pk,
        kind=RecusalKind.RELATIVE,
        village_id=world.assignment_a.village_id,
        relative_name="王五",
        relative_post="村党组织书记",
    )
    assert (declaration.user, declaration.relative_post) == (world.leader_b, "村党组织书记")
    with pytest.raises(ApplicationError) as error:
        services.assignment_set_team(
            actor=world.office, assignment_id=world.assignment_a.pk, team_id=world.team_b.pk
        )
    assert "亲属王五任村党组织书记" in str(error.value)


def test_a_tie_to_a_whole_town(world):
    declaration = services.recusal_declare(
        actor=world.leader_a, kind=RecusalKind.FORMER_UNIT, town_id=world.town_b.pk
    )
    assert (declaration.town, declaration.village) == (world.town_b, None)


HOME = RecusalKind.HOME_VILLAGE
RELATIVE = RecusalKind.RELATIVE


@pytest.mark.parametrize(
    ("values", "field"),
    [
        (lambda w: {"kind": "grudge", "village_id": w.assignment_a.village_id}, "kind"),
        (lambda w: {"kind": HOME}, "village"),
        (lambda w: {"kind": HOME, "village_id": 999_999}, "village"),
        (lambda w: {"kind": HOME, "town_id": 999_999}, "town"),
        (
            lambda w: {
                "kind": HOME,
                "village_id": w.assignment_a.village_id,
                "town_id": w.town_b.pk,
            },
            "village",
        ),
        (
            lambda w: {"kind": RELATIVE, "town_id": w.town_a.pk, "relative_post": "村会计"},
            "relative_name",
        ),
        (
            lambda w: {"kind": RELATIVE, "town_id": w.town_a.pk, "relative_name": "王五"},
            "relative_post",
        ),
        (
            lambda w: {"kind": HOME, "town_id": w.town_a.pk, "relative_name": "王五"},
            "relative_name",
        ),
        (lambda w: {"kind": HOME, "town_id": w.town_a.pk, "note": "长" * 201}, "note"),
    ],
    ids=[
        "kind",
        "place",
        "village",
        "town",
        "village-not-in-town",
        "relative-name",
        "relative-post",
        "relative-for-home",
        "note-too-long",
    ],
)
def test_recusal_declare_refuses_missing_inputs(world, values, field):
    with pytest.raises(ApplicationError) as error:
        services.recusal_declare(actor=world.member_a, **values(world))
    assert field_of(error) == {field}
    assert not RecusalDeclaration.objects.exists()


def test_declarations_are_for_inspectors(world):
    officer = world.officer_a
    with pytest.raises(PermissionDeniedError):
        services.recusal_declare(actor=officer, kind=RecusalKind.HOME_VILLAGE, town_id=1)
    with pytest.raises(PermissionDeniedError):
        services.recusal_declare(actor=world.leadership, kind=RecusalKind.HOME_VILLAGE, town_id=1)
    with pytest.raises(ApplicationError) as error:
        services.recusal_declare(
            actor=world.office,
            user_id=officer.pk,
            kind=RecusalKind.HOME_VILLAGE,
            town_id=world.town_a.pk,
        )
    assert field_of(error) == {"user"}
    assert officer.role == UserRole.RECTIFICATION_OFFICER
