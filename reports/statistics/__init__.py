"""The statistics (统计口径): each figure of docs/DOMAIN.md defined once, in SQL.

``FIGURES`` names every figure function; ``statistics_table`` runs the ones asked for
and merges them into one row per group, labelled — what the API, the dashboard and the
workbook show.
"""

import gc
from contextlib import contextmanager

from reports.statistics import accountability as _accountability
from reports.statistics import figures as _figures
from reports.statistics import look_back as _look_back
from reports.statistics import matters as _matters
from reports.statistics import orders as _orders
from reports.statistics import organisations as _organisations
from reports.statistics import persons as _persons
from reports.statistics.accountability import accountability, first_form
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
from reports.statistics.look_back import look_back
from reports.statistics.matters import department_matters, thematic_reports
from reports.statistics.orders import immediate_orders
from reports.statistics.organisations import organisations
from reports.statistics.persons import clue_persons
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
    "immediate_orders": immediate_orders,
    "department_matters": department_matters,
    "thematic_reports": thematic_reports,
    "accountability": accountability,
    "first_form": first_form,
    "look_back": look_back,
    "clue_persons": clue_persons,
    "organisations": organisations,
}
# The records each figure function counts (its base rows) under a filter and ``on``: the
# function uses the same one, and a snapshot of the upward table (reports.upward) names
# their ids. A figure without an entry is still reported, without its records.
FIGURE_ROWS = {
    "coverage": _figures.coverage_rows,
    "interviews": _figures.interview_rows,
    "activities": _figures.activity_rows,
    "petitions": _figures.petition_rows,
    "problems": _figures.problem_rows,
    "clues": _figures.clue_rows,
    "clue_pipeline": _figures.clue_pipeline_rows,
    "rectification": _figures.rectification_rows,
    "immediate_orders": _orders.immediate_order_rows,
    "department_matters": _matters.department_matter_rows,
    "thematic_reports": _matters.thematic_report_rows,
    "accountability": _accountability.accountability_rows,
    "first_form": _accountability.first_form_rows,
    "look_back": _look_back.look_back_rows,
    "clue_persons": _persons.person_rows,
    "organisations": _organisations.organisation_rows,
}
# The groupings coverage answers (it counts villages, not records of an assignment).
COVERAGE_GROUPINGS = (None, "town", "round")


def _merged(filters, group_by, figures, options) -> dict[object, dict]:
    """{group key: {figure: value}} of the figures asked for, one query each."""
    names = figure_names(group_by, figures)
    merged: dict[object, dict] = {}
    for name in names:
        function = FIGURES[name]
        figures_of = function(filters, group_by, on=options.get("on"))
        if not merged:
            merged = figures_of
            continue
        merge_into(merged, figures_of)
    return merged


def merge_into(merged: dict, figures_of: dict) -> None:
    """Add a figure function's {key: figures} to ``merged``, row by row."""
    for key, values in figures_of.items():
        row = merged.get(key)
        if row is None:
            merged[key] = values
        else:
            row.update(values)


def ordered(merged: dict, labels: dict) -> list:
    """The keys ordered by label (groups of one name by key, so that the order never
    depends on the order the rows were read in), the ungrouped row (key None) last.
    ``labels`` gets "—" for a key it has no name for."""
    keys = [key for key in merged if key is not None]
    for key in keys:
        if key not in labels:
            labels[key] = "—"
    keys.sort(key=lambda key: (labels[key], str(key)))
    return [*keys, None] if None in merged else keys


@contextmanager
def _collection_paused():
    """No cyclic garbage collection while tens of thousands of acyclic rows are built: each
    full collection walks every object of the process (a third of the time of a table
    grouped by village went there)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def merged_figures(
    filters: StatisticsFilter, group_by: str | None = None, figures=None, **options
) -> dict[object, dict]:
    """{group key: {figure: value}} of the figures asked for (default: all that support the
    grouping), unlabelled: what ``statistics_table`` labels and orders."""
    with _collection_paused():
        return _merged(filters, group_by, figures, options)


def table_rows(merged: dict, labels: dict) -> list[dict]:
    """``statistics_table``'s rows of merged figures and their groups' names."""
    with _collection_paused():
        labels = {key: str(label) for key, label in labels.items()}
        return [
            {"key": key, "label": labels.get(key, "—"), **merged[key]}
            for key in ordered(merged, labels)
        ]


def answer_rows(merged: dict, labels: dict) -> list[dict]:
    """``statistics_answer``'s rows of merged figures and their groups' names."""
    with _collection_paused():
        labels = {key: str(label) for key, label in labels.items()}
        return [
            {
                "key": None if key is None else str(key),
                "label": labels.get(key, "—"),
                "figures": merged[key],
            }
            for key in ordered(merged, labels)
        ]


def statistics_table(
    filters: StatisticsFilter, group_by: str | None = None, figures=None, **options
) -> list[dict]:
    """One row per group: {"key", "label", figure: value …}, ordered by label.

    ``figures`` picks figure functions by name (default: all that support the
    grouping — coverage only groups by town). ``options`` go to the figures that take
    them: ``on``, the day every figure is as of (default today: docs/DOMAIN.md
    "Statistics", ``reports.statistics.as_of``).
    """
    merged = merged_figures(filters, group_by, figures, **options)
    return table_rows(merged, group_labels(group_by, merged))


def statistics_answer(
    filters: StatisticsFilter, group_by: str | None = None, figures=None, **options
) -> list[dict]:
    """``statistics_table`` as the API answers it, built straight from the figures' rows:
    [{"key": str or None, "label": str, "figures": {figure: value}}]."""
    merged = merged_figures(filters, group_by, figures, **options)
    return answer_rows(merged, group_labels(group_by, merged))


def figure_names(group_by: str | None, figures=None) -> list[str]:
    """The figure functions a table runs: those asked for, else all that support the
    grouping (coverage groups only by town and round)."""
    return (
        list(figures)
        if figures
        else [
            name
            for name in FIGURES
            if not (name == "coverage" and group_by not in COVERAGE_GROUPINGS)
        ]
    )


__all__ = [
    "COVERAGE_GROUPINGS",
    "FIGURES",
    "FIGURE_ROWS",
    "GROUPINGS",
    "StatisticsFilter",
    "accountability",
    "activities",
    "answer_rows",
    "clue_persons",
    "clue_pipeline",
    "clues",
    "coverage",
    "department_matters",
    "figure_names",
    "first_form",
    "group_labels",
    "immediate_orders",
    "interviews",
    "look_back",
    "merge_into",
    "merged_figures",
    "ordered",
    "organisations",
    "petitions",
    "problems",
    "rate",
    "rectification",
    "statistics_answer",
    "statistics_filter_for",
    "statistics_table",
    "table_rows",
    "thematic_reports",
]
