import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 costs a fifth of a second a user; tests create hundreds of users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def on_postgres():
    """Skip a test that checks what only PostgreSQL enforces."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite does not provide this behaviour")


# The demo county, seeded once for a module (tests/seeding.py).
from tests.seeding import seeded  # noqa: E402, F401


@pytest.fixture(autouse=True)
def celery_eager():
    """Tasks run in-process in tests even where REDIS_URL is set (CI sets it); the one
    integration test that starts a real worker turns this off for itself."""
    from inspection.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def wide_page_queries():
    """The queries a wide API page adds on PostgreSQL: inspection.api.pagination reads a
    page of many-table rows keys first, then the rows with the join order fixed (a
    constant four more: the keys, and SET LOCAL inside a savepoint, which the test's
    transaction makes of the request's own transaction)."""
    return 4 if connection.vendor == "postgresql" else 0
