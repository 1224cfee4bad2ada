"""The alerts of one scan as ``values()`` rows, never as model instances.

Two reads, one for each half of writing the digests:

- ``routed_rows``: every alert of the scan with what decides who receives it (the
  responsible account and people, the unit, the receiving body), streamed in the order
  digests list them — reddest, then soonest due, then oldest — one query per kind of
  subject, merged;
- ``described_rows``: chosen alerts with what a digest says of them (place, title,
  people, dates), for the alerts a batch of digests lists.

At province scale a cold ledger raises ~140,000 alerts: the routing rows are streamed
(``iterator(chunk_size=…)``) and only the few hundred a digest lists are described.
"""

import heapq
from collections.abc import Iterable, Iterator

from django.db import connection
from django.db.models import Case, F, Value, When
from django.db.models.functions import Left

from inspection.choices import AlertStage
from rectification.models import Alert

# Reddest first: the order of every digest.
STAGE_ORDER = (AlertStage.RED, AlertStage.YELLOW, AlertStage.GREEN)
CHUNK = 2000
KINDS = ("item", "feedback", "clue")
ASSIGNMENT = {
    "item": "item__problem__assignment",
    "feedback": "feedback__assignment",
    "clue": "clue__assignment",
}
# A title shows at most this many characters of the problem's facts.
FACTS_SHOWN = 30


def digest_order(row: dict) -> tuple:
    return (row["stage_order"], row["due_on"], row["pk"])


def _stage_order() -> Case:
    return Case(
        *(When(stage=stage, then=Value(index)) for index, stage in enumerate(STAGE_ORDER)),
        default=Value(len(STAGE_ORDER)),
    )


def _routing(kind: str) -> dict:
    """What decides the addressees of an alert of ``kind``, under common names."""
    assignment = ASSIGNMENT[kind]
    common = {
        "kind": Value(kind),
        "town_id": F(f"{assignment}__town_id"),
        "village_id": F(f"{assignment}__village_id"),
    }
    if kind == "item":
        return common | {
            "user_id": F("item__responsible_user_id"),
            "leader": F("item__supervising_leader"),
            "unit": F("item__responsible_unit"),
        }
    if kind == "feedback":  # the party secretary is named by the unit's name
        return common | {
            "town": F(f"{assignment}__town__name"),
            "village": F(f"{assignment}__village__name"),
        }
    return common | {"body": F("clue__receiving_body")}


def _routed(scan, kind: str) -> Iterator[dict]:
    rows = (
        Alert.objects.filter(scan=scan, **{f"{kind}__isnull": False})
        .annotate(stage_order=_stage_order())
        .order_by("stage_order", "due_on", "pk")
        .values("pk", "stage", "due_on", "stage_order", **_routing(kind))
    )
    return rows.iterator(chunk_size=CHUNK)


def routed_rows(scan) -> Iterator[dict]:
    """Every alert of ``scan`` with its routing, in digest order (streamed)."""
    return heapq.merge(*(_routed(scan, kind) for kind in KINDS), key=digest_order)


def _description(kind: str) -> dict:
    """What a digest says of an alert of ``kind``, under common names."""
    assignment = ASSIGNMENT[kind]
    common = {
        "kind": Value(kind),
        "town": F(f"{assignment}__town__name"),
        "village": F(f"{assignment}__village__name"),
        "subject_id": F(f"{kind}_id"),
    }
    if kind == "item":
        return common | {
            "class_name": F("item__problem__problem_class__name"),
            "facts": Left("item__problem__facts", FACTS_SHOWN + 1),
            "unit": F("item__responsible_unit"),
            "person": F("item__responsible_person"),
            "leader": F("item__supervising_leader"),
        }
    if kind == "feedback":
        return common | {"fed_back_on": F("feedback__fed_back_on")}
    return common | {
        "body": F("clue__receiving_body"),
        "receiving_unit": F("clue__receiving_unit"),
        "letter_number": F("clue__letter_number"),
    }


def described_rows(alerts: Iterable[tuple[str, int]]) -> dict[int, dict]:
    """The described rows of ``alerts`` ((kind, pk) pairs), by pk: one query per kind
    and ``CHUNK`` alerts (fewer where the database takes fewer parameters)."""
    by_kind: dict[str, list[int]] = {kind: [] for kind in KINDS}
    for kind, pk in alerts:
        by_kind[kind].append(pk)
    size = min(CHUNK, (connection.features.max_query_params or CHUNK) - 10)
    described = {}
    for kind, pks in by_kind.items():
        for start in range(0, len(pks), size):
            rows = (
                Alert.objects.filter(pk__in=pks[start : start + size])
                .order_by()
                .values("pk", "stage", "due_on", "document", **_description(kind))
            )
            described |= {row["pk"]: row for row in rows}
    return described
