"""The record sheets: 问题清单, 整改台账, 线索移交 and 逾期预警.

Each sheet reads the rows its reader may see (``Audience.rows``: the same scope as
everywhere else) narrowed as the matching figure narrows them, so that a list has as
many rows as its figure counts where the reader sees the whole scope: problems past
draft by the day recorded; ledger items by the feedback date; clues transferred by the
day of transfer; items overdue on the export's day. Rows stream from the database in
chunks (``iterator(chunk_size=…)``), as tuples, so memory does not grow with the scope.
"""

import datetime
import functools
import itertools

from django.db import connection
from django.db.models import OuterRef, Subquery
from django.db.models.functions import TruncDate
from django.utils import translation

from findings.choices import (
    CLUE_STATUSES_TRANSFERRED,
    ClueOutcome,
    ClueStatus,
    DispositionMethod,
    ProblemNature,
    ProblemSource,
    ProblemStatus,
    Severity,
    SubjectPost,
)
from findings.models import Clue, Problem
from findings.selectors import clue_text_prefetches
from inspection.choices import AlertStage, ReceivingBody
from inspection.permissions import mask_name
from rectification.choices import ItemStatus, RectificationMode
from rectification.models import Alert, ProgressUpdate, RectificationItem
from rectification.selectors import items_overdue, with_ledger_date
from reports.exports.cells import Column
from reports.exports.scope import Audience
from reports.statistics import StatisticsFilter

# The clue figure's own scope (term and round through the clue, places through its
# assignment), so that the sheet lists exactly the clues the figure counts.
from reports.statistics.figures import round_level_condition
from rounds.models.rounds import chinese_ordinal

PLACE = ("problem__assignment__town__name", "problem__assignment__village__name")
PLACE_ORDER = ("problem__assignment__town__code", "problem__assignment__village__code")


def _label(choices, value) -> str:
    return _chinese_label(choices, value) if value else ""


@functools.cache
def _chinese_label(choices, value) -> str:
    """A choice's label, translated once rather than once a row (the workbook is built in
    Chinese whatever the requester's language: ``build_workbook`` makes sure)."""
    with translation.override("zh-hans"):
        return str(choices(value).label)


def _yes(value: bool) -> str:
    return "是" if value else "否"


def _village(town_name: str, village_name: str | None) -> str:
    return village_name or f"{town_name}党委"


def _team(number: int | None) -> str:
    return f"第{chinese_ordinal(number)}巡察组" if number else ""


class ListSheet:
    """A sheet over one queryset of rows; subclasses name the columns and shape a row."""

    title = ""
    columns: list[Column] = []

    def __init__(self, audience: Audience, filters: StatisticsFilter, on: datetime.date):
        self.audience = audience
        self.filters = filters
        self.on = on

    def queryset(self):
        raise NotImplementedError

    def count(self) -> int:
        return self.queryset().count()

    def rows(self, chunk_size: int):
        raise NotImplementedError

    def total(self):
        return None


