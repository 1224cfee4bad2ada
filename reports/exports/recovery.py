"""Export jobs that their build never reached: queued again by the periodic drain.

``export_request`` writes the job and queues its build when the transaction commits. When
the broker is down at that moment the job is saved all the same (the callback is robust:
the request succeeds) and stays queued; a worker killed mid-build leaves its job running
with nobody building it. ``export_jobs_requeue`` (beat, every few minutes) sends the build
again for both, so the job is the outbox of its own build. A duplicate build message is
harmless: ``export_build`` claims the job under a row lock, builds a done job never again,
and only the job's last attempt may store its file.

A running job is dead once it started longer ago than the build's hard time limit allows
(``stale_after``). A job whose builds died ``MAX_ATTEMPTS`` times (a workbook that kills
its worker, say by memory) is failed with the reason rather than tried for ever.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop as _noop

from reports.exports import services
from reports.models import ExportJob, ExportStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# Stored as the job's failure reason (Chinese source text), translated when shown.
GIVEN_UP = _noop("多次生成均中断（工作进程退出），请缩小统计范围（如按轮次或乡镇）后重新导出。")


def grace() -> datetime.timedelta:
    """How long a queued job may wait for its first build message before it is resent."""
    return datetime.timedelta(seconds=settings.INSPECTION_OUTBOX_GRACE_SECONDS)


def export_jobs_requeue(
    *, now: datetime.datetime | None = None, grace_seconds: float | None = None
) -> dict[str, int]:
    """Queue again the builds of the jobs queued longer than the grace and of the jobs whose
    build died; fail those that died ``MAX_ATTEMPTS`` times. Answers the counts."""
    now = now or timezone.now()
    wait = grace() if grace_seconds is None else datetime.timedelta(seconds=grace_seconds)
    owed = Q(status=ExportStatus.QUEUED, created_at__lte=now - wait) | Q(
        status=ExportStatus.RUNNING, started_at__lt=now - services.stale_after()
    )
    with transaction.atomic():
        given_up = (
            ExportJob.objects.filter(owed, status=ExportStatus.RUNNING)
            .filter(attempts__gte=MAX_ATTEMPTS)
            .update(status=ExportStatus.FAILED, failure_reason=GIVEN_UP, finished_at=now)
        )
        job_ids = list(ExportJob.objects.filter(owed).order_by("pk").values_list("pk", flat=True))
        for job_id in job_ids:
            transaction.on_commit(_requeue(job_id), robust=True)
    if job_ids or given_up:
        logger.info("exports: %s builds queued again, %s given up", len(job_ids), given_up)
    return {"requeued": len(job_ids), "failed": given_up}


def _requeue(job_id: int):
    def queue_build() -> None:
        services._queue_build(job_id)

    return queue_build
