"""The permission matrix: role × action × in scope / out of scope → allowed or refused.

Each app's ``tests/<app>/action_specs.py`` declares, for every workflow action of the
app, how to build a target record *in scope A* in a state the action accepts
(``ActionSpec.build``) and how to perform the action (``ActionSpec.perform``), and a
``MATRIX`` table with one row per action and one column per persona (tests/world.py):

    ok   the action succeeds
    403  the record is visible to the persona, but the action is refused
    404  the record is outside the persona's scope: answered as if it did not exist

Out-of-scope cells are the columns of the B-side personas (leader_b, liaison_org,
officer_b, reviewer_b, supervisor_b), whose scope does not include A's records.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rounds.choices import RoundStatus
from tests.world import PERSONAS

OUTCOMES = {"ok", "403", "404"}


@dataclass(frozen=True)
class ActionSpec:
    build: Callable[[Any], Any]
    perform: Callable[[Any, Any, Any], Any]
    round_status: str = RoundStatus.ON_SITE


def parse_matrix(text: str) -> dict[str, dict[str, str]]:
    """Rows of ``action  outcome × len(PERSONAS)`` → {action: {persona: outcome}}."""
    table = {}
    for line in text.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        action, *cells = line.split()
        if len(cells) != len(PERSONAS) or not set(cells) <= OUTCOMES:
            raise ValueError(f"bad matrix row: {line!r}")
        if action in table:
            raise ValueError(f"action {action} twice in the matrix")
        table[action] = dict(zip(PERSONAS, cells, strict=True))
    return table
