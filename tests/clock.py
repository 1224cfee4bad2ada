"""Moving the clock in tests (time-machine): product code reads today from ``timezone``."""

import datetime
import zoneinfo

import time_machine

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """``day`` at ``hour``:``minute`` in Shanghai time."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), SHANGHAI)


def today_is(day: datetime.date, hour: int = 9):
    """Travel to ``day`` (the clock ticks on from ``hour`` o'clock, Shanghai time): the
    figures asked ``on`` that day read the live rows, as they do on the day itself
    (a past day reads the history: reports.statistics.as_of)."""
    return time_machine.travel(at(day, hour), tick=True)
