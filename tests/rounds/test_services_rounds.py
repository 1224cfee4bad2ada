"""A round's life cycle: create, update, supervision items, prepare, on site, leave, close."""

import datetime

import pytest
from django.utils import timezone

from inspection.errors import ApplicationError, ConflictError
from inspection.models import Term
from rounds import services
from rounds.choices import RoundMode, RoundStatus, TeamRole
from rounds.models import InspectionRound, Team, TeamMember
from rounds.services.rounds import (
    ROUND_END_ON_SITE,
    ROUND_GO_ON_SITE,
    ROUND_PREPARE,
    ROUND_UPDATE_WINDOW,
    SUPERVISION_ITEMS_WINDOW,
)
from tests import factories as f
from tests.rounds.helpers import (
    approve_work_plan,
    assert_one_new_history_row,
    field_of,
    set_round_status,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def other_statuses(allowed):
    return [status for status in RoundStatus if status not in allowed]


# --------------------------------------------------------------------------- create


def test_round_create_plans_the_next_round_of_the_current_term(world):
    last = world.round.ordinal
    created = services.round_create(
        actor=world.office,
        title="县委第九轮巡察",
        mode=RoundMode.REGULAR,
        mobilised_on=days(10),
        on_site_from=days(12),
        on_site_until=days(40),
        feedback_on=days(70),
        note="县委常委会研究同意",
    )
    created.refresh_from_db()
    assert created.status == RoundStatus.PLANNING
    assert created.term == world.round.term and created.term.is_current
    assert created.ordinal == last + 1
    assert (created.on_site_from, created.feedback_on) == (days(12), days(70))
    row = assert_one_new_history_row(
        created, before=0, actor=world.office, note="县委常委会研究同意"
    )
    assert row.history_type == "+"


def test_round_create_numbers_rounds_in_turn_within_their_term(world):
    later = Term.objects.create(
        name="2027—2031届", starts_on=datetime.date(2027, 1, 1), ends_on=datetime.date(2031, 12, 31)
    )
    first = services.round_create(
        actor=world.lead, title="第一轮", mode=RoundMode.REGULAR, term_id=later.pk
    )
    second = services.round_create(
        actor=world.lead, title="第二轮", mode=RoundMode.REGULAR, term_id=later.pk
    )
    assert (first.term, first.ordinal, second.ordinal) == (later, 1, 2)


def test_round_create_needs_a_term(world):
    Term.objects.update(is_current=False)
    with pytest.raises(ApplicationError) as error:
        services.round_create(actor=world.office, title="第九轮", mode=RoundMode.REGULAR)
    assert field_of(error) == {"term"}
    with pytest.raises(ApplicationError) as error:
        services.round_create(
            actor=world.office, title="第九轮", mode=RoundMode.REGULAR, term_id=999_999
        )
    assert field_of(error) == {"term"}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "  ", "mode": RoundMode.REGULAR}, "title"),
        ({"title": "第九轮", "mode": "sightseeing"}, "mode"),
        ({"title": "第九轮", "mode": RoundMode.THEMATIC}, "theme"),
        ({"title": "第九轮", "mode": RoundMode.THEMATIC, "theme": "  "}, "theme"),
        ({"title": "第九轮", "mode": RoundMode.LOOK_BACK}, "revisits"),
        ({"title": "轮" * 101, "mode": RoundMode.REGULAR}, "title"),
    ],
    ids=["title", "mode", "theme", "blank-theme", "revisits", "title-too-long"],
)
def test_round_create_refuses_missing_inputs(world, values, field):
    with pytest.raises(ApplicationError) as error:
        services.round_create(actor=world.office, **values)
    assert field_of(error) == {field}
    assert not InspectionRound.objects.exclude(pk=world.round.pk).exists()


def test_a_thematic_round_has_its_theme(world):
    created = services.round_create(
        actor=world.office,
        title="惠民惠农资金专项巡察",
        mode=RoundMode.THEMATIC,
        theme=" 惠民惠农资金管理使用 ",
    )
    assert created.theme == "惠民惠农资金管理使用"


