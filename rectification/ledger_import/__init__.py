"""Bringing a county's existing ledger in (台账导入), for a county that adopts the product
mid-term: its past rounds, organisations, 底稿 and ledger items, with their past dates
and statuses, so that its figures are right for the whole term.

The steps are the village import's (inspection.village_import), whose reader and
``RowError`` it reuses: ``checked`` reads the .xlsx (or .csv) and validates every row
against a ``Registry`` snapshot; ``ledger_import`` writes all in one transaction or
raises ``LedgerImportError`` listing every error by row and column, writing nothing;
``ledger_import_preview`` says what would be written; ``template_xlsx`` is the file to
fill in (``columns`` lists and explains its columns).

What a row becomes (``writing``), through the models' own constraints:

- 轮次 + the 届次 holding its 进驻日期 → an ``InspectionRound`` (常规, at 整改); a round
  already in the product and not brought in by an import is refused.
- 乡镇 / 村(社区) (registry names; a blank village is the town committee) → an
  ``Assignment`` with the 巡察时间; 反馈日期 → a ``FeedbackBatch`` per round and day and
  the organisation's ``Feedback`` (plan and report due from the settings).
- 反馈问题 → a ``FeedbackIssue`` per organisation and text (one item per 具体表现);
  具体表现 → a ``Problem`` (底稿 ``导入-<村>-<序号>``, signed at 撤离 by the importer,
  fed back) placed in it; the row → its ``RectificationItem``.
- 整改进展, 完成情况, 佐证材料 and 备注 → one ``ProgressUpdate`` marked 代录.
- Each item is marked imported by its ``ImportedLedgerRow`` (the row's text, its key and
  fingerprint) under the file's ``LedgerImport``.

History (``history``): every record is written with its historical rows at the file's
moments, so a figure asked "as of" a past day reads what the county's ledger said then.

Statuses: 待整改, 整改中, 申请销号 (with 申请销号日期; entered as 代录, so never the
unit's own request) and 已销号 (with 销号日期). A file cannot prove 乡镇已初审 (who
reviewed, when) nor 退回 (the reason): they are refused with the status to use instead.
整改中 is recorded from the import (no ledger says when work began; every figure treats
it as 待整改).

Re-importing: a row's key is (round, organisation, 序号). The same row again changes
nothing; a changed row is refused, not updated: once imported, an item lives in the
product (progress, requests, verification, their history), and a spreadsheet
overwriting it would rewrite what the product recorded since. New rows of an imported
organisation or round are added.
"""

from rectification.ledger_import.columns import COLUMNS, SHEET_NAME
from rectification.ledger_import.errors import LedgerImportError, LedgerImportResult
from rectification.ledger_import.preview import LedgerPreview, ledger_import_preview
from rectification.ledger_import.template import template_xlsx
from rectification.ledger_import.writing import ledger_import

__all__ = [
    "COLUMNS",
    "SHEET_NAME",
    "LedgerImportError",
    "LedgerImportResult",
    "LedgerPreview",
    "ledger_import",
    "ledger_import_preview",
    "template_xlsx",
]
