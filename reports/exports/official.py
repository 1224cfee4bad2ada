"""The official form of a workbook's sheet (docs/DOMAIN.md "The Excel summary"): what a
table sent upward or filed carries above its rows, and how it prints.

Above the rows: the title ("XX县委第三轮巡察工作情况统计表"), then the 填报 line (填报单位,
填报人, 审核人 to sign, 填报日期 and the day the figures are as of, 密级), then the header,
in two levels where columns group (整改 → 台账 / 已销号 / 完成率 …). The print: A4
landscape, fitted to the page's width (as many pages down as the rows need), the header
rows repeated on every page, centred, the 密级 in the page header and "第 X 页 共 Y 页" in
the footer.

Everything here is set on the sheet when it is made (``reports.exports.sheet``); XlsxWriter
writes the page setup, header and footer after the rows, when the workbook is closed.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings

from inspection.documents.choices import Classification
from reports.models import ExportKind
from rounds.models.rounds import chinese_ordinal

# The 密级 of the workbooks, by kind (the county may set its own in
# INSPECTION_DOCUMENT_CLASSIFICATIONS, as for documents): clue details are higher.
WORKBOOK_CLASSIFICATIONS = {
    "summary_workbook": Classification.INTERNAL,
    "clue_workbook": Classification.SECRET,
    "statistics_report": Classification.INTERNAL,  # 统计报送: the figures sent upward
}
TO_SIGN = "　" * 6  # a blank left for a hand signature (审核人)

# A4 landscape, fitted to one page's width; margins in inches.
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.7, "bottom": 0.6, "header": 0.3, "footer": 0.3}
FOOTER = "第 &P 页，共 &N 页"
PAPER_A4 = 9  # Excel's paper size code


@dataclass(frozen=True)
class Heading:
    """What a sheet carries above its header: its title, the 填报 line (a left part and a
    right part) and its 密级 (also printed at the top of every page)."""

    title: str
    filled_by: str
    dated: str
    classification: str


def committee() -> str:
    """The county's party committee as its documents name it ("武进区委", "XX县委"; the
    setting INSPECTION_COUNTY_COMMITTEE, "县委" where the installation has not set it)."""
    return getattr(settings, "INSPECTION_COUNTY_COMMITTEE", "") or "县委"


def office_name() -> str:
    """填报单位: the inspection office (INSPECTION_OFFICE_NAME, else the committee's)."""
    name = getattr(settings, "INSPECTION_OFFICE_NAME", "")
    return name or f"{committee()}巡察工作领导小组办公室"


def classification_of(kind: str) -> str:
    """The 密级 label of a kind of workbook (``WORKBOOK_CLASSIFICATIONS``)."""
    chosen = getattr(settings, "INSPECTION_DOCUMENT_CLASSIFICATIONS", {}).get(kind)
    level = chosen if chosen in Classification.values else WORKBOOK_CLASSIFICATIONS[kind]
    return str(Classification(level).label)


def export_classification(export_kind: str) -> str:
    """The 密级 label of an export job's workbook (``reports.models.ExportKind``): the
    clue workbook's, or the statistics workbook's."""
    clues = export_kind == ExportKind.CLUES
    return classification_of("clue_workbook" if clues else "summary_workbook")


def title_prefix(*, round=None, term=None) -> str:
    """ "XX县委第三轮巡察" for a workbook of one round, "XX县委十四届巡察" for a term's,
    else "XX县委巡察"."""
    if round is not None:
        return f"{committee()}第{chinese_ordinal(round.ordinal)}轮巡察"
    if term is not None:
        return f"{committee()}{term.name}巡察"
    return f"{committee()}巡察"


def _chinese_day(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def heading(
    *,
    title: str,
    requester: str,
    built_on: datetime.date,
    on: datetime.date,
    classification: str,
) -> Heading:
    """The heading of a sheet. 填报日期 is the day the workbook was built; the figures are
    as of ``on`` (逾期 and 完成情况 are measured on it), said beside it when it differs."""
    filled_by = f"填报单位：{office_name()}　　填报人：{requester or TO_SIGN}　　审核人：{TO_SIGN}"
    dated = f"填报日期：{_chinese_day(built_on)}"
    if on != built_on:
        dated += f"（数据截至{_chinese_day(on)}）"
    return Heading(
        title=title,
        filled_by=filled_by,
        dated=f"{dated}　　密级：{classification}",
        classification=classification,
    )


def print_setup(sheet, *, classification: str, header_rows: tuple[int, int]) -> None:
    """A4 landscape, fitted to the width of one page, the rows ``header_rows`` (first and
    last, counted from 0) repeated on every page (as many pages down as the rows need);
    ``sheet`` is an XlsxWriter worksheet."""
    sheet.set_landscape()
    sheet.set_paper(PAPER_A4)
    sheet.fit_to_pages(1, 0)
    sheet.center_horizontally()
    sheet.set_margins(
        left=MARGINS["left"], right=MARGINS["right"], top=MARGINS["top"], bottom=MARGINS["bottom"]
    )
    sheet.repeat_rows(*header_rows)
    # Header and footer codes: &L, &C, &R a part of the page; &10 a size in points; &P,
    # &N the page and the pages; &A the sheet's name; && an ampersand.
    marked = f"&L&10密级：{classification.replace('&', '&&')}" if classification else ""
    sheet.set_header(marked, margin=MARGINS["header"])
    sheet.set_footer(f"&C&9{FOOTER}&R&9&A", margin=MARGINS["footer"])
