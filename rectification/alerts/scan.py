"""The daily alert scan: raise every alert now due, once ever, and send one digest each.

Exactly once, also under two scans at once, a retried task or two beats: the alerts are
inserted with INSERT … ON CONFLICT DO NOTHING against the unique constraints (one alert
per subject and stage), each row carrying this scan's token; the scan then reads back
the rows bearing its own token, which are exactly the rows it inserted. On PostgreSQL a
second scan inserting the same row waits for the first to commit, then skips it. Only
those rows are notified, in the same transaction; the e-mail and webhook deliveries are
queued once it commits.
"""

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from inspection.deadlines import stage_windows
from rectification.alerts.channels import deliveries_queue
from rectification.alerts.digests import digests_create
from rectification.alerts.recipients import digests_by_addressee
from rectification.alerts.subjects import alert_candidates
from rectification.models import Alert

ALERT_RELATED = (
    "item__problem__assignment__town",
    "item__problem__assignment__village",
    "feedback__assignment__town",
    "feedback__assignment__village",
    "clue__assignment__town",
    "clue__assignment__village",
)


@dataclass
class ScanResult:
    on: datetime.date
    scan: uuid.UUID
    alerts: list[Alert] = field(default_factory=list)
    notifications: int = 0
    deliveries_queued: int = 0

    def by_stage(self) -> dict[str, int]:
        return dict(Counter(alert.stage for alert in self.alerts))

    def as_dict(self) -> dict:
        """A JSON summary (the task's result)."""
        return {
            "on": self.on.isoformat(),
            "scan": str(self.scan),
            "alerts": len(self.alerts),
            "by_stage": self.by_stage(),
            "notifications": self.notifications,
            "deliveries_queued": self.deliveries_queued,
        }


@transaction.atomic
def run_alert_scan(*, on: datetime.date | None = None) -> ScanResult:
    """Raise the alerts due on ``on`` (default: today in Shanghai) that no scan raised
    before, write one digest per addressee, and queue their deliveries on commit."""
    on = on or timezone.localdate()
    windows = stage_windows(on)
    result = ScanResult(on=on, scan=uuid.uuid4())
    candidates = alert_candidates(windows, scan=result.scan, at=timezone.now())
    Alert.objects.bulk_create(candidates, ignore_conflicts=True, batch_size=500)
    result.alerts = list(
        Alert.objects.filter(scan=result.scan)
        .select_related(*ALERT_RELATED, "item__problem", "feedback", "clue")
        .order_by("pk")
    )
    if not result.alerts:
        return result
    notifications, deliveries = digests_create(
        digests=digests_by_addressee(result.alerts), windows=windows, batch=str(result.scan)
    )
    pending = [d.pk for d in deliveries if d.sent_at is None]
    deliveries_queue(pending)
    result.notifications = len(notifications)
    result.deliveries_queued = len(pending)
    return result
