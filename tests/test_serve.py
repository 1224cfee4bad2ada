"""``manage.py serve``, as ``scripts/serve.sh`` runs it (debug off, no Redis), in a process
of its own: one process (no autoreloader child), the product's 404 page, the static files
served, and the beat schedule run inside it (its state written under the run's var/).

The database is left empty: the page and the files need none, and the jobs run whatever
they find (their errors are logged by the scheduler, which goes on)."""

import datetime
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from inspection.celery import app

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def eventually(check, what: str, within: float = 120.0):
    """Readiness, not timing: ``check()`` until it answers something true."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            answer = check()
        except OSError:
            answer = None
        if answer:
            return answer
        time.sleep(0.5)
    pytest.fail(f"the served process never got there: {what}")


@pytest.fixture
def served(tmp_path):
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_DEBUG="false",
        INSPECTION_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    log = (tmp_path / "serve.log").open("w")
    started = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "serve", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        eventually(lambda: fetch(f"http://127.0.0.1:{port}/static/css/app.css")[0], "answering")
        yield process, f"http://127.0.0.1:{port}", tmp_path / "var", started
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_the_served_process_is_the_embedded_default(served):
    process, url, var, started = served
    status, page = fetch(f"{url}/no-such-page/")
    assert status == 404
    assert "页面不存在" in page and "urlpatterns" not in page  # the product's, not Django's
    status, css = fetch(f"{url}/static/css/app.css")
    assert status == 200 and css  # static files with debug off
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    if children.exists():
        assert children.read_text().split() == []  # one process: no autoreloader
    state = var / "scheduler.json"

    def every_job_ran() -> bool:  # each run after the process started, none left "never"
        runs = json.loads(state.read_text()) if state.exists() else {}
        return set(runs) == set(app.conf.beat_schedule) and all(
            datetime.datetime.fromisoformat(when) >= started for when in runs.values()
        )

    eventually(every_job_ran, "every job of the beat schedule ran")
    assert (var / "scheduler.lock").exists()


QUEUE_THEN_EXIT = """
import sys
import time
import django

django.setup()
from inspection.celery import app


@app.task(name="tests.touch")
def touch(path):
    time.sleep(1)  # still running when the script's last line has run
    open(path, "w").write("ran")


touch.delay(sys.argv[1])
"""


def test_a_process_runs_the_tasks_it_queued_before_it_exits(tmp_path):
    """A command that queues a task (seed_demo raising alerts, a scan run by hand) in the
    background mode does not exit with the task still in its queue."""
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="inspection.settings",
        INSPECTION_TASKS_IN_PROCESS="thread",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    mark = tmp_path / "ran"
    subprocess.run(
        [sys.executable, "-c", QUEUE_THEN_EXIT, str(mark)], cwd=ROOT, env=env, check=True
    )
    assert mark.read_text() == "ran"
