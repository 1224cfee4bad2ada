"""The three-colour warnings (红黄绿三色预警): the product's daily scan, run on the days it
would have raised something.

The deployment runs ``run_alert_scan`` every morning at 07:30; the seed runs the same
scan, at 07:30 of each day in order (``demo.county.timeline``), between the users'
actions of the day before and of that day, so the alerts, the digests in each user's
notification centre and their deliveries are the scan's own. A day on which no due
date reaches a stage and nothing happened the day before raises nothing, so the seed
skips it (unless the stages count working days, where every day is scanned).
"""

import datetime

from django.conf import settings
from django.utils import timezone

from demo.county.clock import travel
from demo.county.common import at
from inspection.models import DeliveryChannel, DeliveryStatus, NotificationDelivery
from rectification.alerts.channels import delivery_send
from rectification.alerts.scan import run_alert_scan

ONE_DAY = datetime.timedelta(days=1)


def scan_days(
    *, first: datetime.date, today: datetime.date, due_dates, opened
) -> list[datetime.date]:
    """The days from ``first`` to ``today`` whose scan can raise an alert: a due date
    (``due_dates``: pairs of the date and the last day its subject owes it) reaches
    green, yellow or red that day, or something became owed the day before (``opened``:
    pairs of that day and the due date; a deadline moved, an item sent back) and is
    within the green window by the next morning; today always."""
    if settings.INSPECTION_ALERT_WORKING_DAYS:
        days = {first + ONE_DAY * n for n in range((today - first).days + 1)}
    else:
        green = datetime.timedelta(days=settings.INSPECTION_ALERT_GREEN_DAYS)
        yellow = datetime.timedelta(days=settings.INSPECTION_ALERT_YELLOW_DAYS)
        days = {
            day
            for due, last in due_dates
            for day in (due - green, due - yellow, due + ONE_DAY)
            if day <= last
        }
        days |= {day + ONE_DAY for day, due in opened if day + ONE_DAY >= due - green}
    days.add(today)
    return sorted(day for day in days if first <= day <= today)


def scan_moment(day: datetime.date, today: datetime.date) -> datetime.datetime:
    """07:30 of ``day``; today's scan, when the seed runs before 07:30, a minute ago."""
    moment = at(day, 7, 30)
    if day == today:
        moment = max(at(day, 0, 0), min(moment, timezone.now() - datetime.timedelta(minutes=1)))
    return moment


def scan(day: datetime.date, today: datetime.date):
    """The morning scan of ``day``, and its in-app digests delivered at that moment (the
    task the scan queues runs only when the seed commits, and would find them sent)."""
    with travel(scan_moment(day, today)):
        result = run_alert_scan(on=day)
        pending = NotificationDelivery.objects.filter(
            status=DeliveryStatus.PENDING, channel=DeliveryChannel.IN_APP
        ).values_list("pk", flat=True)
        for delivery_id in list(pending):
            delivery_send(delivery_id=delivery_id)
    return result
