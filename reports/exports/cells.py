"""Writing one sheet of the workbook in openpyxl's write-only mode: a row at a time.

A sheet is declared as ``Column``s (Chinese header, width, kind); rows are plain tuples
that ``SheetWriter.append`` turns into cells. What every cell gets right here, once:

- text starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is
  stored as a string cell with Excel's "quote prefix" (the hidden apostrophe a user
  types before a formula-looking text): Excel and LibreOffice show the text exactly,
  nothing is evaluated, and editing the cell keeps it text;
- characters that XML cannot carry (control characters) are dropped, not fatal;
- datetimes are written as naive Shanghai local time (openpyxl refuses aware ones);
- numbers, money, rates and dates carry a number format;
- every cell of the table is bordered (an empty one too) and text wraps in its column.

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

from reports.exports.official import Heading, print_setup

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
TITLE_FONT = Font(bold=True, size=16)
TOTAL_FONT = Font(bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRED_WRAP = Alignment(horizontal="center", vertical="center", wrap_text=True)
MIDDLE_WRAP = Alignment(vertical="center", wrap_text=True)
MIDDLE = Alignment(vertical="center")
LEFT = Alignment(horizontal="left", vertical="center")
RIGHT = Alignment(horizontal="right", vertical="center")
# The height (points) of the title row and of the 填报 line; of a line of wrapped text.
TITLE_HEIGHT, LINE_HEIGHT = 36, 22
TEXT_LINE_HEIGHT, ROW_PADDING = 14.5, 4
WIDE_FROM = 0x2E80  # CJK and full-width forms: a character is two width units
TEXT_KINDS = ("text", "long")


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

    ``kind`` is one of ``text`` (short), ``long`` (long text), ``int``, ``money``,
    ``rate`` (a fraction shown as a percentage), ``date`` and ``datetime``. Widths are
    in Excel's units: a Chinese character takes about two. Text wraps within its width.
    """

    header: str
    width: float = 12
    kind: str = "text"
    # The upper header of a two-level header: consecutive columns of one group share it
    # ("整改" over 台账 / 已销号 / 完成率); a column of no group spans both header rows.
    group: str = ""


