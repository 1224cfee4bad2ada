"""One export end to end through a real Celery worker, a real Redis and PostgreSQL.

Eager mode is no test of the worker (STYLE.md): here the task is serialised to JSON,
sent through Redis, picked up by a separate ``celery worker`` process that reads the
job from the same PostgreSQL test database, writes the file to the same media root, and
commits its progress; the test follows the job through the API and downloads the file.

Run with ``REDIS_URL=redis://127.0.0.1:6379/14`` and ``DATABASE_URL=postgres://…``.
"""

import io
import time

import pytest
from django.conf import settings
from django.db import connection
from openpyxl import load_workbook
from rest_framework.test import APIClient

from reports.models import ExportJob
from tests.celery_worker import running_worker
from tests.world import build_world

BUILD_SECONDS = 60


@pytest.fixture
def shared_database(request):
    """The worker is another process: it can reach PostgreSQL's test database, never
    SQLite's in-memory one."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker process cannot see SQLite's in-memory test db")
    request.getfixturevalue("on_postgres")


@pytest.fixture
def worker(tmp_path):
    """A ``celery worker`` process on the test database and media root; stopped after."""
    env = {"DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    with running_worker(name="exports-test", log=tmp_path / "worker.log", env=env) as log:
        yield log


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
    assert "线索移交" not in book.sheetnames  # the clues are a workbook of their own
    job = ExportJob.objects.get(pk=job_id)
    assert job.attempts == 1
    log = worker.read_text(errors="replace")
    assert "reports.build_summary" in log and "succeeded" in log
