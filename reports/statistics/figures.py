"""Every figure of docs/DOMAIN.md's statistics table, each one selector computed in SQL.

Each function takes a ``StatisticsFilter`` and an optional grouping, and answers
``{group key: {figure: value}}`` (the key is ``None`` when not grouped). The API, the
dashboard and the Excel workbook call these functions and nothing else, so a figure
is the same number everywhere. Rates are fractions rounded to four places, ``None``
when there is nothing to divide by.
"""

import datetime
from decimal import Decimal
from itertools import chain

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.sql.constants import MULTI
from django.utils import timezone
from django.utils.translation import gettext as _

from findings.choices import (
    CLUE_STATUSES_TRANSFERRED,
    ClueOutcome,
    ClueStatus,
    ProblemStatus,
)
from findings.models import Clue, ClueSubject, Problem
from inspection.choices import AlertStage
from inspection.deadlines import stage_windows
from inspection.errors import ApplicationError
from inspection.models import Village
from rectification.choices import ItemStatus, RectificationMode
from rectification.models import RectificationItem
from rectification.selectors import (
    closed_on_time_condition,
    due_condition,
    overdue_condition,
    stage_condition,
    with_closed_on,
    with_ledger_date,
)
from reports.statistics.as_of import cutoff, is_past, record_id, standing
from reports.statistics.scope import (
    StatisticsFilter,
    by_town,
    group_field,
    plain_grouping,
)
from rounds.choices import ROUND_STATUSES_ON_SITE_OR_LATER
from rounds.figures import activity_aggregates, interview_aggregates, petition_aggregates
from rounds.models import Activity, Assignment, InspectionRound, Interview, Petition

Figures = dict[object, dict[str, object]]


# Figures that are sums of money (yuan, two decimals): the API writes them as decimal
# strings, as it writes every amount of a resource (reports.api.views).
MONEY_FIGURES = frozenset({"amount_involved", "funds_recovered"})
CENT = Decimal("0.01")


def money_text(value) -> str:
    """A sum of money as the API writes it: a decimal string with two places."""
    return str(Decimal(value).quantize(CENT))


def total(field: str, **options) -> Sum:
    """A sum that is 0, not NULL, over no rows."""
    return Sum(field, default=0, **options)


def rate(numerator, denominator) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _aggregate(queryset, grouping, **aggregates) -> Figures:
    """One GROUP BY query: {group key: {name: value}}; with a (town column, column) pair
    (``scope.ByTown``), {(town, key): …}."""
    if grouping is None:
        return {None: queryset.aggregate(**aggregates)}
    if isinstance(grouping, tuple):
        town, field = grouping
        if field is None or field == town:  # by town alone: (town, None) or (town, town)
            figures = _rows_by_key(queryset.order_by().values(town).annotate(**aggregates))
            return {(key, field and key): row for key, row in figures.items()}
        rows = queryset.order_by().values(town, field).annotate(**aggregates)
        return _rows_by_key(rows, width=2)
    rows = queryset.order_by().values(grouping).annotate(**aggregates)
    return _rows_by_key(rows)


def _rows_by_key(rows, width: int = 1) -> Figures:
    """{first column: {annotation: value}} of a values() query, read without the per-value
    converters of counts (a count is an int from every backend, and Django's converter
    turns it into the same int): at tens of thousands of groups and a dozen counts a
    row, those calls cost as much as the query itself."""
    compiler = rows.query.get_compiler(rows.db)
    results = compiler.execute_sql(MULTI)
    columns = [column for column, _, _ in compiler.select[: compiler.col_count]]
    converters = {
        position: converter
        for position, converter in compiler.get_converters(columns).items()
        if not isinstance(converter[1], Count)
    }
    names = list(rows.query.annotation_select)
    flat = chain.from_iterable(results)
    if converters:
        flat = compiler.apply_converters(flat, converters)
    if len(names) + width > compiler.col_count:  # a key annotated (scope.PLACE_TOWN)
        return _rows_by_named_key(rows, flat, width)
    if width == 2:
        return {(row[0], row[1]): dict(zip(names, row[2:], strict=True)) for row in flat}
    return {row[0]: dict(zip(names, row[1:], strict=True)) for row in flat}


