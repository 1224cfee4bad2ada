"""The demo county behind a live server, for the tests that drive the application over
HTTP from outside (the browser journeys, the load script's smoke test)."""

import threading
import time

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler


class OneAtATime(StaticFilesHandler):
    """On SQLite the test database lives in memory and the server's request threads share
    the test's one connection: requests are handled one at a time, so a page's parallel
    requests (styles, scripts, a poll) never use that connection at once."""

    lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            return super().__call__(environ, start_response)


def finish_requests_in_flight(timeout: float = 10.0) -> None:
    """Wait for the live server's request threads (a page's last poll may still be
    running): each holds a database connection until it ends, and PostgreSQL will not
    drop the test database while one is open."""
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name and thread is not threading.current_thread():
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture(scope="module")
def site(seeded, django_db_blocker):
    """The demo county behind a live server; yields the server's base URL."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost", start=False)
        if server.thread.connections_override:
            server.thread.static_handler = OneAtATime
        server.start()
        server._live_server_modified_settings.enable()
    yield server.url
    with django_db_blocker.unblock():
        server._live_server_modified_settings.disable()
        finish_requests_in_flight()
        server.stop()
