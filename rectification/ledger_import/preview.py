"""What a ledger file would write, row by row, without writing: the import page's first
step. The same steps as the service (``checked``), stopped before the write."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import BinaryIO

from django.db import transaction

from inspection.permissions import authorize
from inspection.village_import import MAX_BYTES
from rectification.choices import ItemStatus, RectificationMode
from rectification.ledger_import.errors import LedgerImportResult
from rectification.ledger_import.writing import checked


@dataclass(frozen=True)
class PreviewRow:
    number: int  # the row as Excel shows it
    round: str
    organisation: str
    sequence: int
    issue: str
    mode: str
    deadline: datetime.date
    status: str
    closed_on: datetime.date | None


@dataclass(frozen=True)
class LedgerPreview:
    result: LedgerImportResult
    rows: tuple[PreviewRow, ...]  # the rows that would be written, in file order


@transaction.atomic
def ledger_import_preview(*, file_obj: BinaryIO, filename: str, actor) -> LedgerPreview:
    """The items a file would write; raises ``LedgerImportError`` like the service."""
    authorize(actor, "ledger_import")
    _registry, plan = checked(file_obj.read(MAX_BYTES + 1), filename)
    rows = tuple(
        PreviewRow(
            number=row.number,
            round=row.round[0],
            organisation=f"{row.town.name}{row.village.name if row.village else '党委'}",
            sequence=row.sequence,
            issue=row.issue,
            mode=RectificationMode(row.mode).label,
            deadline=row.deadline,
            status=ItemStatus(row.status).label,
            closed_on=row.values.get("closed_on"),
        )
        for row in plan.rows
    )
    return LedgerPreview(plan.result(dry_run=True), rows)
