"""Checking the header and every row against a ``Registry`` of the stored towns and villages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from inspection.choices import TownKind
from inspection.models import Town, Village
from inspection.village_import.columns import (
    CODE,
    COLUMNS,
    COLUMNS_BY_HEADER,
    KEEP,
    NAME,
    TOWN,
    parse_code,
)
from inspection.village_import.errors import Invalid, RowError, shown
from inspection.village_import.reading import SourceRow, Table


def town_kind(name: str) -> str | None:
    for suffix, kind in (("街道", TownKind.SUBDISTRICT), ("镇", TownKind.TOWN)):
        if name.endswith(suffix):
            return kind
    return TownKind.TOWNSHIP if name.endswith("乡") else None


def _chunks(items: list[str], size: int = 1000) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Registry:
    """The stored towns and villages a file may touch, looked up in a few queries.

    ``load`` expects to run inside the import's transaction: it locks the villages it
    reads (on PostgreSQL), so that none changes or disappears before the write.
    """

    towns_by_name: dict[str, Town]
    towns_by_code: dict[str, Town]
    villages_by_code: dict[str, Village]
    villages_by_name: dict[tuple[int, str], Village]  # (town id, name)

    @classmethod
    def load(cls, table: Table) -> Registry:
        names = {name for name in table.values(TOWN) if name}
        codes = set(filter(None, map(_parse_code_or_none, table.values(CODE))))
        prefixes = {code[:9] for code in codes}
        towns = list(Town.objects.filter(Q(name__in=names) | Q(code__in=prefixes)))
        locked = Village.objects.select_related("town").select_for_update(of=("self",))
        villages = {village.code: village for village in locked.filter(town__in=towns)}
        for chunk in _chunks(sorted(codes - villages.keys())):
            villages.update((village.code, village) for village in locked.filter(code__in=chunk))
        return cls(
            towns_by_name={town.name: town for town in towns},
            towns_by_code={town.code: town for town in towns},
            villages_by_code=villages,
            villages_by_name={(v.town_id, v.name): v for v in villages.values()},
        )


@dataclass
class VillageRow:
    """A valid row: the village's identity and the values of the columns filled in."""

    number: int
    town_name: str
    name: str
    code: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class _NewTown:
    name: str
    code: str
    kind: str
    first_row: int


def header_errors(headers: tuple[str, ...], columns=COLUMNS) -> list[RowError]:
    """The header row's errors against ``columns`` (each with ``header`` and ``required``):
    a repeated or unknown header (with the near miss a space made), a required one missing.
    The village, roster and ledger imports read their headers through it."""
    errors = []
    seen: dict[str, int] = {}
    by_header = {column.header for column in columns}
    known = _("、").join(column.header for column in columns)
    for index, header in enumerate(headers):
        if not header:
            continue
        if header in seen:
            message = _("列名重复（%(first)s列和%(second)s列）。") % {
                "first": get_column_letter(seen[header] + 1),
                "second": get_column_letter(index + 1),
            }
            errors.append(RowError(1, header, message))
        elif header not in by_header:
            message = _("不是可导入的列名，可用的列名有：%(known)s。") % {"known": known}
            squeezed = re.sub(r"\s+", "", header)
            if squeezed in by_header:
                message = _("不是可导入的列名，是否应为「%(header)s」？") % {"header": squeezed}
            errors.append(RowError(1, header, message))
        seen.setdefault(header, index)
    for column in columns:
        if column.required and column.header not in seen:
            message = _("缺少必填列「%(header)s」（表头须在第1行）。") % {"header": column.header}
            errors.append(RowError(1, None, message))
    return errors


