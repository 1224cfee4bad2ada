"""Two users acting on the same record at once: the row lock lets one win, the other gets a
409 (PostgreSQL only: SQLite serialises whole transactions, so there is no race to lose)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from findings.choices import ProblemStatus
from inspection.errors import ConflictError
from rectification.choices import ItemStatus, VerificationMethod, VerificationResult
from rectification.models import RectificationItem, Verification
from rectification.services import item_verify, round_give_feedback
from rounds.choices import RoundStatus
from tests.findings.reports_kit import clear_for_feedback
from tests.rectification.helpers import upload
from tests.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    """Run the calls in threads started together; their outcomes: "ok" or the error class."""
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_two_verifiers_one_wins(on_postgres):
    world = build_world(round_status=RoundStatus.RECTIFICATION)
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)

    def verify(actor):
        return lambda: item_verify(
            actor=actor,
            item_id=item.pk,
            method=VerificationMethod.DOCUMENTS,
            result=VerificationResult.PASSED,
            evidence=[upload()],
        )

    assert race(verify(world.office), verify(world.lead)) == ["conflict", "ok"]
    assert Verification.objects.filter(item=item).count() == 1
    assert item.history.count() == 2  # created, then closed once


def test_feedback_given_twice_at_once_builds_one_ledger(on_postgres):
    world = build_world(round_status=RoundStatus.REPORTING)
    for _ in range(3):
        world.problem(status=ProblemStatus.CONFIRMED)
    clear_for_feedback(world.round, actor=world.office)

    def give(actor):
        return lambda: round_give_feedback(
            actor=actor, round_id=world.round.pk, fed_back_on=timezone.localdate()
        )

    assert race(give(world.office), give(world.lead)) == ["conflict", "ok"]
    assert RectificationItem.objects.count() == 3