def test_a_look_back_revisits_an_earlier_round_that_gave_feedback(world):
    set_round_status(world, RoundStatus.RECTIFICATION)
    look_back = services.round_create(
        actor=world.office,
        title="第一轮巡察整改回头看",
        mode=RoundMode.LOOK_BACK,
        revisits_id=world.round.pk,
    )
    assert look_back.revisits == world.round


@pytest.mark.parametrize(
    "status", [RoundStatus.PLANNING, RoundStatus.ON_SITE, RoundStatus.REPORTING]
)
def test_a_look_back_cannot_revisit_a_round_without_feedback(world, status):
    set_round_status(world, status)
    with pytest.raises(ApplicationError) as error:
        services.round_create(
            actor=world.office, title="回头看", mode=RoundMode.LOOK_BACK, revisits_id=world.round.pk
        )
    assert field_of(error) == {"revisits"}
    assert "已反馈" in str(error.value)


def test_a_look_back_cannot_revisit_a_later_or_missing_round(world):
    later = Term.objects.create(
        name="2027—2031届", starts_on=datetime.date(2027, 1, 1), ends_on=datetime.date(2031, 12, 31)
    )
    future = f.InspectionRoundFactory(term=later, status=RoundStatus.CLOSED)
    for revisits_id in (future.pk, 999_999):
        with pytest.raises(ApplicationError) as error:
            services.round_create(
                actor=world.office,
                title="回头看",
                mode=RoundMode.LOOK_BACK,
                revisits_id=revisits_id,
            )
        assert field_of(error) == {"revisits"}


def test_only_a_look_back_names_a_revisited_round(world):
    set_round_status(world, RoundStatus.CLOSED)
    with pytest.raises(ApplicationError) as error:
        services.round_create(
            actor=world.office, title="第九轮", mode=RoundMode.REGULAR, revisits_id=world.round.pk
        )
    assert field_of(error) == {"revisits"}


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"mobilised_on": days(5), "on_site_from": days(4)}, "on_site_from"),
        ({"on_site_from": days(5), "on_site_until": days(4)}, "on_site_until"),
        ({"on_site_until": days(5), "feedback_on": days(4)}, "feedback_on"),
        ({"mobilised_on": days(5), "feedback_on": days(4)}, "feedback_on"),
    ],
    ids=["on-site-before-mobilisation", "leave-before-arrival", "feedback-early", "skipping"],
)
def test_round_create_refuses_dates_out_of_order(world, dates, field):
    with pytest.raises(ApplicationError) as error:
        services.round_create(actor=world.office, title="第九轮", mode=RoundMode.REGULAR, **dates)
    assert field_of(error) == {field}


def test_round_create_accepts_planned_dates_on_the_same_day(world):
    created = services.round_create(
        actor=world.office,
        title="第九轮",
        mode=RoundMode.SIMPLIFIED,
        mobilised_on=days(3),
        on_site_from=days(3),
        on_site_until=days(3),
    )
    assert created.on_site_until == days(3)


# --------------------------------------------------------------------------- update


def test_round_update_changes_the_plan_with_one_history_row(world):
    before = world.round.history.count()
    updated = services.round_update(
        actor=world.office,
        round_id=world.round.pk,
        data={"title": "县委第五轮巡察", "on_site_from": days(7), "feedback_on": days(60)},
        note="调整进驻时间",
    )
    updated.refresh_from_db()
    assert (updated.title, updated.on_site_from, updated.feedback_on) == (
        "县委第五轮巡察",
        days(7),
        days(60),
    )
    assert_one_new_history_row(updated, before=before, actor=world.office, note="调整进驻时间")


@pytest.mark.parametrize("status", other_statuses(ROUND_UPDATE_WINDOW.statuses))
def test_round_update_only_before_on_site(world, status):
    set_round_status(world, status)
    with pytest.raises(ConflictError):
        services.round_update(actor=world.office, round_id=world.round.pk, data={"title": "新"})


