"""The four-batches evaluation (rectification/services/follow_up.py); 问责:
tests/rectification/test_services_accountability.py."""

import datetime

import pytest
from django.utils import timezone

from inspection.errors import ConflictError
from rectification.choices import EvaluationBatch
from rectification.services import evaluation_record
from rectification.services.follow_up import ROUND_STATUSES_EVALUATED
from rounds.choices import RoundStatus
from tests.rectification.helpers import assert_one_new_history_row, refused
from tests.world import build_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


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
    [({"batch": "fifth"}, "batch"), ({"evaluated_on": TODAY() + 7 * DAY}, "evaluated_on")],
)
def test_evaluation_inputs_are_checked(world, changes, field):
    values = {"batch": EvaluationBatch.CLOSE} | changes
    with refused(field):
        evaluation_record(actor=world.office, assignment_id=world.assignment_a.pk, **values)