def _rows_by_named_key(rows, flat, width: int) -> Figures:
    """``_rows_by_key`` where a key column is an annotation (``scope.PLACE_TOWN``): the
    columns in the order the query selects them (``Query.selected``: values()' order)."""
    aggregates = {
        name
        for name, expression in rows.query.annotation_select.items()
        if expression.contains_aggregate
    }
    columns = list(rows.query.selected)
    at = [position for position, name in enumerate(columns) if name not in aggregates]
    names = [(name, position) for position, name in enumerate(columns) if name in aggregates]
    figures: Figures = {}
    for row in flat:
        key = tuple(row[position] for position in at)
        figures[key if width == 2 else key[0]] = {name: row[i] for name, i in names}
    return figures


def _round_or_assignment(grouping: str | None) -> str:
    """Petitions and clues belong to a round, and only sometimes to an assignment."""
    return "round" if grouping in ("term", "round") else "assignment"


def round_level_condition(filters: StatisticsFilter, date_field: str) -> Q:
    """For rows with their own ``round``: term and round through it, places through the
    (optional) assignment."""
    q = Q()
    if filters.term_id:
        q &= Q(round__term_id=filters.term_id)
    if filters.round_id:
        q &= Q(round_id=filters.round_id)
    return q & filters.places.condition("assignment", date_field)


def _round_level_group(grouping):
    inner = plain_grouping(grouping)
    if inner == "term":
        return by_town(grouping, "assignment__town_id", "round__term_id")
    if inner == "round":
        return by_town(grouping, "assignment__town_id", "round_id")
    return group_field(grouping, "assignment")


# ------------------------------------------------------------------------ coverage


def reached_on_site(on: datetime.date | None = None, path: str = "round") -> Q:
    """Rows whose round (at ``path``) had reached 进驻 by the end of ``on`` (today)."""
    if not is_past(on):
        return Q(**{f"{path}__status__in": ROUND_STATUSES_ON_SITE_OR_LATER})
    rounds = standing(InspectionRound, on).filter(status__in=ROUND_STATUSES_ON_SITE_OR_LATER)
    return Q(**{f"{path}_id__in": rounds.values("id")})


