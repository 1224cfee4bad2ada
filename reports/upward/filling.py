"""Filling a template for a period: each mapped cell's figure, and the records behind it.

Cells of one group (the county, a town, a round) share one filter: the period's dates
(or its round) narrowed to the group. Each figure function runs once per group, as of
the period's day; its base rows (``reports.statistics.FIGURE_ROWS``, the rows the
function counts) give the ids of the records behind every figure it answers.
"""

import datetime
import io
from decimal import Decimal

from reports.statistics import FIGURE_ROWS, FIGURES
from reports.upward.mapping import MAPPING_SHEET, MappedCell, figure_functions, open_workbook
from reports.upward.periods import Period


def _json_value(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


def figures_for(
    cells: list[MappedCell], period: Period, on: datetime.date, *, with_ids: bool = False
) -> dict[str, dict]:
    """{cell key: {"figure", "group", "sheet", "cell", "value"[, "ids"]}} for ``period``
    as of ``on``; ``ids`` the sorted ids of the records the figure's function counted
    (None for a function whose rows are not declared)."""
    functions = figure_functions()
    answers: dict[tuple, dict] = {}
    ids: dict[tuple, list | None] = {}
    result = {}
    for cell in cells:
        group = (cell.town_id, cell.round_id)
        function_name = functions[cell.figure]
        key = (group, function_name)
        filters = period.statistics_filter(town_id=cell.town_id, round_id=cell.round_id)
        if key not in answers:
            rows = FIGURES[function_name](filters, None, on=on)
            answers[key] = rows.get(None, {})
        entry = {
            "figure": cell.figure,
            "group": cell.group,
            "sheet": cell.sheet,
            "cell": cell.cell,
            "value": _json_value(answers[key].get(cell.figure)),
        }
        if with_ids:
            if key not in ids:
                rows_of = FIGURE_ROWS.get(function_name)
                ids[key] = (
                    None
                    if rows_of is None
                    else sorted(set(rows_of(filters, on).order_by().values_list("id", flat=True)))
                )
            entry["ids"] = ids[key]
        result[cell.key] = entry
    return result


def _cell_value(value):
    if isinstance(value, str):
        try:
            return Decimal(value)  # a sum of money, kept exact
        except ArithmeticError:
            return value
    return value


def filled_workbook(
    template_content: bytes, figures: dict[str, dict], texts: dict[str, str] | None = None
) -> bytes:
    """The template with each mapped cell's value written in, each placeholder of
    ``texts`` ({期间}, {统计截止日期}, {填报单位}) replaced in its text cells, its mapping
    sheet (and the names pointing at it) removed."""
    workbook = open_workbook(template_content)
    if texts:
        _replace_placeholders(workbook, texts)
    for entry in figures.values():
        workbook[entry["sheet"]][entry["cell"]].value = _cell_value(entry["value"])
    if MAPPING_SHEET in workbook.sheetnames:
        for name, defined in list(workbook.defined_names.items()):
            if any(sheet == MAPPING_SHEET for sheet, _ in defined.destinations):
                del workbook.defined_names[name]
        workbook.remove(workbook[MAPPING_SHEET])
    workbook.active = 0
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def placeholders(period: Period, on: datetime.date, unit: str = "") -> dict[str, str]:
    """The texts a template may ask for in its own cells."""
    return {"{期间}": period.label, "{统计截止日期}": f"{on:%Y-%m-%d}", "{填报单位}": unit}


def _replace_placeholders(workbook, texts: dict[str, str]) -> None:
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "{" in cell.value:
                    text = cell.value
                    for placeholder, value in texts.items():
                        text = text.replace(placeholder, value)
                    cell.value = text
