"""Writing one sheet of the workbook in openpyxl's write-only mode: a row at a time.

A sheet is declared as ``Column``s (Chinese header, width, kind); rows are plain tuples
that ``SheetWriter.append`` turns into cells. What every cell gets right here, once:

- text starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is
  stored as a string cell with Excel's "quote prefix" (the hidden apostrophe a user
  types before a formula-looking text): Excel and LibreOffice show the text exactly,
  nothing is evaluated, and editing the cell keeps it text;
- characters that XML cannot carry (control characters) are dropped, not fatal;
- datetimes are written as naive Shanghai local time (openpyxl refuses aware ones);
- numbers, money, rates and dates carry a number format.

The styles are registered with the workbook once per sheet (``SheetWriter`` keeps the
style of each kind of cell); a styled cell is made with its style given, not by setting
the style's parts on every cell, which cost more than writing the cell (issue 8).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

SHANGHAI = ZoneInfo("Asia/Shanghai")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

FORMATS = {
    "int": "#,##0",
    "money": "#,##0.00",
    "rate": "0.0%",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FONT = Font(bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="A6A6A6")
HEADER_BORDER = Border(bottom=THIN)
CENTRED_WRAP = Alignment(horizontal="center", vertical="center", wrap_text=True)
TOP_WRAP = Alignment(vertical="top", wrap_text=True)


class _Cell(Cell):
    """A styled cell handed to a write-only sheet. openpyxl's ``append`` first tries each
    value as a plain value and, for a cell, fails with a message that formats the cell's
    ``repr``: a short one saves that work on every styled cell."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<cell>"


@dataclass(frozen=True)
class Column:
    """One column: its header, its width (in characters) and what it holds.

    ``kind`` is one of ``text`` (short), ``long`` (wrapped text), ``int``, ``money``,
    ``rate`` (a fraction shown as a percentage), ``date`` and ``datetime``.
    """

    header: str
    width: float = 12
    kind: str = "text"


def shanghai_naive(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime as Shanghai wall-clock time, without tzinfo (what Excel stores)."""
    if value.tzinfo is not None:
        value = value.astimezone(SHANGHAI)
    return value.replace(tzinfo=None)


def clean_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def needs_escape(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


class SheetWriter:
    """A write-only worksheet with a styled, frozen, filterable header row.

    Widths, the frozen pane and print titles must be set before the first row in
    write-only mode; the auto-filter is set at ``close`` when the last row is known.
    """

    def __init__(self, workbook, title: str, columns: list[Column]):
        self.sheet = workbook.create_sheet(title)
        self.columns = columns
        self.rows = 0
        self._escaped = self._style(quotePrefix=True)
        self._wrapped = self._style(alignment=TOP_WRAP)
        self._wrapped_escaped = self._style(alignment=TOP_WRAP, quotePrefix=True)
        self._formats = {kind: self._style(number_format=fmt) for kind, fmt in FORMATS.items()}
        self._reused: dict[tuple[int, int], Cell] = {}
        for index, column in enumerate(columns, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = column.width
        self.sheet.freeze_panes = "A2"
        self.sheet.print_title_rows = "1:1"
        self.sheet.append([self._header(column.header) for column in columns])

    def _style(self, **parts) -> StyleArray:
        """The style of a cell with ``parts`` (registered with the workbook once)."""
        cell = WriteOnlyCell(self.sheet)
        for name, value in parts.items():
            setattr(cell, name, value)
        return cell._style

    def _styled(self, value, style: StyleArray, column: Column, fresh: bool) -> Cell:
        """A styled cell holding ``value``. One cell object per column and style serves
        every row (write-only sheets write a row as it is appended), unless ``fresh``:
        making a cell for every value was a tenth of a ledger's time."""
        if fresh:
            return _Cell(self.sheet, row=1, column=1, value=value, style_array=style)
        key = (id(column), id(style))
        cell = self._reused.get(key)
        if cell is None:
            cell = self._reused[key] = _Cell(self.sheet, row=1, column=1, style_array=style)
        cell.value = value
        return cell

    def _header(self, text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, text)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = CENTRED_WRAP
        return cell

    def cell(self, value, column: Column, *, fresh: bool = False) -> Cell | object:
        """The cell for ``value`` in ``column`` (a bare value where no style is needed);
        ``fresh``: a cell object of its own, which the caller may style further."""
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            value = shanghai_naive(value)
        elif isinstance(value, Decimal):
            value = float(value)
        if isinstance(value, str):
            value = clean_text(value)
            escape = needs_escape(value)
            long = column.kind == "long"
            if not escape:
                return self._styled(value, self._wrapped, column, fresh) if long else value
            style = self._wrapped_escaped if long else self._escaped
            cell = self._styled(value, style, column, fresh)
            cell.data_type = "s"  # openpyxl would make "=…" a formula
            return cell
        style = self._formats.get(column.kind)
        if style is None:
            return value
        return self._styled(value, style, column, fresh)

    def append(self, values) -> None:
        self.sheet.append(
            [self.cell(value, column) for value, column in zip(values, self.columns, strict=True)]
        )
        self.rows += 1

    def append_total(self, values) -> None:
        """A bold totals row, after the data and outside the filter range."""
        self.close_filter()
        cells = []
        for value, column in zip(values, self.columns, strict=True):
            cell = self.cell(value, column, fresh=True)
            if not isinstance(cell, Cell):
                cell = WriteOnlyCell(self.sheet, cell)
            cell.font = TOTAL_FONT
            cell.fill = TOTAL_FILL
            cells.append(cell)
        self.sheet.append(cells)

    def close_filter(self) -> None:
        if not self.sheet.auto_filter.ref:
            last = get_column_letter(len(self.columns))
            self.sheet.auto_filter.ref = f"A1:{last}{self.rows + 1}"
