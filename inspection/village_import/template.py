"""The template users fill in, as .xlsx (with a sheet explaining each column) or .csv."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from inspection.village_import.columns import CODE, COLUMNS, COLUMNS_BY_HEADER
from inspection.village_import.reading import MAX_BYTES, MAX_ROWS, SHEET_NAME


def template_xlsx() -> bytes:
    """The workbook users fill in: header, one example row, and a sheet explaining each column.

    The first sheet is the file format and stays Chinese (its name, headers and the values
    offered in lists); the explanations are in the language of the request."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append([column.header for column in COLUMNS])
    sheet.append([column.example for column in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 16 if column.header != CODE else 18
        sheet.cell(1, index).font = Font(bold=True, color="C00000" if column.required else None)
        sheet.cell(1, index).fill = PatternFill("solid", fgColor="DDEBF7")
        sheet.cell(2, index).font = Font(italic=True, color="808080")
    code_letter = get_column_letter(list(COLUMNS_BY_HEADER).index(CODE) + 1)
    # Formatted as text, so that Excel keeps all 12 digits of what is typed there.
    sheet.column_dimensions[code_letter].number_format = "@"
    sheet[f"{code_letter}2"].number_format = "@"
    lists = {
        "类型": "行政村,社区",
        "一肩挑": "是,否",
        "关注类别": "一般关注类,风险关注类,重点隐患类",
    }
    for header, options in lists.items():
        letter = get_column_letter(list(COLUMNS_BY_HEADER).index(header) + 1)
        validation = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True)
        validation.add(f"{letter}2:{letter}10001")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"

    notes = workbook.create_sheet(_("填写说明"))
    notes.append([_("列名"), _("是否必填"), _("填写说明"), _("示例")])
    for column in COLUMNS:
        required = _("必填") if column.required else _("选填")
        notes.append([column.header, required, str(column.accepted), column.example])
    notes.append([])
    for line in (
        _("第1行为表头，列的顺序可以调整，选填列可以删除；不认识的列名会被拒绝。"),
        _("第2行是示例，导入前请删除或改为实际数据。"),
        _(
            "村代码已存在的更新该村，不存在的新增；表中没有的列或空白单元格保留原值"
            "（一肩挑空白视为否）。"
        ),
        _("任何一行有错误时不会写入任何数据，请按错误提示（第几行、哪一列）修改后重新导入。"),
        _("每次最多%(rows)s行、%(megabytes)s MB；单元格不能是公式。")
        % {"rows": MAX_ROWS, "megabytes": MAX_BYTES // (1024 * 1024)},
    ):
        notes.append([line])
    for letter, width in zip("ABCD", (14, 10, 70, 16), strict=True):
        notes.column_dimensions[letter].width = width
    for cell in notes[1]:
        cell.font = Font(bold=True)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    """The CSV variant: header and example row, UTF-8 with a BOM so that Excel reads it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    writer.writerow([column.example for column in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")
