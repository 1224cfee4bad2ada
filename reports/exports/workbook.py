"""The workbooks, written row by row (``cells.Book``: XlsxWriter): the statistics
workbook (统计汇总表) and the clue workbook (问题线索移交情况表).

The statistics workbook's sheets, in docs/DOMAIN.md's order: 汇总 and 分类统计 (the
problems by 四个聚焦 → 方面 → 类 and nature); for readers of records 问题清单, 整改台账 and
逾期预警; last, 说明 (scope, day, who, and what each figure counts). It never carries clue
details (DOMAIN "Confidentiality"): the clues transferred are a workbook of their own,
线索移交 and its 说明, built only for the roles that read clues (``Audience.clues``) and
marked with the clue papers' 密级.

Every sheet is an official table (``official``): title, 填报 line, two-level header,
borders, print setup. Memory stays flat: a sheet keeps one row in memory, and the lists
come from the database in chunks.
"""

import datetime
from collections.abc import Callable, Collection
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inspection.errors import PermissionDeniedError
from inspection.models import Term, Town, Village
from reports.exports import official
from reports.exports.cells import Book, Column
from reports.exports.ledger_sheet import LedgerSheet
from reports.exports.lists import ClueSheet, OverdueSheet, ProblemSheet
from reports.exports.scope import Audience, describe_scope, scope_label
from reports.exports.sheet import SheetWriter
from reports.exports.summary import SummarySheet
from reports.exports.taxonomy import TaxonomySheet
from reports.models import ExportKind
from reports.statistics import StatisticsFilter
from rounds.models import InspectionRound, Team

SUMMARY, CLUES = ExportKind.SUMMARY, ExportKind.CLUES

DEFAULT_CHUNK_SIZE = 2000
DEFINITIONS = (
    ("发现问题", "已提交复核(非草稿)的问题底稿，按记录日期计入统计期间。"),
    ("分类统计", "按四个聚焦 → 方面 → 类及问题性质分别统计的发现问题，口径同上。"),
    ("线索移交", "已移交的问题线索，按移交日期计入。"),
    ("立行立改", "台账为立行立改的问题；尚未建账的，按巡察组标注。"),
    (
        "整改台账、已销号、整改完成率",
        "按进入台账的日期计入（巡中立行立改的按交办日期，其余按反馈日期）；"
        "完成率 = 已销号 / 台账条目。",
    ),
    (
        "立行立改通知、如期率",
        "巡察期间下达的立行立改通知，按交办日期计入；通知涉及的问题均在整改时限内销号为如期，"
        "如期率 = 如期 / 已到期或已如期的通知。",
    ),
    ("逾期", "截至统计日期已过整改时限、且未申请销号或销号的台账条目。"),
)
NOTE_COLUMNS = [Column("项目", 26, "long"), Column("内容", 80, "long")]
NOTES_TABLE = "填报说明"


def chunk_size() -> int:
    return int(getattr(settings, "INSPECTION_EXPORT_CHUNK_SIZE", DEFAULT_CHUNK_SIZE))


def sheets_for(
    audience: Audience,
    filters: StatisticsFilter,
    on: datetime.date,
    only: Collection[str] | None = None,
    kind: str = SUMMARY,
) -> list:
    """The sheets ``audience`` may have in a workbook of ``kind`` (of the titles in
    ``only``, if given). A sheet left out is never made: the 汇总 sheet computes every
    figure by village when it is made, which for a province ledger alone was most of the
    time and memory (issue 8). The clue workbook is refused to a reader of no clues."""
    if kind == CLUES:
        if not (audience.lists and audience.clues):
            raise PermissionDeniedError(_("只有巡察办可以导出问题线索移交情况表。"))
        kinds = [ClueSheet]
    else:
        kinds = [SummarySheet, TaxonomySheet]
        if audience.lists:
            kinds += [ProblemSheet, LedgerSheet, OverdueSheet]
    return [
        kind(filters, on) if kind in (SummarySheet, TaxonomySheet) else kind(audience, filters, on)
        for kind in kinds
        if only is None or kind.title in only
    ]