class ProblemSheet(ListSheet):
    title = "问题清单"
    table_name = "发现问题清单"
    columns = [
        Column("序号", 5, "int"),
        Column("乡镇(街道)", 9),
        Column("村(社区)", 9),
        Column("巡察轮次", 14),
        Column("巡察组", 10),
        Column("四个聚焦", 12, "long", "问题类别"),
        Column("方面", 12, "long", "问题类别"),
        Column("类", 12, "long", "问题类别"),
        Column("问题性质", 8),
        Column("问题描述", 36, "long"),
        Column("监督重点", 16, "long"),
        Column("问题来源", 7),
        Column("涉及金额(元)", 11, "money"),
        Column("严重程度", 6),
        Column("共性问题", 6),
        Column("立行立改", 6),
        Column("状态", 7),
        Column("记录时间", 16.5, "datetime"),
    ]

    def queryset(self):
        return (
            self.audience.rows(Problem)
            .exclude(status=ProblemStatus.DRAFT)
            .annotate(found_on=TruncDate("created_at"))
            .filter(self.filters.condition("assignment", "found_on"))
        )

    def rows(self, chunk_size: int):
        values = (
            self.queryset()
            .order_by("assignment__town__code", "assignment__village__code", "created_at", "id")
            .values_list(
                "assignment__town__name",
                "assignment__village__name",
                "assignment__round__title",
                "assignment__team__number",
                "problem_class__aspect__focus__name",
                "problem_class__aspect__name",
                "problem_class__name",
                "nature",
                "facts",
                "supervision_item__code",
                "supervision_item__title",
                "source",
                "amount",
                "severity",
                "is_common",
                "fix_immediately",
                "rectification_item__mode",
                "status",
                "created_at",
            )
        )
        for number, row in enumerate(values.iterator(chunk_size=chunk_size), start=1):
            (town, village, round_title, team, focus, aspect, class_name, nature) = row[:8]
            (facts, item_code, item_title, source, amount, severity, common, fix) = row[8:16]
            (mode, status, created_at) = row[16:]
            # 立行立改 as the figure counts it: by the ledger item, else the team's mark.
            immediate = mode == RectificationMode.IMMEDIATE if mode else fix
            yield (
                number,
                town,
                _village(town, village),
                round_title,
                _team(team),
                focus or "",
                aspect or "",
                class_name or "",
                _label(ProblemNature, nature),
                facts,
                f"{item_code} {item_title}" if item_code else "",
                _label(ProblemSource, source),
                amount,
                _label(Severity, severity),
                _yes(common),
                _yes(immediate),
                _label(ProblemStatus, status),
                created_at,
            )


def _labels(choices) -> dict[str, str]:
    """``{value: Chinese label}`` of a choice set, for a sheet's rows (``_label`` as one
    lookup; an empty value has no label)."""
    return {value: _chinese_label(choices, value) for value in choices.values}


def _chunks(rows, size: int):
    """Lists of ``size`` rows of the iterator ``rows`` (the last one shorter)."""
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


def latest_progress(item_ids: list[int]) -> dict[int, str]:
    """The latest 整改进展 of each item, as the ledger shows it ("60%：…"): for a chunk of
    rows, one query (PostgreSQL: ``DISTINCT ON`` the item; elsewhere the first of each
    item's updates, newest first), instead of correlated subqueries on every row."""
    updates = ProgressUpdate.objects.filter(item_id__in=item_ids).order_by(
        "item_id", "-created_at", "-id"
    )
    if connection.features.can_distinct_on_fields:
        updates = updates.distinct("item_id")
    latest: dict[int, str] = {}
    for item, percent, text in updates.values_list("item_id", "percent", "text"):
        if item not in latest:
            latest[item] = f"{percent}%：{text}" if text else ""
    return latest


def _items(audience: Audience, filters: StatisticsFilter):
    return with_ledger_date(audience.rows(RectificationItem)).filter(
        filters.condition("problem__assignment", "ledger_on")
    )


