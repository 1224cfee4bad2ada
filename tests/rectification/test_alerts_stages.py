"""Alert stages across a deadline, day by day under a controlled clock, in calendar days
and in Chinese working days (National Day 2025: 10-01..10-08 off, 9-28 and 10-11 worked)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from inspection.choices import AlertStage
from inspection.deadlines import days_left, is_working_day, last_day_within, stage_windows
from rectification.alerts import run_alert_scan
from rectification.choices import ItemStatus
from rectification.models import Alert

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
DEADLINE = datetime.date(2025, 10, 17)  # a Friday, the week after National Day


def day(month: int, number: int) -> datetime.date:
    return datetime.date(2025, month, number)


def test_the_chinese_calendar_knows_the_holiday_week_and_its_swapped_days():
    assert not any(is_working_day(day(10, n)) for n in range(1, 9))
    assert is_working_day(day(9, 28))  # a Sunday worked (调休)
    assert is_working_day(day(10, 11))  # a Saturday worked
    assert not is_working_day(day(10, 12))


def test_days_left_count_the_due_day_and_not_today():
    assert days_left(day(10, 16), DEADLINE, working_days=False) == 1
    assert days_left(DEADLINE, DEADLINE, working_days=True) == 0
    assert days_left(day(10, 20), DEADLINE, working_days=True) == -3
    # 9-30, 10-09, 10-10, 10-11, 10-13 … 10-17: the holiday week does not count.
    assert days_left(day(9, 29), DEADLINE, working_days=True) == 9
    assert days_left(day(9, 29), DEADLINE, working_days=False) == 18


def test_a_year_the_calendar_does_not_know_counts_monday_to_friday(caplog):
    monday = datetime.date(2031, 3, 3)
    assert days_left(monday, monday + datetime.timedelta(days=7), working_days=True) == 5
    assert last_day_within(monday, 5, working_days=True) == datetime.date(2031, 3, 10)


def first_day_of_each_stage(world, *, settings, working_days: bool) -> dict:
    """Scan every morning from 9-10 to 10-19; the first day each stage was raised."""
    settings.INSPECTION_ALERT_WORKING_DAYS = working_days
    with time_machine.travel(datetime.datetime(2025, 9, 1, 8, tzinfo=SHANGHAI), tick=False):
        item = world.item(deadline=DEADLINE)
        # The feedback's plan and report are sent: only the item's deadline is watched.
        item.feedback.plan_submitted_on = item.feedback.report_submitted_on = day(9, 1)
        item.feedback.save()
    first = {}
    scan_day = day(9, 10)
    while scan_day <= day(10, 19):
        morning = datetime.datetime.combine(scan_day, datetime.time(7, 30), tzinfo=SHANGHAI)
        with time_machine.travel(morning, tick=False):
            for alert in run_alert_scan().alerts:
                first[alert.stage] = scan_day
        scan_day += datetime.timedelta(days=1)
    assert Alert.objects.filter(item=item).count() == 3
    return first


@pytest.mark.django_db
def test_calendar_days_green_twenty_days_before_yellow_ten_red_once_overdue(world, settings):
    first = first_day_of_each_stage(world, settings=settings, working_days=False)
    assert first == {
        AlertStage.GREEN: day(9, 27),
        AlertStage.YELLOW: day(10, 7),
        AlertStage.RED: day(10, 18),
    }


@pytest.mark.django_db
def test_working_days_reach_back_over_the_holiday_week(world, settings):
    first = first_day_of_each_stage(world, settings=settings, working_days=True)
    assert first == {
        # 20 working days before 10-17: 9-15 (the eight-day holiday does not count).
        AlertStage.GREEN: day(9, 15),
        # 10 working days: 9-28, the Sunday worked before the holiday.
        AlertStage.YELLOW: day(9, 28),
        AlertStage.RED: day(10, 18),
    }


@pytest.mark.django_db
def test_the_windows_follow_the_threshold_settings(settings):
    settings.INSPECTION_ALERT_GREEN_DAYS, settings.INSPECTION_ALERT_YELLOW_DAYS = 30, 5
    windows = stage_windows(day(10, 1))
    assert (windows.yellow_until, windows.green_until) == (day(10, 6), day(10, 31))
    assert windows.stage_of(day(9, 30)) == AlertStage.RED
    assert windows.stage_of(day(10, 1)) == AlertStage.YELLOW
    assert windows.stage_of(day(11, 1)) is None


@pytest.mark.django_db
def test_an_item_first_seen_overdue_gets_red_only(world):
    today = timezone.localdate()
    world.item(deadline=today - datetime.timedelta(days=3))
    alerts = run_alert_scan(on=today).alerts
    assert [(a.stage, a.item_id is not None) for a in alerts if a.item_id] == [
        (AlertStage.RED, True)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("status", [ItemStatus.SUBMITTED, ItemStatus.CLOSED])
def test_an_item_asked_to_close_or_closed_gets_no_alert(world, status):
    today = timezone.localdate()
    world.item(status=status, deadline=today - datetime.timedelta(days=3))
    run_alert_scan(on=today)
    assert not Alert.objects.filter(item__isnull=False).exists()


@pytest.mark.django_db
def test_a_red_item_does_not_step_back_to_green_when_its_deadline_moves(world):
    today = timezone.localdate()
    item = world.item(deadline=today - datetime.timedelta(days=1))
    run_alert_scan(on=today)
    item.deadline = today + datetime.timedelta(days=15)
    item.save()
    assert [a for a in run_alert_scan(on=today).alerts if a.item_id] == []
