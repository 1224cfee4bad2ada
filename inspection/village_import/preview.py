"""What an import would do, row by row, without writing: the first step of the import page.

The same steps as the service (``read_rows``, ``Registry``, ``validate_rows``, ``_plan``),
stopped before the write, so the preview can never disagree with the import it announces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.db import transaction

from inspection.models import Village
from inspection.village_import.columns import COLUMNS
from inspection.village_import.errors import ImportResult, VillageImportError
from inspection.village_import.reading import read_rows
from inspection.village_import.validation import Registry, VillageRow, validate_rows
from inspection.village_import.writing import _plan

CREATE, UPDATE = "create", "update"
HEADERS = {column.field: column.header for column in COLUMNS}


@dataclass(frozen=True)
class Change:
    column: str  # the header the user knows the field by
    old: Any
    new: Any


@dataclass(frozen=True)
class PreviewRow:
    number: int  # the row as Excel shows it
    action: str  # CREATE or UPDATE (unchanged rows are only counted)
    town: str
    name: str
    code: str
    changes: tuple[Change, ...] = field(default=())


@dataclass(frozen=True)
class ImportPreview:
    result: ImportResult  # the counts, as ``village_import(dry_run=True)`` answers them
    rows: tuple[PreviewRow, ...]  # the rows that create or update, in file order


def _shown(name: str, value: Any) -> Any:
    """A value as the file's user writes it: a choice by its label, a yes/no as 是/否."""
    if isinstance(value, bool):
        return "是" if value else "否"
    choices = dict(Village._meta.get_field(name).flatchoices)
    return choices.get(value, value)


def _changes(village: Village, row: VillageRow) -> tuple[Change, ...]:
    changes = []
    if village.town.name != row.town_name:
        changes.append(Change(HEADERS["town"], village.town.name, row.town_name))
    if village.name != row.name:
        changes.append(Change(HEADERS["name"], village.name, row.name))
    for name, value in row.values.items():
        old = getattr(village, name)
        if old != value:
            changes.append(Change(HEADERS[name], _shown(name, old), _shown(name, value)))
    return tuple(changes)


@transaction.atomic
def village_import_preview(*, file_obj: BinaryIO, filename: str) -> ImportPreview:
    """The villages a file would create and update (with each changed value); raises
    ``VillageImportError`` listing every problem, like the service. Writes nothing."""
    table = read_rows(file_obj, filename)
    registry = Registry.load(table)
    rows, errors = validate_rows(table, registry)
    if errors:
        raise VillageImportError(errors)
    plan = _plan(rows, registry)
    previews = [
        PreviewRow(row.number, CREATE, row.town_name, row.name, row.code) for row in plan.creates
    ]
    previews += [
        PreviewRow(row.number, UPDATE, row.town_name, row.name, row.code, _changes(village, row))
        for village, row in plan.updates
    ]
    result = ImportResult(
        created=len(plan.creates),
        updated=len(plan.updates),
        unchanged=plan.unchanged,
        towns_created=tuple(town.name for town in plan.new_towns),
        dry_run=True,
    )
    return ImportPreview(result, tuple(sorted(previews, key=lambda row: row.number)))
