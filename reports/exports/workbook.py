"""The statistics workbook (统计汇总表), written row by row in openpyxl's write-only mode.

Sheets, in docs/DOMAIN.md's order: 汇总 and 分类统计 (the problems by 四个聚焦 → 方面 → 类
and nature); for readers of records 问题清单 and 整改台账; for
the office 线索移交; for readers of records 逾期预警; last, 说明 (scope, day, who, and
what each figure counts). Memory stays flat: write-only sheets keep no cells, and the
lists come from the database in chunks.
"""

import datetime
from collections.abc import Callable, Collection
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from openpyxl import Workbook

from reports.exports.cells import Column, SheetWriter
from reports.exports.ledger_sheet import LedgerSheet
from reports.exports.lists import ClueSheet, OverdueSheet, ProblemSheet
from reports.exports.scope import Audience, scope_label
from reports.exports.summary import SummarySheet
from reports.exports.taxonomy import TaxonomySheet
from reports.statistics import StatisticsFilter

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
NOTE_COLUMNS = [Column("项目", 26), Column("内容", 80, "long")]


def chunk_size() -> int:
    return int(getattr(settings, "INSPECTION_EXPORT_CHUNK_SIZE", DEFAULT_CHUNK_SIZE))


def sheets_for(
    audience: Audience,
    filters: StatisticsFilter,
    on: datetime.date,
    only: Collection[str] | None = None,
) -> list:
    """The sheets ``audience`` may have (of the titles in ``only``, if given). A sheet left
    out is never made: the 汇总 sheet computes every figure by village when it is made,
    which for a province ledger alone was most of the time and memory (issue 8)."""
    kinds = [SummarySheet, TaxonomySheet]
    if audience.lists:
        kinds += [ProblemSheet, LedgerSheet]
    if audience.lists and audience.clues:
        kinds.append(ClueSheet)
    if audience.lists:
        kinds.append(OverdueSheet)
    return [
        kind(filters, on) if kind in (SummarySheet, TaxonomySheet) else kind(audience, filters, on)
        for kind in kinds
        if only is None or kind.title in only
    ]


def _write_notes(workbook, audience: Audience, filters, on, titles: list[str]) -> None:
    writer = SheetWriter(workbook, "说明", NOTE_COLUMNS)
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
    rows += [(f"口径：{name}", text) for name, text in DEFINITIONS]
    for row in rows:
        writer.append(row)
    writer.close_filter()


def build_workbook(
    *,
    audience: Audience,
    filters: StatisticsFilter,
    on: datetime.date,
    path: Path,
    progress: Callable[[int], None] | None = None,
    sheets: Collection[str] | None = None,
) -> list[str]:
    """Write the workbook for ``audience`` over ``filters`` to ``path``; answer the titles
    of its sheets. ``progress`` is called with 0–99 as rows are written (100 is the
    caller's, once the file is stored). ``sheets`` keeps only the sheets of those titles
    (e.g. the province ledger alone), among those the audience may have."""
    with translation.override("zh-hans"):  # a Chinese document, whoever asks for it
        return _build(audience, filters, on, path, progress, sheets)


def _build(audience, filters, on, path, progress, only) -> list[str]:
    size = chunk_size()
    sheets = sheets_for(audience, filters, on, only)
    total = max(sum(sheet.count() for sheet in sheets), 1)
    workbook = Workbook(write_only=True)
    written = last_reported = 0
    for sheet in sheets:
        writer = SheetWriter(workbook, sheet.title, sheet.columns)
        for row in sheet.rows(size):
            writer.append(row)
            written += 1
            percent = min(written * 99 // total, 99)
            if progress and percent > last_reported:
                last_reported = percent
                progress(percent)
        totals = sheet.total()
        if totals is None:
            writer.close_filter()
        else:
            writer.append_total(totals)
    titles = [sheet.title for sheet in sheets]
    _write_notes(workbook, audience, filters, on, titles)
    workbook.save(path)
    return [*titles, "说明"]
