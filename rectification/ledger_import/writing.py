"""Writing the valid rows: rounds, organisations, feedback, issues, 底稿 and items, in
bulk, with their history at the file's dates; and ``ledger_import``, the service."""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from findings.choices import ProblemSource, ProblemStatus
from findings.models import Problem
from inspection.permissions import authorize
from inspection.village_import import MAX_BYTES, read_rows
from inspection.village_import.errors import fail
from rectification.choices import IssueLedgerMode, ItemStatus, ResponsibleUnitKind
from rectification.ledger_import.columns import COLUMNS_BY_HEADER, SHEET_NAME
from rectification.ledger_import.errors import LedgerImportError, LedgerImportResult
from rectification.ledger_import.history import REASON, HistoryWriter, moment
from rectification.ledger_import.validation import LedgerRow, Registry, validate_rows
from rectification.models import (
    Feedback,
    FeedbackBatch,
    FeedbackIssue,
    FeedbackIssueProblem,
    ImportedLedgerRow,
    LedgerImport,
    ProgressUpdate,
    RectificationItem,
)
from rounds.choices import RoundMode, RoundStatus
from rounds.models import Assignment, InspectionMode, InspectionRound

logger = logging.getLogger(__package__)
NOTES = (
    ("progress", "整改进展"),
    ("completion", "完成情况"),
    ("evidence", "佐证材料"),
    ("note", "备注"),
)


@dataclass
class Plan:
    rows: list[LedgerRow]  # to write, in file order
    unchanged: int
    new_rounds: int
    new_organisations: int

    def result(self, *, dry_run: bool) -> LedgerImportResult:
        return LedgerImportResult(
            created=len(self.rows),
            unchanged=self.unchanged,
            rounds_created=self.new_rounds,
            organisations_created=self.new_organisations,
            dry_run=dry_run,
        )


def plan(rows: list[LedgerRow], registry: Registry) -> Plan:
    new = [row for row in rows if not row.stored]
    rounds = {row.round_key for row in new if row.round_key not in registry.rounds}
    organisations = set()
    for row in new:
        stored = registry.rounds.get(row.round_key)
        key = (row.town.pk, row.village.pk if row.village else None)
        if stored is None or (stored.pk, *key) not in registry.assignments:
            organisations.add(row.org_key)
    return Plan(new, len(rows) - len(new), len(rounds), len(organisations))


def checked(data: bytes, filename: str) -> tuple[Registry, Plan]:
    """Read and validate; raise ``LedgerImportError`` listing every problem."""
    table = read_rows(
        io.BytesIO(data), filename, sheet_name=SHEET_NAME, known_headers=COLUMNS_BY_HEADER.keys()
    )
    registry = Registry.load(table)
    rows, errors = validate_rows(table, registry)
    if errors:
        raise LedgerImportError(errors)
    return registry, plan(rows, registry)


