"""One export end to end through a real Celery worker, a real Redis and PostgreSQL.

Eager mode is no test of the worker (STYLE.md): here the task is serialised to JSON,
sent through Redis, picked up by a separate ``celery worker`` process that reads the
job from the same PostgreSQL test database, writes the file to the same media root, and
commits its progress; the test follows the job through the API and downloads the file.

Run with ``REDIS_URL=redis://127.0.0.1:6379/14`` and ``DATABASE_URL=postgres://…``.
"""

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from openpyxl import load_workbook
from rest_framework.test import APIClient

from reports.models import ExportJob
from tests.world import build_world

STARTUP_SECONDS = 60
BUILD_SECONDS = 60


def database_url() -> str:
    """The URL of the database this test runs on (``test_<name>``), for the worker."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def shared_database(request):
    """The worker is another process: it can reach PostgreSQL's test database, never
    SQLite's in-memory one."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker process cannot see SQLite's in-memory test db")
    request.getfixturevalue("on_postgres")


@pytest.fixture
def worker(tmp_path):
    """A ``celery worker`` process on the test database; stopped after.

    It consumes the default queue, emptied as it starts (``--purge``: a message an
    earlier run left behind); the test sends once it is ready. Tests run one at a time
    and every other test runs its tasks in-process, so nothing else is sent meanwhile.
    """
    log = tmp_path / "worker.log"
    env = os.environ | {
        "REDIS_URL": settings.REDIS_URL,
        "DATABASE_URL": database_url(),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_SETTINGS_MODULE": "inspection.settings",
        "DATABASE_CONN_MAX_AGE": "0",
    }
    command = [
        str(Path(sys.executable).parent / "celery"),
        "-A",
        "inspection",
        "worker",
        "--pool",
        "solo",
        "--concurrency",
        "1",
        "--loglevel",
        "INFO",
        "--purge",
        "--without-gossip",
        "--without-mingle",
        "--hostname",
        f"exports-test-{os.getpid()}@%h",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while b" ready." not in log.read_bytes():
            assert process.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.2)
        yield log
    finally:
        process.send_signal(signal.SIGTERM)  # warm shutdown
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def real_broker(celery_eager):
    """Send tasks through the broker, not in-process (the autouse fixture restores it)."""
    if not settings.REDIS_URL:
        pytest.skip("needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379/14)")
    celery_eager.conf.task_always_eager = False
    return celery_eager


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_an_export_end_to_end(shared_database, media, real_broker, worker):
    world = build_world()
    world.export_records()
    client = APIClient()
    client.force_authenticate(world.office)

    answer = client.post("/api/v1/exports/", {"round": world.round.pk}, format="json")
    assert answer.status_code == 202, answer.content
    job_id = answer.json()["id"]

    deadline = time.monotonic() + BUILD_SECONDS
    while (detail := client.get(f"/api/v1/exports/{job_id}/").json())["status"] != "done":
        assert detail["status"] != "failed", detail["failure_reason"]
        assert time.monotonic() < deadline, worker.read_text(errors="replace")
        time.sleep(0.25)
    assert detail["progress"] == 100

    download = client.get(f"/api/v1/exports/{job_id}/download/")
    assert download.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    totals = list(book["汇总"].iter_rows(values_only=True))[-1]
    assert totals[0] == "合计"
    assert "线索移交" in book.sheetnames
    job = ExportJob.objects.get(pk=job_id)
    assert job.attempts == 1
    log = worker.read_text(errors="replace")
    assert "reports.build_summary" in log and "succeeded" in log
