"""What the state machine checks: a move's before and after, and the invariants.

A refused move raises ``ApplicationError`` and changes nothing: no table of the workflow
apps gains or loses a row, and the record it aimed at reads the same. A move that
succeeds adds exactly the history rows it should (one for the record it moved or made,
by its actor). The invariants hold after every step.
"""

import json
from collections import Counter

from django.apps import apps
from django.db import connection
from django.forms.models import model_to_dict

from findings.models import Clue, Problem
from rectification.choices import ItemStatus, VerificationResult
from rectification.models import RectificationItem
from rounds.models import InspectionRound, Petition
from tests.state_machine.county import HANDED_OVER

WORKFLOW_APPS = ("rounds", "findings", "rectification")

# Outcomes of every rule over a whole run: (rule, "done" | "refused") → count.
TALLY: Counter = Counter()


def _tables() -> list[tuple[str, bool]]:
    """(table, holds history rows) for every model of the workflow apps."""
    return [
        (model._meta.db_table, model.__name__.startswith("Historical"))
        for app in WORKFLOW_APPS
        for model in apps.get_app_config(app).get_models()
    ]


def row_counts() -> dict[str, int]:
    """The number of rows of every workflow table, in one query."""
    tables = _tables()
    quote = connection.ops.quote_name
    columns = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table, _ in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        counts = cursor.fetchone()
    return dict(zip((table for table, _ in tables), counts, strict=True))


def history_rows_added(before: dict[str, int], after: dict[str, int]) -> int:
    return sum(after[table] - before[table] for table, is_history in _tables() if is_history)


def record_state(model, pk) -> tuple[dict, int] | None:
    """Every field of the record and its number of history rows."""
    if model is None:
        return None
    obj = model.objects.get(pk=pk)
    return model_to_dict(obj), obj.history.count()


def last_history(model, pk):
    return model.history.filter(id=pk).order_by("-history_id").first()


# --------------------------------------------------------------------- life cycles

S = ItemStatus
LIFE_CYCLES = {
    InspectionRound: {
        ("planning", "preparation"),
        ("preparation", "on_site"),
        ("on_site", "reporting"),
        ("reporting", "feedback"),
        ("feedback", "rectification"),
        ("rectification", "closed"),
    },
    Problem: {
        ("draft", "draft"),
        ("draft", "submitted"),
        ("submitted", "reviewed"),
        ("reviewed", "confirmed"),
        ("submitted", "draft"),
        ("reviewed", "draft"),
        ("confirmed", "fed_back"),
    },
    Clue: {
        ("proposed", "reviewed"),
        # reviewed again, a body named at last (an approval before sign-offs named none)
        ("reviewed", "reviewed"),
        ("reviewed", "approved"),
        ("proposed", "declined"),
        ("approved", "transferred"),
        ("transferred", "received"),
        ("received", "disposing"),
        ("disposing", "concluded"),
    },
    RectificationItem: {
        # the plan is edited while the item is open, without moving it
        (S.PENDING, S.PENDING),
        (S.IN_PROGRESS, S.IN_PROGRESS),
        (S.RETURNED, S.RETURNED),
        # progress, asking to close, verifying or returning, reopening
        (S.PENDING, S.IN_PROGRESS),
        (S.RETURNED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.SUBMITTED),
        (S.RETURNED, S.SUBMITTED),
        (S.SUBMITTED, S.CLOSED),
        (S.SUBMITTED, S.RETURNED),
        # 乡镇初审: a village's request passes its town, then the office judges it
        (S.SUBMITTED, S.TOWN_REVIEWED),
        (S.TOWN_REVIEWED, S.CLOSED),
        (S.TOWN_REVIEWED, S.RETURNED),
        (S.CLOSED, S.IN_PROGRESS),
    },
    Petition: {("received", "disposed")},
}


def check_life_cycles() -> None:
    """Every status, now and in the history, is one of the model's; every change of a
    record followed an edge of its life cycle."""
    for model, edges in LIFE_CYCLES.items():
        values = {value for value, _ in model._meta.get_field("status").choices}
        rows = model.history.order_by("id", "history_id").values_list("id", "status")
        previous = {}
        for pk, status in rows:
            assert status in values, f"{model.__name__} {pk}: status {status!r} unknown"
            if pk in previous:
                edge = (previous[pk], status)
                assert edge in edges, f"{model.__name__} {pk}: {edge[0]} → {edge[1]}"
            previous[pk] = status
        current = set(model.objects.values_list("status", flat=True))
        assert current <= values, f"{model.__name__}: unknown statuses {current - values}"


def check_closed_items_verified() -> None:
    """A closed item's latest verification passed (a failed one would have returned it)."""
    for item in RectificationItem.objects.filter(status=ItemStatus.CLOSED):
        latest = item.verifications.order_by("-verified_at", "-pk").first()
        assert latest is not None, f"item {item.pk} closed without a verification"
        assert latest.result == VerificationResult.PASSED, f"item {item.pk}: {latest.result}"
        assert item.closed_at is not None


def check_handed_over_clues_have_letters() -> None:
    """A clue transferred (or later) names its receiving body, letter number and dates."""
    for clue in Clue.objects.filter(status__in=HANDED_OVER):
        assert clue.letter_number.strip(), f"clue {clue.pk} ({clue.status}) has no letter"
        assert clue.transferred_on is not None, f"clue {clue.pk} has no transfer date"
        assert clue.receiving_body, f"clue {clue.pk} has no receiving body"
        assert clue.result_due_on is not None and clue.result_due_on >= clue.transferred_on
    for clue in Clue.objects.exclude(status__in=HANDED_OVER):
        assert not clue.letter_number and clue.transferred_on is None, f"clue {clue.pk}"


# ------------------------------------------------------------------- masked names


def leaked(secrets: set[str], body: bytes) -> set[str]:
    """The secrets found in a response body, written raw or \\u-escaped."""
    return {
        name for name in secrets if name.encode() in body or json.dumps(name)[1:-1].encode() in body
    }
