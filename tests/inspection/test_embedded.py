"""The embedded default's scheduler (inspection/embedded.py, started by manage.py serve):
the beat schedule of inspection/celery.py, run in the served process — each job when it
is due, a job missed while nothing was served run at start, one scheduler per var/."""

import datetime
import json
import zoneinfo

import pytest

from inspection.celery import app
from inspection.embedded import Scheduler, lock_for
from inspection.models import Notification
from rectification.models import Alert
from rounds.choices import RoundStatus
from tests.rectification.test_alerts_concurrency import ledger
from tests.world import build_world

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
SCAN = "rectification-alert-scan"
OUTBOX = "rectification-outbox-drain"


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


def scheduler_at(tmp_path, now: datetime.datetime, last_runs: dict | None = None) -> Scheduler:
    state = tmp_path / "scheduler.json"
    if last_runs is not None:
        state.write_text(json.dumps({name: when.isoformat() for name, when in last_runs.items()}))
    return Scheduler(app, state, clock=lambda: now)


def test_the_jobs_are_the_beat_schedules(tmp_path):
    scheduler = scheduler_at(tmp_path, at(7, 9))
    assert {name: task for name, (task, _) in scheduler.entries.items()} == {
        name: entry["task"] for name, entry in app.conf.beat_schedule.items()
    }
    assert {"rectification.alert_scan", "rectification.outbox_drain"} <= {
        task for task, _ in scheduler.entries.values()
    }
    assert "reports.requeue_exports" in {task for task, _ in scheduler.entries.values()}


def test_on_the_first_start_every_job_runs(tmp_path):
    assert set(scheduler_at(tmp_path, at(7, 9)).due()) == set(app.conf.beat_schedule)


def test_a_scan_missed_this_morning_runs_at_start_and_not_twice(tmp_path):
    others = {name: at(7, 8, 59) for name in app.conf.beat_schedule}
    missed = scheduler_at(tmp_path, at(7, 9), {**others, SCAN: at(6, 7, 30)})
    assert SCAN in missed.due()
    done = scheduler_at(tmp_path, at(7, 9), {**others, SCAN: at(7, 7, 30)})
    assert SCAN not in done.due()
    before_its_time = scheduler_at(tmp_path, at(7, 7, 0), {**others, SCAN: at(6, 7, 30)})
    assert SCAN not in before_its_time.due()
    tomorrow = scheduler_at(tmp_path, at(8, 7, 30), {**others, SCAN: at(7, 7, 30)})
    assert SCAN in tomorrow.due()


def test_the_outbox_is_drained_every_minute(tmp_path):
    others = {name: at(7, 9) for name in app.conf.beat_schedule}
    half_a_minute = scheduler_at(tmp_path, at(7, 9) + datetime.timedelta(seconds=30), others)
    assert OUTBOX not in half_a_minute.due()
    late = scheduler_at(tmp_path, at(7, 9) + datetime.timedelta(seconds=61), others)
    assert OUTBOX in late.due()


@pytest.mark.django_db
def test_a_tick_runs_the_due_jobs_and_remembers_them(tmp_path):
    """The scan raises today's alerts (the office's, the officer's notifications); the
    last runs are kept, so the next tick runs nothing before its time."""
    ledger(build_world(round_status=RoundStatus.RECTIFICATION))
    scheduler = Scheduler(app, tmp_path / "scheduler.json")
    assert scheduler.tick() <= 60
    assert Alert.objects.count() == 6 and Notification.objects.count() == 3
    stored = json.loads((tmp_path / "scheduler.json").read_text())
    assert set(stored) == set(app.conf.beat_schedule)
    again = Scheduler(app, tmp_path / "scheduler.json")
    assert again.due() == []


def test_one_scheduler_per_directory(tmp_path):
    first = lock_for(tmp_path, wait=False)
    assert first is not None
    assert lock_for(tmp_path, wait=False) is None  # a second served process waits
    first.close()  # the first process ends
    second = lock_for(tmp_path, wait=False)
    assert second is not None
    second.close()
