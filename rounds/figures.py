"""Figures of a round that the apps above rounds count (findings: the problems found).

The round screens show how many problems a round has found, but rounds cannot import
findings (the layers: inspection < rounds < findings < …). As each app registers its
scopes with ``scope_of``, the app that owns the records registers here how to count them
for a round: ``round_column`` for the round list (one SQL expression: one query for the
whole page), ``round_figures`` for one round's page and its moves. findings registers in
its ``AppConfig.ready``; a figure nobody registered shows as 0.
"""

from collections.abc import Callable

from django.db.models import Count, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce

_COLUMNS: dict[str, Callable] = {}
_FIGURES: list[Callable[[object], dict[str, int]]] = []


def counted(queryset: QuerySet, outer: str = "pk"):
    """A correlated COUNT(*) of ``queryset`` (already filtered by ``OuterRef(outer)``)."""
    counts = queryset.order_by().values(outer).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def round_column(name: str):
    """Register ``function() -> expression``, a figure of the round row at
    ``OuterRef("pk")``, annotated as ``name`` on the rounds of the list."""

    def register(function):
        _COLUMNS[name] = function
        return function

    return register


def round_figures(function: Callable[[object], dict[str, int]]):
    """Register ``function(inspection_round) -> {figure: count}`` for one round's page."""
    _FIGURES.append(function)
    return function


def with_round_columns(rounds: QuerySet) -> QuerySet:
    return rounds.annotate(**{name: make() for name, make in _COLUMNS.items()})


def round_figures_of(inspection_round) -> dict[str, int]:
    found: dict[str, int] = {}
    for function in _FIGURES:
        found |= function(inspection_round)
    return found
