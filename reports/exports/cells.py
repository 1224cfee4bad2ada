"""Writing the workbooks with XlsxWriter in constant_memory mode: a row at a time, each
row written to disk as the next one starts (issue 23: faster than openpyxl's write-only
sheets on the same rows and styles, docs/PERFORMANCE.md).

A sheet is declared as ``Column``s (Chinese header, width, kind); rows are plain tuples
that ``SheetWriter.append`` writes as cells. What every cell gets right here, once:

- text starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is
  stored as a string cell with Excel's "quote prefix" (the hidden apostrophe a user
  types before a formula-looking text): Excel and LibreOffice show the text exactly,
  nothing is evaluated, and editing the cell keeps it text;
- characters that XML cannot carry (control characters) are dropped, not fatal;
- datetimes are written as naive Shanghai local time;
- numbers, money, rates and dates carry a number format;
- every cell of the table is bordered (an empty one too) and text wraps in its column.

A ``Book`` registers each cell format once (XlsxWriter formats belong to the workbook);
a sheet's columns look theirs up before the first row, so a cell is one call with its
format given.
"""

import datetime
import re
import tempfile
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import xlsxwriter

SHANGHAI = ZoneInfo("Asia/Shanghai")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 cannot carry (tab, line feed and carriage return it can).
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

FORMATS = {
    "int": "#,##0",
    "money": "#,##0.00",
    "rate": "0.0%",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}
TEXT_KINDS = ("text", "long")
BOX = {"border": 1, "border_color": "#000000"}
MIDDLE = {"valign": "vcenter"}
WRAP = {"valign": "vcenter", "text_wrap": True}
HEADER = {**BOX, "bold": True, "bg_color": "#DDEBF7", "align": "center", **WRAP}
TITLE = {"bold": True, "font_size": 16, "align": "center", **WRAP}
TOTAL = {"bold": True, "bg_color": "#F2F2F2"}
# The height (points) of the title row and of the 填报 line; of a line of wrapped text.
TITLE_HEIGHT, LINE_HEIGHT = 36, 22
TEXT_LINE_HEIGHT, ROW_PADDING = 14.5, 4
# CJK and full-width forms (from U+2E80) take two width units; the runs of other characters.
NARROW_RUNS = re.compile("[\x00-\u2e7f]+")


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
    if value.isprintable():  # no control character (nor a line break: the slow way)
        return value
    return ILLEGAL_CHARACTERS.sub("", value)


def needs_escape(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def text_width(text: str) -> float:
    """The width ``text`` takes on one line, in Excel's units: two for a CJK or full-width
    character, 1.1 for another (counted by the regular expression engine, not a character
    at a time in Python: a ledger row's texts run to hundreds of characters)."""
    if text.isascii():
        return 1.1 * len(text)
    narrow = len(text) - len(NARROW_RUNS.sub("", text))
    return 2 * len(text) - 0.9 * narrow


def lines_of(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide (a Chinese
    character takes two units, another one): a row's height is set from it, since
    neither Excel nor LibreOffice fits a streamed row to its wrapped text when opened."""
    room = max(width - 1, 2)
    if "\n" not in text:
        if 2 * len(text) <= room:  # one line even were every character wide
            return 1
        return max(1, -int(-text_width(text) // room))
    lines = 0
    for part in text.split("\n"):
        lines += max(1, -int(-text_width(part) // room))
    return lines


def row_height(lines: int) -> float:
    return lines * TEXT_LINE_HEIGHT + ROW_PADDING


class Book:
    """An .xlsx written to ``path`` row by row (XlsxWriter, ``constant_memory``: a sheet
    keeps one row in memory; its written rows wait in a temporary file until ``close``).

    Use it as a context manager: the file is written when the block ends without an
    error; the temporary files go in any case."""

    def __init__(self, path):
        self._scratch = tempfile.TemporaryDirectory(prefix="xlsx-")
        self.workbook = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "tmpdir": self._scratch.name,
                # Text is text: every string is written with write_string, never read as
                # a formula, a number or a link.
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self._formats: dict[tuple, object] = {}

    def format(self, **properties):
        """The workbook's format of ``properties`` (registered once)."""
        key = tuple(sorted(properties.items()))
        found = self._formats.get(key)
        if found is None:
            found = self._formats[key] = self.workbook.add_format(properties)
        return found

    def cell_format(self, kind: str, *, escaped: bool = False, total: bool = False):
        """The format of a table's cell of ``kind`` (bordered; text wrapped; numbers and
        dates in their number format; ``escaped``: text behind a quote prefix; ``total``:
        a totals row's, bold on grey)."""
        properties = {**BOX, **(WRAP if kind in TEXT_KINDS else MIDDLE)}
        if kind in FORMATS:
            properties["num_format"] = FORMATS[kind]
        if escaped:
            properties["quote_prefix"] = True
        if total:
            properties.update(TOTAL)
        return self.format(**properties)

    def __enter__(self):
        return self

    def __exit__(self, error_type, error, traceback) -> None:
        try:
            if error_type is None:
                self.workbook.close()
        finally:
            self._scratch.cleanup()
