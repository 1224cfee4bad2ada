"""Reading a workbook's official sheet back: its leaf headers and its rows.

An official sheet (reports.exports.official) has its title and 填报 line above the
header, and a header of one or two rows; the pane is frozen below the header, so the
rows start at the frozen row. A column of no group spans both header rows (its header is
in the upper one); a column of a group has its own header in the lower one.
"""


def first_row(sheet) -> int:
    """The number of the sheet's first data row (the frozen pane's row)."""
    return int(sheet.freeze_panes.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def headers_of(sheet) -> list:
    rows = list(sheet.iter_rows(max_row=first_row(sheet) - 1, values_only=True))
    header_rows = rows[2:] if len(rows) > 2 else rows  # below the title and 填报 line
    upper, lower = header_rows[0], header_rows[-1]
    return [low if low is not None else up for up, low in zip(upper, lower, strict=True)]


def header_and_rows(sheet) -> tuple[list, list[tuple]]:
    rows = list(sheet.iter_rows(min_row=first_row(sheet), values_only=True))
    return headers_of(sheet), rows


def dict_rows(sheet) -> list[dict]:
    headers, rows = header_and_rows(sheet)
    return [dict(zip(headers, row, strict=True)) for row in rows]


def data_rows(sheet) -> int:
    """How many rows below the header (a totals row included)."""
    return sheet.max_row - first_row(sheet) + 1
