"""The workbook a county fills in: the header, a sample row, and a sheet explaining each
column (the first sheet is the file format and stays Chinese)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from inspection.village_import import MAX_BYTES, MAX_ROWS
from rectification.ledger_import.columns import COLUMNS, MODES, SHEET_NAME, STATUSES

WIDE = {"反馈问题", "具体表现", "整改目标", "整改措施", "整改进展", "完成情况", "佐证材料", "备注"}


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append([column.header for column in COLUMNS])
    sheet.append([column.example for column in COLUMNS])
    headers = [column.header for column in COLUMNS]
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 28 if column.header in WIDE else 14
        sheet.cell(1, index).font = Font(bold=True, color="C00000" if column.required else None)
        sheet.cell(1, index).fill = PatternFill("solid", fgColor="DDEBF7")
        sheet.cell(1, index).alignment = Alignment(wrap_text=True, vertical="center")
        sheet.cell(2, index).font = Font(italic=True, color="808080")
    sheet.column_dimensions[get_column_letter(headers.index("轮次") + 1)].width = 22
    sheet.column_dimensions[get_column_letter(headers.index("巡察时间") + 1)].width = 24
    for header, options in (("整改方式", MODES), ("状态", STATUSES)):
        letter = get_column_letter(headers.index(header) + 1)
        labels = ",".join(dict.fromkeys(label for label in options if len(label) <= 4))
        validation = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
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
        _("第2行是示例，导入前请删除或改为实际数据。每行是一条台账条目，即一份问题底稿。"),
        _("任何一行有错误时不会写入任何数据，请按错误提示（第几行、哪一列）修改后重新导入。"),
        _(
            "轮次、巡察对象和序号相同的行视为同一条：再次导入同一文件不会重复写入；已导入的行内容改变的，"
            "导入被拒绝，导入后的变化请在系统中办理。"
        ),
        _("每次最多%(rows)s行、%(megabytes)s MB；单元格不能是公式。")
        % {"rows": MAX_ROWS, "megabytes": MAX_BYTES // (1024 * 1024)},
    ):
        notes.append([line])
    for letter, width in zip("ABCD", (14, 10, 80, 24), strict=True):
        notes.column_dimensions[letter].width = width
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for row in notes.iter_rows(min_row=2, max_col=3):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    for printed in (sheet, notes):  # A4 landscape, one page wide, the header repeated
        printed.page_setup.orientation = "landscape"
        printed.page_setup.paperSize = printed.PAPERSIZE_A4
        printed.page_setup.fitToWidth, printed.page_setup.fitToHeight = 1, 0
        printed.sheet_properties.pageSetUpPr.fitToPage = True
        printed.print_title_rows = "1:1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
