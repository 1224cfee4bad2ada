"""A sample city template (统计表 and its 映射 sheet): what a county uploads, and the
tests' fixture. Its columns are the county as a whole and its first towns."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from inspection.models import Town
from reports.upward.mapping import HEADERS, MAPPING_SHEET, TOTAL

SHEET = "统计表"
# (row label, figure, number format)
ROWS = (
    ("被巡察村(社区)数", "inspected", "0"),
    ("巡察覆盖率", "coverage_rate", "0.0%"),
    ("发现问题(个)", "problems", "0"),
    ("线索移交(件)", "clues_transferred", "0"),
    ("立案(件)", "cases_filed", "0"),
    ("整改台账(条)", "items", "0"),
    ("已销号(条)", "items_closed", "0"),
    ("整改完成率", "rectification_rate", "0.0%"),
    ("逾期(条)", "items_overdue", "0"),
)
FIRST_ROW = 4
MAX_TOWNS = 3
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def sample_template(towns=None) -> bytes:
    """The sample workbook: a title, 填报单位 and 期间 lines, one row a figure, a column
    for the county (合计) and one for each of the first towns."""
    towns = list(towns if towns is not None else Town.objects.order_by("code")[:MAX_TOWNS])
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    columns = [TOTAL, *(town.name for town in towns)]
    last = chr(ord("A") + len(columns))
    sheet["A1"] = "对村巡察工作情况统计表"
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.merge_cells(f"A1:{last}1")
    sheet["A2"] = "填报单位：{填报单位}（盖章）　　统计期间：{期间}　　截至：{统计截止日期}"
    sheet["A3"] = "项目"
    for offset, name in enumerate(columns):
        sheet.cell(row=3, column=2 + offset, value="全县" if name == TOTAL else name)
    mapping = workbook.create_sheet(MAPPING_SHEET)
    mapping.append(list(HEADERS))
    for index, (label, figure, number_format) in enumerate(ROWS):
        row = FIRST_ROW + index
        sheet.cell(row=row, column=1, value=label)
        for offset, name in enumerate(columns):
            cell = sheet.cell(row=row, column=2 + offset)
            cell.number_format = number_format
            mapping.append([SHEET, cell.coordinate, figure, name])
    last_row = FIRST_ROW + len(ROWS) - 1
    for row in sheet.iter_rows(min_row=3, max_row=last_row, max_col=len(columns) + 1):
        for cell in row:
            cell.border = BOX
    for row in sheet.iter_rows(min_row=3, max_row=3):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
    sheet.column_dimensions["A"].width = 22
    for offset in range(len(columns)):
        sheet.column_dimensions[chr(ord("B") + offset)].width = 12
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
