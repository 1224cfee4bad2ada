"""The three-colour stages (红黄绿三色预警) and how days are counted.

Green when at most ``INSPECTION_ALERT_GREEN_DAYS`` days are left before a due date,
yellow when at most ``INSPECTION_ALERT_YELLOW_DAYS``, red once the due date has passed
(overdue: the day after it, as rectification.selectors.items_overdue counts it). Days
are calendar days, or Chinese working days (法定节假日 and 调休, from chinese_calendar)
when ``INSPECTION_ALERT_WORKING_DAYS`` is on.

Days left only grow with the due date, so a scan turns the thresholds into two dates
once (``StageWindows``) and every subject's stage is a date comparison, also in SQL.
"""

import datetime
import functools
import logging
from dataclasses import dataclass

import chinese_calendar
from django.conf import settings

from inspection.choices import AlertStage

logger = logging.getLogger(__name__)

ONE_DAY = datetime.timedelta(days=1)
# Higher stages outrank lower ones: a scan never steps an item back down.
STAGE_RANK = {AlertStage.GREEN: 1, AlertStage.YELLOW: 2, AlertStage.RED: 3}


@functools.cache
def _warn_unknown_year(year: int) -> None:
    logger.warning(
        "chinese_calendar has no data for %s: counting Monday to Friday as working days "
        "(upgrade the chinese-calendar package once the State Council publishes the year)",
        year,
    )


def is_working_day(day: datetime.date) -> bool:
    """A working day on the Chinese calendar, holidays and 调休 included.

    For a year the package does not know yet, Monday to Friday (and a warning).
    """
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        _warn_unknown_year(day.year)
        return day.weekday() < 5


def days_left(on: datetime.date, due: datetime.date, *, working_days: bool) -> int:
    """Days from ``on`` to ``due``: ``due`` counts, ``on`` does not; negative once past."""
    if not working_days or due <= on:
        return (due - on).days
    day, count = on, 0
    while day < due:
        day += ONE_DAY
        count += is_working_day(day)
    return count


def last_day_within(on: datetime.date, days: int, *, working_days: bool) -> datetime.date:
    """The latest due date with at most ``days`` days left on ``on``."""
    if not working_days:
        return on + datetime.timedelta(days=days)
    day, count = on, 0
    while True:
        following = day + ONE_DAY
        count += is_working_day(following)
        if count > days:
            return day
        day = following


@dataclass(frozen=True)
class StageWindows:
    """The due dates each stage covers on the day ``on``."""

    on: datetime.date
    yellow_until: datetime.date
    green_until: datetime.date
    working_days: bool

    def stage_of(self, due: datetime.date) -> str | None:
        if due < self.on:
            return AlertStage.RED
        if due <= self.yellow_until:
            return AlertStage.YELLOW
        if due <= self.green_until:
            return AlertStage.GREEN
        return None

    def days_left(self, due: datetime.date) -> int:
        return days_left(self.on, due, working_days=self.working_days)


def stage_windows(on: datetime.date) -> StageWindows:
    """The windows of the day ``on`` under the current settings."""
    working = settings.INSPECTION_ALERT_WORKING_DAYS
    green, yellow = settings.INSPECTION_ALERT_GREEN_DAYS, settings.INSPECTION_ALERT_YELLOW_DAYS
    return StageWindows(
        on=on,
        yellow_until=last_day_within(on, yellow, working_days=working),
        green_until=last_day_within(on, max(green, yellow), working_days=working),
        working_days=working,
    )
