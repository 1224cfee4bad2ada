"""Export jobs: requested through the API, built by a worker, downloaded by the requester.

- ``export_request`` checks the scope, stores it and queues the build on commit; with the
  broker down the job is saved all the same and the periodic drain queues it later
  (``recovery.py``).
- ``export_build`` is the worker's. It claims the job (status 生成中, one more attempt)
  under a row lock, writes the workbook to a temporary file outside any transaction,
  reporting progress as it goes (each update commits on its own), then stores the file
  under the lock — only if its attempt is still the job's last — with its SHA-256, size
  and expiry (copied under a temporary name and renamed: whole or not at all). A build
  of a done or failed job does nothing; a running job is left to its build unless it
  started longer ago than the task's hard time limit, in which case that build is dead
  and this one takes over. The stored file has one name per job, so a
  rebuild replaces it: one job, one file. Any error marks the job failed with a reason.
- ``export_download`` hands the requester or the office a copy of the file stamped with
  the workbook's 密级, the reader, the time and the copy's number (``inspection.stamping``),
  and writes an access-log EXPORT row keeping that mark; anyone else is answered "not
  found" and logged as refused. A clue workbook (``ExportKind.CLUES``) is requested,
  built and downloaded only by the roles that read clues, checked again at each step (a
  role may change).
- ``export_purge_expired`` deletes the files past their expiry and fails the builds that
  died without a word (the worker was killed).
"""

import datetime
import hashlib
import logging
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as _noop

from inspection.audit import access_log_export, access_log_refused
from inspection.errors import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    TooManyRequestsError,
)
from inspection.permissions import visible
from inspection.stamping import StampProblem, copy_size, file_mark, stamped_copy
from reports.exports.files import publish
from reports.exports.official import export_classification
from reports.exports.scope import (
    audience_for,
    download_name,
    export_filter,
    filter_of,
    job_scope_label,
    scope_of_filter,
)
from reports.exports.workbook import build_workbook
from reports.models import ExportJob, ExportKind, ExportStatus, export_upload_to

logger = logging.getLogger(__name__)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PENDING = (ExportStatus.QUEUED, ExportStatus.RUNNING)
# What a job's scope label is made of: select it with the job.
JOB_SCOPE = ("term", "round", "town", "village", "team__round")


def retention() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "INSPECTION_EXPORT_RETENTION_DAYS", 7))


def max_pending() -> int:
    return getattr(settings, "INSPECTION_EXPORT_MAX_PENDING", 3)


def time_limit() -> int:
    """The build task's hard time limit (seconds); a build older than this is dead."""
    return getattr(settings, "INSPECTION_EXPORT_TIME_LIMIT", 15 * 60)


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=time_limit() + 60)


# ---------------------------------------------------------------------------------- request


def _queue_build(job_id: int) -> None:
    from reports.tasks import build_summary  # the task module imports this one

    build_summary.delay(job_id)


