"""Accountability and the four-batches evaluation (rectification/services/follow_up.py)."""

import datetime

import pytest
from django.utils import timezone

from inspection.errors import ConflictError
from rectification.choices import AccountabilityMeasure, EvaluationBatch
from rectification.services import accountability_record, evaluation_record
from rectification.services.follow_up import ROUND_STATUSES_EVALUATED
from rounds.choices import RoundStatus
from tests.rectification.helpers import assert_one_new_history_row, refused
from tests.world import build_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def hold_accountable(world, **changes):
    values = {
        "actor": world.office,
        "assignment_id": world.assignment_a.pk,
        "person_name": "张卫东",
        "person_post": "村党总支书记",
        "measure": AccountabilityMeasure.ADMONISHMENT,
        "reason": "整改不力，问题反弹回潮。",
        "decided_on": TODAY() - DAY,
    } | changes
    return accountability_record(**values)


# ------------------------------------------------------------------ accountability_record


def test_record_accountability_for_an_item(world):
    item = world.item()

    accountability = hold_accountable(world, item_id=item.pk)

    accountability.refresh_from_db()
    assert accountability.assignment == world.assignment_a
    assert accountability.item == item
    assert (accountability.person_name, accountability.person_post) == ("张卫东", "村党总支书记")
    assert accountability.measure == AccountabilityMeasure.ADMONISHMENT
    assert accountability.decided_on == TODAY() - DAY
    assert accountability.recorded_by == world.office
    assert_one_new_history_row(
        accountability, before=0, actor=world.office, note="整改不力，问题反弹回潮。"
    )


def test_accountability_item_must_belong_to_the_assignment(world):
    item_b = world.item(assignment=world.assignment_b)
    with refused("item", match="不属于该巡察对象"):
        hold_accountable(world, item_id=item_b.pk)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"person_name": " "}, "person_name"),
        ({"measure": "scold"}, "measure"),
        ({"reason": ""}, "reason"),
        ({"decided_on": None}, "decided_on"),
        ({"decided_on": TODAY() + DAY}, "decided_on"),
    ],
)
def test_accountability_inputs_are_checked(world, changes, field):
    with refused(field):
        hold_accountable(world, **changes)


# ---------------------------------------------------------------------- evaluation_record


def test_record_evaluation(world):
    evaluation = evaluation_record(
        actor=world.lead,
        assignment_id=world.assignment_a.pk,
        batch=EvaluationBatch.LOOK_BACK,
        note="个别问题整改不彻底，列入回头看。",
    )

    evaluation.refresh_from_db()
    assert evaluation.batch == EvaluationBatch.LOOK_BACK
    assert evaluation.evaluated_on == TODAY()
    assert evaluation.evaluator == world.lead
    assert_one_new_history_row(
        evaluation, before=0, actor=world.lead, note="个别问题整改不彻底，列入回头看。"
    )


@pytest.mark.parametrize("status", ROUND_STATUSES_EVALUATED)
def test_evaluation_in_rectification_or_after(status):
    world = build_world(round_status=status)
    evaluation = evaluation_record(
        actor=world.office,
        assignment_id=world.assignment_a.pk,
        batch=EvaluationBatch.CLOSE,
        evaluated_on=TODAY() - 3 * DAY,
    )
    assert evaluation.evaluated_on == TODAY() - 3 * DAY


@pytest.mark.parametrize(
    "status", [s for s in RoundStatus.values if s not in ROUND_STATUSES_EVALUATED]
)
def test_evaluation_before_rectification_is_a_conflict(status):
    world = build_world(round_status=status)
    with pytest.raises(ConflictError, match="不能评估整改情况（「整改」或「归档」时才能）"):
        evaluation_record(
            actor=world.office, assignment_id=world.assignment_a.pk, batch=EvaluationBatch.CLOSE
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"batch": "fifth"}, "batch"), ({"evaluated_on": TODAY() + DAY}, "evaluated_on")],
)
def test_evaluation_inputs_are_checked(world, changes, field):
    values = {"batch": EvaluationBatch.CLOSE} | changes
    with refused(field):
        evaluation_record(actor=world.office, assignment_id=world.assignment_a.pk, **values)
