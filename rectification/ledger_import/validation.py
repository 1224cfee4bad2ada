"""Checking the header and every row of a ledger file against the registry and what an
earlier import wrote; a ``Registry`` snapshot is loaded in a few queries, never per row."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from findings.models import ProblemClass
from inspection.models import Term, Town, Village
from inspection.village_import import RowError, SourceRow, Table
from inspection.village_import.errors import Invalid, shown
from inspection.village_import.validation import header_errors as village_header_errors
from rectification.choices import ItemStatus, RectificationMode
from rectification.ledger_import.columns import COLUMNS, COLUMNS_BY_HEADER, REFUSED_STATUSES
from rectification.models import ImportedLedgerRow
from rounds.models import Assignment, InspectionRound

OTHER_CLASS = "other"  # the class code a blank 问题类别 stands for


@dataclass
class Registry:
    terms: list[Term]
    towns: dict[str, Town]
    villages: dict[tuple[int, str], Village]
    classes: dict[str, list[ProblemClass]]
    other_class: ProblemClass | None
    rounds: dict[tuple[int, int], InspectionRound]
    imported_rounds: set[int]
    assignments: dict[tuple[int, int, int | None], Assignment]
    fingerprints: dict[tuple[int, int], str]  # (assignment, 序号) → the stored row's

    @classmethod
    def load(cls, table: Table) -> Registry:
        town_names = set(table.values("乡镇"))
        towns = {t.name: t for t in Town.objects.filter(name__in=town_names)}
        villages = {
            (v.town_id, v.name): v
            for v in Village.objects.filter(
                town__in=towns.values(), name__in=set(table.values("村(社区)"))
            )
        }
        classes = defaultdict(list)
        other = None
        for problem_class in ProblemClass.objects.select_related("aspect"):
            classes[problem_class.name].append(problem_class)
            if problem_class.code == OTHER_CLASS:
                other = problem_class
        terms = list(Term.objects.order_by("starts_on"))
        # Not locked: two imports at once that write the same round, organisation or
        # 序号 meet a unique constraint, and the second is refused whole (the service).
        rounds = {(r.term_id, r.ordinal): r for r in InspectionRound.objects.filter(term__in=terms)}
        imported = set(
            ImportedLedgerRow.objects.filter(round__in=rounds.values())
            .values_list("round_id", flat=True)
            .distinct()
        )
        assignments = {
            (a.round_id, a.town_id, a.village_id): a
            for a in Assignment.objects.filter(round_id__in=imported).select_related(
                "feedback", "town", "village"
            )
        }
        fingerprints = {
            (assignment_id, number): fingerprint
            for assignment_id, number, fingerprint in ImportedLedgerRow.objects.filter(
                round_id__in=imported
            ).values_list("assignment_id", "number", "fingerprint")
        }
        return cls(
            terms, towns, villages, classes, other, rounds, imported, assignments, fingerprints
        )

    def term_of(self, day: datetime.date) -> Term | None:
        return next((t for t in self.terms if t.starts_on <= day <= t.ends_on), None)


@dataclass
class LedgerRow:
    """A valid row: where it goes (term, ordinal, town, village) and what it says."""

    number: int  # as Excel shows it
    values: dict[str, Any]
    term: Term
    town: Town
    village: Village | None
    problem_class: ProblemClass
    fingerprint: str
    stored: bool = False  # an earlier import wrote this very row: nothing to do
    source: dict[str, str] = field(default_factory=dict)

    @property
    def round_key(self) -> tuple[int, int]:
        return self.term.pk, self.values["round"][1]

    @property
    def org_key(self) -> tuple[tuple[int, int], int, int | None]:
        return self.round_key, self.town.pk, self.village.pk if self.village else None

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None


def header_errors(headers: tuple[str, ...]) -> list[RowError]:
    """The header row's errors against this file's columns (the village import's rule)."""
    return village_header_errors(headers, COLUMNS)


def fingerprint(values: dict[str, Any], place: tuple) -> str:
    """What a row says, parsed (so a date typed as text or as a date cell is one value)."""
    payload = json.dumps([place, sorted(values.items())], default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


class _Validator:
    def __init__(self, table: Table, registry: Registry):
        self.registry = registry
        self.errors: list[RowError] = []
        self.today = timezone.localdate()
        first = {}
        for index, header in enumerate(table.headers):
            first.setdefault(header, index)
        self.columns = [
            COLUMNS_BY_HEADER.get(h) if first[h] == index else None
            for index, h in enumerate(table.headers)
        ]
        self.headers = table.headers
        self.org_rows: dict[tuple, LedgerRow] = {}
        self.key_rows: dict[tuple, int] = {}
        self.round_titles: dict[tuple[int, int], tuple[str, int]] = {}

    def error(self, row: SourceRow, column: str | None, message: str) -> None:
        self.errors.append(RowError(row.number, column, message))

    def _cells(self, row: SourceRow) -> tuple[dict[str, Any], dict[str, str], bool]:
        values, source, failed = {}, {}, False
        for index, text in enumerate(row.cells):
            column = self.columns[index] if index < len(self.columns) else None
            if column is None:
                if text and (index >= len(self.headers) or not self.headers[index]):
                    message = _("第%(letter)s列没有列名，却填有“%(value)s”。") % {
                        "letter": get_column_letter(index + 1),
                        "value": shown(text),
                    }
                    self.error(row, None, message)
                continue
            source[column.header] = text
            try:
                if text.startswith("="):
                    raise Invalid(
                        _(
                            "不能是公式或以“=”开头，实际为“%(value)s”（公式请先复制并“选择性粘贴为数值”）。"
                        )
                        % {"value": shown(text)}
                    )
                if not text:
                    if column.required:
                        raise Invalid(_("必填，不能为空。"))
                    continue
                if column.field == "status" and text in REFUSED_STATUSES:
                    raise Invalid(str(REFUSED_STATUSES[text]))
                values[column.field] = column.parse(text)
            except Invalid as exc:
                self.error(row, column.header, str(exc))
                failed = True
        return values, source, failed

    def validate(self, row: SourceRow) -> LedgerRow | None:
        values, source, failed = self._cells(row)
        if failed:
            return None
        values.setdefault("mode", RectificationMode.TIME_LIMITED)
        for name in ("village", "problem_class", "target", "measures", "supervising_leader",
                     "person", "progress", "completion", "evidence", "note"):  # fmt: skip
            values.setdefault(name, "")
        place = self._place(row, values)
        if place is None or not self._dates(row, values, place[0]):
            return None
        term, town, village, problem_class = place
        key = (term.pk, values["round"][1], town.pk, village.pk if village else None)
        clean = LedgerRow(
            row.number,
            values,
            term,
            town,
            village,
            problem_class,
            fingerprint(values, key),
            source=source,
        )
        if not self._consistent(row, clean):
            return None
        return clean

    def _place(self, row: SourceRow, values: dict) -> tuple | None:
        registry, ok = self.registry, True
        town = registry.towns.get(values["town"])
        village = None
        if town is None:
            self.error(
                row,
                "乡镇",
                _("系统中没有乡镇“%(name)s”，请先导入村(社区)名册。") % {"name": values["town"]},
            )
            ok = False
        elif values["village"]:
            village = registry.villages.get((town.pk, values["village"]))
            if village is None:
                message = _("%(town)s没有村(社区)“%(name)s”，请先导入村(社区)名册。")
                self.error(
                    row, "村(社区)", message % {"town": town.name, "name": values["village"]}
                )
                ok = False
        term = registry.term_of(values["period"][0])
        if term is None:
            message = _("进驻日期%(day)s不在任何届次内，请先在后台添加届次。")
            self.error(row, "巡察时间", message % {"day": values["period"][0]})
            ok = False
        problem_class = self._class(row, values["problem_class"])
        ok = ok and problem_class is not None
        if ok and (term.pk, values["round"][1]) in registry.rounds:
            stored = registry.rounds[(term.pk, values["round"][1])]
            if stored.pk not in registry.imported_rounds:
                message = _(
                    "系统中已有%(term)s第%(n)s轮“%(title)s”，不是由台账导入建立的，不能导入到该轮次。"
                )
                self.error(
                    row,
                    "轮次",
                    message % {"term": term.name, "n": stored.ordinal, "title": stored.title},
                )
                ok = False
        return (term, town, village, problem_class) if ok else None

    def _class(self, row: SourceRow, name: str) -> ProblemClass | None:
        if not name:
            if self.registry.other_class is None:
                self.error(row, "问题类别", _("系统问题分类中没有“其他”类，请填写问题类别。"))
            return self.registry.other_class
        found = self.registry.classes.get(name, [])
        if len(found) == 1:
            return found[0]
        if found:
            message = _("问题分类中有多个名为“%(name)s”的类（%(aspects)s），无法确定。")
            aspects = _("、").join(c.aspect.name for c in found)
            self.error(row, "问题类别", message % {"name": name, "aspects": aspects})
        else:
            self.error(
                row, "问题类别", _("系统问题分类中没有“%(name)s”类。") % {"name": shown(name)}
            )
        return None

    def _dates(self, row: SourceRow, values: dict, place) -> bool:
        start, end = values["period"]
        fed_back_on, deadline, status = values["fed_back_on"], values["deadline"], values["status"]
        checks = [
            (end <= self.today, "巡察时间", _("撤离日期不能晚于今天：导入的是已经过去的轮次。")),
            (
                fed_back_on >= end,
                "反馈日期",
                _("反馈日期不能早于撤离日期（%(day)s）。") % {"day": end},
            ),
            (fed_back_on <= self.today, "反馈日期", _("反馈日期不能晚于今天。")),
            (
                deadline >= start,
                "整改时限",
                _("整改时限不能早于进驻日期（%(day)s）。") % {"day": start},
            ),
        ]
        for name, column, label, wanted in (
            ("submitted_on", "申请销号日期", "申请销号", ItemStatus.SUBMITTED),
            ("closed_on", "销号日期", "已销号", ItemStatus.CLOSED),
        ):
            day = values.get(name)
            if day is None:
                checks.append(
                    (status != wanted, column, _("状态为%(status)s时必填。") % {"status": label})
                )
                continue
            checks += [
                (
                    status == wanted
                    or (wanted == ItemStatus.SUBMITTED and status == ItemStatus.CLOSED),
                    column,
                    _("只有状态为%(status)s时才填写。") % {"status": label},
                ),
                (day >= start, column, _("不能早于进驻日期（%(day)s）。") % {"day": start}),
                (day <= self.today, column, _("不能晚于今天。")),
            ]
        submitted, closed = values.get("submitted_on"), values.get("closed_on")
        if submitted and closed:
            checks.append((closed >= submitted, "销号日期", _("销号日期不能早于申请销号日期。")))
        ok = True
        for passed, column, message in checks:
            if not passed:
                self.error(row, column, message)
                ok = False
        return ok

    def _consistent(self, row: SourceRow, clean: LedgerRow) -> bool:
        """Rows of one organisation agree on its dates; its 序号 appear once; a round is
        named one way; a row imported before is unchanged (see the package's docstring)."""
        ok = True
        first = self.org_rows.setdefault(clean.org_key, clean)
        for name, column in (("period", "巡察时间"), ("fed_back_on", "反馈日期")):
            if first is not clean and first.values[name] != clean.values[name]:
                message = _("与第%(row)s行（同一巡察对象）不一致，同一巡察对象只能有一个%(what)s。")
                self.error(row, column, message % {"row": first.number, "what": column})
                ok = False
        title = clean.values["round"][0]
        named = self.round_titles.setdefault(clean.round_key, (title, row.number))
        if named[0] != title:
            message = _("与第%(row)s行的“%(title)s”是同一届次的同一轮，名称须一致。")
            self.error(row, "轮次", message % {"row": named[1], "title": named[0]})
            ok = False
        key = (*clean.org_key, clean.values["sequence"])
        seen = self.key_rows.setdefault(key, row.number)
        if seen != row.number:
            message = _("与第%(row)s行重复：同一巡察对象内序号不能重复。")
            self.error(row, "序号", message % {"row": seen})
            return False
        return ok and self._against_stored(row, clean)

    def _against_stored(self, row: SourceRow, clean: LedgerRow) -> bool:
        registry = self.registry
        stored_round = registry.rounds.get(clean.round_key)
        assignment = stored_round and registry.assignments.get(
            (stored_round.pk, clean.town.pk, clean.village.pk if clean.village else None)
        )
        if not assignment:
            return True
        feedback = getattr(assignment, "feedback", None)
        stored = (assignment.on_site_from, assignment.on_site_until)
        if (
            stored != clean.values["period"]
            or feedback is None
            or feedback.fed_back_on != clean.fed_back_on
        ):
            message = _(
                "该巡察对象已于此前导入，巡察时间%(start)s至%(end)s、反馈日期%(day)s，与本行不同。"
            )
            day = feedback.fed_back_on if feedback else "—"
            self.error(
                row, "巡察时间", message % {"start": stored[0], "end": stored[1], "day": day}
            )
            return False
        stored_print = registry.fingerprints.get((assignment.pk, clean.values["sequence"]))
        if stored_print is None:
            return True
        if stored_print != clean.fingerprint:
            message = _(
                "序号%(n)s已于此前导入且内容不同。导入只新增，不修改已导入的条目："
                "导入后的进展、申请销号和核验请在系统中办理，以免覆盖系统已记录的过程。"
            )
            self.error(row, "序号", message % {"n": clean.values["sequence"]})
            return False
        clean.stored = True
        return True


def validate_rows(table: Table, registry: Registry) -> tuple[list[LedgerRow], list[RowError]]:
    errors = header_errors(table.headers)
    if any(error.column is None for error in errors):
        return [], errors
    if not table.rows:
        message = _("文件中没有数据行：第1行是表头，从第2行起每行填写一条台账。")
        return [], [*errors, RowError(None, None, message)]
    validator = _Validator(table, registry)
    rows = [clean for row in table.rows if (clean := validator.validate(row)) is not None]
    return rows, errors + validator.errors