def test_round_update_is_open_in_preparation(world):
    set_round_status(world, RoundStatus.PREPARATION)
    services.round_update(actor=world.office, round_id=world.round.pk, data={"title": "新"})


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": RoundStatus.CLOSED}, "__all__"),
        ({"mode": RoundMode.THEMATIC}, "theme"),
        ({"mode": RoundMode.LOOK_BACK}, "revisits"),
        ({"title": ""}, "title"),
        ({"on_site_from": days(9), "on_site_until": days(8)}, "on_site_until"),
    ],
    ids=["status-is-not-a-field", "theme", "revisits", "title", "dates"],
)
def test_round_update_refuses_invalid_changes(world, data, field):
    with pytest.raises(ApplicationError) as error:
        services.round_update(actor=world.office, round_id=world.round.pk, data=data)
    assert field_of(error) == {field}
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.PLANNING and world.round.mode == RoundMode.REGULAR


def test_leaving_the_look_back_mode_forgets_the_revisited_round(world):
    earlier = f.InspectionRoundFactory(status=RoundStatus.CLOSED, ordinal=world.round.ordinal - 1)
    world.round.assignments.all().delete()  # a round with objects keeps its kind (below)
    services.round_update(
        actor=world.office,
        round_id=world.round.pk,
        data={"mode": RoundMode.LOOK_BACK, "revisits_id": earlier.pk},
    )
    updated = services.round_update(
        actor=world.office, round_id=world.round.pk, data={"mode": RoundMode.REGULAR}
    )
    assert updated.revisits is None


def test_a_round_cannot_revisit_itself(world):
    set_round_status(world, RoundStatus.PREPARATION)
    InspectionRound.objects.filter(pk=world.round.pk).update(mode=RoundMode.REGULAR)
    with pytest.raises(ApplicationError) as error:
        services.round_update(
            actor=world.office,
            round_id=world.round.pk,
            data={"mode": RoundMode.LOOK_BACK, "revisits_id": world.round.pk},
        )
    assert field_of(error) == {"revisits"}


def test_a_round_with_a_town_committee_object_is_still_edited(world):
    """The committee's assignment is 巡乡带村 in its own right (its mode), whatever the
    round's; the round's title, dates and default mode stay editable."""
    InspectionRound.objects.filter(pk=world.round.pk).update(mode=RoundMode.TOWN_AND_VILLAGE)
    world.round.refresh_from_db()
    committee = f.AssignmentFactory(
        round=world.round, team=world.team_a, town=world.town_a, village=None
    )
    moved = services.round_update(
        actor=world.office,
        round_id=world.round.pk,
        data={"mode": RoundMode.REGULAR, "title": "县委第九轮巡察（调整）"},
    )
    assert moved.mode == RoundMode.REGULAR
    committee.refresh_from_db()
    assert committee.mode.kind == RoundMode.TOWN_AND_VILLAGE


def test_a_round_with_objects_neither_becomes_nor_stops_being_a_look_back(world):
    earlier = f.InspectionRoundFactory(status=RoundStatus.CLOSED, ordinal=world.round.ordinal - 1)
    with pytest.raises(ApplicationError) as error:
        services.round_update(
            actor=world.office,
            round_id=world.round.pk,
            data={"mode": RoundMode.LOOK_BACK, "revisits_id": earlier.pk},
        )
    assert field_of(error) == {"mode"}
    world.round.refresh_from_db()
    assert world.round.mode == RoundMode.REGULAR


# ---------------------------------------------------------------- supervision items


def test_round_set_supervision_items_chooses_active_items(world):
    chosen = [f.SupervisionItemFactory(), f.SupervisionItemFactory()]
    f.SupervisionItemFactory()
    before = world.round.history.count()
    services.round_set_supervision_items(
        actor=world.office,
        round_id=world.round.pk,
        item_ids=[item.pk for item in chosen],
        note="聚焦三资管理",
    )
    assert set(world.round.supervision_items.all()) == set(chosen)
    assert_one_new_history_row(world.round, before=before, actor=world.office, note="聚焦三资管理")
    services.round_set_supervision_items(actor=world.office, round_id=world.round.pk, item_ids=[])
    assert not world.round.supervision_items.exists()