class ClueSheet(ListSheet):
    """线索移交: the clues handed over, with the persons concerned as the reader may see
    them (the office reads them in full). The sheet of the clue workbook, only built for
    the roles that read clues; never a sheet of the statistics workbook."""

    title = "线索移交"
    table_name = "问题线索移交情况表"
    columns = [
        Column("序号", 5, "int"),
        Column("巡察轮次", 14),
        Column("乡镇(街道)", 9),
        Column("村(社区)", 9),
        Column("线索摘要", 30, "long"),
        Column("被反映人", 16, "long"),
        Column("涉及金额(元)", 11, "money"),
        Column("受理机关", 8, group="移交"),
        Column("移交函号", 12, group="移交"),
        Column("移交日期", 11, "date", "移交"),
        Column("巡中快速移交", 6, group="移交"),
        Column("状态", 7),
        Column("处置方式", 8, group="办理结果"),
        Column("办结结果", 8, group="办理结果"),
        Column("办结日期", 11, "date", "办理结果"),
        Column("立案人数", 6, "int", "办理结果"),
        Column("党纪政务处分人数", 7, "int", "办理结果"),
        Column("追回资金(元)", 11, "money", "办理结果"),
        Column("反馈结果期限", 11, "date"),
    ]

    def queryset(self):
        return self.audience.rows(Clue).filter(
            round_level_condition(self.filters, "transferred_on"),
            status__in=CLUE_STATUSES_TRANSFERRED,
        )

    def _subjects(self, clue: Clue) -> str:
        shown = self.audience.sees_subjects(clue)
        return "；".join(
            f"{subject.name if shown else mask_name(subject.name)}"
            f"（{_label(SubjectPost, subject.post)}）"
            for subject in clue.subjects.all()
        )

    def rows(self, chunk_size: int):
        clues = (
            self.queryset()
            .select_related("round", "assignment__town", "assignment__village")
            .prefetch_related(*clue_text_prefetches())
            .order_by("transferred_on", "id")
        )
        for number, clue in enumerate(clues.iterator(chunk_size=chunk_size), start=1):
            assignment = clue.assignment
            yield (
                number,
                clue.round.title,
                assignment.town.name if assignment else "",
                assignment.target_name if assignment else "",
                self.audience.text(clue, "summary"),
                self._subjects(clue),
                clue.amount,
                _label(ReceivingBody, clue.receiving_body),
                clue.letter_number,
                clue.transferred_on,
                _yes(clue.transferred_on_site),
                _label(ClueStatus, clue.status),
                _label(DispositionMethod, clue.disposition_method),
                _label(ClueOutcome, clue.outcome),
                clue.concluded_on,
                clue.persons_case_filed,
                clue.persons_sanctioned,
                clue.funds_recovered,
                clue.result_due_on,
            )


class OverdueSheet(ListSheet):
    """逾期预警: the items overdue on the export's day, most overdue first, with the last
    three-colour alert raised for each."""

    title = "逾期预警"
    table_name = "整改逾期预警表"
    columns = [
        Column("序号", 5, "int"),
        Column("乡镇(街道)", 9),
        Column("村(社区)", 9),
        Column("问题类别", 12),
        Column("问题描述", 36, "long"),
        Column("责任单位", 12, group="责任落实"),
        Column("责任人", 8, group="责任落实"),
        Column("责任领导", 8, group="责任落实"),
        Column("整改时限", 11, "date", "责任落实"),
        Column("逾期天数", 6, "int"),
        Column("整改状态", 8),
        Column("最近预警", 8, group="预警"),
        Column("预警时间", 16.5, "datetime", "预警"),
    ]

    def queryset(self):
        return items_overdue(_items(self.audience, self.filters), on=self.on)

    def rows(self, chunk_size: int):
        alerts = Alert.objects.filter(item=OuterRef("pk")).order_by("-created_at", "-id")
        values = (
            self.queryset()
            .annotate(
                alert_stage=Subquery(alerts.values("stage")[:1]),
                alert_at=Subquery(alerts.values("created_at")[:1]),
            )
            .order_by("deadline", *PLACE_ORDER, "id")
            .values_list(
                *PLACE,
                "problem__problem_class__name",
                "problem__facts",
                "responsible_unit",
                "responsible_person",
                "supervising_leader",
                "deadline",
                "status",
                "alert_stage",
                "alert_at",
            )
        )
        person = self.audience.person
        for number, row in enumerate(values.iterator(chunk_size=chunk_size), start=1):
            (town, village, class_name, facts, unit, responsible, leader, deadline) = row[:8]
            (status, stage, alert_at) = row[8:]
            yield (
                number,
                town,
                _village(town, village),
                class_name or "",
                facts,
                unit,
                person(responsible),
                person(leader),
                deadline,
                (self.on - deadline).days,
                _label(ItemStatus, status),
                _label(AlertStage, stage),
                alert_at,
            )