class _Validator:
    """Walks the rows once, remembering what earlier rows claimed (codes, names, towns)."""

    def __init__(self, table: Table, registry: Registry):
        self.table = table
        self.registry = registry
        self.errors: list[RowError] = []
        self.new_towns: dict[str, _NewTown] = {}  # by name
        self.new_town_codes: dict[str, _NewTown] = {}
        self.code_rows: dict[str, int] = {}
        self.name_rows: dict[tuple[str, str], int] = {}
        self.file_codes = set(map(_parse_code_or_none, table.values(CODE)))
        first_index: dict[str, int] = {}
        for index, header in enumerate(table.headers):
            first_index.setdefault(header, index)
        # A repeated column is reported in the header and its cells are not read.
        self.columns = [
            COLUMNS_BY_HEADER.get(header) if first_index[header] == index else None
            for index, header in enumerate(table.headers)
        ]

    def error(self, row: SourceRow, column: str | None, message: str) -> None:
        self.errors.append(RowError(row.number, column, message))

    def validate(self, row: SourceRow) -> VillageRow | None:
        parsed: dict[str, Any] = {}
        failed = False
        for index, text in enumerate(row.cells):
            column = self.columns[index] if index < len(self.columns) else None
            if column is None:
                if text and (index >= len(self.table.headers) or not self.table.headers[index]):
                    letter = get_column_letter(index + 1)
                    message = _("第%(letter)s列没有列名，却填有“%(value)s”。")
                    self.error(row, None, message % {"letter": letter, "value": shown(text)})
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
                value = column.parse(text) if text else column.blank
            except Invalid as exc:
                self.error(row, column.header, str(exc))
                failed = True
                continue
            if value is not KEEP:
                parsed[column.field] = value
        town_name = parsed.pop("town", "")
        name = parsed.pop("name", "")
        code = parsed.pop("code", "")
        failed |= not self._check_in_file(row, town_name, name, code)
        if town_name and code:
            failed |= not self._check_town(row, town_name, code)
            failed |= not self._check_name_clash(row, town_name, name, code)
        if failed:
            return None
        return VillageRow(row.number, town_name, name, code, parsed)

    def _check_in_file(self, row: SourceRow, town_name: str, name: str, code: str) -> bool:
        ok = True
        if code:
            first = self.code_rows.setdefault(code, row.number)
            if first != row.number:
                self.error(row, CODE, _("与第%(row)s行的村代码重复。") % {"row": first})
                ok = False
        if town_name and name:
            first = self.name_rows.setdefault((town_name, name), row.number)
            if first != row.number:
                message = _(
                    "“%(town)s%(name)s”与第%(row)s行重复，同一乡镇内村(社区)名称不能重复。"
                ) % {"town": town_name, "name": name, "row": first}
                self.error(row, NAME, message)
                ok = False
        return ok

    def _check_town(self, row: SourceRow, town_name: str, code: str) -> bool:
        prefix = code[:9]
        town = self.registry.towns_by_name.get(town_name)
        if town is not None:
            if town.code != prefix:
                message = _("前9位“%(prefix)s”与乡镇“%(town)s”的区划代码“%(code)s”不一致。") % {
                    "prefix": prefix,
                    "town": town.name,
                    "code": town.code,
                }
                self.error(row, CODE, message)
                return False
            return True
        new_town = self.new_towns.get(town_name)
        if new_town is not None:
            if new_town.code != prefix:
                message = _(
                    "前9位“%(prefix)s”与第%(row)s行新建的乡镇“%(town)s”的区划代码“%(code)s”不一致。"
                ) % {
                    "prefix": prefix,
                    "row": new_town.first_row,
                    "town": town_name,
                    "code": new_town.code,
                }
                self.error(row, CODE, message)
                return False
            return True
        owner = self.registry.towns_by_code.get(prefix)
        if owner is not None:
            message = _(
                "系统中没有“%(town)s”，而村代码前9位“%(prefix)s”是“%(owner)s”的区划代码；"
                "如乡镇已更名，请先在后台修改乡镇名称。"
            ) % {"town": town_name, "prefix": prefix, "owner": owner.name}
            self.error(row, TOWN, message)
            return False
        if prefix in self.new_town_codes:
            other = self.new_town_codes[prefix]
            message = _(
                "“%(town)s”与第%(row)s行新建的“%(other)s”使用同一区划代码“%(prefix)s”。"
            ) % {"town": town_name, "row": other.first_row, "other": other.name, "prefix": prefix}
            self.error(row, TOWN, message)
            return False
        kind = town_kind(town_name)
        if kind is None:
            message = _(
                "系统中没有“%(town)s”，无法自动新建：乡镇名称须以“镇”“乡”或“街道”结尾"
                "（或先在后台添加该乡镇）。"
            ) % {"town": town_name}
            self.error(row, TOWN, message)
            return False
        new_town = _NewTown(town_name, prefix, kind, row.number)
        self.new_towns[town_name] = self.new_town_codes[prefix] = new_town
        return True

    def _check_name_clash(self, row: SourceRow, town_name: str, name: str, code: str) -> bool:
        town = self.registry.towns_by_name.get(town_name)
        other = town and self.registry.villages_by_name.get((town.pk, name))
        # A village this file also lists is judged by its row in the file, not its stored name.
        if other and other.code != code and other.code not in self.file_codes:
            message = _(
                "%(town)s已有同名村(社区)“%(name)s”（村代码%(code)s），与本行村代码不同。"
            ) % {"town": town_name, "name": name, "code": other.code}
            self.error(row, NAME, message)
            return False
        return True


def _parse_code_or_none(text: str) -> str | None:
    try:
        return parse_code(text)
    except Invalid:
        return None


def validate_rows(table: Table, registry: Registry) -> tuple[list[VillageRow], list[RowError]]:
    """Check the header and every row; return the valid rows and all errors found."""
    errors = header_errors(table.headers)
    if any(error.column is None for error in errors):  # a required column is missing
        return [], errors
    if not table.rows:
        message = _("文件中没有数据行：第1行是表头，从第2行起每行填写一个村(社区)。")
        return [], [*errors, RowError(None, None, message)]
    validator = _Validator(table, registry)
    rows = [clean for row in table.rows if (clean := validator.validate(row)) is not None]
    return rows, errors + validator.errors
