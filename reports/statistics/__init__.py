"""The statistics (统计口径): each figure of DOMAIN.md defined once, in SQL.

``FIGURES`` names every figure function; ``statistics_table`` runs the ones asked for
and merges them into one row per group, labelled — what the API, the dashboard and the
workbook show.
"""

from reports.statistics.figures import (
    activities,
    clue_pipeline,
    clues,
    coverage,
    interviews,
    petitions,
    problems,
    rate,
    rectification,
)
from reports.statistics.labels import group_labels
from reports.statistics.scope import GROUPINGS, StatisticsFilter, statistics_filter_for

FIGURES = {
    "coverage": coverage,
    "interviews": interviews,
    "activities": activities,
    "petitions": petitions,
    "problems": problems,
    "clues": clues,
    "clue_pipeline": clue_pipeline,
    "rectification": rectification,
}
# The groupings coverage answers (it counts villages, not records of an assignment).
COVERAGE_GROUPINGS = (None, "town", "round")


def statistics_table(
    filters: StatisticsFilter, group_by: str | None = None, figures=None, **options
) -> list[dict]:
    """One row per group: {"key", "label", figure: value …}, ordered by label.

    ``figures`` picks figure functions by name (default: all that support the
    grouping — coverage only groups by town). ``options`` go to the figures that take
    them (``on`` for rectification).
    """
    names = figures or [
        name for name in FIGURES if not (name == "coverage" and group_by not in COVERAGE_GROUPINGS)
    ]
    merged: dict[object, dict] = {}
    for name in names:
        function = FIGURES[name]
        kwargs = {"on": options["on"]} if name == "rectification" and "on" in options else {}
        for key, values in function(filters, group_by, **kwargs).items():
            merged.setdefault(key, {}).update(values)
    labels = group_labels(group_by, merged)
    rows = [{"key": key, "label": labels.get(key, "—"), **values} for key, values in merged.items()]
    return sorted(rows, key=lambda row: (row["key"] is None, str(row["label"])))


__all__ = [
    "COVERAGE_GROUPINGS",
    "FIGURES",
    "GROUPINGS",
    "StatisticsFilter",
    "activities",
    "clue_pipeline",
    "clues",
    "coverage",
    "group_labels",
    "interviews",
    "petitions",
    "problems",
    "rate",
    "rectification",
    "statistics_filter_for",
    "statistics_table",
]
