"""Reading a city template's mapping of cells to figures, and checking it.

Two ways to map, both kept with the template when it is uploaded:

- a sheet named 映射 with the columns 工作表, 单元格, 指标, 分组 (optional: a town's name,
  a round's name, or 合计 — the county as a whole, the default);
- the workbook's defined names, each naming one cell: ``problems`` or, with a group,
  ``items_overdue__甲镇``.

A figure is any name a figure function of ``reports.statistics.FIGURES`` answers (a new
figure function adds its names). Every error names the sheet, the cell and the row.
"""

import io
import zipfile
from dataclasses import asdict, dataclass
from functools import cache

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, range_boundaries
from openpyxl.utils.exceptions import CellCoordinatesException

from inspection.errors import ApplicationError
from inspection.models import Town
from inspection.village_import.reading import MAX_UNPACKED_BYTES
from reports.statistics import FIGURES, StatisticsFilter
from rounds.models import InspectionRound

MAPPING_SHEET = "映射"
HEADERS = ("工作表", "单元格", "指标", "分组")
TOTAL = "合计"
GROUP_SEPARATOR = "__"
MAX_ROW, MAX_COLUMN = 1048576, 16384  # Excel's sheet: XFD1048576


@dataclass(frozen=True)
class MappedCell:
    sheet: str
    cell: str
    figure: str
    group: str = TOTAL
    town_id: int | None = None
    round_id: int | None = None

    def as_json(self) -> dict:
        return asdict(self)

    @property
    def key(self) -> str:
        """The figure and its group, as the snapshot names it."""
        return self.figure if self.group == TOTAL else f"{self.figure}{GROUP_SEPARATOR}{self.group}"


@cache
def figure_functions() -> dict[str, str]:
    """{figure name: the figure function that answers it}, read from what each function of
    ``FIGURES`` answers over no rows (a filter by a round that does not exist)."""
    nothing = StatisticsFilter(round_id=-1)
    names: dict[str, str] = {}
    for function_name, function in FIGURES.items():
        for row in function(nothing, None).values():
            for name in row:
                names.setdefault(name, function_name)
    return names