def covering_assignments(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The assignments that make a village count as inspected (覆盖): a village's, in a mode
    that counts toward coverage (a county setting; never a 回头看), in a round
    that reached 进驻, of the filter's round, else its term, else the current term (and of
    its team, if any). The coverage figure and the village registry's filter both use it.
    As of a past day ``on``: the assignments and the rounds' stages as they stood then
    (the modes' setting and the current term as they are)."""
    assignments = standing(Assignment, on).filter(
        reached_on_site(on),
        village__isnull=False,
        mode__counts_toward_coverage=True,
    )
    if filters.round_id:
        assignments = assignments.filter(round_id=filters.round_id)
    elif filters.term_id:
        assignments = assignments.filter(round__term_id=filters.term_id)
    else:
        assignments = assignments.filter(round__term__is_current=True)
    if filters.team_id:
        assignments = assignments.filter(team_id=filters.team_id)
    if filters.towns is not None:  # a part of the county counts its own villages only
        assignments = assignments.filter(village__town_id__in=filters.towns)
    return assignments


def coverage(
    filters: StatisticsFilter, group_by: str | None = None, *, on: datetime.date | None = None
) -> Figures:
    """覆盖率: active villages with an assignment in a round of the term that reached
    进驻, over active villages. The term is the filter's, else the round's, else the
    current one; with a round, only that round's assignments count. Grouped by town,
    by round (each round's own villages, over all active villages), or not at all."""
    inner = plain_grouping(group_by)
    if inner not in (None, "town", "round"):
        message = _("覆盖率只能按乡镇或巡察轮次分组。")
        raise ApplicationError(message, errors={"group_by": [message]})
    assignments = covering_assignments(filters, on)
    villages = _villages_in_scope(filters)
    if inner == "round":  # never by town first: not a sum of parts (partitioned.py)
        return _coverage_by_round(assignments, villages)
    figures = _aggregate(
        villages,
        by_town(group_by, "town_id", "town_id" if inner == "town" else None),
        villages=Count("*"),
        inspected=Count("pk", filter=Q(pk__in=assignments.values("village_id"))),
    )
    for row in figures.values():
        row["coverage_rate"] = rate(row["inspected"], row["villages"])
    return figures


def _villages_in_scope(filters: StatisticsFilter) -> QuerySet:
    """The active villages coverage divides by, within the filter's town or village."""
    villages = Village.objects.filter(is_active=True)
    if filters.towns is not None:
        villages = villages.filter(town_id__in=filters.towns)
    if filters.unplaced:  # a village always has its town
        villages = villages.none()
    if filters.town_id:
        villages = villages.filter(town_id=filters.town_id)
    if filters.village_id:
        villages = villages.filter(pk=filters.village_id)
    return villages


def coverage_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The villages ``coverage`` counts as inspected (the records behind it)."""
    covering = covering_assignments(filters, on).values("village_id")
    return _villages_in_scope(filters).filter(pk__in=covering)


def _coverage_by_round(assignments, villages) -> Figures:
    """One query: each round's inspected active villages, the active villages beside."""
    active = (
        villages.order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(count=Count("*"))
        .values("count")
    )
    rows = (
        assignments.filter(village__in=villages)
        .order_by()
        .values("round_id")
        .annotate(
            inspected=Count("*"),  # a village once a round: (round, village) is unique
            villages=Coalesce(Subquery(active), 0),
        )
    )
    figures = {row.pop("round_id"): row for row in rows}
    for row in figures.values():
        row["coverage_rate"] = rate(row["inspected"], row["villages"])
    return figures


# ------------------------------------------------------------------------ on site


def _happened_by(on: datetime.date | None, field: str) -> Q:
    """Rows that happened (their own ``field``, a date or a time) by the end of the past day
    ``on``: an event counts from its own date, a late entry included."""
    before = cutoff(on)
    if before is None:
        return Q()
    if field.endswith("_on"):
        return Q(**{f"{field}__lte": on})
    return Q(**{f"{field}__lt": before})


def interviews(
    filters: StatisticsFilter, group_by: str | None = None, *, on: datetime.date | None = None
) -> Figures:
    """谈话人次: interviews held (by the day they were held), and the four must-talks."""
    queryset = interview_rows(filters, on)
    return _aggregate(queryset, group_field(group_by, "assignment"), **interview_aggregates())


def interview_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    return Interview.objects.annotate(held_on=TruncDate("held_at")).filter(
        filters.condition("assignment", "held_on"), _happened_by(on, "held_at")
    )


def activity_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    return Activity.objects.filter(
        filters.condition("assignment", "held_on"), _happened_by(on, "held_on")
    )


def petition_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    return Petition.objects.annotate(received_on=TruncDate("received_at")).filter(
        round_level_condition(filters, "received_on"), _happened_by(on, "received_at")
    )


def activities(
    filters: StatisticsFilter, group_by: str | None = None, *, on: datetime.date | None = None
) -> Figures:
    """问卷, 座谈会, 调研, 走访 …: counts of activities and sums of what they reached."""
    queryset = activity_rows(filters, on)
    return _aggregate(queryset, group_field(group_by, "assignment"), **activity_aggregates())


def petitions(
    filters: StatisticsFilter, group_by: str | None = None, *, on: datetime.date | None = None
) -> Figures:
    """来信来访: petitions received (by the day received), and how many were disposed of
    (by ``on``)."""
    queryset = petition_rows(filters, on)
    aggregates = petition_aggregates()
    if is_past(on):
        disposed = ~Q(disposition="") & _happened_by(on, "disposed_at")
        aggregates["petitions_disposed"] = Count("pk", filter=disposed)
    return _aggregate(queryset, _round_level_group(group_by), **aggregates)


# ------------------------------------------------------------------------ findings


def problems(
    filters: StatisticsFilter, group_by: str | None = None, *, on: datetime.date | None = None
) -> Figures:
    """发现问题: problems past draft (by the day recorded), and 立行立改.

    A problem counts as fixed immediately when its ledger item is 立行立改, or, before
    feedback has created the item, when the team marked it so.
    """
    queryset, immediate = _problems(filters, on)
    figures = _aggregate(
        queryset,
        group_field(group_by, "assignment", problem=""),
        problems=Count("*"),
        immediate_fixes=Count("pk", filter=immediate),
        amount_involved=total("amount"),
    )
    for row in figures.values():
        row["immediate_fix_rate"] = rate(row["immediate_fixes"], row["problems"])
    return figures


def problem_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The problems ``problems`` counts."""
    return _problems(filters, on)[0]


def _problems(filters: StatisticsFilter, on: datetime.date | None) -> tuple[QuerySet, Q]:
    """``problems``' rows and its 立行立改 condition."""
    if is_past(on):
        return _problems_as_of(filters, on)
    queryset = (
        Problem.objects.exclude(status=ProblemStatus.DRAFT)
        .annotate(found_on=TruncDate("created_at"))
        .filter(filters.condition("assignment", "found_on"))
    )
    immediate = Q(rectification_item__mode=RectificationMode.IMMEDIATE) | Q(
        rectification_item__isnull=True, fix_immediately=True
    )
    return queryset, immediate


def _problems_as_of(filters: StatisticsFilter, on: datetime.date) -> tuple[QuerySet, Q]:
    """``problems``' rows and 立行立改 condition as of the past day ``on``: the problems and
    their ledger items as they stood then (the day recorded is the live problem's: the
    history does not keep it)."""
    queryset = (
        standing(Problem, on)
        .exclude(status=ProblemStatus.DRAFT)
        .filter(filters.condition("assignment"))
    )
    if filters.date_from or filters.date_to:
        found = Problem.objects.annotate(found_on=TruncDate("created_at"))
        queryset = queryset.filter(id__in=found.filter(filters.dates("found_on")).values("pk"))
    items = standing(RectificationItem, on).filter(problem_id=OuterRef("id"))
    immediate = Q(Exists(items.filter(mode=RectificationMode.IMMEDIATE))) | (
        ~Q(Exists(items)) & Q(fix_immediately=True)
    )
    return queryset, immediate


def _persons_concerned(clue: str = "pk") -> Subquery:
    """The persons concerned (被反映人) of the clue: each person once per clue."""
    return Subquery(
        ClueSubject.objects.filter(clue=OuterRef(clue))
        .order_by()
        .values("clue")
        .annotate(persons=Count("*"))
        .values("persons"),
        output_field=IntegerField(),
    )


def clue_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The clues handed over that ``clues`` counts."""
    return standing(Clue, on).filter(
        round_level_condition(filters, "transferred_on"),
        status__in=CLUE_STATUSES_TRANSFERRED,
    )


def clue_pipeline_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    return (
        standing(Clue, on)
        .annotate(proposed_on=TruncDate("proposed_at"))
        .filter(round_level_condition(filters, "proposed_on"))
    )


def clues(
    filters: StatisticsFilter, group_by: str | None = None, *, on: datetime.date | None = None
) -> Figures:
    """线索移交 in 件 (clues) and 人 (their persons concerned, each once per clue), 立案件数,
    成案率 (立案件数 / 移交件数), 追回资金 (by the day of transfer). The persons by their
    outcome (立案人数, 处分人数 …) are ``persons.clue_persons``."""
    queryset = clue_rows(filters, on).annotate(
        persons_concerned=Coalesce(_persons_concerned(record_id(on)), 0)
    )
    figures = _aggregate(
        queryset,
        _round_level_group(group_by),
        clues_transferred=Count("*"),
        persons_transferred=total("persons_concerned"),
        clues_transferred_on_site=Count("pk", filter=Q(transferred_on_site=True)),
        clues_concluded=Count("pk", filter=~Q(outcome="")),
        cases_filed=Count("pk", filter=Q(outcome=ClueOutcome.CASE_FILED)),
        funds_recovered=total("funds_recovered"),
    )
    for row in figures.values():
        row["case_rate"] = rate(row["cases_filed"], row["clues_transferred"])
    return figures


def clue_pipeline(
    filters: StatisticsFilter, group_by: str | None = None, *, on: datetime.date | None = None
) -> Figures:
    """线索办理进度: clues by the stage they are at (on ``on``), ``clues_at_<status>`` (by
    the day proposed). Unlike 线索移交, it counts the clues not handed over too."""
    queryset = clue_pipeline_rows(filters, on)
    return _aggregate(
        queryset,
        _round_level_group(group_by),
        clues=Count("*"),
        **{
            f"clues_at_{status}": Count("pk", filter=Q(status=status))
            for status in ClueStatus.values
        },
    )


# ------------------------------------------------------------------------ rectification


def rectification(
    filters: StatisticsFilter,
    group_by: str | None = None,
    *,
    on: datetime.date | None = None,
) -> Figures:
    """整改完成率, 如期完成率, 逾期 on the day ``on`` (default today), by the day each item
    entered the ledger (its on-site order's, else its feedback's).

    On time: closed no later than the deadline in force when it fell due (the closing day
    in Shanghai time; a deadline moved after it had passed does not count). The on-time
    rate divides by the items closed or past their deadline on ``on``. As of a past day
    the items are as they stood then (``reports.statistics.as_of``).
    Overdue is derived: deadline before ``on`` and neither submitted nor closed; it is
    the red stage of the three-colour warning, and ``items_due_yellow`` and
    ``items_due_green`` count the open items in the yellow and green stages on ``on``
    (inspection.deadlines). ``items_<status>`` count the items by status; a request for
    closing the office entered for the unit (代录) is never the unit's own: it waits as
    ``items_submitted_by_proxy``, not ``items_submitted``.
    """
    on = on or timezone.localdate()
    windows = stage_windows(on)
    queryset = rectification_rows(filters, on)
    closed = Q(status=ItemStatus.CLOSED)
    figures = _aggregate(
        queryset,
        group_field(group_by, "problem__assignment", problem="problem"),
        items=Count("*"),
        items_closed=Count("pk", filter=closed),
        items_closed_on_time=Count("pk", filter=closed_on_time_condition()),
        items_due=Count("pk", filter=due_condition(on)),
        items_overdue=Count("pk", filter=overdue_condition(on)),
        items_due_yellow=Count("pk", filter=stage_condition(AlertStage.YELLOW, windows)),
        items_due_green=Count("pk", filter=stage_condition(AlertStage.GREEN, windows)),
        items_pending=Count("pk", filter=Q(status=ItemStatus.PENDING)),
        items_in_progress=Count("pk", filter=Q(status=ItemStatus.IN_PROGRESS)),
        # 待审核 on the unit's own request; one the office entered for it (代录) apart.
        items_submitted=Count(
            "pk", filter=Q(status=ItemStatus.SUBMITTED, submitted_on_behalf=False)
        ),
        items_submitted_by_proxy=Count(
            "pk", filter=Q(status=ItemStatus.SUBMITTED, submitted_on_behalf=True)
        ),
        # 乡镇已初审: a village's request passed by its town, awaiting the office.
        items_town_reviewed=Count("pk", filter=Q(status=ItemStatus.TOWN_REVIEWED)),
        items_returned=Count("pk", filter=Q(status=ItemStatus.RETURNED)),
    )
    for row in figures.values():
        row["rectification_rate"] = rate(row["items_closed"], row["items"])
        row["on_time_rate"] = rate(row["items_closed_on_time"], row["items_due"])
    return figures


def rectification_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The ledger items ``rectification`` counts, as they stood on ``on``."""
    return with_closed_on(with_ledger_date(standing(RectificationItem, on))).filter(
        filters.condition("problem__assignment", "ledger_on")
    )
