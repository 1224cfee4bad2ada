"""Assertions the findings tests share."""

import pytest

from inspection.errors import ApplicationError


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