def is_xlsx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _unpacked_size(content: bytes) -> int:
    """What the workbook's parts declare they unpack to (the zip reader yields no more)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(member.file_size for member in archive.infolist())


def open_workbook(content: bytes):
    if not is_xlsx(content):
        message = _("文件不是有效的Excel工作簿（.xlsx）；.xls、WPS等格式请先另存为.xlsx。")
        raise ApplicationError(message, errors={"file": [message]})
    # A zip bomb is refused before it is opened, as the registry imports refuse it.
    if _unpacked_size(content) > MAX_UNPACKED_BYTES:
        message = _(
            "该Excel文件解压后超过%(limit)s MB，请删去多余的工作表、图片和空白行后再上传。"
        ) % {"limit": MAX_UNPACKED_BYTES // (1024 * 1024)}
        raise ApplicationError(message, errors={"file": [message]})
    try:
        return load_workbook(io.BytesIO(content))
    except Exception as exc:  # a damaged workbook is the county's input error, not a 500
        message = _("无法读取该Excel工作簿：%(reason)s") % {"reason": exc}
        raise ApplicationError(message, errors={"file": [message]}) from None


class _Reader:
    def __init__(self, workbook):
        self.workbook = workbook
        self.errors: list[str] = []
        self.cells: list[MappedCell] = []
        self.towns = dict(Town.objects.values_list("name", "pk"))
        self.rounds = dict(InspectionRound.objects.values_list("title", "pk"))
        self.figures = figure_functions()

    def add(self, where: str, sheet: str, cell: str, figure: str, group: str) -> None:
        sheet, cell, figure = sheet.strip(), cell.strip().replace("$", "").upper(), figure.strip()
        group = group.strip() or TOTAL
        problems = []
        if sheet not in self.workbook.sheetnames or sheet == MAPPING_SHEET:
            problems.append(_("工作表「%(sheet)s」不存在") % {"sheet": sheet})
        elif problem := self._cell_problem(sheet, cell):
            problems.append(problem)
        if figure not in self.figures:
            problems.append(_("指标「%(figure)s」不存在") % {"figure": figure})
        town_id = round_id = None
        if group != TOTAL:
            town_id = self.towns.get(group)
            round_id = None if town_id else self.rounds.get(group)
            if town_id is None and round_id is None:
                problems.append(
                    _("分组「%(group)s」既不是乡镇名称，也不是巡察轮次名称或「合计」")
                    % {"group": group}
                )
        if any(c.sheet == sheet and c.cell == cell for c in self.cells):
            problems.append(_("该单元格已映射过"))
        if problems:
            self.errors.append(
                _("%(where)s（工作表「%(sheet)s」单元格%(cell)s）：%(problems)s。")
                % {
                    "where": where,
                    "sheet": sheet,
                    "cell": cell or "—",
                    "problems": _("；").join(problems),
                }
            )
            return
        self.cells.append(MappedCell(sheet, cell, figure, group, town_id, round_id))

    def _cell_problem(self, sheet: str, cell: str) -> str | None:
        try:
            column, row = coordinate_from_string(cell)
        except (ValueError, CellCoordinatesException):
            return _("单元格「%(cell)s」不是有效的单元格地址（如B4）") % {"cell": cell}
        if not 1 <= row <= MAX_ROW or column_index_from_string(column) > MAX_COLUMN:
            return _("单元格「%(cell)s」不是有效的单元格地址（如B4）") % {"cell": cell}
        for merged in self.workbook[sheet].merged_cells.ranges:
            if cell in merged and cell != merged.coord.split(":")[0]:
                return _("单元格%(cell)s在合并单元格%(range)s中，请映射其左上角单元格") % {
                    "cell": cell,
                    "range": merged.coord,
                }
        return None

    def mapping_sheet(self) -> None:
        sheet = self.workbook[MAPPING_SHEET]
        rows = sheet.iter_rows(values_only=True)
        header = [str(value or "").strip() for value in next(rows, ())]
        missing = [name for name in HEADERS[:3] if name not in header]
        if missing:
            self.errors.append(
                _("映射表第1行应为表头：%(headers)s（缺少%(missing)s）。")
                % {"headers": "、".join(HEADERS), "missing": "、".join(missing)}
            )
            return
        columns = {name: header.index(name) for name in HEADERS if name in header}
        for number, values in enumerate(rows, start=2):
            cells = ["" if value is None else str(value) for value in values]
            if not any(text.strip() for text in cells):
                continue

            def read(name, cells=cells):
                position = columns.get(name)
                return cells[position] if position is not None and position < len(cells) else ""

            where = _("映射表第%(row)s行") % {"row": number}
            self.add(where, read("工作表"), read("单元格"), read("指标"), read("分组"))

    def defined_names(self) -> None:
        for name, defined in self.workbook.defined_names.items():
            if name.startswith("_"):  # Excel's own (_xlnm.Print_Area …)
                continue
            figure, _sep, group = name.partition(GROUP_SEPARATOR)
            where = _("定义名称「%(name)s」") % {"name": name}
            destinations = list(defined.destinations)
            if len(destinations) != 1:
                self.errors.append(_("%(where)s应指向一个单元格。") % {"where": where})
                continue
            sheet, reference = destinations[0]
            reference = reference.replace("$", "")
            if ":" in reference:
                min_col, min_row, max_col, max_row = range_boundaries(reference)
                if (min_col, min_row) != (max_col, max_row):
                    self.errors.append(_("%(where)s应指向一个单元格。") % {"where": where})
                    continue
                reference = reference.split(":")[0]
            self.add(where, sheet, reference, figure, group)


def read_mapping(workbook) -> tuple[list[MappedCell], str]:
    """The mapped cells of ``workbook`` and where they were read from ("sheet" or
    "names"); an ApplicationError listing every error when any row is wrong."""
    reader = _Reader(workbook)
    if MAPPING_SHEET in workbook.sheetnames:
        source = "sheet"
        reader.mapping_sheet()
    else:
        source = "names"
        reader.defined_names()
    if reader.errors:
        message = _("模板的映射有误，未予采用：") + " ".join(reader.errors)
        raise ApplicationError(message, errors={"file": reader.errors})
    if not reader.cells:
        message = _(
            "模板中没有找到映射：请添加名为「映射」的工作表（工作表、单元格、指标、分组），"
            "或为单元格定义名称（如problems、items_overdue__某镇）。"
        )
        raise ApplicationError(message, errors={"file": [message]})
    return reader.cells, source


def cells_of(template) -> list[MappedCell]:
    return [MappedCell(**cell) for cell in template.mapping]
