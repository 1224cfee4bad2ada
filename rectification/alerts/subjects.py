"""What a scan alerts on, and at which stage: the alerts of one day, inserted in SQL.

Three kinds of subject owe something by a date:

- a ledger item its deadline (整改时限), while pending, in progress or returned: an item
  asked to be closed (申请销号) or closed gets no alert;
- a feedback the rectification plan and the two reports (整改方案, 整改报告, 主要负责人组织
  落实整改情况报告), until sent;
- a transferred clue the result the receiving body owes the office (反馈结果期限), until
  concluded.

A subject gets its CURRENT stage only: an item first scanned when already overdue gets
red, not green and yellow after the fact. It never steps back down either: once red, a
deadline moved later does not raise a green one (it could never be red again: one
alert per subject and stage, ever).

Each (subject kind, stage) is one ``INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING``
(on PostgreSQL and SQLite alike): the subjects whose due date falls in the stage's
window and that have no alert at that stage or above. At province scale a cold ledger
owes ~140,000 alerts at once; no row goes through Python on the way in.
"""

import datetime
import uuid
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connections
from django.db.models import DateTimeField, Exists, F, OuterRef, QuerySet, UUIDField, Value

from findings.choices import ClueStatus
from findings.models import Clue
from inspection.choices import AlertStage
from inspection.deadlines import StageWindows
from rectification.choices import FEEDBACK_DATES, ITEM_STATUSES_OPEN
from rectification.models import Alert, Feedback, RectificationItem

# Clues whose result is still owed: handed over and not yet concluded.
CLUE_STATUSES_OWING = (ClueStatus.TRANSFERRED, ClueStatus.RECEIVED, ClueStatus.DISPOSING)

# A stage is raised unless the subject already has an alert at this stage or above.
STAGES_AT_OR_ABOVE = {
    AlertStage.RED: (AlertStage.RED,),
    AlertStage.YELLOW: (AlertStage.RED, AlertStage.YELLOW),
    AlertStage.GREEN: (AlertStage.RED, AlertStage.YELLOW, AlertStage.GREEN),
}

COLUMNS = ("subject", "document", "stage", "due_on", "created_at", "scan")


class Raised(NamedTuple):
    """One alert a scan inserted."""

    pk: int
    stage: str
    item_id: int | None = None
    clue_id: int | None = None
    feedback_id: int | None = None
    document: str = ""


@dataclass(frozen=True)
class Candidates:
    """The subjects of one kind due one stage: ``rows`` selects the alert rows to insert
    (columns in ``COLUMNS`` order), ``subject`` is the Alert field they point to."""

    subject: str
    stage: str
    document: str
    rows: QuerySet


def _windows(windows: StageWindows, due: str) -> dict[str, dict]:
    """The due-date filter of each stage."""
    return {
        AlertStage.RED: {f"{due}__lt": windows.on},
        AlertStage.YELLOW: {f"{due}__gte": windows.on, f"{due}__lte": windows.yellow_until},
        AlertStage.GREEN: {f"{due}__gt": windows.yellow_until, f"{due}__lte": windows.green_until},
    }


def _candidates(
    subjects: QuerySet, subject: str, due: str, windows: StageWindows, row: dict, document=""
) -> list[Candidates]:
    """One ``Candidates`` per stage for ``subjects`` (due by the field ``due``)."""
    found = []
    for stage, window in _windows(windows, due).items():
        alerted = Alert.objects.filter(
            **{subject: OuterRef("pk")}, stage__in=STAGES_AT_OR_ABOVE[stage]
        )
        if document:
            alerted = alerted.filter(document=document)
        rows = (
            subjects.filter(**window)
            .filter(~Exists(alerted))
            .order_by("pk")
            .values(
                alert_subject=F("pk"),
                alert_document=Value(document),
                alert_stage=Value(stage),
                alert_due_on=F(due),
                alert_created_at=Value(row["at"], output_field=DateTimeField()),
                alert_scan=Value(row["scan"], output_field=UUIDField()),
            )
        )
        found.append(Candidates(subject=subject, stage=stage, document=document, rows=rows))
    return found


def alert_candidates(
    windows: StageWindows, *, scan: uuid.UUID, at: datetime.datetime
) -> list[Candidates]:
    """What is due a new alert on ``windows.on``, kind by kind and stage by stage, reddest
    first, each in the order of its subjects (so that two scans inserting at once wait on
    each other rather than deadlock). Nothing is read yet: ``alerts_insert`` runs them."""
    row = {"scan": scan, "at": at}
    items = RectificationItem.objects.filter(status__in=ITEM_STATUSES_OPEN)
    found = _candidates(items, "item", "deadline", windows, row)
    for document, (due, sent) in FEEDBACK_DATES.items():
        owing = Feedback.objects.filter(**{f"{sent}__isnull": True})
        found += _candidates(owing, "feedback", due, windows, row, document=document)
    clues = Clue.objects.filter(status__in=CLUE_STATUSES_OWING, result_due_on__isnull=False)
    found += _candidates(clues, "clue", "result_due_on", windows, row)
    return found


def alerts_insert(candidates: list[Candidates], *, using: str = "default") -> list[Raised]:
    """Insert every candidate that no alert (committed or being inserted by another scan)
    already covers, one statement each; the alerts inserted."""
    connection = connections[using]
    quote = connection.ops.quote_name
    raised = []
    with connection.cursor() as cursor:
        for found in candidates:
            columns = [found.subject if name == "subject" else name for name in COLUMNS]
            names = ", ".join(quote(Alert._meta.get_field(name).column) for name in columns)
            select, params = found.rows.query.get_compiler(using=using).as_sql()
            # The SELECT always has a WHERE clause: SQLite needs one before ON CONFLICT.
            cursor.execute(
                f"INSERT INTO {quote(Alert._meta.db_table)} ({names}) {select} "
                f"ON CONFLICT DO NOTHING RETURNING {quote('id')}, "
                f"{quote(Alert._meta.get_field(found.subject).column)}",
                params,
            )
            extra = {"document": found.document} if found.document else {}
            raised += [
                Raised(pk, str(found.stage), **{f"{found.subject}_id": subject}, **extra)
                for pk, subject in cursor.fetchall()
            ]
    return raised