def test_round_set_supervision_items_refuses_inactive_and_unknown_items(world):
    retired = f.SupervisionItemFactory(code="J-099", is_active=False)
    with pytest.raises(ApplicationError) as error:
        services.round_set_supervision_items(
            actor=world.office, round_id=world.round.pk, item_ids=[retired.pk]
        )
    assert field_of(error) == {"supervision_items"}
    assert "J-099" in str(error.value)
    with pytest.raises(ApplicationError) as error:
        services.round_set_supervision_items(
            actor=world.office, round_id=world.round.pk, item_ids=[999_999]
        )
    assert field_of(error) == {"supervision_items"}


@pytest.mark.parametrize("status", other_statuses(SUPERVISION_ITEMS_WINDOW.statuses))
def test_supervision_items_are_chosen_before_on_site(world, status):
    set_round_status(world, status)
    with pytest.raises(ConflictError):
        services.round_set_supervision_items(
            actor=world.office, round_id=world.round.pk, item_ids=[f.SupervisionItemFactory().pk]
        )


# ------------------------------------------------------------------------- prepare


def test_round_prepare(world):
    before = world.round.history.count()
    prepared = services.round_prepare(actor=world.office, round_id=world.round.pk, note="转入准备")
    prepared.refresh_from_db()
    assert prepared.status == RoundStatus.PREPARATION
    assert_one_new_history_row(prepared, before=before, actor=world.office, note="转入准备")


@pytest.mark.parametrize("status", other_statuses(ROUND_PREPARE.sources))
def test_round_prepare_from_any_other_status_conflicts(world, status):
    set_round_status(world, status)
    with pytest.raises(ConflictError):
        services.round_prepare(actor=world.office, round_id=world.round.pk)
    assert world.round.history.count() == 1


def test_the_loser_of_a_race_gets_a_conflict(world):
    services.round_prepare(actor=world.office, round_id=world.round.pk)
    with pytest.raises(ConflictError) as error:
        services.round_prepare(actor=world.lead, round_id=world.round.pk)
    assert "巡前准备" in str(error.value)


# ------------------------------------------------------------------------- on site


def test_round_go_on_site_starts_today(world):
    set_round_status(world, RoundStatus.PREPARATION)
    approve_work_plan(world.round)
    before = world.round.history.count()
    moved = services.round_go_on_site(actor=world.office, round_id=world.round.pk, note="进驻")
    moved.refresh_from_db()
    assert moved.status == RoundStatus.ON_SITE
    assert moved.on_site_from == TODAY()
    assert_one_new_history_row(moved, before=before, actor=world.office, note="进驻")


def test_round_go_on_site_keeps_a_planned_date_already_reached(world):
    set_round_status(world, RoundStatus.PREPARATION)
    InspectionRound.objects.filter(pk=world.round.pk).update(on_site_from=days(-2))
    approve_work_plan(world.round)
    moved = services.round_go_on_site(actor=world.office, round_id=world.round.pk)
    assert moved.on_site_from == days(-2)


def test_round_go_on_site_not_before_the_planned_date(world):
    set_round_status(world, RoundStatus.PREPARATION)
    InspectionRound.objects.filter(pk=world.round.pk).update(on_site_from=days(3))
    approve_work_plan(world.round)
    with pytest.raises(ApplicationError) as error:
        services.round_go_on_site(actor=world.office, round_id=world.round.pk)
    assert field_of(error) == {"on_site_from"}


def test_round_go_on_site_not_before_mobilisation(world):
    set_round_status(world, RoundStatus.PREPARATION)
    InspectionRound.objects.filter(pk=world.round.pk).update(mobilised_on=days(1))
    approve_work_plan(world.round)
    with pytest.raises(ApplicationError) as error:
        services.round_go_on_site(actor=world.office, round_id=world.round.pk)
    assert field_of(error) == {"on_site_from"}


