"""What a scan alerts on, and at which stage: the candidate Alert rows of one day.

Three kinds of subject owe something by a date:

- a ledger item its deadline (整改时限), while pending, in progress or returned: an item
  asked to be closed (申请销号) or closed gets no alert;
- a feedback the rectification plan and the report (整改方案, 整改报告), until sent;
- a transferred clue the result the receiving body owes the office (反馈结果期限), until
  concluded.

A subject gets its CURRENT stage only: an item first scanned when already overdue gets
red, not green and yellow after the fact. It never steps back down either: once red, a
deadline moved later does not raise a green one (it could never be red again: one
alert per subject and stage, ever).
"""

import datetime
import uuid
from collections import defaultdict

from django.db.models import QuerySet

from findings.choices import ClueStatus
from findings.models import Clue
from inspection.deadlines import STAGE_RANK, StageWindows
from rectification.choices import ITEM_STATUSES_OPEN, FeedbackDocument
from rectification.models import Alert, Feedback, RectificationItem

# Clues whose result is still owed: handed over and not yet concluded.
CLUE_STATUSES_OWING = (ClueStatus.TRANSFERRED, ClueStatus.RECEIVED, ClueStatus.DISPOSING)

# Each feedback document: its due date and the date it was sent.
FEEDBACK_DATES = {
    FeedbackDocument.PLAN: ("plan_due_on", "plan_submitted_on"),
    FeedbackDocument.REPORT: ("report_due_on", "report_submitted_on"),
}


def _highest_stages(alerts: QuerySet, key: str) -> dict:
    """The highest stage each subject has been alerted at, by ``key`` (a field name)."""
    highest: dict = defaultdict(int)
    for subject, stage in alerts.values_list(key, "stage"):
        highest[subject] = max(highest[subject], STAGE_RANK[stage])
    return highest


def _due(windows: StageWindows, rows, highest: dict, make) -> list[Alert]:
    alerts = []
    for key, due_on in rows:
        stage = windows.stage_of(due_on)
        if stage is not None and STAGE_RANK[stage] > highest.get(key, 0):
            alerts.append(make(key, stage, due_on))
    return alerts


def item_candidates(windows: StageWindows, **row) -> list[Alert]:
    items = RectificationItem.objects.filter(
        status__in=ITEM_STATUSES_OPEN, deadline__lte=windows.green_until
    )
    highest = _highest_stages(Alert.objects.filter(item__in=items.values("pk")), "item_id")
    return _due(
        windows,
        items.order_by("pk").values_list("pk", "deadline"),
        highest,
        lambda pk, stage, due_on: Alert(item_id=pk, stage=stage, due_on=due_on, **row),
    )


def feedback_candidates(windows: StageWindows, **row) -> list[Alert]:
    alerts = []
    for document, (due_field, sent_field) in FEEDBACK_DATES.items():
        owing = Feedback.objects.filter(
            **{f"{sent_field}__isnull": True, f"{due_field}__lte": windows.green_until}
        )
        highest = _highest_stages(
            Alert.objects.filter(feedback__in=owing.values("pk"), document=document),
            "feedback_id",
        )
        alerts += _due(
            windows,
            owing.order_by("pk").values_list("pk", due_field),
            highest,
            lambda pk, stage, due_on, document=document: Alert(
                feedback_id=pk, document=document, stage=stage, due_on=due_on, **row
            ),
        )
    return alerts


def clue_candidates(windows: StageWindows, **row) -> list[Alert]:
    clues = Clue.objects.filter(
        status__in=CLUE_STATUSES_OWING,
        result_due_on__isnull=False,
        result_due_on__lte=windows.green_until,
    )
    highest = _highest_stages(Alert.objects.filter(clue__in=clues.values("pk")), "clue_id")
    return _due(
        windows,
        clues.order_by("pk").values_list("pk", "result_due_on"),
        highest,
        lambda pk, stage, due_on: Alert(clue_id=pk, stage=stage, due_on=due_on, **row),
    )


def alert_candidates(
    windows: StageWindows, *, scan: uuid.UUID, at: datetime.datetime
) -> list[Alert]:
    """Unsaved alerts of every subject due a new stage on ``windows.on``, in a fixed
    order (so that two scans inserting at once wait on each other rather than deadlock)."""
    row = {"scan": scan, "created_at": at}
    return [
        *item_candidates(windows, **row),
        *feedback_candidates(windows, **row),
        *clue_candidates(windows, **row),
    ]
