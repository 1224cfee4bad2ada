"""The embedded default: without a broker (no REDIS_URL), what Celery's workers and its
beat do in a deployment runs inside the served process.

- Tasks. ``.delay()`` hands the task, once the transaction commits, to one background
  thread of the process, which runs the queued tasks one after the other, as a worker
  would (``INSPECTION_TASKS_IN_PROCESS = "thread"``, the default): an export builds while
  its page follows the progress, and the request answers at once. ``"eager"`` runs the
  task inside the call, before it answers (the test suite's choice, where a test reads
  the task's effect right after the request). With a broker, tasks go to the workers.
- The schedule. ``manage.py serve`` starts one ``Scheduler`` thread, which runs the beat
  schedule of ``inspection/celery.py`` (the same entries, one place). One per ``var/``
  directory: the thread first takes an exclusive lock on ``var/scheduler.lock``, so a second
  served process on the same data waits instead of running every job twice. Each job's
  last run is kept in ``var/scheduler.json``: a job whose time passed while nothing was
  served (the 07:30 alert scan, the server started at 09:00) runs at start, as does every
  job on the very first start (each is idempotent: the scan raises each alert once).

A process runs the tasks it queued before it exits. Tasks lost all the same (the process
killed) are recovered as when a broker loses them: the outbox drain sends the deliveries
again and the export recovery the builds (a build cut off half-way is taken over once it
is older than the export time limit).
"""

import atexit
import datetime
import fcntl
import json
import logging
import queue
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from celery import Task
from celery.result import AsyncResult
from celery.schedules import maybe_schedule
from celery.utils import uuid
from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

THREAD, EAGER = "thread", "eager"
LONGEST_SLEEP = 60.0  # seconds: the scheduler looks again at least this often


# ------------------------------------------------------------------------------------ tasks


def tasks_in_background() -> bool:
    return getattr(settings, "INSPECTION_TASKS_IN_PROCESS", EAGER) == THREAD


class InProcessTask(Task):
    """The project's task class (inspection/celery.py): on the embedded default, in
    background mode, a queued task goes to this process's task thread."""

    def apply_async(self, args=None, kwargs=None, **options):
        if self.app.conf.task_always_eager and tasks_in_background():
            return run_in_background(self, args or (), kwargs or {})
        return super().apply_async(args, kwargs, **options)


_tasks: queue.Queue = queue.Queue()
_worker: threading.Thread | None = None
_worker_lock = threading.Lock()


def run_in_background(task: Task, args, kwargs) -> AsyncResult:
    """Queue ``task`` for the task thread once the current transaction commits (at once
    outside one); a rolled-back request queues nothing."""
    task_id = uuid()
    transaction.on_commit(lambda: _submit(task, args, kwargs, task_id))
    return AsyncResult(task_id, app=task.app)


def _submit(task: Task, args, kwargs, task_id: str) -> None:
    global _worker
    with _worker_lock:
        if _worker is None:
            # A process that queued tasks runs them before it exits: a command (seed_demo,
            # a scan run by hand) as much as the server.
            atexit.register(_finish_before_exit)
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_work, name="inspection-tasks", daemon=True)
            _worker.start()
    _tasks.put((task, args, kwargs, task_id))


def _finish_before_exit() -> None:
    if _tasks.unfinished_tasks:
        logger.info("finishing %s queued tasks before exiting", _tasks.unfinished_tasks)
        background_tasks_finished()


def _work() -> None:
    while True:
        task, args, kwargs, task_id = _tasks.get()
        try:
            close_old_connections()
            _run(partial(task.apply, args, kwargs, task_id=task_id, throw=True), task.name)
            connections.close_all()  # this thread's connections only
        except Exception:  # the connection upkeep itself: logged, and the thread goes on
            logger.exception("task thread: after %s", task.name)
        finally:
            # Whatever happened, the task is done: the exit hook's join() must not hang.
            _tasks.task_done()


