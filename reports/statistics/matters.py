"""交办事项, 专题报告 and 巡察建议书 figures (counts, docs/DOMAIN.md statistics table).

A matter belongs to a round and, sometimes, to an inspected organisation: it is counted
as clues are (places through its assignment, by the day it was handed on). A thematic
report belongs to the round alone: it is counted in the rows of no place (grouped by
town or village it is in the row of no village) and left out when the filter names a
place, by the day it was issued. Replied and overdue are as they stood on ``on``.
"""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from findings.choices import ThematicReportKind
from findings.matter_selectors import (
    matter_overdue_condition,
    matter_replied_condition,
    recommendation_overdue_condition,
)
from findings.models import DepartmentMatter, ThematicReport
from reports.statistics.figures import (
    Figures,
    _aggregate,
    _round_level_group,
    round_level_condition,
)
from reports.statistics.scope import StatisticsFilter, group_field, plain_grouping

RECOMMENDATION = Q(kind=ThematicReportKind.RECOMMENDATION)


def department_matters(
    filters: StatisticsFilter,
    group_by: str | None = None,
    *,
    on: datetime.date | None = None,
) -> Figures:
    """交办事项: handed on, replied and overdue on the day ``on`` (default today), by the
    day handed on."""
    queryset = department_matter_rows(filters, on)
    on = on or timezone.localdate()
    return _aggregate(
        queryset,
        _round_level_group(group_by),
        matters_handed_on=Count("*"),
        matters_replied=Count("pk", filter=matter_replied_condition(on)),
        matters_overdue=Count("pk", filter=matter_overdue_condition(on)),
    )


def _report_condition(filters: StatisticsFilter) -> Q | None:
    """Reports of the filter's term and round, by the day issued; None when the filter
    names a place (a report is of no place)."""
    if filters.town_id or filters.village_id or filters.team_id or filters.towns is not None:
        return None
    q = Q()
    if filters.term_id:
        q &= Q(round__term_id=filters.term_id)
    if filters.round_id:
        q &= Q(round_id=filters.round_id)
    if filters.date_from:
        q &= Q(issued_on__gte=filters.date_from)
    if filters.date_to:
        q &= Q(issued_on__lte=filters.date_to)
    return q


def _report_group(group_by):
    if plain_grouping(group_by) in ("term", "round"):
        return _round_level_group(group_by)
    group_field(group_by, "assignment")  # refuses a grouping no figure knows
    return None


def thematic_reports(
    filters: StatisticsFilter,
    group_by: str | None = None,
    *,
    on: datetime.date | None = None,
) -> Figures:
    """专题报告, 巡察建议书 (and the 建议书 replied and overdue on ``on``), by the day issued."""
    queryset = thematic_report_rows(filters, on)
    on = on or timezone.localdate()
    if _report_condition(filters) is None:
        return {} if group_by else _aggregate(queryset, None, **_report_counts(on))
    return _aggregate(queryset, _report_group(group_by), **_report_counts(on))


def _report_counts(on: datetime.date) -> dict:
    return {
        "thematic_reports": Count("pk", filter=Q(kind=ThematicReportKind.THEMATIC_REPORT)),
        "recommendations": Count("pk", filter=RECOMMENDATION),
        "recommendations_replied": Count("pk", filter=RECOMMENDATION & Q(replied_on__lte=on)),
        "recommendations_overdue": Count("pk", filter=recommendation_overdue_condition(on)),
    }


def department_matter_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The matters ``department_matters`` counts: handed on by ``on``."""
    return DepartmentMatter.objects.filter(
        round_level_condition(filters, "handed_on"),
        handed_on__lte=on or timezone.localdate(),
    )


def thematic_report_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The reports ``thematic_reports`` counts: issued by ``on``, none for a place."""
    condition = _report_condition(filters)
    if condition is None:
        return ThematicReport.objects.none()
    return ThematicReport.objects.filter(condition, issued_on__lte=on or timezone.localdate())
