"""The one Celery app of the project (broker: REDIS_URL, or in-process without it).

JSON only, time limits and eager mode come from the CELERY_* settings; the beat
schedule is declared here. Run exactly one beat: a second queues every job twice (the
alert scan would still raise each alert once; a job added later may not be so forgiving).
Each job of the beat is also a management command, for cron where no beat runs; without
Redis, ``manage.py serve`` runs this schedule in its own process (inspection/embedded.py).
"""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import task_postrun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspection.settings")

# Without a broker, a queued task runs in a thread of the served process, or inside the
# call under INSPECTION_TASKS_IN_PROCESS = "eager" (inspection/embedded.py).
app = Celery("inspection", task_cls="inspection.embedded:InProcessTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    # Late acknowledgement (the idempotent tasks) wants one message per worker process
    # at a time, and a visibility timeout longer than any task and any retry countdown:
    # Redis hands an unacknowledged message to another worker once it passes, so a
    # shorter one would run a long export twice (tests/faults/test_worker_killed.py
    # checks the margin).
    worker_prefetch_multiplier=1,
    broker_transport_options={"visibility_timeout": 60 * 60},
    broker_connection_retry_on_startup=True,
)
app.conf.beat_schedule = {
    # The three-colour alerts: scan the due dates every morning (Asia/Shanghai) —
    # manage.py run_alert_scan for cron. No expiry: a scan the worker picks up late (or
    # twice) still raises each alert once.
    "rectification-alert-scan": {
        "task": "rectification.alert_scan",
        "schedule": crontab(hour=7, minute=30),
    },
    # The outboxes: deliveries the broker never carried (down when they were queued),
    # and export builds never queued or whose worker died. Each sends once what is owed.
    "rectification-outbox-drain": {
        "task": "rectification.outbox_drain",
        "schedule": 60.0,
    },
    "reports-requeue-exports": {
        "task": "reports.requeue_exports",
        "schedule": 5 * 60.0,
    },
    # The statistics' data version: its change log folded, the county-wide dashboard's
    # figures computed again after a write (reports.statistics_upkeep).
    "reports-statistics-upkeep": {
        "task": "reports.statistics_upkeep",
        "schedule": 60.0,
        "options": {"expires": 55},  # a late one is replaced by the next
    },
    # Deletes expired export files and fails builds whose worker died (purge_exports).
    "reports-purge-exports": {
        "task": "reports.purge_exports",
        "schedule": crontab(hour=3, minute=0),
    },
}
app.autodiscover_tasks()


@task_postrun.connect
def discard_rolled_back_files(**_signal):
    """A task's files of a transaction that rolled back do not stay (inspection.files)."""
    from inspection.files import discard_rolled_back_files

    discard_rolled_back_files()
