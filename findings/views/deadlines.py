"""When a receiving body owes its result, counted as the three-colour alerts count it.

The alert thresholds and the day count (calendar or Chinese working days) are defined
once, in ``inspection.deadlines``; the alert scan, the desk and the clue page read them
from there, so "owed soon" on screen is exactly what raises a green or yellow alert,
and "late" is ``findings.selectors.clue_late_condition``, the red one.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from findings.choices import CLUE_STATUSES_RESULT_OWED
from findings.selectors import clue_is_late
from inspection.deadlines import StageWindows, stage_windows


def windows_today() -> StageWindows:
    return stage_windows(timezone.localdate())


def owed_soon_condition(windows: StageWindows) -> Q:
    """A result owed, not yet late, due within the green window (a green or yellow alert)."""
    return Q(
        status__in=CLUE_STATUSES_RESULT_OWED,
        result_due_on__gte=windows.on,
        result_due_on__lte=windows.green_until,
    )


@dataclass(frozen=True)
class Due:
    """A clue's result deadline as ``{% deadline_badge %}`` shows it."""

    on: datetime.date | None
    days_left: int | None  # negative once late; None when no result is owed
    stage: str | None
    late: bool


def due_of(clue, windows: StageWindows) -> Due:
    if clue.result_due_on is None or clue.status not in CLUE_STATUSES_RESULT_OWED:
        return Due(clue.result_due_on, None, None, False)
    return Due(
        on=clue.result_due_on,
        days_left=windows.days_left(clue.result_due_on),
        stage=windows.stage_of(clue.result_due_on),
        late=clue_is_late(clue, windows.on),
    )
