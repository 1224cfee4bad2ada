"""The database connection dropped in the middle of a multi-row action: nothing of it is
written, and the user is told the action did not complete (PostgreSQL).

The action is the feedback that builds the ledger (``round_give_feedback``): feedback rows
and their history are already inserted when, at the second ledger item, a second
connection terminates the request's backend (``pg_terminate_backend``, as a failover or
a restart of the server would). The API answers 503 with a message; the database holds
none of the action's rows.
"""

import psycopg2
import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from findings.choices import ProblemStatus
from findings.models import Problem
from rectification.models import Feedback, RectificationItem
from rectification.services import feedback as feedback_services
from rounds.choices import RoundStatus
from rounds.models import InspectionRound
from tests.findings.reports_kit import clear_for_feedback
from tests.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def terminate(pid: int) -> None:
    """End backend ``pid`` from another connection, and wait until it is gone."""
    db = connection.settings_dict
    other = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 10000)", [pid])
            assert cursor.fetchone() == (True,)
    finally:
        other.close()


def counts(round_id: int) -> dict:
    return {
        "feedback": Feedback.objects.count(),
        "items": RectificationItem.objects.count(),
        "feedback history": Feedback.history.count(),
        "item history": RectificationItem.history.count(),
        "problem history": Problem.history.count(),
        "round history": InspectionRound.history.count(),
        "problems confirmed": Problem.objects.filter(status=ProblemStatus.CONFIRMED).count(),
        "round status": InspectionRound.objects.get(pk=round_id).status,
    }


def test_a_connection_dropped_mid_feedback_leaves_nothing_half_written(on_postgres, monkeypatch):
    world = build_world(round_status=RoundStatus.REPORTING)
    for assignment in (world.assignment_a, world.assignment_a, world.assignment_b):
        world.problem(status=ProblemStatus.CONFIRMED, assignment=assignment)
    clear_for_feedback(world.round, actor=world.office)
    before = counts(world.round.pk)
    assert before["problems confirmed"] == 3

    unit_of = feedback_services.default_unit
    seen = []

    def unit_then_drop(assignment):
        seen.append(assignment.pk)
        if len(seen) == 2:  # the feedback rows are in; the ledger is half built
            assert Feedback.objects.count() == 2
            terminate(connection.connection.get_backend_pid())
        return unit_of(assignment)

    monkeypatch.setattr(feedback_services, "default_unit", unit_then_drop)
    client = APIClient()
    client.force_authenticate(world.office)
    answer = client.post(
        f"/api/v1/round-feedback/{world.round.pk}/give/",
        {"fed_back_on": timezone.localdate().isoformat(), "letter": "反馈意见"},
        format="json",
    )

    assert len(seen) == 3
    assert answer.status_code == 503, answer.content
    assert answer.json()["detail"] == "数据库暂时不可用，本次操作未完成，请稍后重试。"
    assert answer["Retry-After"] == "30"
    connection.close()  # the test's own connection was the one dropped
    assert counts(world.round.pk) == before

    # Once the database is back the same action goes through, whole.
    monkeypatch.setattr(feedback_services, "default_unit", unit_of)
    answer = client.post(
        f"/api/v1/round-feedback/{world.round.pk}/give/",
        {"fed_back_on": timezone.localdate().isoformat()},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert (Feedback.objects.count(), RectificationItem.objects.count()) == (2, 3)