class _Writer:
    def __init__(self, registry: Registry, actor, ledger_import: LedgerImport):
        self.registry = registry
        self.actor = actor
        self.ledger_import = ledger_import
        self.history = HistoryWriter(actor)
        self.now = timezone.now()

    def write(self, rows: list[LedgerRow]) -> int:
        rounds = self._rounds(rows)
        assignments = self._assignments(rows, rounds)
        feedbacks = self._feedback(rows, rounds, assignments)
        issues = self._issues(rows, assignments)
        problems = self._problems(rows, assignments, issues)
        items = self._items(rows, problems, feedbacks, issues)
        self._notes(rows, items)
        ImportedLedgerRow.objects.bulk_create(
            [
                ImportedLedgerRow(
                    ledger_import=self.ledger_import,
                    item=items[row.number],
                    round=rounds[row.round_key],
                    assignment=assignments[row.org_key],
                    number=row.sequence,
                    row_number=row.number,
                    fingerprint=row.fingerprint,
                    source=row.source,
                )
                for row in rows
            ],
            batch_size=1000,
        )
        return self.history.write()

    def _rounds(self, rows) -> dict:
        rounds = dict(self.registry.rounds)
        by_round = defaultdict(list)
        for row in rows:
            if row.round_key not in rounds:
                by_round[row.round_key].append(row)
        new = [
            InspectionRound(
                term=members[0].term,
                ordinal=key[1],
                title=members[0].round[0],
                mode=RoundMode.REGULAR,
                on_site_from=min(r.period[0] for r in members),
                on_site_until=max(r.period[1] for r in members),
                feedback_on=max(r.fed_back_on for r in members),
                status=RoundStatus.RECTIFICATION,
            )
            for key, members in by_round.items()
        ]
        InspectionRound.objects.bulk_create(new)
        for round_, members in zip(new, by_round.values(), strict=True):
            rounds[(round_.term_id, round_.ordinal)] = round_
            first_feedback = min(r.fed_back_on for r in members)
            add = self.history.add
            add(
                round_,
                moment(round_.on_site_from, "on_site"),
                created=True,
                status=RoundStatus.ON_SITE,
            )
            add(
                round_,
                moment(first_feedback, "fed_back"),
                created=False,
                status=RoundStatus.FEEDBACK,
            )
            add(round_, moment(round_.feedback_on, "rectification"), created=False)
        return rounds

    def _assignments(self, rows, rounds) -> dict:
        stored = self.registry.assignments
        assignments, new = {}, {}
        mode = None
        for row in rows:
            round_ = rounds[row.round_key]
            village_id = row.village.pk if row.village else None
            found = stored.get((round_.pk, row.town.pk, village_id))
            if found is not None:
                assignments[row.org_key] = found
                continue
            if row.org_key in new:
                continue
            mode = mode or _regular_mode()
            new[row.org_key] = Assignment(
                round=round_,
                town=row.town,
                village=row.village,
                on_site_from=row.period[0],
                on_site_until=row.period[1],
                mode=mode,
            )
        Assignment.objects.bulk_create(new.values())
        for assignment in new.values():
            self.history.add(assignment, moment(assignment.on_site_from, "on_site"), created=True)
        return assignments | new

    def _feedback(self, rows, rounds, assignments) -> dict:
        """A batch per round and day, and a feedback per organisation new to the ledger
        (an organisation imported before keeps its own)."""
        stored = {a.pk for a in self.registry.assignments.values()}
        feedbacks, batches, new = {}, {}, []
        for row in rows:
            assignment = assignments[row.org_key]
            if row.org_key in feedbacks:
                continue
            if assignment.pk in stored:
                feedbacks[row.org_key] = assignment.feedback
                continue
            day = row.fed_back_on
            batch_key = (rounds[row.round_key].pk, day)
            if batch_key not in batches:
                batches[batch_key] = FeedbackBatch(
                    round=rounds[row.round_key],
                    fed_back_on=day,
                    note=REASON,
                    given_by=self.actor,
                    created_at=moment(day, "fed_back"),
                )
            feedbacks[row.org_key] = Feedback(
                assignment=assignment,
                batch=batches[batch_key],
                fed_back_on=day,
                plan_due_on=day + datetime.timedelta(days=settings.INSPECTION_PLAN_DUE_DAYS),
                report_due_on=day + datetime.timedelta(days=settings.INSPECTION_REPORT_DUE_DAYS),
                head_report_due_on=day
                + datetime.timedelta(days=settings.INSPECTION_HEAD_REPORT_DUE_DAYS),
                given_by=self.actor,
            )
            new.append(feedbacks[row.org_key])
        FeedbackBatch.objects.bulk_create(batches.values())
        Feedback.objects.bulk_create(new)
        for obj in [*batches.values(), *new]:
            self.history.add(obj, moment(obj.fed_back_on, "fed_back"), created=True)
        return feedbacks

    def _issues(self, rows, assignments) -> dict:
        """反馈问题 by (organisation, text), numbered after the organisation's last."""
        ids = [a.pk for a in assignments.values()]
        stored = FeedbackIssue.objects.filter(assignment_id__in=ids)
        issues = {(i.assignment_id, i.title): i for i in stored}
        last = dict(
            stored.values("assignment_id")
            .annotate(n=Max("number"))
            .values_list("assignment_id", "n")
        )
        new = []
        for row in rows:
            assignment = assignments[row.org_key]
            if (assignment.pk, row.issue) in issues:
                continue
            last[assignment.pk] = number = last.get(assignment.pk, 0) + 1
            issue = FeedbackIssue(
                assignment=assignment,
                number=number,
                aspect=row.problem_class.aspect,
                title=row.issue,
                ledger_mode=IssueLedgerMode.PER_PROBLEM,
            )
            issues[(assignment.pk, row.issue)] = issue
            new.append((issue, row.fed_back_on))
        FeedbackIssue.objects.bulk_create([issue for issue, _day in new], batch_size=1000)
        for issue, day in new:
            self.history.add(issue, moment(day, "fed_back"), created=True)
        return issues

    def _problems(self, rows, assignments, issues) -> dict:
        problems = {}
        for row in rows:
            assignment = assignments[row.org_key]
            signed = moment(row.period[1], "signed")
            problems[row.number] = Problem(
                assignment=assignment,
                sequence=row.sequence,
                number=f"导入-{assignment.target_name}-{row.sequence:03d}",
                title=row.issue[:100],
                problem_class=row.problem_class,
                facts=row.facts,
                source=ProblemSource.OTHER,
                status=ProblemStatus.FED_BACK,
                recorded_by=self.actor,
                submitted_by=self.actor,
                submitted_at=signed,
                reviewed_by=self.actor,
                reviewed_at=signed,
                confirmed_by=self.actor,
                confirmed_at=signed,
            )
        Problem.objects.bulk_create(problems.values(), batch_size=1000)
        # 记录时间 is the day the team found the problem (the figures date 发现问题 by it), not
        # the import's: ``auto_now_add`` set it to now, so it is written again per moment.
        found = defaultdict(list)
        for row in rows:
            problem = problems[row.number]
            problem.created_at = moment(row.period[1], "signed")
            found[problem.created_at].append(problem.pk)
        for when, ids in found.items():
            Problem.objects.filter(pk__in=ids).update(created_at=when)
        placements = [
            FeedbackIssueProblem(
                problem=problems[row.number], issue=issues[(assignments[row.org_key].pk, row.issue)]
            )
            for row in rows
        ]
        FeedbackIssueProblem.objects.bulk_create(placements, batch_size=1000)
        for row, placement in zip(rows, placements, strict=True):
            problem = problems[row.number]
            add = self.history.add
            add(
                problem,
                moment(row.period[1], "signed"),
                created=True,
                status=ProblemStatus.CONFIRMED,
            )
            add(problem, moment(row.fed_back_on, "fed_back"), created=False)
            add(placement, moment(row.fed_back_on, "fed_back"), created=True)
        return problems

    def _items(self, rows, problems, feedbacks, issues) -> dict:
        items = {}
        for row in rows:
            assignment = problems[row.number].assignment
            submitted, closed = row.values.get("submitted_on"), row.values.get("closed_on")
            items[row.number] = RectificationItem(
                problem=problems[row.number],
                feedback=feedbacks[row.org_key],
                issue=issues[(assignment.pk, row.issue)],
                mode=row.mode,
                responsible_unit_kind=(
                    ResponsibleUnitKind.VILLAGE_PARTY
                    if row.village
                    else ResponsibleUnitKind.TOWN_PARTY
                ),
                responsible_unit=row.unit,
                responsible_person=row.person,
                supervising_leader=row.supervising_leader,
                measures=row.measures,
                target=row.target,
                deadline=row.deadline,
                status=row.status,
                submitted_at=moment(submitted, "submitted") if submitted else None,
                # Entered by the office for the unit (代录): never the unit's own request.
                submitted_on_behalf=submitted is not None,
                closed_at=moment(closed, "closed") if closed else None,
                created_at=moment(row.fed_back_on, "fed_back"),
            )
        RectificationItem.objects.bulk_create(items.values(), batch_size=1000)
        for item in items.values():
            self._item_history(item)
        return items

    def _item_history(self, item) -> None:
        """Entered on the feedback day as 待整改, then asked to close and closed on the
        ledger's days. An item without an on-site order enters the ledger with its
        feedback (``with_ledger_date``), so a step the ledger dates earlier (立行立改
        finished on site) is already in its first row, its own date kept."""
        pending = {
            "status": ItemStatus.PENDING,
            "submitted_at": None,
            "submitted_on_behalf": False,
            "closed_at": None,
        }
        steps = []  # (when, the state then: overrides of the item's final values)
        if item.status == ItemStatus.IN_PROGRESS:
            # When work began no ledger says; 待整改 and 整改中 are alike to every figure
            # (both open), so the change is recorded when it became known: now.
            steps.append((self.now, {}))
        if item.submitted_at:
            steps.append((item.submitted_at, {"status": ItemStatus.SUBMITTED, "closed_at": None}))
        if item.closed_at:
            steps.append((item.closed_at, {}))
        first = pending
        for when, state in steps:
            if when <= item.created_at:
                first = state
        self.history.add(item, item.created_at, created=True, **first)
        for when, state in steps:
            if when > item.created_at:
                self.history.add(item, when, created=False, **state)

    def _notes(self, rows, items) -> None:
        updates = []
        for row in rows:
            lines = [f"{label}：{row.values[name]}" for name, label in NOTES if row.values[name]]
            if lines:
                item = items[row.number]
                updates.append(
                    ProgressUpdate(
                        item=item,
                        text="\n".join([_("（台账导入）"), *lines]),
                        percent=100 if item.status == ItemStatus.CLOSED else 0,
                        author=self.actor,
                        created_at=self.now,
                        on_behalf=True,
                    )
                )
        ProgressUpdate.objects.bulk_create(updates, batch_size=1000)


