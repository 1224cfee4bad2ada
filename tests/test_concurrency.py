"""Twenty users attempting the same conflicting move at the same moment (PostgreSQL).

The row lock (SELECT … FOR UPDATE) lets exactly one through; every other attempt waits,
then finds the record moved on and gets a clear conflict error (409 in the API); the
history has exactly one row for the move.
"""

import threading

import pytest
from django.db import connection

from findings.choices import ClueStatus
from findings.models import Clue
from findings.services import clue_review
from inspection.choices import ReceivingBody, UserRole
from inspection.errors import ConflictError
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20


def test_twenty_approvals_at_once_one_wins(on_postgres):
    world = build_world()
    clue = world.clue(status=ClueStatus.PROPOSED)
    history_before = clue.history.count()
    approvers = [f.UserFactory(role=UserRole.OFFICE_STAFF) for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    outcomes, messages = [], []

    def attempt(actor):
        try:
            barrier.wait(timeout=30)
            clue_review(
                actor=actor,
                clue_id=clue.pk,
                receiving_body=ReceivingBody.COMMISSION,
                note=f"{actor.username} 审批",
            )
            outcomes.append("ok")
        except ConflictError as error:
            outcomes.append("conflict")
            messages.append(error.message)
        except Exception as error:  # anything else is a failure of the test
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(actor,)) for actor in approvers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["conflict"] * (THREADS - 1) + ["ok"]
    assert all("巡察办已审核" in message and "刷新" in message for message in messages)
    clue = Clue.objects.get(pk=clue.pk)
    assert clue.status == ClueStatus.REVIEWED
    moves = clue.history.order_by("history_date")[history_before:]
    assert len(moves) == 1
    assert moves[0].history_user == clue.approved_by
    assert moves[0].history_change_reason == f"{clue.approved_by.username} 审批"
