"""Feedback given before batches gets one batch per round and date (rectification 0009):
the batch has that date and the clerk who gave it, and every feedback of the round points
at it; migrating back drops the batches and keeps the feedback."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rectification.models import Feedback, FeedbackBatch
from tests import factories as f

BEFORE = ("rectification", "0008_onsite_orders")


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)


def migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_feedback_gets_one_batch_per_round():
    day = datetime.date(2026, 3, 2)
    office = f.UserFactory()
    first = f.FeedbackFactory(fed_back_on=day, given_by=office)
    second = f.FeedbackFactory(
        assignment=f.AssignmentFactory(round=first.assignment.round),
        fed_back_on=day,
        given_by=f.UserFactory(),
    )
    elsewhere = f.FeedbackFactory(fed_back_on=day + datetime.timedelta(days=9))
    try:
        executor = migrate([BEFORE])
        old = executor.loader.project_state([BEFORE]).apps
        assert old.get_model("rectification", "Feedback").objects.count() == 3

        migrate_forward()

        assert FeedbackBatch.objects.count() == 2
        batch = Feedback.objects.get(pk=first.pk).batch
        assert Feedback.objects.get(pk=second.pk).batch == batch
        assert (batch.round_id, batch.fed_back_on, batch.given_by_id) == (
            first.assignment.round_id,
            day,
            office.pk,
        )
        other = Feedback.objects.get(pk=elsewhere.pk).batch
        assert (other.round_id, other.fed_back_on) == (
            elsewhere.assignment.round_id,
            elsewhere.fed_back_on,
        )
    finally:
        migrate_forward()
