"""One sheet of a workbook laid out as an official table (``official.Heading`` above a
header of one or two rows; bordered, wrapped cells; frozen below the header; a filter on
the header; printed A4 landscape fitted to the width, the header repeated), written a
row at a time into a ``cells.Book``.

XlsxWriter's constant_memory mode writes a row out when the next one starts, so
everything about a row is decided before the next: its height (from its longest wrapped
text), and a merged range, which is registered while its first row is being written.
Rows are counted from 0 here, as XlsxWriter counts them.
"""

import datetime
from decimal import Decimal

from reports.exports.cells import (
    FORMATS,
    FORMULA_TRIGGERS,
    HEADER,
    LINE_HEIGHT,
    MIDDLE,
    TEXT_KINDS,
    TITLE,
    TITLE_HEIGHT,
    WRAP,
    Book,
    Column,
    clean_text,
    lines_of,
    row_height,
    shanghai_naive,
    text_width,
)
from reports.exports.official import Heading, print_setup

MAX_ROWS = 1_048_576  # a sheet's rows in Excel (XlsxWriter leaves out any beyond)


class _Formats:
    """The formats a column's cells take: of its kind, and of text (plain or behind a
    quote prefix), looked up once per sheet."""

    __slots__ = ("escaped", "plain", "text", "width")

    def __init__(self, book: Book, column: Column, *, total: bool = False):
        kind = column.kind if column.kind in FORMATS or column.kind in TEXT_KINDS else "text"
        text_kind = "long" if kind == "long" else "text"
        self.plain = book.cell_format(kind, total=total)
        self.text = book.cell_format(text_kind, total=total)
        self.escaped = book.cell_format(text_kind, escaped=True, total=total)
        self.width = column.width


