"""``roster_import``, the service: read, validate, plan and write the roster in one go."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import BinaryIO

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from inspection.models import RosterEntry, history_attrs
from inspection.permissions import authorize
from inspection.roster_import.columns import COLUMNS_BY_HEADER, SHEET_NAME
from inspection.roster_import.validation import RosterRow, validate_roster
from inspection.village_import.errors import VillageImportError, fail
from inspection.village_import.reading import read_rows

logger = logging.getLogger(__package__)
NOTE = "导入两委及村务监督委员会名册"


@dataclass(frozen=True)
class RosterImportResult:
    villages: int
    created: int
    updated: int
    removed: int
    unchanged: int
    dry_run: bool = False

    def summary(self) -> str:
        text = _(
            "%(villages)s个村(社区)：新增%(created)s人次、更新%(updated)s人次、"
            "移出%(removed)s人次、未变化%(unchanged)s人次"
        ) % {
            "villages": self.villages,
            "created": self.created,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
        }
        if self.dry_run:
            return _("校验通过，未写入任何数据。如导入，将%(text)s。") % {"text": text}
        return _("导入完成：%(text)s。") % {"text": text}


@dataclass
class _Plan:
    villages: set[int]
    creates: list[RosterRow] = field(default_factory=list)
    updates: list[RosterEntry] = field(default_factory=list)
    removes: list[RosterEntry] = field(default_factory=list)
    unchanged: int = 0


def _plan(rows: list[RosterRow]) -> _Plan:
    plan = _Plan({row.village.pk for row in rows})
    stored = {
        (e.village_id, e.name, e.body, e.post, e.started_on): e
        for e in RosterEntry.objects.filter(village_id__in=plan.villages)
        .select_for_update(of=("self",))
        .order_by("pk")
    }
    for row in rows:
        entry = stored.pop(row.key, None)
        if entry is None:
            plan.creates.append(row)
        elif (entry.ended_on, entry.is_party_member) == (row.ended_on, row.is_party_member):
            plan.unchanged += 1
        else:
            entry.ended_on, entry.is_party_member = row.ended_on, row.is_party_member
            plan.updates.append(entry)
    plan.removes = list(stored.values())
    return plan


def _write(plan: _Plan, actor) -> None:
    attrs = history_attrs(actor) if actor is not None else {}
    for entry in plan.removes:
        entry._history_user = actor
        entry._change_reason = NOTE
        entry.delete()
    if plan.updates:
        bulk_update_with_history(
            plan.updates,
            RosterEntry,
            ["ended_on", "is_party_member"],
            default_user=actor,
            default_change_reason=NOTE,
            custom_historical_attrs=attrs,
        )
    bulk_create_with_history(
        [
            RosterEntry(
                village=row.village,
                name=row.name,
                body=row.body,
                post=row.post,
                started_on=row.started_on,
                ended_on=row.ended_on,
                is_party_member=row.is_party_member,
            )
            for row in plan.creates
        ],
        RosterEntry,
        default_user=actor,
        default_change_reason=NOTE,
        custom_historical_attrs=attrs,
    )


@transaction.atomic
def roster_import(
    *, file_obj: BinaryIO, filename: str, actor=None, dry_run: bool = False
) -> RosterImportResult:
    """Replace the roster of each village the file names with the file's rows.

    All or nothing: on any error ``VillageImportError`` lists every problem (row and
    column) and nothing is written. ``actor`` is None for the management command (the
    server's operator); otherwise the office (``village_profile_edit``).
    """
    if actor is not None:
        authorize(actor, "village_profile_edit")
    table = read_rows(
        file_obj, filename, sheet_name=SHEET_NAME, known_headers=COLUMNS_BY_HEADER.keys()
    )
    rows, errors = validate_roster(table)
    if errors:
        raise VillageImportError(errors)
    plan = _plan(rows)
    if not dry_run:
        try:
            with transaction.atomic():
                _write(plan, actor)
        except IntegrityError as exc:
            message = _("写入时与他人同时修改的数据冲突，未写入任何数据，请重新导入。")
            raise fail(message) from exc
    result = RosterImportResult(
        villages=len(plan.villages),
        created=len(plan.creates),
        updated=len(plan.updates),
        removed=len(plan.removes),
        unchanged=plan.unchanged,
        dry_run=dry_run,
    )
    logger.info(
        "roster import of %s by %s%s: %s",
        filename,
        actor or "command",
        " (dry run)" if dry_run else "",
        result,
    )
    return result
