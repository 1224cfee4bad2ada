"""The 主要负责人组织落实整改情况报告 owed by a feedback: its own due date and its own
three-colour alerts beside the plan's and the report's, one per stage, until the unit
sends it (a 代录 does not count: rectification/alerts/subjects.py)."""

import datetime

import pytest

from inspection.choices import AlertStage
from inspection.models import Notification
from rectification.alerts import run_alert_scan
from rectification.choices import FeedbackDocument
from rectification.models import Alert
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def scan(capture, on=TODAY):
    with capture(execute=True):
        return run_alert_scan(on=on)


def test_the_head_report_has_its_own_alerts(world, django_capture_on_commit_callbacks):
    feedback = f.FeedbackFactory(
        assignment=world.assignment_a,
        given_by=world.office,
        fed_back_on=days(-70),
        plan_due_on=days(-55),
        report_due_on=days(-10),
        plan_submitted_on=days(-60),
        report_submitted_on=days(-12),
        head_report_due_on=days(5),
    )
    scan(django_capture_on_commit_callbacks)
    (alert,) = Alert.objects.filter(feedback=feedback)
    assert (alert.document, alert.stage, alert.due_on) == (
        FeedbackDocument.HEAD_REPORT,
        AlertStage.YELLOW,
        days(5),
    )
    (digest,) = Notification.objects.filter(recipient=world.officer_a)
    assert "主要负责人组织落实整改情况报告" in digest.body

    # Overdue: red, once; the yellow stays the only other one.
    scan(django_capture_on_commit_callbacks, on=days(6))
    scan(django_capture_on_commit_callbacks, on=days(7))
    assert sorted(Alert.objects.filter(feedback=feedback).values_list("stage", flat=True)) == [
        AlertStage.RED,
        AlertStage.YELLOW,
    ]


def test_a_sent_head_report_is_not_alerted(world, django_capture_on_commit_callbacks):
    feedback = f.FeedbackFactory(
        assignment=world.assignment_a,
        given_by=world.office,
        fed_back_on=days(-70),
        plan_due_on=days(-55),
        report_due_on=days(-10),
        plan_submitted_on=days(-60),
        report_submitted_on=days(-12),
        head_report_due_on=days(-1),
        head_report_submitted_on=days(-3),
    )
    scan(django_capture_on_commit_callbacks)
    assert not Alert.objects.filter(feedback=feedback).exists()
