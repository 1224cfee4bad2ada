"""Modes per assignment (巡察方式 as county data): the round's by default, one chosen for an
object or a batch, with the kinds' rules (rounds.mode_rules, rounds.services.modes)."""

import pytest
from django.db import IntegrityError, transaction

from inspection.errors import ApplicationError, ConflictError
from rounds import services
from rounds.choices import RoundMode, RoundStatus
from rounds.models import Assignment, InspectionMode
from tests import factories as f
from tests.rounds.helpers import field_of, set_round_status, village

pytestmark = pytest.mark.django_db


def mode_of(kind) -> InspectionMode:
    return f.mode_of(kind)


def create(world, **extra):
    return services.assignment_create(
        actor=world.office, round_id=world.round.pk, team_id=world.team_a.pk, **extra
    )


def test_the_county_starts_with_one_mode_of_each_kind_a_look_back_never_covering():
    f.mode_of(RoundMode.REGULAR)  # the shipped modes (rounds 0006; again after a flush)
    modes = {mode.kind: mode for mode in InspectionMode.objects.all()}
    assert set(modes) == set(RoundMode.values)
    assert not modes[RoundMode.LOOK_BACK].counts_toward_coverage
    assert not modes[RoundMode.THEMATIC].counts_toward_coverage
    assert modes[RoundMode.REGULAR].counts_toward_coverage


def test_a_look_back_mode_may_not_count_toward_coverage():
    f.mode_of(RoundMode.LOOK_BACK)
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionMode.objects.filter(kind=RoundMode.LOOK_BACK).update(counts_toward_coverage=True)


def test_an_object_is_made_in_the_rounds_mode_unless_told(world):
    assert create(world, village_id=village(world).pk).mode == mode_of(RoundMode.REGULAR)
    elevated = mode_of(RoundMode.ELEVATED)
    made = create(world, village_id=village(world).pk, mode_id=elevated.pk)
    assert made.mode == elevated


def test_a_thematic_object_needs_a_theme(world):
    thematic = mode_of(RoundMode.THEMATIC)
    with pytest.raises(ApplicationError) as error:
        create(world, village_id=village(world).pk, mode_id=thematic.pk)
    assert field_of(error) == {"theme"}
    made = create(world, village_id=village(world).pk, mode_id=thematic.pk, theme="集体三资")
    assert made.theme == "集体三资"


def test_a_look_back_belongs_to_a_look_back_round_only(world):
    look_back = mode_of(RoundMode.LOOK_BACK)
    with pytest.raises(ApplicationError) as error:
        create(world, village_id=village(world).pk, mode_id=look_back.pk)
    assert "回头看须单独安排回头看轮次" in str(error.value)
    revisiting = world.look_back_round(revisits=world.round, status=RoundStatus.PLANNING)
    team = f.TeamFactory(round=revisiting)
    with pytest.raises(ApplicationError) as error:
        services.assignment_create(
            actor=world.office,
            round_id=revisiting.pk,
            village_id=world.assignment_a.village_id,
            team_id=team.pk,
            mode_id=mode_of(RoundMode.REGULAR).pk,
        )
    assert "均按回头看方式巡察" in str(error.value)


def test_a_town_committee_only_in_xiang_dai_cun(world):
    with pytest.raises(ApplicationError) as error:
        create(world, town_id=world.town_a.pk)
    assert field_of(error) == {"village"}
    made = create(world, town_id=world.town_a.pk, mode_id=mode_of(RoundMode.TOWN_AND_VILLAGE).pk)
    assert made.village is None and made.mode.kind == RoundMode.TOWN_AND_VILLAGE


def test_an_inactive_mode_is_refused(world):
    cross = mode_of(RoundMode.CROSS)
    InspectionMode.objects.filter(pk=cross.pk).update(is_active=False)
    with pytest.raises(ApplicationError) as error:
        create(world, village_id=village(world).pk, mode_id=cross.pk)
    assert field_of(error) == {"mode"}


def test_a_batch_is_put_in_one_mode_with_a_history_row_each(world):
    thematic = mode_of(RoundMode.THEMATIC)
    ids = [world.assignment_a.pk, world.assignment_b.pk]
    before = {pk: Assignment.history.filter(id=pk).count() for pk in ids}
    services.assignments_set_mode(
        actor=world.office, round_id=world.round.pk, assignment_ids=ids, mode_id=thematic.pk,
        theme="惠民惠农资金",
    )  # fmt: skip
    for assignment in Assignment.objects.filter(pk__in=ids):
        assert assignment.mode == thematic and assignment.theme == "惠民惠农资金"
        assert assignment.history.count() == before[assignment.pk] + 1
        assert assignment.history.latest().history_user == world.office


def test_a_batch_refuses_an_object_of_another_round(world):
    other = f.AssignmentFactory()
    with pytest.raises(ApplicationError) as error:
        services.assignments_set_mode(
            actor=world.office,
            round_id=world.round.pk,
            assignment_ids=[world.assignment_a.pk, other.pk],
            mode_id=mode_of(RoundMode.CROSS).pk,
        )
    assert field_of(error) == {"assignments"}
    world.assignment_a.refresh_from_db()
    assert world.assignment_a.mode.kind == RoundMode.REGULAR


def test_no_mode_change_once_on_site(world):
    set_round_status(world, RoundStatus.ON_SITE)
    with pytest.raises(ConflictError):
        services.assignments_set_mode(
            actor=world.office,
            round_id=world.round.pk,
            assignment_ids=[world.assignment_a.pk],
            mode_id=mode_of(RoundMode.CROSS).pk,
        )