class SheetWriter:
    """Widths, the frozen pane, the page setup, the heading and the header are written
    when the sheet is made; the filter and the print area by ``finish``, once the last
    row is known."""

    def __init__(
        self,
        book: Book,
        title: str,
        columns: list[Column],
        heading: Heading | None = None,
        *,
        print_columns: int | None = None,
    ):
        self.book = book
        self.sheet = book.workbook.add_worksheet(title)
        self.columns = columns
        self.print_columns = print_columns
        self.rows = 0
        self._filter_rows: int | None = None
        self._formats = [_Formats(book, column) for column in columns]
        self._sized: int | None = None
        for index, column in enumerate(columns):
            self.sheet.set_column(index, index, column.width)
        two_levels = any(column.group for column in columns)
        self.header_top = 2 if heading else 0
        self.header_bottom = self.header_top + two_levels
        self.sheet.freeze_panes(self.header_bottom + 1, 0)
        print_setup(
            self.sheet,
            classification=heading.classification if heading else "",
            header_rows=(self.header_top, self.header_bottom),
        )
        if heading:
            self._write_heading(heading)
        self._write_header(two_levels)

    def _merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        """Register a merged range; its cells are written as any other. With no value and
        no format ``merge_range`` writes nothing (XlsxWriter skips a blank cell without a
        format), so a range over two rows can be merged while its first row is written."""
        if (first_row, first_col) != (last_row, last_col):
            self.sheet.merge_range(first_row, first_col, last_row, last_col, None)

    def _write(self, row: int, col: int, text: str | None, cell_format) -> None:
        if text:
            self.sheet.write_string(row, col, text, cell_format)
        else:
            self.sheet.write_blank(row, col, None, cell_format)

    def _write_across(self, row: int, first: int, last: int, text: str, cell_format) -> None:
        self._merge(row, first, row, last)
        for col in range(first, last + 1):
            self._write(row, col, text if col == first else None, cell_format)

    def _write_heading(self, heading: Heading) -> None:
        """The title across the printed table, then the 填报 line: 填报单位 … on the left,
        over as many columns as it needs, the dates and the 密级 on the right; on a table
        too narrow for both side by side, one cell holding both, wrapped."""
        width = min(self.print_columns or len(self.columns), len(self.columns))
        book = self.book
        self.sheet.set_row(0, TITLE_HEIGHT)
        self._write_across(0, 0, width - 1, heading.title, book.format(**TITLE))
        split = self._split(heading.filled_by, width)
        if split is None:
            whole = f"{heading.filled_by}　　{heading.dated}"
            total = sum(column.width for column in self.columns[:width])
            self.sheet.set_row(1, max(LINE_HEIGHT, row_height(lines_of(whole, total))))
            self._write_across(1, 0, width - 1, whole, book.format(align="left", **WRAP))
            return
        self.sheet.set_row(1, LINE_HEIGHT)
        left, right = book.format(align="left", **MIDDLE), book.format(align="right", **MIDDLE)
        self._write_across(1, 0, split - 1, heading.filled_by, left)
        self._write_across(1, split, width - 1, heading.dated, right)

    def _split(self, text: str, width: int) -> int | None:
        """How many of the first ``width`` columns the 填报 line's left part takes: their
        widths hold ``text`` by then, and leave the rest at least a third; None if they
        cannot."""
        needed = text_width(text)
        widths = [column.width for column in self.columns[:width]]
        used = 0.0
        for index, column_width in enumerate(widths[:-1], start=1):
            used += column_width
            if used >= needed + 2:
                return index if sum(widths[index:]) >= sum(widths) / 3 else None
        return None

    def _write_header(self, two_levels: bool) -> None:
        """One header row; or two, the groups above their columns and a column of no group
        spanning both (every cell of a merged range bordered, as Excel draws them)."""
        top, bottom = self.header_top, self.header_bottom
        header = self.book.format(**HEADER)
        columns = self.columns
        if not two_levels:
            self.sheet.set_row(top, row_height(max(lines_of(c.header, c.width) for c in columns)))
            for index, column in enumerate(columns):
                self._write(top, index, column.header, header)
            return
        self.sheet.set_row(top, row_height(1))
        grouped = [column for column in columns if column.group]
        self.sheet.set_row(bottom, row_height(max(lines_of(c.header, c.width) for c in grouped)))
        upper, lower = [], []
        for index, column in enumerate(columns):
            if not column.group:
                self._merge(top, index, bottom, index)
                upper.append(column.header)
                lower.append(None)
                continue
            starts = index == 0 or columns[index - 1].group != column.group
            if starts:
                end = index
                while end + 1 < len(columns) and columns[end + 1].group == column.group:
                    end += 1
                self._merge(top, index, top, end)
            upper.append(column.group if starts else None)
            lower.append(column.header)
        for row, texts in ((top, upper), (bottom, lower)):
            for index, text in enumerate(texts):
                self._write(row, index, text, header)

    def _write_row(self, values, formats: list[_Formats]) -> None:
        """One row of the table, as tall as its longest text wraps to. The height of the
        row before it is forgotten once that row is written: XlsxWriter keeps every
        row's ``set_row`` for the sheet's life (123 MB for 361,000 rows)."""
        sheet = self.sheet
        row = self.header_bottom + 1 + self.rows
        if row >= MAX_ROWS:
            raise ValueError(f"more rows than a sheet holds ({MAX_ROWS:,})")
        write_string, write_blank = sheet.write_string, sheet.write_blank
        lines = 1
        for col, (value, kind) in enumerate(zip(values, formats, strict=True)):
            if value is None or value == "":
                write_blank(row, col, None, kind.plain)
            elif value.__class__ is str:
                value = clean_text(value)
                if value.startswith(FORMULA_TRIGGERS):
                    write_string(row, col, value, kind.escaped)
                else:
                    write_string(row, col, value, kind.text)
                lines = max(lines, lines_of(value, kind.width))
            else:
                self._write_value(row, col, value, kind)
        if self._sized is not None:
            sheet.row_info.pop(self._sized, None)
            sheet.row_sizes.pop(self._sized, None)
            self._sized = None
        if lines > 1:
            sheet.set_row(row, row_height(lines))
            self._sized = row
        self.rows += 1

    def _write_value(self, row: int, col: int, value, kind: _Formats) -> None:
        """A cell of anything but text (a value of another type is written as its text)."""
        if isinstance(value, datetime.datetime):
            self.sheet.write_datetime(row, col, shanghai_naive(value), kind.plain)
        elif isinstance(value, datetime.date):
            self.sheet.write_datetime(row, col, value, kind.plain)
        elif isinstance(value, bool):
            self.sheet.write_boolean(row, col, value, kind.plain)
        elif isinstance(value, Decimal):
            self.sheet.write_number(row, col, float(value), kind.plain)
        elif isinstance(value, int | float):
            self.sheet.write_number(row, col, value, kind.plain)
        else:
            self.sheet.write_string(row, col, clean_text(str(value)), kind.text)

    def append(self, values) -> None:
        self._write_row(values, self._formats)

    def append_total(self, values) -> None:
        """A bold totals row, after the data and outside the filter range."""
        self._filter_rows = self.rows
        self._write_row(values, [_Formats(self.book, c, total=True) for c in self.columns])

    def finish(self) -> None:
        """The filter on the header row over the data rows (not a totals row), and the
        print area where only some columns print."""
        rows = self.rows if self._filter_rows is None else self._filter_rows
        bottom = self.header_bottom
        self.sheet.autofilter(bottom, 0, bottom + rows, len(self.columns) - 1)
        if self.print_columns is not None and self.print_columns < len(self.columns):
            self.sheet.print_area(0, 0, bottom + self.rows, self.print_columns - 1)
