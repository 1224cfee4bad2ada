"""Two bulk approvals of the same clues ticked in different orders, at once (PostgreSQL).

Locked one by one in request order they deadlocked (PostgreSQL failed one: a 500). Every
bulk move now locks its clues in ascending pk order first: the second waits, then is
refused because the clues moved on (a conflict, not a 500).

The interleaving is forced, not hoped for: a third transaction holds one clue (the gate)
until both bulk moves wait on a lock (``pg_stat_activity``), then lets go.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from findings.choices import ClueStatus
from findings.models import Clue
from findings.services import clues_review_bulk
from inspection.choices import UserRole
from inspection.errors import ApplicationError
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def waiting_on_locks() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def until(condition, timeout=20):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the threads never reached the expected wait"
        time.sleep(0.05)


def test_overlapping_bulk_approvals_in_opposite_orders_do_not_deadlock(on_postgres):
    world = build_world()
    first, second, gate = (world.clue(status=ClueStatus.PROPOSED) for _ in range(3))
    one, other = (f.UserFactory(role=UserRole.OFFICE_STAFF) for _ in range(2))
    gate_held, release = threading.Event(), threading.Event()
    outcomes = {}

    def hold_the_gate():
        try:
            with transaction.atomic():
                Clue.objects.select_for_update().get(pk=gate.pk)
                gate_held.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    def approve(name, actor, ids):
        try:
            clues_review_bulk(
                actor=actor, clue_ids=ids, receiving_body="commission", note="批量审批"
            )
            outcomes[name] = "ok"
        except ApplicationError:
            outcomes[name] = "refused"
        except Exception as error:  # a deadlock, or anything else: the test fails
            outcomes[name] = repr(error)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_gate)
    holder.start()
    assert gate_held.wait(timeout=20)
    a = threading.Thread(target=approve, args=("a", one, [first.pk, gate.pk, second.pk]))
    a.start()
    until(lambda: waiting_on_locks() >= 1)  # a waits on the gate
    b = threading.Thread(target=approve, args=("b", other, [second.pk, first.pk]))
    b.start()
    until(lambda: waiting_on_locks() >= 2)  # b waits too
    release.set()
    for thread in (holder, a, b):
        thread.join(timeout=60)

    assert outcomes == {"a": "ok", "b": "refused"}, outcomes
    assert {clue.approved_by for clue in Clue.objects.filter(pk__in=[first.pk, second.pk])} == {one}
