"""Assertions the findings tests share."""

import pytest

from inspection.errors import ApplicationError

# What a working paper needs before it is submitted for its signatures.
PAPER = {
    "title": "村集体资产租赁未经民主程序",
    "occurred_period": "2025年",
    "responsible_post": "村委会",
    "responsible_name": "张卫东",
    "basis_text": "《中华人民共和国村民委员会组织法》第二十四条",
}


def assert_one_new_history_row(obj, *, before: int, actor, note: str) -> None:
    """Exactly one history row was written by the move, naming the actor and the note."""
    assert obj.history.count() == before + 1
    row = obj.history.first()
    assert row.history_user == actor
    assert row.history_change_reason == note


def refused(call, field: str) -> ApplicationError:
    """``call()`` is refused as invalid input (400), naming ``field``."""
    with pytest.raises(ApplicationError) as caught:
        call()
    assert type(caught.value) is ApplicationError, caught.value
    assert field in caught.value.errors, caught.value.errors
    return caught.value


def sign_three_times(world, problem, *, reviewer=None):
    """Complete the paper's fields, then submit (its recorder), review (``reviewer``, else
    the leader: team A has no deputy) and sign (team A's leader), as the services do."""
    from findings.services import problem_review, problem_sign, problem_submit, problem_update

    problem_update(actor=world.leader_a, problem_id=problem.pk, **PAPER)
    problem_submit(actor=problem.recorded_by, problem_id=problem.pk)
    problem_review(actor=reviewer or world.leader_a, problem_id=problem.pk)
    problem_sign(actor=world.leader_a, problem_id=problem.pk)
    problem.refresh_from_db()
    return problem
