"""Builders the rounds tests share (on top of tests/world.py and tests/factories.py)."""

from django.utils import timezone

from inspection.choices import RecusalKind, UserRole
from inspection.models import RecusalDeclaration
from tests import factories as f


def village(world, *, town=None, **extra):
    """A further active village, in town A unless told otherwise."""
    return f.VillageFactory(town=town or world.town_a, **extra)


def inspector(**extra):
    return f.UserFactory(role=UserRole.INSPECTOR, **extra)


def declare(user, *, village=None, town=None, kind=RecusalKind.HOME_VILLAGE, **extra):
    """A recusal declaration of ``user`` naming ``village`` (and its town) or only ``town``."""
    return RecusalDeclaration.objects.create(
        user=user,
        kind=kind,
        village=village,
        town=village.town if village is not None else town,
        **extra,
    )


def set_round_status(world, status):
    """Put the world's round into ``status`` (without a history row)."""
    from rounds.models import InspectionRound

    InspectionRound.objects.filter(pk=world.round.pk).update(status=status)
    world.round.refresh_from_db()
    return world.round


def assert_one_new_history_row(obj, *, before: int, actor, note: str):
    """``obj`` has exactly one history row more than ``before``, by ``actor`` with ``note``."""
    assert obj.history.count() == before + 1
    row = obj.history.latest()
    assert row.history_user == actor
    assert row.history_change_reason == note
    return row


def field_of(error) -> set[str]:
    """The fields an ApplicationError names."""
    return set(error.value.errors)


def approve_work_plan(inspection_round, *, office=None, signer=None):
    """Generate the round's 工作方案 and have the leading group agree to it (a leadership
    account signs), as a round needs before it goes on site."""
    from inspection.documents.services import document_generate
    from rounds.choices import PlanOutcome
    from rounds.services import round_plan_decide

    office = office or f.UserFactory(role=UserRole.OFFICE_STAFF)
    signer = signer or f.UserFactory(role=UserRole.LEADERSHIP)
    document_generate(actor=office, kind="work_plan", subject_id=inspection_round.pk)
    return round_plan_decide(
        actor=signer,
        round_id=inspection_round.pk,
        held_on=timezone.localdate(),
        outcome=PlanOutcome.APPROVED,
    )
