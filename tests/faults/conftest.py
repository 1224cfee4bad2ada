"""Fixtures of the fault tests: a broker that is really unreachable, a webhook receiver,
a media root of the test's own, and the ledger that owes alerts.

The broker is taken down for the test process only: the Celery app is pointed at a closed
port (nothing shared is stopped), its connection pools dropped so the next publish really
connects there; the previous broker comes back after.
"""

import contextlib
import datetime
import socket

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from rounds.choices import RoundStatus
from tests.rectification.test_alerts_delivery import Receiver
from tests.world import build_world

SECRET = "faults-webhook-secret"


def closed_port_url() -> str:
    """A Redis URL on a loopback port that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def _point_broker(app, url: str) -> None:
    # Only the app's references are dropped: kombu keeps one pool per URL for the process,
    # and the previous broker's is needed again once it is back.
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def broker_at(app, url: str):
    """Send the tasks of ``app`` through the broker at ``url`` (not in-process)."""
    previous = app.conf.broker_url, app.conf.task_always_eager
    app.conf.task_always_eager = False
    _point_broker(app, url)
    try:
        yield app
    finally:
        _point_broker(app, previous[0])
        app.conf.task_always_eager = previous[1]


@pytest.fixture
def broker_down(celery_eager):
    """The broker is unreachable for the test's body until it calls ``broker_down.back()``."""

    class Outage:
        def __init__(self):
            self.stack = contextlib.ExitStack()
            self.stack.enter_context(broker_at(celery_eager, closed_port_url()))

        def back(self):
            self.stack.close()

    outage = Outage()
    yield outage
    outage.back()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def receiver(settings):
    """The office's messaging system, answering every POST with 200."""
    server = Receiver(failures=0)
    settings.INSPECTION_WEBHOOK_URL = server.url
    settings.INSPECTION_WEBHOOK_SECRET = SECRET
    settings.INSPECTION_ALERT_EMAIL = True
    yield server
    server.close()


@pytest.fixture
def shared_database(on_postgres):
    """A worker is another process: it reaches PostgreSQL's test database, never SQLite's
    in-memory one; and it needs a broker."""
    if not settings.REDIS_URL:
        pytest.skip("needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379/2)")
    return connection.settings_dict["NAME"]


def owing_world():
    """The small county in rectification, with a ledger that owes alerts today: three
    items of town A (red, yellow, green) whose officer has an e-mail address."""
    world = build_world(round_status=RoundStatus.RECTIFICATION)
    feedback = world.feedback()
    feedback.plan_submitted_on = feedback.report_submitted_on = feedback.fed_back_on
    feedback.save()
    world.officer_a.email = "officer_a@example.cn"
    world.officer_a.save()
    today = timezone.localdate()
    for offset in (-2, 7, 19):
        world.item(deadline=today + datetime.timedelta(days=offset), supervising_leader="李督导")
    return world


def delivery_ids_received(receiver) -> list[int]:
    return sorted(int(headers["X-Inspection-Delivery"]) for headers, _ in receiver.requests)
