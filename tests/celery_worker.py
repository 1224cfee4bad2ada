"""A real ``celery worker`` process on the test database, for the few tests that must not
run tasks in-process (STYLE.md: eager mode is no test of the worker).

PostgreSQL only: the worker is another process and cannot see SQLite's in-memory test
database. It consumes the default queue, emptied as it starts (``--purge``), and the
test sends once it reports ready; it is stopped with a warm shutdown after.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

STARTUP_SECONDS = 60


def database_url() -> str:
    """The URL of the database this test runs on (``test_<name>``), for the worker."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}"


@contextlib.contextmanager
def running_worker(
    *,
    name: str,
    log: Path,
    env: dict[str, str] | None = None,
    app: str = "inspection",
    args: tuple[str, ...] = (),
):
    """Start a worker named ``name`` of the Celery ``app`` with ``env`` on top of the test's
    settings and ``args`` added to its command line; yield its log file once it is ready."""
    environment = os.environ | {
        "REDIS_URL": settings.REDIS_URL,
        "DATABASE_URL": database_url(),
        "DATABASE_CONN_MAX_AGE": "0",
        "DJANGO_SETTINGS_MODULE": "inspection.settings",
        **(env or {}),
    }
    command = [
        str(Path(sys.executable).parent / "celery"),
        *("-A", app, "worker", "--pool", "solo", "--concurrency", "1"),
        *("--loglevel", "INFO", "--purge", "--without-gossip", "--without-mingle"),
        *("--hostname", f"{name}-{os.getpid()}@%h"),
        *args,
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT
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