class Headings:
    """The heading of each sheet of one workbook: the title names the round (or the
    term, or the county) and what the sheet is; the 填报 line is the same on every sheet."""

    def __init__(self, audience: Audience, filters: StatisticsFilter, on, kind: str):
        round_ = filters.round_id and InspectionRound.objects.get(pk=filters.round_id)
        term = filters.term_id and Term.objects.get(pk=filters.term_id)
        self.prefix = official.title_prefix(round=round_ or None, term=term or None)
        narrowed = describe_scope(
            town=filters.town_id and Town.objects.get(pk=filters.town_id),
            village=filters.village_id and Village.objects.get(pk=filters.village_id),
            team=filters.team_id and Team.objects.select_related("round").get(pk=filters.team_id),
            date_from=filters.date_from,
            date_to=filters.date_to,
        )
        self.narrowed = "" if narrowed == "全县" else f"（{narrowed}）"
        self.requester = "" if audience.user is None else str(audience.user)
        self.on = on
        self.built_on = timezone.localdate()
        self.classification = official.export_classification(kind)

    def of(self, table_name: str) -> official.Heading:
        return official.heading(
            title=f"{self.prefix}{table_name}{self.narrowed}",
            requester=self.requester,
            built_on=self.built_on,
            on=self.on,
            classification=self.classification,
        )


def _write_notes(book: Book, audience: Audience, filters, on, titles, headings, kind) -> None:
    writer = SheetWriter(book, "说明", NOTE_COLUMNS, headings.of(NOTES_TABLE))
    who = "巡察办（命令行生成）" if audience.user is None else str(audience.user)
    rows = [
        ("统计范围", scope_label(filters)),
        ("统计日期", f"{on:%Y-%m-%d}（逾期、整改完成情况按此日期计算）"),
        ("生成时间", f"{timezone.localtime():%Y-%m-%d %H:%M}（北京时间）"),
        ("申请人", who),
        ("工作表", "、".join(titles)),
    ]
    if audience.mask_names:
        rows.append(("姓名", "按查阅权限，人员姓名只显示姓氏。"))
    rows.append(("密级", f"{headings.classification}（打印件及电子文件按此密级管理）"))
    rows += [
        (f"口径：{name}", text) for name, text in DEFINITIONS if kind != CLUES or name == "线索移交"
    ]
    for row in rows:
        writer.append(row)
    writer.finish()


def build_workbook(
    *,
    audience: Audience,
    filters: StatisticsFilter,
    on: datetime.date,
    path: Path,
    progress: Callable[[int], None] | None = None,
    sheets: Collection[str] | None = None,
    kind: str = SUMMARY,
) -> list[str]:
    """Write the workbook for ``audience`` over ``filters`` to ``path``; answer the titles
    of its sheets. ``progress`` is called with 0–99 as rows are written (100 is the
    caller's, once the file is stored). ``sheets`` keeps only the sheets of those titles
    (e.g. the province ledger alone), among those the audience may have. ``kind``: the
    statistics workbook (``SUMMARY``) or the clue workbook (``CLUES``)."""
    with translation.override("zh-hans"):  # a Chinese document, whoever asks for it
        return _build(audience, filters, on, path, progress, sheets, kind)


def _build(audience, filters, on, path, progress, only, kind) -> list[str]:
    size = chunk_size()
    sheets = sheets_for(audience, filters, on, only, kind)
    headings = Headings(audience, filters, on, kind)
    total = max(sum(sheet.count() for sheet in sheets), 1)
    written = last_reported = 0
    with Book(path) as book:
        for sheet in sheets:
            writer = SheetWriter(
                book,
                sheet.title,
                sheet.columns,
                headings.of(sheet.table_name),
                print_columns=getattr(sheet, "print_columns", None),
            )
            for row in sheet.rows(size):
                writer.append(row)
                written += 1
                percent = min(written * 99 // total, 99)
                if progress and percent > last_reported:
                    last_reported = percent
                    progress(percent)
            totals = sheet.total()
            if totals is not None:
                writer.append_total(totals)
            writer.finish()
        titles = [sheet.title for sheet in sheets]
        _write_notes(book, audience, filters, on, titles, headings, kind)
    return [*titles, "说明"]
