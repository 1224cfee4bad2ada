"""Celery tasks of the reports: they take ids and call one service.

``build_summary`` is idempotent (``export_build`` claims the job under a lock and a
retried build of a done job does nothing), so it is acknowledged late: a worker that
dies mid-build leaves the message to be delivered again, and the next build takes over
once the dead one is older than the hard time limit.
"""

import logging

from django.conf import settings

from inspection.celery import app
from reports.exports.services import export_build, export_purge_expired

logger = logging.getLogger(__name__)

TIME_LIMIT = getattr(settings, "INSPECTION_EXPORT_TIME_LIMIT", 15 * 60)


@app.task(
    name="reports.build_summary",
    acks_late=True,
    time_limit=TIME_LIMIT,
    soft_time_limit=max(TIME_LIMIT - 60, 30),
    ignore_result=True,
)
def build_summary(job_id: int) -> str | None:
    """Build the statistics workbook of export job ``job_id``; answers its status."""
    job = export_build(job_id=job_id)
    return None if job is None else job.status


@app.task(name="reports.purge_exports", acks_late=True, time_limit=10 * 60, ignore_result=True)
def purge_exports() -> tuple[int, int]:
    """Delete expired export files; fail builds that died without a word."""
    deleted, failed = export_purge_expired()
    logger.info("exports purged: %s files deleted, %s dead builds failed", deleted, failed)
    return deleted, failed