@pytest.mark.parametrize("status", other_statuses(ROUND_GO_ON_SITE.sources))
def test_round_go_on_site_from_any_other_status_conflicts(world, status):
    set_round_status(world, status)
    with pytest.raises(ConflictError):
        services.round_go_on_site(actor=world.office, round_id=world.round.pk)


def test_round_go_on_site_needs_teams_and_assignments():
    empty = f.InspectionRoundFactory(status=RoundStatus.PREPARATION)
    office = f.UserFactory()
    with pytest.raises(ApplicationError) as error:
        services.round_go_on_site(actor=office, round_id=empty.pk)
    assert field_of(error) == {"teams", "assignments", "plan"}
    assert "尚未组建巡察组" in str(error.value) and "尚未安排巡察对象" in str(error.value)
    assert "尚未生成工作方案" in str(error.value)
    empty.refresh_from_db()
    assert empty.status == RoundStatus.PREPARATION


def test_round_go_on_site_names_the_team_without_a_leader(world):
    set_round_status(world, RoundStatus.PREPARATION)
    TeamMember.objects.filter(team=world.team_b).update(role=TeamRole.DEPUTY)
    Team.objects.create(round=world.round, number=3)
    approve_work_plan(world.round)
    with pytest.raises(ApplicationError) as error:
        services.round_go_on_site(actor=world.office, round_id=world.round.pk)
    assert field_of(error) == {"teams"}
    assert "第二巡察组、第三巡察组尚未确定组长" in str(error.value)


def test_round_go_on_site_names_the_assignment_without_a_team(world):
    set_round_status(world, RoundStatus.PREPARATION)
    unteamed = f.AssignmentFactory(round=world.round, team=None, village__town=world.town_a)
    approve_work_plan(world.round)
    with pytest.raises(ApplicationError) as error:
        services.round_go_on_site(actor=world.office, round_id=world.round.pk)
    assert field_of(error) == {"assignments"}
    assert f"{unteamed.village.name}尚未指定巡察组" in str(error.value)


def test_round_end_on_site_leaves_today(world):
    set_round_status(world, RoundStatus.ON_SITE)
    before = world.round.history.count()
    moved = services.round_end_on_site(actor=world.lead, round_id=world.round.pk, note="撤离")
    moved.refresh_from_db()
    assert (moved.status, moved.on_site_until) == (RoundStatus.REPORTING, TODAY())
    assert_one_new_history_row(moved, before=before, actor=world.lead, note="撤离")


def test_round_end_on_site_keeps_a_date_already_set(world):
    set_round_status(world, RoundStatus.ON_SITE)
    InspectionRound.objects.filter(pk=world.round.pk).update(on_site_until=days(-1))
    assert services.round_end_on_site(
        actor=world.office, round_id=world.round.pk
    ).on_site_until == days(-1)


def test_round_end_on_site_refuses_a_planned_feedback_before_leaving(world):
    set_round_status(world, RoundStatus.ON_SITE)
    InspectionRound.objects.filter(pk=world.round.pk).update(feedback_on=days(-1))
    with pytest.raises(ApplicationError) as error:
        services.round_end_on_site(actor=world.office, round_id=world.round.pk)
    assert field_of(error) == {"feedback_on"}


@pytest.mark.parametrize("status", other_statuses(ROUND_END_ON_SITE.sources))
def test_round_end_on_site_from_any_other_status_conflicts(world, status):
    set_round_status(world, status)
    with pytest.raises(ConflictError):
        services.round_end_on_site(actor=world.office, round_id=world.round.pk)


# Closing (归档) is rectification's: tests/rectification/test_archive.py.


def test_a_whole_round_moves_through_its_life_cycle(world):
    office = world.office
    services.round_prepare(actor=office, round_id=world.round.pk)
    approve_work_plan(world.round, office=office, signer=world.leadership)
    services.round_go_on_site(actor=office, round_id=world.round.pk)
    services.round_end_on_site(actor=office, round_id=world.round.pk)
    statuses = list(world.round.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == [
        RoundStatus.PLANNING,
        RoundStatus.PREPARATION,
        RoundStatus.ON_SITE,
        RoundStatus.REPORTING,
    ]
