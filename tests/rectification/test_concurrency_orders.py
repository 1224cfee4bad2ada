"""Two written orders of one team issued at once get two numbers, with no gap
(PostgreSQL only: SQLite serialises whole transactions, so there is no race)."""

import pytest

from findings.choices import ProblemStatus
from rectification.choices import OrderForm
from rectification.models import ImmediateOrder
from rectification.services import immediate_order_issue
from rounds.choices import RoundStatus
from tests.rectification.test_concurrency import race
from tests.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_orders_issued_at_once_take_the_next_two_numbers(on_postgres):
    world = build_world(round_status=RoundStatus.ON_SITE)
    problems = [world.problem(status=ProblemStatus.CONFIRMED) for _ in range(2)]

    def issue(problem):
        return lambda: immediate_order_issue(
            actor=world.leader_a,
            assignment_id=world.assignment_a.pk,
            problem_ids=[problem.pk],
            form=OrderForm.WRITTEN,
        )

    assert race(*(issue(problem) for problem in problems)) == ["ok", "ok"]
    sequences = ImmediateOrder.objects.order_by("sequence").values_list("sequence", flat=True)
    assert list(sequences) == [1, 2]