@transaction.atomic
def export_request(
    *,
    actor,
    kind: str = ExportKind.SUMMARY,
    term_id: int | None = None,
    round_id: int | None = None,
    town_id: int | None = None,
    village_id: int | None = None,
    team_id: int | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> ExportJob:
    """Queue the workbook of a scope ``actor`` may see (narrowed as the statistics API
    narrows it); the build starts once this transaction commits. ``kind``: the statistics
    workbook, or the clue workbook (for the roles that read clues only)."""
    scope = {
        "term": term_id,
        "round": round_id,
        "town": town_id,
        "village": village_id,
        "team": team_id,
        "date_from": date_from,
        "date_to": date_to,
    }
    filters = export_filter(actor, scope)
    refuse_unless_allowed(actor, kind)
    pending = ExportJob.objects.filter(requested_by_id=actor.pk, status__in=PENDING).count()
    if pending >= max_pending():
        raise TooManyRequestsError(
            _("您已有%(count)s个导出正在生成，请等其完成后再申请。") % {"count": pending},
            retry_after=30,
        )
    job = ExportJob.objects.create(
        kind=kind,
        requested_by=actor,
        term_id=filters.term_id,
        round_id=filters.round_id,
        town_id=filters.town_id,
        village_id=filters.village_id,
        team_id=filters.team_id,
        date_from=filters.date_from,
        date_to=filters.date_to,
        as_of=timezone.localdate(),
    )
    transaction.on_commit(_queue_on_commit(job.pk), robust=True)
    return job


def may_export(user, kind: str) -> bool:
    """Whether ``user`` may have a workbook of ``kind``: the clue workbook is for the roles
    that read clues (``Audience.clues``), the statistics one for every exporting role."""
    try:
        audience = audience_for(user)
    except PermissionDeniedError:
        return False
    return kind == ExportKind.SUMMARY or (kind == ExportKind.CLUES and audience.clues)


def refuse_unless_allowed(user, kind: str) -> None:
    if kind not in ExportKind.values:
        message = _("请选择要导出的工作簿。")
        raise ApplicationError(message, errors={"kind": [message]})
    if not may_export(user, kind):
        raise PermissionDeniedError(_("只有巡察办可以导出问题线索移交情况表。"))


def _queue_on_commit(job_id: int):
    # Robust: with the broker down the request still succeeds; the job stays queued and
    # the periodic drain sends its build (reports/exports/recovery.py).
    def queue_build() -> None:
        _queue_build(job_id)

    return queue_build


# ------------------------------------------------------------------------------------ build


@transaction.atomic
def _claim(job_id: int) -> int | None:
    """Mark the job running for one more attempt, and answer that attempt's number; None
    when there is nothing to build (no such job, done, failed, or building elsewhere)."""
    job = ExportJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None:
        logger.warning("export job %s does not exist; nothing to build", job_id)
        return None
    if job.status in (ExportStatus.DONE, ExportStatus.FAILED):
        return None
    now = timezone.now()
    if job.status == ExportStatus.RUNNING and now - job.started_at < stale_after():
        logger.info("export job %s is being built by attempt %s", job_id, job.attempts)
        return None
    job.status = ExportStatus.RUNNING
    job.attempts += 1
    job.started_at = now
    job.progress = 0
    job.save(update_fields=["status", "attempts", "started_at", "progress"])
    return job.attempts


class _Progress:
    """Writes the percentage at most once a second (or on a jump of 10), each its own commit."""

    def __init__(self, job_id: int, attempt: int):
        self.job_id, self.attempt = job_id, attempt
        self.written, self.at = 0, 0.0

    def __call__(self, percent: int) -> None:
        now = time.monotonic()
        if percent - self.written < 10 and now - self.at < 1:
            return
        ExportJob.objects.filter(
            pk=self.job_id, attempts=self.attempt, status=ExportStatus.RUNNING
        ).update(progress=percent)
        self.written, self.at = percent, now


def _digest(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(partial(stream.read, 1 << 20), b""):
            digest.update(block)
    return digest.hexdigest(), path.stat().st_size


@transaction.atomic
def _store(job_id: int, attempt: int, path: Path) -> ExportJob:
    job = ExportJob.objects.select_for_update().get(pk=job_id)
    if job.attempts != attempt or job.status != ExportStatus.RUNNING:
        logger.info("export job %s: attempt %s was superseded, file discarded", job_id, attempt)
        return job
    checksum, size = _digest(path)
    storage = job.file.storage
    name = export_upload_to(job, path.name)
    for old in {job.file.name} - {"", name}:
        storage.delete(old)
    job.file.name = publish(storage, name, path)
    now = timezone.now()
    job.checksum, job.size = checksum, size
    job.status, job.progress = ExportStatus.DONE, 100
    job.finished_at, job.expires_at = now, now + retention()
    job.save(
        update_fields=[
            "file",
            "checksum",
            "size",
            "status",
            "progress",
            "finished_at",
            "expires_at",
        ]
    )
    return job


def _reason(error: Exception) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(error, ApplicationError):
        return error.message
    if isinstance(error, SoftTimeLimitExceeded):
        return _noop("生成超时，请缩小统计范围（如按轮次或乡镇）后重新导出。")
    return f"生成汇总表时出错（{type(error).__name__}），请稍后重新导出；如仍失败请联系管理员。"


def failure_reason_display(job: ExportJob) -> str:
    """The stored reason (Chinese source text, a record) in the reader's language when it is
    one of the reasons above; a reason naming an error class stays as it was stored."""
    return _(job.failure_reason) if job.failure_reason else ""


def _fail(job_id: int, attempt: int, reason: str) -> ExportJob:
    ExportJob.objects.filter(pk=job_id, attempts=attempt, status=ExportStatus.RUNNING).update(
        status=ExportStatus.FAILED, failure_reason=reason, finished_at=timezone.now()
    )
    return ExportJob.objects.get(pk=job_id)


def export_build(*, job_id: int) -> ExportJob | None:
    """Build the workbook of job ``job_id`` (the worker's); idempotent, see the module.

    Not atomic on purpose: the progress must commit while the build runs. Answers the
    job as it now is (None when there is no such job)."""
    attempt = _claim(job_id)
    if attempt is None:
        return ExportJob.objects.filter(pk=job_id).first()
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    try:
        audience = audience_for(job.requested_by)
        # Checked again: the requester's role or unit may have changed since the request.
        filters = filter_of(job)
        if export_filter(job.requested_by, scope_of_filter(filters)) != filters or not (
            may_export(job.requested_by, job.kind)
        ):
            raise ApplicationError(_noop("申请人的查看范围已改变，请重新申请导出。"))
        with tempfile.TemporaryDirectory(prefix="export-") as directory:
            path = Path(directory) / "summary.xlsx"
            build_workbook(
                audience=audience,
                filters=filters,
                on=job.as_of,
                path=path,
                progress=_Progress(job_id, attempt),
                kind=job.kind,
            )
            return _store(job_id, attempt, path)
    except Exception as error:
        logger.exception("export job %s failed (attempt %s)", job_id, attempt)
        return _fail(job_id, attempt, _reason(error))


# --------------------------------------------------------------------------------- download


@dataclass
class ExportDownload:
    """The reader's copy of a job's workbook: ``stream`` (``size`` bytes), stamped with
    ``watermark``."""

    job: ExportJob
    stream: object
    name: str
    size: int
    watermark: str
    content_type: str = XLSX_CONTENT_TYPE


def export_download(*, actor, job_id, request=None) -> ExportDownload:
    """The file of job ``job_id`` for the requester or the office, logged as an export.

    Refused as "not found" (logged) for anyone else; a job not done is a conflict; an
    expired or missing file is "not found" with the reason."""
    try:
        key = int(job_id)
    except (TypeError, ValueError):
        key = None
    jobs = visible(ExportJob, actor).select_related(*JOB_SCOPE)
    job = jobs.filter(pk=key).first() if key is not None else None
    if job is not None and not may_export(actor, job.kind):
        job = None  # the clue workbook: absent to anyone who no longer reads clues
    if job is None:
        access_log_refused(
            user=actor,
            model=ExportJob,
            object_id=str(job_id)[:64],  # the column's width; the path may carry anything
            detail="下载统计汇总表",
            request=request,
        )
        raise NotFoundError(_("导出任务不存在或无权访问。"))
    if job.status == ExportStatus.FAILED:
        raise ConflictError(_("导出失败：%(reason)s") % {"reason": failure_reason_display(job)})
    if job.status != ExportStatus.DONE:
        raise ConflictError(
            _("导出尚未完成（%(status)s），请稍后再下载。") % {"status": job.get_status_display()}
        )
    if job.is_expired():
        raise NotFoundError(_("导出文件已过期，请重新导出。"))
    mark = file_mark(user=actor, classification=export_classification(job.kind))
    try:
        with job.file.open("rb") as stored:
            stream = stamped_copy(stored, extension=".xlsx", mark=mark)
    except FileNotFoundError as error:
        logger.error("export job %s: file %s is missing", job.pk, job.file.name)
        raise NotFoundError(_("导出文件已不存在，请重新导出。")) from error
    except StampProblem as error:
        logger.error("export job %s: %s cannot be stamped: %s", job.pk, job.file.name, error)
        raise NotFoundError(_("导出文件已损坏，请重新导出。")) from error
    label = job_scope_label(job)
    access_log_export(
        user=actor,
        obj=job,
        detail=f"下载{job.get_kind_display()}：{label}",
        request=request,
        watermark=mark,
    )
    return ExportDownload(
        job=job,
        stream=stream,
        name=download_name(label, job.as_of, job.kind),
        size=copy_size(stream),
        watermark=mark,
    )


# ------------------------------------------------------------------------------------ purge


def export_purge_expired(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Delete the files past their expiry (the job stays, as the record of the export), and
    fail the builds that started longer ago than the time limit allows. Answers how many
    files were deleted and how many builds were failed."""
    now = now or timezone.now()
    deleted = 0
    expired = ExportJob.objects.filter(status=ExportStatus.DONE, expires_at__lte=now)
    for job in expired.exclude(file="").iterator(chunk_size=500):
        if job.file.storage.exists(job.file.name):
            job.file.storage.delete(job.file.name)
            deleted += 1
    failed = ExportJob.objects.filter(
        status=ExportStatus.RUNNING, started_at__lt=now - stale_after()
    ).update(
        status=ExportStatus.FAILED,
        failure_reason=_noop("生成中断（工作进程退出或超时），请重新导出。"),
        finished_at=now,
    )
    return deleted, failed
