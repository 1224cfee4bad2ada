"""Two office users assigning the same village at once (PostgreSQL: real row locks)."""

import threading
import time

import pytest
from django.db import connection, transaction

from inspection.errors import ApplicationError
from rounds import services
from rounds.choices import RoundStatus
from tests.rounds.helpers import village
from tests.world import build_world


def _in_thread(target, outcome: dict, key: str):
    def run():
        try:
            outcome[key] = target()
        except Exception as error:  # the outcome is what the test looks at
            outcome[key] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
def test_the_second_of_two_simultaneous_assignments_is_refused_cleanly(on_postgres):
    """The round is locked while a village is assigned: the second request waits for the
    first to commit, then finds the village taken (a message, not an IntegrityError)."""
    world = build_world(round_status=RoundStatus.PLANNING)
    target = village(world)
    created, commit = threading.Event(), threading.Event()
    outcome: dict = {}

    def first():
        with transaction.atomic():
            assignment = services.assignment_create(
                actor=world.office, round_id=world.round.pk, village_id=target.pk
            )
            created.set()
            commit.wait(timeout=10)
        return assignment

    def second():
        return services.assignment_create(
            actor=world.lead, round_id=world.round.pk, village_id=target.pk
        )

    one = _in_thread(first, outcome, "first")
    assert created.wait(timeout=10)
    two = _in_thread(second, outcome, "second")
    time.sleep(0.3)  # the second request is now waiting for the round's lock
    assert "second" not in outcome
    commit.set()
    one.join(timeout=10)
    two.join(timeout=10)
    assert outcome["first"].village == target
    assert isinstance(outcome["second"], ApplicationError), outcome["second"]
    assert "已是本轮次的巡察对象" in str(outcome["second"])
