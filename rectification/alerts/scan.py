"""The daily alert scan: raise every alert now due, once ever, and send one digest each.

Exactly once, also under two scans at once, a retried task or two beats: the alerts are
inserted by INSERT … SELECT … ON CONFLICT DO NOTHING against the unique constraints (one
alert per subject and stage), each row carrying this scan's token; RETURNING answers
exactly the rows this scan inserted, and the digests read back the rows bearing its
token. On PostgreSQL a second scan inserting the same row waits for the first to commit,
then skips it. Only those rows are notified, in the same transaction; the e-mail and
webhook deliveries are queued once it commits.

The work does not grow in queries with the ledger: one statement per kind of subject and
stage, one streamed read per kind for the routing, and per batch of digests one read of
the alerts they list and two inserts.
"""

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from inspection.deadlines import stage_windows
from rectification.alerts.channels import deliveries_queue
from rectification.alerts.digests import digest_limit
from rectification.alerts.recipients import digests_by_addressee
from rectification.alerts.rows import routed_rows
from rectification.alerts.subjects import Raised, alert_candidates, alerts_insert
from rectification.alerts.writing import digests_create


@dataclass
class ScanResult:
    on: datetime.date
    scan: uuid.UUID
    alerts: list[Raised] = field(default_factory=list)
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
    result.alerts = alerts_insert(candidates)
    if not result.alerts:
        return result
    digests = digests_by_addressee(
        routed_rows(result.scan),
        limit=digest_limit(),
        named=bool(settings.INSPECTION_WEBHOOK_URL),
    )
    result.notifications, pending = digests_create(
        digests=digests, windows=windows, batch=str(result.scan)
    )
    deliveries_queue(pending)
    result.deliveries_queued = len(pending)
    return result
