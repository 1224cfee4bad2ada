"""Feedback given before issue 19 gets the due date of its 主要负责人组织落实整改情况报告
(rectification 0011): ``INSPECTION_HEAD_REPORT_DUE_DAYS`` after its feedback date; no
feedback row is lost, the unit's submission dates stay."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rectification.models import Feedback
from tests import factories as f

BEFORE = ("rectification", "0010_feedback_issues")


def migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_feedback_gets_its_head_report_due_date(settings):
    settings.INSPECTION_HEAD_REPORT_DUE_DAYS = 50
    day = datetime.date(2026, 3, 2)
    first = f.FeedbackFactory(fed_back_on=day, plan_submitted_on=day)
    second = f.FeedbackFactory(fed_back_on=day + datetime.timedelta(days=9))
    try:
        executor = MigrationExecutor(connection)
        executor.migrate([BEFORE])
        old = MigrationExecutor(connection).loader.project_state([BEFORE]).apps
        assert old.get_model("rectification", "Feedback").objects.count() == 2

        migrate_forward()

        assert Feedback.objects.count() == 2
        first, second = Feedback.objects.get(pk=first.pk), Feedback.objects.get(pk=second.pk)
        assert first.head_report_due_on == day + datetime.timedelta(days=50)
        assert second.head_report_due_on == day + datetime.timedelta(days=59)
        assert first.plan_submitted_on == day
        assert first.head_report_submitted_on is None
    finally:
        migrate_forward()
