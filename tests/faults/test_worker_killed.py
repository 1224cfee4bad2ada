"""A worker killed (SIGKILL) in the middle of an export: the build is done again by another
worker and exactly one file results; the message Redis gives back later changes nothing.

Real processes, PostgreSQL and Redis only: the first worker's builds are held (a knob of
tests/faults/slow_worker.py) so it is killed while the job is 生成中; a second worker,
told that a build older than a second is dead, gets the build from the drain
(``reports.requeue_exports``) and finishes it. Then the killed worker's unacknowledged
message is handed back (as Redis does after the visibility timeout) and is a no-op.
"""

import datetime
import os
import signal
import time

import pytest
from django.conf import settings
from kombu import Connection
from rest_framework.test import APIClient

from inspection.celery import app
from reports.exports import services
from reports.models import ExportJob, ExportStatus
from reports.tasks import TIME_LIMIT, requeue_exports
from tests.celery_worker import running_worker
from tests.stamps import cells_of, xlsx_headers
from tests.world import build_world

WAIT_SECONDS = 60


def test_the_visibility_timeout_outlasts_every_late_acknowledged_task():
    """Redis gives an unacknowledged message to another worker once the visibility timeout
    passes: were it shorter than a build, a long export would run twice at once."""
    timeout = app.conf.broker_transport_options["visibility_timeout"]
    assert timeout > services.stale_after().total_seconds()
    assert timeout > TIME_LIMIT
    assert timeout > settings.INSPECTION_DELIVERY_BACKOFF_MAX
    for name in ("reports.build_summary", "rectification.alert_scan"):
        task = app.tasks[name]
        assert task.acks_late and task.reject_on_worker_lost, name
        assert timeout > task.time_limit, name


def wait_for(condition, log, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while not (value := condition()):
        assert time.monotonic() < deadline, f"{what}\n{log.read_text(errors='replace')}"
        time.sleep(0.2)
    return value


def builds_ended(log) -> int:
    lines = log.read_text(errors="replace").splitlines()
    return sum("reports.build_summary[" in line and "succeeded" in line for line in lines)


def files_under(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.django_db(transaction=True)
def test_an_export_whose_worker_is_killed_is_built_once_by_another(
    shared_database, celery_eager, media, tmp_path, monkeypatch
):
    celery_eager.conf.task_always_eager = False  # restored by the autouse fixture
    world = build_world()
    world.export_records()
    client = APIClient()
    client.force_authenticate(world.office)
    env = {"DJANGO_MEDIA_ROOT": str(media)}

    pidfile = tmp_path / "first.pid"
    first = {"FAULTS_EXPORT_BUILD_DELAY": "120"}
    with running_worker(
        name="faults-first",
        log=tmp_path / "first.log",
        env=env | first,
        app="tests.faults.slow_worker",
        args=("--pidfile", str(pidfile)),
    ) as log:
        answer = client.post("/api/v1/exports/", {"round": world.round.pk}, format="json")
        assert answer.status_code == 202, answer.content
        job_id = answer.json()["id"]
        wait_for(
            lambda: ExportJob.objects.get(pk=job_id).status == ExportStatus.RUNNING,
            log,
            "the first worker never started the build",
        )
        os.kill(int(pidfile.read_text()), signal.SIGKILL)
        time.sleep(1)
    killed = ExportJob.objects.get(pk=job_id)
    assert (killed.status, killed.attempts, killed.file.name) == (ExportStatus.RUNNING, 1, "")
    assert files_under(media) == []

    # Both the drain and the second worker hold a build older than a second for dead.
    monkeypatch.setattr(services, "stale_after", lambda: datetime.timedelta(seconds=1))
    second = {"FAULTS_EXPORT_STALE_SECONDS": "1"}
    with running_worker(
        name="faults-second",
        log=tmp_path / "second.log",
        env=env | second,
        app="tests.faults.slow_worker",
    ) as log:
        requeue_exports.delay(grace_seconds=0)
        job = wait_for(
            lambda: ExportJob.objects.filter(pk=job_id, status=ExportStatus.DONE).first(),
            log,
            "the second worker never finished the build",
        )
        # The killed worker's message, given back as Redis does after the visibility timeout.
        with Connection(settings.REDIS_URL, transport_options={"visibility_timeout": 0}) as conn:
            conn.default_channel.qos.restore_visible(num=100)
        wait_for(lambda: builds_ended(log) == 2, log, "the given-back message was not consumed")

    job.refresh_from_db()
    assert (job.status, job.attempts, job.progress, job.failure_reason) == (
        ExportStatus.DONE,
        2,
        100,
        "",
    )
    stored = media / job.file.name
    assert files_under(media) == [job.file.name]
    assert job.size == stored.stat().st_size
    assert job.checksum == services._digest(stored)[0]
    download = client.get(f"/api/v1/exports/{job_id}/download/")
    assert download.status_code == 200
    # The reader's copy: the stored workbook's cells, its page headers stamped.
    copy = b"".join(download.streaming_content)
    assert cells_of(copy) == cells_of(stored.read_bytes())
    assert "阅读人" in next(iter(xlsx_headers(copy).values()))[1]
