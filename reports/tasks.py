"""Celery tasks of the reports: they take ids and call one service.

``build_summary`` is idempotent (``export_build`` claims the job under a lock and a
retried build of a done job does nothing), so it is acknowledged late and rejected —
given back to the broker — when its worker process is lost: the message is delivered
again, and the next build takes over once the dead one is older than the hard time
limit. On Redis a message left unacknowledged by a worker killed outright comes back
only after the visibility timeout (inspection/celery.py, longer than any build), so
``requeue_exports`` (beat, every five minutes) sends the build of a dead or never-queued
job again (reports/exports/recovery.py).
"""

import logging

from django.conf import settings

from inspection.celery import app
from inspection.replica import on_replica
from reports.exports.recovery import export_jobs_requeue
from reports.exports.services import export_build, export_purge_expired

logger = logging.getLogger(__name__)

TIME_LIMIT = getattr(settings, "INSPECTION_EXPORT_TIME_LIMIT", 15 * 60)


@app.task(
    name="reports.build_summary",
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=TIME_LIMIT,
    soft_time_limit=max(TIME_LIMIT - 60, 30),
    ignore_result=True,
)
def build_summary(job_id: int) -> str | None:
    """Build the statistics workbook of export job ``job_id``; answers its status.

    The workbook's rows are read from the replica when there is one, once it has replayed
    what the primary held when the build began, so at least the request that queued it
    (queued on commit); the job itself is read and written on the primary
    (inspection.replica)."""
    with on_replica(caught_up=True):
        job = export_build(job_id=job_id)
    return None if job is None else job.status


@app.task(name="reports.purge_exports", acks_late=True, time_limit=10 * 60, ignore_result=True)
def purge_exports() -> tuple[int, int]:
    """Delete expired export files; fail builds that died without a word."""
    deleted, failed = export_purge_expired()
    logger.info("exports purged: %s files deleted, %s dead builds failed", deleted, failed)
    return deleted, failed


@app.task(
    name="reports.requeue_exports",
    acks_late=True,
    expires=4 * 60,  # a late drain is replaced by the next one
    time_limit=2 * 60,
    soft_time_limit=100,
    ignore_result=True,
)
def requeue_exports(grace_seconds: float | None = None) -> dict[str, int]:
    """Send again the build of each job queued but never built, or whose build died."""
    return export_jobs_requeue(grace_seconds=grace_seconds)


@app.task(
    name="reports.statistics_upkeep", time_limit=10 * 60, soft_time_limit=9 * 60, ignore_result=True
)
def statistics_upkeep() -> int:
    """Fold the statistics' change log into the data version, and warm the county-wide
    dashboard's figures if a write has made them cold (reports.statistics.version)."""
    from reports.dashboard import county_figures_warm
    from reports.statistics.towns import compact_town_changes
    from reports.statistics.version import compact_changes

    folded = compact_changes()
    compact_town_changes()
    county_figures_warm()
    return folded
