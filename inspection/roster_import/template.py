"""The roster workbook users fill in: the header, an example row, a sheet of explanations."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from inspection.roster_import.columns import BODY, CODE, COLUMNS, PARTY, SHEET_NAME
from inspection.village_import.reading import MAX_BYTES, MAX_ROWS


def roster_template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    headers = [column.header for column in COLUMNS]
    sheet.append(headers)
    sheet.append([column.example for column in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 18 if column.header == CODE else 14
        sheet.cell(1, index).font = Font(bold=True, color="C00000" if column.required else None)
        sheet.cell(1, index).fill = PatternFill("solid", fgColor="DDEBF7")
        sheet.cell(2, index).font = Font(italic=True, color="808080")
        sheet.column_dimensions[letter].number_format = "@"  # codes and dates stay as typed
    for header, options in ((BODY, "村党组织,村民委员会,村务监督委员会"), (PARTY, "是,否")):
        letter = get_column_letter(headers.index(header) + 1)
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
        _("每行填写一人的一个职务；一人兼任多个职务（如书记兼主任）时填写多行。"),
        _(
            "文件中出现的每个村(社区)，其名册以本文件为准：已有的同一人同一职务（同一任职起始）"
            "保留并更新任职截止和党员情况，新的新增，文件中没有的从名册中移出；"
            "文件中没有出现的村(社区)名册不变。"
        ),
        _("已离任人员请保留并填写任职截止日期，以便回避审查和历史查询。"),
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
