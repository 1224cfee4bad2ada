"""Reading an .xlsx or .csv file into a ``Table`` of trimmed text cells; no database."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from inspection.village_import.columns import COLUMNS_BY_HEADER
from inspection.village_import.errors import fail, shown

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 50  # columns read per row; the template has 11
# What an .xlsx may unpack to: 10,000 rows of 50 filled cells stay well below, while a
# "zip bomb" (a few KB of zeros unpacking to gigabytes) is refused before it is parsed.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
EXCEL_MAX_ROWS = 1_048_576  # a sheet claiming rows beyond Excel's own limit is read no further
SHEET_NAME = "村(社区)名册"


@dataclass(frozen=True)
class SourceRow:
    number: int  # as Excel shows it; the header is row 1
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]  # trimmed header cells, "" where a column has no name
    rows: tuple[SourceRow, ...]  # non-empty data rows only

    def index(self, header: str) -> int | None:
        return self.headers.index(header) if header in self.headers else None

    def values(self, header: str) -> Iterator[str]:
        index = self.index(header)
        if index is not None:
            yield from (row.cells[index] for row in self.rows if index < len(row.cells))


def _clean(text: str) -> str:
    return text.strip().strip("\u200b\ufeff").strip()


def _normalize_header(text: str) -> str:
    return _clean(text).replace("（", "(").replace("）", ")")


def _xlsx_text(value: Any) -> str:
    """An xlsx cell as text, numbers exactly as typed (never through float formatting)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        number = Decimal(repr(value))  # the shortest text that reads back as this float
        if number.is_finite() and number == number.to_integral_value():
            return str(int(number))
        return format(number, "f")
    if isinstance(value, ArrayFormula):
        return value.text or "="
    if isinstance(value, DataTableFormula):
        return "=TABLE()"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else str(value)
    return _clean(str(value))


def _unpacked_size(data: bytes) -> int:
    """What the workbook's parts declare they unpack to; the zip reader never yields more."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(member.file_size for member in archive.infolist())
    except Exception as exc:  # a damaged archive fails in many ways (BadZipFile,
        # NotImplementedError for a version byte flipped, struct.error, EOFError …)
        raise fail(_("无法读取该Excel文件，文件可能已损坏。")) from exc


def _xlsx_rows(data: bytes, sheet_name: str) -> Iterator[list[str]]:
    if _unpacked_size(data) > MAX_UNPACKED_BYTES:
        raise fail(
            _(
                "该Excel文件解压后超过%(limit)s MB，"
                "不像是村(社区)名册（可能含有大量空白行、图片或已损坏），"
                "请只保留名册数据另存为 .xlsx 后再导入。"
            )
            % {"limit": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # any failure of the parser on user bytes is the user's file
        raise fail(_("无法读取该Excel文件，请确认是用Excel或WPS保存的 .xlsx 文件。")) from exc
    try:
        names = workbook.sheetnames
        sheet = workbook[sheet_name] if sheet_name in names else workbook.worksheets[0]
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, max_row=EXCEL_MAX_ROWS, values_only=True)
        for values in rows:
            # Blank rows (a sheet may report a million) cost one count, not 50 conversions.
            if values.count(None) == len(values):
                yield []
            else:
                yield [_xlsx_text(value) for value in values]
    except Exception as exc:
        raise fail(_("无法读取该Excel文件，文件可能已损坏。")) from exc
    finally:
        workbook.close()


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(_("该CSV文件是UTF-16编码，请在Excel中另存为“CSV UTF-8(逗号分隔)”后再导入。"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise fail(_("无法识别CSV文件的编码，请另存为“CSV UTF-8(逗号分隔)”或GBK编码的CSV。"))


def _csv_rows(data: bytes, known_headers) -> Iterator[list[str]]:
    text, encoding = _decode(data)
    if "\x00" in text:
        raise fail(
            _(
                "该文件含有空字符，不是文本格式的CSV文件；如是UTF-16编码的文本，"
                "请在Excel中另存为“CSV UTF-8(逗号分隔)”后再导入。"
            )
        )
    if not text.strip():
        raise fail(_("文件是空的。"))
    lines = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(lines, [])
        # Bytes in another encoding (Big5, Shift-JIS, Latin-1…) often decode as GB18030 too,
        # into nonsense: without one known column the file was not written in GBK.
        known = set(known_headers) & {_normalize_header(cell) for cell in header}
        if encoding == "gb18030" and not known:
            raise fail(
                _(
                    "CSV文件第1行没有可识别的列名，文件编码可能不是UTF-8或GBK（例如Big5、Shift-JIS）："
                    "请另存为“CSV UTF-8(逗号分隔)”后再导入。"
                )
            )
        yield [_clean(value) for value in header]
        for values in lines:
            yield [_clean(value) for value in values]
    except csv.Error as exc:
        raise fail(
            _(
                "无法解析CSV文件（第%(line)s行附近）：单元格过长，多半是某个英文双引号没有配对，"
                "请检查该处的引号。"
            )
            % {"line": lines.line_num}
        ) from exc


def read_rows(
    file_obj: BinaryIO, filename: str, *, sheet_name: str = SHEET_NAME, known_headers=None
) -> Table:
    """Read the header and the non-empty data rows; raise VillageImportError if unreadable.

    ``sheet_name`` is the sheet read (else the first); ``known_headers`` the column names
    that tell a GBK CSV from another encoding (the registry's unless given): the roster
    import (inspection.roster_import) reads its own file with them."""
    known_headers = COLUMNS_BY_HEADER.keys() if known_headers is None else known_headers
    extension = PurePath(filename).suffix.lower()
    if extension == ".xls":
        raise fail(_("不支持 .xls（Excel 97-2003）格式，请在Excel中另存为 .xlsx 后再导入。"))
    if extension not in {".xlsx", ".csv"}:
        raise fail(_("只能导入 .xlsx 或 .csv 文件，“%(name)s”不是。") % {"name": shown(filename)})
    data = file_obj.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise fail(
            _("文件超过%(limit)s MB的上限，请分批导入。") % {"limit": MAX_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise fail(_("文件是空的。"))
    is_zip = data.startswith(b"PK\x03\x04")
    if extension == ".csv" and is_zip:
        raise fail(_("文件扩展名是 .csv，内容却是Excel工作簿，请改为 .xlsx 或另存为CSV。"))
    if extension == ".xlsx" and not is_zip:
        raise fail(_("无法读取该Excel文件，请确认是用Excel或WPS保存的 .xlsx 文件。"))

    lines = _xlsx_rows(data, sheet_name) if is_zip else _csv_rows(data, known_headers)
    header = next(lines, [])
    headers = [_normalize_header(cell) for cell in header]
    while headers and not headers[-1]:
        headers.pop()
    rows = []
    for number, cells in enumerate(lines, start=2):
        if not any(cells):
            continue
        if len(rows) == MAX_ROWS:
            raise fail(_("数据超过%(limit)s行的上限，请分批导入。") % {"limit": MAX_ROWS})
        cells += [""] * (len(headers) - len(cells))
        rows.append(SourceRow(number, tuple(cells)))
    return Table(tuple(headers), tuple(rows))
