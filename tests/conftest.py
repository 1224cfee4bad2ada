import os

import pytest
from django.db import connection

# ``site``: the demo county behind a live server (browser journeys, the load smoke test).
pytest_plugins = ["tests.live_site"]


# The long tests, by marker (registered in pyproject.toml): the fast loop leaves them out
# (README: ``-m "not browser and not faults and not fuzz and not slow"``), CI runs them
# all. A node id prefix: a folder, a module, or one test. The slow ones took tens of
# seconds each in a SQLite run of the suite (--durations, two workers).
MARKED = {
    "browser": ("tests/browser/",),
    "faults": ("tests/faults/",),
    "fuzz": (
        "tests/test_api_schemathesis.py",
        "tests/test_workflow_state_machine.py",  # 200 s
        "tests/inspection/test_village_import_fuzz.py",  # 40 s
    ),
    "slow": (
        "tests/migration_journey/",  # 120 s: every data migration, back and forth
        "tests/test_confidential_crawl.py",  # 240 s
        "tests/inspection/test_api_lean.py",  # 110 s
        "tests/inspection/test_admin_write_path.py",  # 35 s
        "tests/inspection/test_village_import.py::test_import_of_5000_rows",  # 16 s
        "tests/test_load_smoke.py",  # 12 s, a live server
        "tests/test_backup_restore.py",  # PostgreSQL: pg_dump and pg_restore
        "tests/test_generated_client.py",  # 50 s: generates, installs and runs a client
        "tests/inspection/test_documents_print.py",  # 12 s: LibreOffice prints each document
        "tests/test_offline_install.py",  # 30 s: the kit's wheels installed into a fresh venv
        # 2-3 min: a laptop's migrate on SQLite (40 s of CPU), its server, the import
        "tests/rectification/test_standalone_round_trip.py",
    ),
}


# The modules that take minutes of one process each: run first, longest first (in this
# order), so that the two processes (pytest-xdist, --dist loadfile: a module to a process)
# end together instead of one of them spending the run's last minutes alone on a long
# module. (scripts/test.sh passes --no-loadscope-reorder: by default pytest-xdist sends the
# modules with most tests first, whatever this order, and the long ones of one or two tests
# went out last.)
FIRST = (
    "tests/migration_journey/",
    "tests/demo/test_seed_demo.py",
    "tests/test_workflow_state_machine.py",
    "tests/test_confidential_crawl.py",
    "tests/test_permission_matrix.py",  # 2,206 cells, collected near the end
    "tests/inspection/test_api_lean.py",
    "tests/test_generated_client.py",
    "tests/faults/",
    "tests/inspection/test_api_paging.py",
    "tests/test_backup_restore.py",
    "tests/demo/test_demo_files_rollback.py",
)


def pytest_collection_modifyitems(items):
    for item in items:
        for marker, prefixes in MARKED.items():
            if item.nodeid.startswith(prefixes):
                item.add_marker(marker)
    items.sort(key=first_order)  # stable: a module's tests stay in their order


def first_order(item) -> int:
    """The item's place in FIRST (the modules after it keep their collection order)."""
    for place, prefix in enumerate(FIRST):
        if item.nodeid.startswith(prefix):
            return place
    return len(FIRST)


def pytest_configure(config):
    """Under pytest-xdist each test process gets its own Redis database (Celery's queues,
    results and the cache), next below the one REDIS_URL names (15, 14, …): a real worker
    started by one process must not take the tasks another process sends. The test
    databases are already one per process (pytest-django suffixes them with gw0, gw1, …)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    from django.conf import settings

    # The test database is a copy of the run's migrated template (scripts/test_template.py),
    # where scripts/test.sh made one: no process runs every migration again.
    template = os.environ.get("INSPECTION_TEST_TEMPLATE")
    database = settings.DATABASES["default"]
    if template and database["ENGINE"].endswith("postgresql"):
        database.setdefault("TEST", {})["TEMPLATE"] = template
    # Flushes empty the tables with DELETE: a TRUNCATE of them all costs seconds a test.
    if database["ENGINE"].endswith("postgresql"):
        from tests import fast_flush

        fast_flush.install()

    # A queued task runs inside the call (no broker): tests read its effect right after;
    # the embedded default's background thread is tested where it is asked for.
    settings.INSPECTION_TASKS_IN_PROCESS = "eager"

    if not worker.startswith("gw") or not settings.REDIS_URL:
        return
    base, _, number = settings.REDIS_URL.rpartition("/")
    url = f"{base}/{int(number or 0) - int(worker[2:])}"
    from inspection.celery import app

    settings.REDIS_URL = settings.CELERY_BROKER_URL = settings.CELERY_RESULT_BACKEND = url
    app.conf.broker_url = app.conf.result_backend = url
    for cache in settings.CACHES.values():
        if "redis" in cache.get("BACKEND", "").lower():
            cache["LOCATION"] = url


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 costs a fifth of a second a user; tests create hundreds of users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def chinese_by_default():
    """Every test starts in the default language, whatever the one before it activated
    (code outside a request reads the active language: a test that switched to English
    must not leave it on for the next test in the same process)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def on_postgres():
    """Skip a test that checks what only PostgreSQL enforces."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite does not provide this behaviour")


# The demo county, seeded once for a module (tests/seeding.py).
from tests.seeding import demo_media, seeded  # noqa: E402, F401


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