def background_tasks_finished() -> None:
    """Wait until the task thread has run every task queued so far (tests, shutdown)."""
    _tasks.join()


def _run(call: Callable[[], object], name: str) -> None:
    """Run one task; an error is logged, and the thread goes on."""
    try:
        call()
    except Exception:
        logger.exception("task %s failed", name)


# --------------------------------------------------------------------------------- schedule


class Scheduler:
    """The beat schedule of ``app``, run in the calling thread (``tick``)."""

    def __init__(self, app, state: Path, clock: Callable[[], datetime.datetime] | None = None):
        self.app, self.state, self.clock = app, state, clock or timezone.localtime
        app.loader.import_default_modules()  # every app's tasks module (autodiscovery)
        self.entries = {}
        for name, entry in app.conf.beat_schedule.items():
            schedule = maybe_schedule(entry["schedule"], app=app)
            schedule.nowfun = clock
            self.entries[name] = (entry["task"], schedule)
        self.last_runs = self._load()

    def _load(self) -> dict[str, datetime.datetime]:
        try:
            stored = json.loads(self.state.read_text())
        except (OSError, ValueError):
            stored = {}
        # Never run here: as if last run a day ago, so each job runs at the first tick.
        never = self.clock() - datetime.timedelta(days=1)
        last_runs = {}
        for name in self.entries:
            try:
                last_runs[name] = timezone.localtime(datetime.datetime.fromisoformat(stored[name]))
            except (KeyError, TypeError, ValueError):
                last_runs[name] = never
        return last_runs

    def _save(self) -> None:
        stored = {name: when.isoformat() for name, when in self.last_runs.items()}
        self.state.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.state.with_suffix(".tmp")
        temporary.write_text(json.dumps(stored, indent=1))
        temporary.replace(self.state)

    def due(self) -> list[str]:
        return [
            name
            for name, (_task, schedule) in self.entries.items()
            if schedule.is_due(self.last_runs[name]).is_due
        ]

    def tick(self) -> float:
        """Run every job that is due (its last run recorded first: a job that fails is not
        retried before its next time); answers the seconds until the next one is due."""
        for name in self.due():
            task_name = self.entries[name][0]
            self.last_runs[name] = self.clock()
            self._save()
            logger.info("scheduler: %s (%s)", name, task_name)
            _run(partial(self._apply, task_name), name)
        waits = [
            schedule.is_due(self.last_runs[name]).next
            for name, (_task, schedule) in self.entries.items()
        ]
        return max(1.0, min([LONGEST_SLEEP, *waits]))

    def _apply(self, task_name: str) -> None:
        self.app.tasks[task_name].apply(throw=True)


def lock_for(directory: Path, *, wait: bool):
    """The exclusive lock of ``directory``'s scheduler (an open file, held until closed or
    the process ends); None when ``wait`` is false and another process holds it."""
    directory.mkdir(parents=True, exist_ok=True)
    handle = (directory / "scheduler.lock").open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def start_scheduler(directory: Path) -> threading.Thread:
    """Start the scheduler thread of this process (a daemon: it ends with the server)."""
    from inspection.celery import app

    def run() -> None:
        lock = lock_for(directory, wait=False)
        if lock is None:
            logger.warning(
                "scheduler: another served process runs the periodic jobs of %s; "
                "this one takes over when it ends",
                directory,
            )
            lock = lock_for(directory, wait=True)
        scheduler = Scheduler(app, directory / "scheduler.json")
        logger.info("scheduler: %s periodic jobs run in this process", len(scheduler.entries))
        while True:
            wait = LONGEST_SLEEP
            try:
                close_old_connections()
                wait = scheduler.tick()
                connections.close_all()  # this thread's connections only
            except Exception:  # a tick that fails (var/ unwritable, …) is logged, then retried
                logger.exception("scheduler: tick failed; next try in %s s", LONGEST_SLEEP)
            time.sleep(wait)

    thread = threading.Thread(target=run, name="inspection-scheduler", daemon=True)
    thread.start()
    return thread
