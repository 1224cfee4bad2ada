"""The dashboard's figures, read once per page from the statistics selectors.

Nothing here computes a statistic: every number comes from ``statistics_table`` (the
figures the API answers, for the filter ``statistics_filter_for`` gives the user), read
through the cache keyed by the data version (``reports.statistics.cache``), and
the attention list is the open ledger items in a warning colour, read with the stage
windows the alert scan uses. The number of queries is fixed: it does not grow with the
towns, classes or rounds.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from inspection.deadlines import StageWindows, stage_windows
from inspection.models import Term
from inspection.permissions import visible
from rectification.choices import ITEM_STATUSES_OPEN
from rectification.models import RectificationItem
from rectification.selectors import with_ledger_date
from reports.statistics import StatisticsFilter, statistics_filter_for
from reports.statistics.cache import cached_statistics_table
from rounds.models import InspectionRound

ATTENTION_LIMIT = 20
# The figures behind the headline row and the per-chart totals.
TOTAL_FIGURES = [
    "coverage",
    "problems",
    "clues",
    "clue_persons",
    "clue_pipeline",
    "rectification",
    "immediate_orders",
    "department_matters",
    "thematic_reports",
    "accountability",
    "first_form",
    "look_back",
]
# The problems are counted by every level of the taxonomy and by nature.
PROBLEM_GROUPINGS = ("focus", "aspect", "class", "nature")
# The figures compared across the rounds of a term.
ROUND_FIGURES = ["coverage", "problems", "clues", "rectification", "immediate_orders"]


@dataclass
class AttentionItem:
    item: RectificationItem
    stage: str
    days_left: int  # negative once the deadline has passed

    @property
    def overdue_days(self) -> int:
        return max(-self.days_left, 0)


@dataclass
class RoundColumn:
    round: InspectionRound
    figures: dict = field(default_factory=dict)
    selected: bool = False


@dataclass
class Dashboard:
    term: Term | None
    round: InspectionRound | None
    on: datetime.date
    windows: StageWindows
    totals: dict = field(default_factory=dict)
    towns: list[dict] = field(default_factory=list)
    # {grouping: rows} for each of PROBLEM_GROUPINGS, the most problems first.
    problems_by: dict[str, list[dict]] = field(default_factory=dict)
    rounds: list[RoundColumn] = field(default_factory=list)
    attention: list[AttentionItem] = field(default_factory=list)


def default_term() -> Term | None:
    """The current term, else the latest one."""
    terms = list(Term.objects.order_by("-is_current", "-starts_on")[:1])
    return terms[0] if terms else None


def dashboard_for(
    user, *, term: Term | None, round: InspectionRound | None = None, on=None
) -> Dashboard:
    """The dashboard of ``term`` (and ``round``, if any) as ``user`` may read it."""
    on = on or timezone.localdate()
    windows = stage_windows(on)
    board = Dashboard(term=term, round=round, on=on, windows=windows)
    if term is None:
        return board
    query = {"term": term.pk, "round": round.pk if round else None}
    filters = statistics_filter_for(user, query)
    board.totals, board.towns, problems_by = _figures(filters, on)
    board.problems_by = {
        grouping: sorted(rows, key=lambda row: -row["problems"])
        for grouping, rows in problems_by.items()
    }
    board.attention = attention_items(user, filters, windows)
    board.rounds = round_columns(user, term, round, on)
    return board


def _figures(filters, on) -> tuple[dict, list[dict], dict[str, list[dict]]]:
    """The totals, the towns' coverage and orders, and the problems by each taxonomy
    level and nature."""
    return (
        cached_statistics_table(filters, figures=TOTAL_FIGURES, on=on)[0],
        cached_statistics_table(filters, "town", figures=["coverage", "immediate_orders"], on=on),
        {
            grouping: cached_statistics_table(filters, grouping, figures=["problems"], on=on)
            for grouping in PROBLEM_GROUPINGS
        },
    )


def _round_rows(filters, on) -> list[dict]:
    return cached_statistics_table(filters, "round", figures=ROUND_FIGURES, on=on)


def county_figures_warm(on=None) -> bool:
    """Compute into the cache the figures of the county-wide dashboard of the default term
    (what the office and the leadership open first), so that the first of them to read it
    after a write finds it ready; the worker runs it (``reports.statistics_upkeep``).
    Answers whether there was a term to warm."""
    term = default_term()
    if term is None:
        return False
    on = on or timezone.localdate()
    filters = StatisticsFilter(term_id=term.pk)  # statistics_filter_for a county-wide reader
    _figures(filters, on)
    _round_rows(filters, on)
    return True


def attention_items(user, filters, windows: StageWindows) -> list[AttentionItem]:
    """The open items most in need of attention: red (overdue) first, then yellow and
    green, each by its deadline; at most ``ATTENTION_LIMIT`` of them."""
    items = (
        with_ledger_date(visible(RectificationItem, user))
        .filter(
            filters.condition("problem__assignment", "ledger_on"),
            status__in=ITEM_STATUSES_OPEN,
            deadline__lte=windows.green_until,
        )
        .select_related(
            "problem__assignment__town", "problem__assignment__village", "problem__problem_class"
        )
        .order_by("deadline", "pk")[:ATTENTION_LIMIT]
    )
    return [
        AttentionItem(
            item=item,
            stage=windows.stage_of(item.deadline),
            days_left=windows.days_left(item.deadline),
        )
        for item in items
    ]


def round_columns(user, term: Term, selected, on) -> list[RoundColumn]:
    """Every round of ``term``, in order, with its key figures (zeros before it has any)."""
    rounds = list(InspectionRound.objects.filter(term=term).order_by("ordinal", "pk"))
    filters = statistics_filter_for(user, {"term": term.pk})
    rows = {row["key"]: row for row in _round_rows(filters, on)}
    return [
        RoundColumn(
            round=round_,
            figures=rows.get(round_.pk, {}),
            selected=selected is not None and round_.pk == selected.pk,
        )
        for round_ in rounds
    ]