def _regular_mode() -> InspectionMode:
    mode = InspectionMode.objects.filter(kind=RoundMode.REGULAR, is_active=True).first()
    if mode is None:
        raise fail(_("系统中没有启用的“常规巡察”方式，请先在后台添加巡察方式。"))
    return mode


@transaction.atomic
def ledger_import(
    *, file_obj: BinaryIO, filename: str, actor, dry_run: bool = False
) -> LedgerImportResult:
    """Bring a county's existing ledger in: its past rounds, organisations, 底稿 and items
    with their dates and statuses (rectification.ledger_import explains the rules).

    All or nothing: on any error ``LedgerImportError`` lists every problem, by row and
    column, and nothing is written. A row imported before (same round, organisation and
    序号, same content) is left as it is; a changed one is refused.
    """
    authorize(actor, "ledger_import")
    data = file_obj.read(MAX_BYTES + 1)
    registry, the_plan = checked(data, filename)
    result = the_plan.result(dry_run=dry_run)
    if dry_run or not the_plan.rows:
        return result
    record = LedgerImport.objects.create(
        filename=filename[:255],
        checksum=hashlib.sha256(data).hexdigest(),
        imported_by=actor,
        rows_created=result.created,
        rows_unchanged=result.unchanged,
    )
    try:
        with transaction.atomic():
            history_rows = _Writer(registry, actor, record).write(the_plan.rows)
    except IntegrityError as exc:  # a concurrent import took a round or a 序号 meanwhile
        raise fail(_("写入时与他人同时导入的数据冲突，未写入任何数据，请重新导入。")) from exc
    logger.info(
        "ledger import of %s by %s: %d items created (%d history rows), %d unchanged",
        filename, actor, result.created, history_rows, result.unchanged,
    )  # fmt: skip
    return result