def shanghai_naive(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime as Shanghai wall-clock time, without tzinfo (what Excel stores)."""
    if value.tzinfo is not None:
        value = value.astimezone(SHANGHAI)
    return value.replace(tzinfo=None)


def clean_text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def needs_escape(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def text_width(text: str) -> float:
    """The width ``text`` takes on one line, in Excel's units."""
    return sum(2 if ord(char) >= WIDE_FROM else 1.1 for char in text)


def lines_of(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide (a Chinese
    character takes two units, another one): a row's height is set from it, since
    neither Excel nor LibreOffice fits a streamed row to its wrapped text when opened."""
    room = max(width - 1, 2)
    lines = 0
    for part in text.split("\n"):
        lines += max(1, -int(-text_width(part) // room))
    return lines


def row_height(lines: int) -> float:
    return lines * TEXT_LINE_HEIGHT + ROW_PADDING


class SheetWriter:
    """A write-only worksheet laid out as an official table (``official.Heading`` above
    a header of one or two rows; bordered, wrapped cells; frozen below the header; a
    filter on the header; printed A4 landscape fitted to the width, the header repeated).

    Widths, the frozen pane, the page setup and the print titles must be set before the
    first row in write-only mode; the filter and the print area are set by ``finish``,
    once the last row is known.
    """

    def __init__(
        self,
        workbook,
        title: str,
        columns: list[Column],
        heading: Heading | None = None,
        *,
        print_columns: int | None = None,
    ):
        self.sheet = workbook.create_sheet(title)
        self.columns = columns
        self.print_columns = print_columns
        self.rows = 0
        self._filter_rows: int | None = None
        self._styles = {
            (kind, escaped): self._style(
                border=BOX,
                alignment=MIDDLE_WRAP if kind in TEXT_KINDS else MIDDLE,
                number_format=FORMATS.get(kind, "General"),
                quotePrefix=escaped,
            )
            for kind in (*TEXT_KINDS, *FORMATS)
            for escaped in (False, True)
        }
        self._reused: dict[tuple[int, int], Cell] = {}
        for index, column in enumerate(columns, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = column.width
        two_levels = any(column.group for column in columns)
        self.header_top = 3 if heading else 1
        self.header_bottom = self.header_top + two_levels
        self.sheet.freeze_panes = f"A{self.header_bottom + 1}"
        print_setup(
            self.sheet,
            classification=heading.classification if heading else "",
            header_rows=f"{self.header_top}:{self.header_bottom}",
        )
        if heading:
            self._write_heading(heading)
        self._write_header(two_levels)

    @property
    def last_column(self) -> str:
        return get_column_letter(len(self.columns))

    def _style(self, **parts) -> StyleArray:
        """The style of a cell with ``parts`` (registered with the workbook once)."""
        cell = WriteOnlyCell(self.sheet)
        for name, value in parts.items():
            setattr(cell, name, value)
        return cell._style

    def _merge(self, first: str, last: str) -> None:
        if first != last:
            self.sheet.merged_cells.add(f"{first}:{last}")

    def _write_heading(self, heading: Heading) -> None:
        """The title across the printed table, then the 填报 line: 填报单位 … on the left,
        over as many columns as it needs, the dates and the 密级 on the right; on a table
        too narrow for both side by side, one cell holding both, wrapped."""
        width = min(self.print_columns or len(self.columns), len(self.columns))
        last = get_column_letter(width)
        title = WriteOnlyCell(self.sheet, heading.title)
        title.font, title.alignment = TITLE_FONT, CENTRED_WRAP
        self.sheet.row_dimensions[1].height = TITLE_HEIGHT
        self.sheet.append([title])
        self._merge("A1", f"{last}1")
        split = self._split(heading.filled_by, width)
        if split is None:
            whole = f"{heading.filled_by}　　{heading.dated}"
            line = WriteOnlyCell(self.sheet, whole)
            line.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
            total = sum(column.width for column in self.columns[:width])
            self.sheet.row_dimensions[2].height = max(
                LINE_HEIGHT, row_height(lines_of(whole, total))
            )
            self.sheet.append([line])
            self._merge("A2", f"{last}2")
            return
        left = WriteOnlyCell(self.sheet, heading.filled_by)
        left.alignment = LEFT
        right = WriteOnlyCell(self.sheet, heading.dated)
        right.alignment = RIGHT
        self.sheet.row_dimensions[2].height = LINE_HEIGHT
        self.sheet.append([left, *[None] * (split - 1), right])
        self._merge("A2", f"{get_column_letter(split)}2")
        self._merge(f"{get_column_letter(split + 1)}2", f"{last}2")

    def _split(self, text: str, width: int) -> int | None:
        """The last column of the 填报 line's left part: the first ``width`` columns' widths
        hold ``text`` by then, and leave the rest at least a third; None if they cannot."""
        needed = text_width(text)
        widths = [column.width for column in self.columns[:width]]
        used = 0.0
        for index, column_width in enumerate(widths[:-1], start=1):
            used += column_width
            if used >= needed + 2:
                return index if sum(widths[index:]) >= sum(widths) / 3 else None
        return None

    def _header_cell(self, text: str | None) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, text)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = CENTRED_WRAP
        return cell

    def _write_header(self, two_levels: bool) -> None:
        """One header row; or two, the groups above their columns and a column of no group
        spanning both (every cell of a merged range bordered, as Excel draws them)."""
        top, bottom = self.header_top, self.header_bottom
        leaves = max(lines_of(column.header, column.width) for column in self.columns)
        if not two_levels:
            self.sheet.row_dimensions[top].height = row_height(leaves)
            self.sheet.append([self._header_cell(column.header) for column in self.columns])
            return
        self.sheet.row_dimensions[top].height = row_height(1)
        grouped = [column for column in self.columns if column.group]
        self.sheet.row_dimensions[bottom].height = row_height(
            max(lines_of(column.header, column.width) for column in grouped)
        )
        upper, lower = [], []
        for index, column in enumerate(self.columns):
            letter = get_column_letter(index + 1)
            if not column.group:
                upper.append(self._header_cell(column.header))
                lower.append(self._header_cell(None))
                self._merge(f"{letter}{top}", f"{letter}{bottom}")
                continue
            starts = index == 0 or self.columns[index - 1].group != column.group
            upper.append(self._header_cell(column.group if starts else None))
            lower.append(self._header_cell(column.header))
            if starts:
                end = index
                while end + 1 < len(self.columns) and self.columns[end + 1].group == column.group:
                    end += 1
                self._merge(f"{letter}{top}", f"{get_column_letter(end + 1)}{top}")
        self.sheet.append(upper)
        self.sheet.append(lower)

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

    def cell(self, value, column: Column, *, fresh: bool = False) -> Cell:
        """The bordered cell for ``value`` in ``column`` (an empty one for no value);
        ``fresh``: a cell object of its own, which the caller may style further."""
        kind = column.kind if column.kind in FORMATS or column.kind in TEXT_KINDS else "text"
        if value is None or value == "":
            return self._styled(None, self._styles[kind, False], column, fresh)
        if isinstance(value, datetime.datetime):
            value = shanghai_naive(value)
        elif isinstance(value, Decimal):
            value = float(value)
        if not isinstance(value, str):
            return self._styled(value, self._styles[kind, False], column, fresh)
        value = clean_text(value)
        escape = needs_escape(value)
        style = self._styles["long" if kind == "long" else "text", escape]
        cell = self._styled(value, style, column, fresh)
        if escape:
            cell.data_type = "s"  # openpyxl would make "=…" a formula
        return cell

    def _append_sized(self, cells: list, values) -> None:
        """Append a row as tall as its longest text wraps to (the height is set just
        before the row streams out and dropped after: nothing kept per row)."""
        lines = max(
            (
                lines_of(value, column.width)
                for value, column in zip(values, self.columns, strict=True)
                if isinstance(value, str) and value
            ),
            default=1,
        )
        index = self.header_bottom + self.rows + 1
        if lines > 1:
            self.sheet.row_dimensions[index].height = row_height(lines)
        self.sheet.append(cells)
        self.sheet.row_dimensions.pop(index, None)
        self.rows += 1

    def append(self, values) -> None:
        self._append_sized(
            [self.cell(value, column) for value, column in zip(values, self.columns, strict=True)],
            values,
        )

    def append_total(self, values) -> None:
        """A bold totals row, after the data and outside the filter range."""
        self._filter_rows = self.rows
        cells = []
        for value, column in zip(values, self.columns, strict=True):
            cell = self.cell(value, column, fresh=True)
            cell.font = TOTAL_FONT
            cell.fill = TOTAL_FILL
            cells.append(cell)
        self._append_sized(cells, values)

    def finish(self) -> None:
        """The filter on the header row over the data rows (not a totals row), and the
        print area where only some columns print."""
        rows = self.rows if self._filter_rows is None else self._filter_rows
        bottom = self.header_bottom
        self.sheet.auto_filter.ref = f"A{bottom}:{self.last_column}{bottom + rows}"
        if self.print_columns is not None and self.print_columns < len(self.columns):
            last = get_column_letter(self.print_columns)
            self.sheet.print_area = f"A1:{last}{bottom + self.rows}"
