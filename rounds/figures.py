"""Figures of a round that the apps above rounds count (findings: the problems found).

The round screens show how many problems a round has found, but rounds cannot import
findings (the layers: inspection < rounds < findings < …). As each app registers its
scopes with ``scope_of``, the app that owns the records registers here how to count them
for a round: ``round_column`` for the round list (one SQL expression: one query for the
whole page), ``round_figures`` for one round's page and its moves. findings registers in
its ``AppConfig.ready``; a figure nobody registered shows as 0.
"""

from collections.abc import Callable

from django.db.models import Count, IntegerField, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from rounds.choices import ActivityKind
from rounds.models import Activity, Interview, Petition

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


# ------------------------------------------------------------------ on-site work, defined once
# The statistics (reports.statistics.figures) aggregate these over their filters; the
# 巡察报告 (findings) aggregates them over one organisation: the same figure either way.


def interview_aggregates() -> dict:
    """谈话人次."""
    return {"interviews": Count("*")}


# The activities that reach households (走访户数): 入户走访率's numerator.
HOUSEHOLD_VISITS = Q(kind__in=(ActivityKind.HOUSEHOLD_VISIT, ActivityKind.POOR_HOUSEHOLD_VISIT))


def activity_aggregates() -> dict:
    """问卷, 座谈会, 调研, 走访 …: counts of activities and sums of what they reached."""

    def kind(value):
        return Q(kind=value)

    visits = HOUSEHOLD_VISITS
    return {
        "questionnaires_distributed": Sum("questionnaires_distributed", default=0),
        "questionnaires_returned": Sum("questionnaires_returned", default=0),
        "symposia": Count("pk", filter=kind(ActivityKind.SYMPOSIUM)),
        "research_activities": Count("pk", filter=kind(ActivityKind.RESEARCH)),
        "document_reviews": Count("pk", filter=kind(ActivityKind.DOCUMENT_REVIEW)),
        "night_visits": Count("pk", filter=kind(ActivityKind.NIGHT_VISIT)),
        "households_visited": Sum("households", filter=visits, default=0),
        "poor_households_visited": Sum(
            "households", filter=kind(ActivityKind.POOR_HOUSEHOLD_VISIT), default=0
        ),
        "people_reached": Sum("people_reached", default=0),
    }


def petition_aggregates() -> dict:
    """来信来访: petitions received, and how many were disposed of."""
    return {
        "petitions": Count("*"),
        "petitions_disposed": Count("pk", filter=~Q(disposition="")),
    }


def onsite_figures_of(assignment) -> dict[str, int]:
    """The on-site figures of one inspected organisation (three queries)."""
    return {
        **Interview.objects.filter(assignment=assignment).aggregate(**interview_aggregates()),
        **Activity.objects.filter(assignment=assignment).aggregate(**activity_aggregates()),
        **Petition.objects.filter(assignment=assignment).aggregate(**petition_aggregates()),
    }


def household_visit_rate(assignment) -> dict | None:
    """入户走访率 of one village: households visited (走访, 走访脱贫户/困难户) over the
    village's households (one query); None for a town committee or a village whose
    households are not on record."""
    village = assignment.village
    if village is None or not village.households:
        return None
    visited = Activity.objects.filter(HOUSEHOLD_VISITS, assignment=assignment).aggregate(
        visited=Sum("households", default=0)
    )["visited"]
    rate = round(visited / village.households, 4)
    return {
        "visited": visited,
        "households": village.households,
        "rate": rate,
        "percent": f"{rate * 100:.1f}%",
    }
