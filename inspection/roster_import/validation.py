"""Checking the roster file's header and rows against the stored villages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from inspection.models import Village
from inspection.roster_import.columns import (
    CODE,
    COLUMNS,
    COLUMNS_BY_HEADER,
    ENDED,
    NAME,
    VILLAGE,
)
from inspection.village_import.columns import parse_code
from inspection.village_import.errors import Invalid, RowError, shown
from inspection.village_import.reading import SourceRow, Table
from inspection.village_import.validation import header_errors as village_header_errors

Key = tuple[int, str, str, str, datetime.date]  # village id, name, body, post, started on


@dataclass
class RosterRow:
    number: int
    village: Village
    name: str
    body: str
    post: str
    started_on: datetime.date
    ended_on: datetime.date | None
    is_party_member: bool

    @property
    def key(self) -> Key:
        return (self.village.pk, self.name, self.body, self.post, self.started_on)


def header_errors(headers: tuple[str, ...]) -> list[RowError]:
    """The header row's errors against this file's columns (the village import's rule)."""
    return village_header_errors(headers, COLUMNS)


def _villages(table: Table) -> dict[str, Village]:
    codes = set()
    for text in table.values(CODE):
        try:
            codes.add(parse_code(text))
        except Invalid:
            continue
    return {
        v.code: v for v in Village.objects.filter(code__in=codes).select_for_update(of=("self",))
    }


def validate_roster(table: Table) -> tuple[list[RosterRow], list[RowError]]:
    """Check the header and every row; return the valid rows and every error found.

    Locks the villages named (run inside the import's transaction)."""
    errors = header_errors(table.headers)
    if any(error.column is None for error in errors):
        return [], errors
    if not table.rows:
        message = _("文件中没有数据行：第1行是表头，从第2行起每行填写一人的一个职务。")
        return [], [*errors, RowError(None, None, message)]
    villages = _villages(table)
    first_index: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        first_index.setdefault(header, index)
    columns = [
        COLUMNS_BY_HEADER.get(header) if first_index[header] == index else None
        for index, header in enumerate(table.headers)
    ]
    rows: list[RosterRow] = []
    seen: dict[Key, int] = {}
    for source in table.rows:
        row = _validate_row(source, table, columns, villages, errors)
        if row is None:
            continue
        first = seen.setdefault(row.key, row.number)
        if first != row.number:
            message = _("与第%(row)s行重复（同一村、同一人、同一组织、同一职务、同一任职起始）。")
            errors.append(RowError(row.number, NAME, message % {"row": first}))
            continue
        rows.append(row)
    return rows, errors


def _validate_row(source: SourceRow, table: Table, columns, villages, errors) -> RosterRow | None:
    parsed, failed = {}, False
    for index, text in enumerate(source.cells):
        column = columns[index] if index < len(columns) else None
        if column is None:
            if text and (index >= len(table.headers) or not table.headers[index]):
                message = _("第%(letter)s列没有列名，却填有“%(value)s”。") % {
                    "letter": get_column_letter(index + 1),
                    "value": shown(text),
                }
                errors.append(RowError(source.number, None, message))
            continue
        try:
            if text.startswith("="):
                raise Invalid(
                    _(
                        "不能是公式或以“=”开头，实际为“%(value)s”"
                        "（公式请先复制并“选择性粘贴为数值”）。"
                    )
                    % {"value": shown(text)}
                )
            if not text and column.required:
                raise Invalid(_("必填，不能为空。"))
            parsed[column.field] = column.parse(text) if text else column.blank
        except Invalid as exc:
            errors.append(RowError(source.number, column.header, str(exc)))
            failed = True
    village = None
    code = parsed.get("code")
    if code:
        village = villages.get(code)
        if village is None:
            message = _("系统中没有村代码为“%(code)s”的村(社区)，请先导入村(社区)名册。")
            errors.append(RowError(source.number, CODE, message % {"code": code}))
            failed = True
        elif parsed.get("village_name") and parsed["village_name"] != village.name:
            message = _("与村代码%(code)s对应的“%(name)s”不一致，实际为“%(value)s”。") % {
                "code": code,
                "name": village.name,
                "value": shown(parsed["village_name"]),
            }
            errors.append(RowError(source.number, VILLAGE, message))
            failed = True
    started, ended = parsed.get("started_on"), parsed.get("ended_on")
    if started and ended and ended < started:
        message = _("任职截止（%(ended)s）不能早于任职起始（%(started)s）。") % {
            "ended": f"{ended:%Y-%m-%d}",
            "started": f"{started:%Y-%m-%d}",
        }
        errors.append(RowError(source.number, ENDED, message))
        failed = True
    if failed or village is None:
        return None
    return RosterRow(
        number=source.number,
        village=village,
        name=parsed["name"],
        body=parsed["body"],
        post=parsed["post"],
        started_on=started,
        ended_on=ended,
        is_party_member=parsed.get("is_party_member", False),
    )
