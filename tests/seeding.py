"""The demo county as test data: seeded once per test process, restored for each module,
wiped after it.

The demo is built through the services, each action at its own moment (demo/county):
true to life, and some forty seconds of work. A test process therefore seeds it once,
copies every table the seed writes into a shadow table (``snap_<table>``, no
constraints, which no flush touches), and every later module that asks for the county
gets those rows back with one ``INSERT … SELECT`` per table — the same rows, ids and
files as the first seed. Seeding commits (the tests of a module share it); ``wipe``
empties every table the seed writes, so the modules after it find an empty database.
The county's evidence files live in one folder of the process's, kept for the session.

The processes of one run share the first seed too (``shared_seed``): scripts/test.sh
names a folder in ``INSPECTION_TEST_SHARE``, and on PostgreSQL the first process to need
the county seeds it and writes its shadow tables, files and output there; the others
load them (one COPY a table) instead of seeding again.
"""

import fcntl
import io
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings

SEEDED_APPS = ("inspection", "rounds", "findings", "rectification", "reports")
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SHADOW = "snap_"

# What this process's first seed printed, once taken (the rows are in the shadow tables).
_taken: dict = {}


def seed() -> str:
    out = io.StringIO()
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        call_command("seed_demo", "--force", stdout=out)
    return out.getvalue()


# The statistics' bookkeeping (reports.statistics.version, towns): written by the database's
# triggers as the county's rows are restored, so never copied (a restored change row would
# meet the ids the triggers just took); left out, a restore starts a new data epoch.
BOOKKEEPING = frozenset(
    {
        "reports_statisticsversion",
        "reports_statisticschange",
        "reports_statisticstownchange",
        "reports_statisticstownversion",
    }
)


def seeded_models() -> list:
    models = [
        model
        for label in SEEDED_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.db_table not in BOOKKEEPING
    ]
    return [*models, Group, Group.permissions.through]


def seeded_tables() -> list[str]:
    return list(dict.fromkeys(model._meta.db_table for model in seeded_models()))


def wipe() -> None:
    """Delete every row the seed writes; permissions and content types stay."""
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), seeded_tables(), allow_cascade=True)
    )


def _permission_links() -> dict[str, str]:
    """Tables linking to a permission: {table: the column naming the other side}.

    A flush of every table (a transactional test's teardown) makes the permissions again
    under new ids, so these rows are kept by the permission's natural key."""
    links = {}
    for model in seeded_models():
        fields = {field.related_model: field for field in model._meta.fields if field.is_relation}
        if model._meta.auto_created and Permission in fields:
            other = next(field for related, field in fields.items() if related is not Permission)
            links[model._meta.db_table] = other.column
    return links


def _take_snapshot(*, empty: bool = False) -> None:
    """The seeded tables' rows into their shadows (``empty``: the shadows only, shaped so)."""
    quote = connection.ops.quote_name
    links = _permission_links()
    rows = " WHERE false" if empty else ""
    with connection.cursor() as cursor:
        for table in seeded_tables():
            shadow = quote(SHADOW + table)
            cursor.execute(f"DROP TABLE IF EXISTS {shadow}")
            if table in links:
                cursor.execute(
                    f"CREATE TABLE {shadow} AS SELECT link.{quote(links[table])} AS owner,"
                    " kind.app_label, kind.model, permission.codename"
                    f" FROM {quote(table)} link"
                    " JOIN auth_permission permission ON permission.id = link.permission_id"
                    " JOIN django_content_type kind ON kind.id = permission.content_type_id" + rows
                )
            else:
                cursor.execute(f"CREATE TABLE {shadow} AS SELECT * FROM {quote(table)}{rows}")


def _restore_snapshot() -> None:
    """The first seed's rows again; foreign keys are checked at commit (deferred)."""
    quote = connection.ops.quote_name
    links = _permission_links()
    with transaction.atomic(), connection.cursor() as cursor:
        for table in seeded_tables():
            shadow = quote(SHADOW + table)
            if table in links:
                cursor.execute(
                    f"INSERT INTO {quote(table)} ({quote(links[table])}, permission_id)"
                    f" SELECT shadow.owner, permission.id FROM {shadow} shadow"
                    " JOIN django_content_type kind"
                    " ON kind.app_label = shadow.app_label AND kind.model = shadow.model"
                    " JOIN auth_permission permission"
                    " ON permission.content_type_id = kind.id"
                    " AND permission.codename = shadow.codename"
                )
            else:
                cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {shadow}")
        # PostgreSQL's sequences past the restored ids, whatever reset them since (a
        # transactional test's flush): the next row inserted must not take a restored id.
        for statement in connection.ops.sequence_reset_sql(no_style(), seeded_models()):
            cursor.execute(statement)


def demo_county(media_root) -> str:
    """Seed the demo county in this process the first time (or load the run's shared
    seed), restore it after; its output."""
    if _taken:
        _restore_snapshot()
        return _taken["output"]
    with shared_seed() as shared:
        if shared is not None and (shared / "ready").exists():
            output = _load_shared(shared, media_root)
        else:
            with override_settings(MEDIA_ROOT=media_root):
                output = seed()
            _take_snapshot()
            if shared is not None:
                _write_shared(shared, media_root, output)
    _taken["output"] = output
    return output


@contextmanager
def shared_seed():
    """The run's shared seed folder, held under its lock (None where there is none: no
    ``INSPECTION_TEST_SHARE``, or not PostgreSQL, whose COPY carries the rows)."""
    folder = os.environ.get("INSPECTION_TEST_SHARE")
    if not folder or connection.vendor != "postgresql":
        yield None
        return
    shared = Path(folder) / "demo-county"
    shared.mkdir(parents=True, exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first process seeds; the others wait
        try:
            yield shared
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write_shared(shared: Path, media_root, output: str) -> None:
    """This process's shadow tables, files and output, for the run's other processes."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in seeded_tables():
            with open(shared / f"{table}.copy", "w", encoding="utf-8") as stream:
                cursor.copy_expert(f"COPY {quote(SHADOW + table)} TO STDOUT", stream)
    shutil.copytree(media_root, shared / "media", dirs_exist_ok=True)
    (shared / "output.txt").write_text(output, encoding="utf-8")
    (shared / "ready").touch()


def _load_shared(shared: Path, media_root) -> str:
    """The shared seed as this process's shadow tables (shaped by ``_take_snapshot``), its
    files in ``media_root``; then restored, as a later module's is."""
    _take_snapshot(empty=True)
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in seeded_tables():
            with open(shared / f"{table}.copy", encoding="utf-8") as stream:
                cursor.copy_expert(f"COPY {quote(SHADOW + table)} FROM STDIN", stream)
    shutil.copytree(shared / "media", media_root, dirs_exist_ok=True)
    wipe()  # the rows the migrations wrote (the taxonomy …) are in the seed too
    _restore_snapshot()
    return (shared / "output.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def demo_media(tmp_path_factory):
    """The demo county's evidence files, for the whole test process."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, demo_media):
    """The demo county, committed for the module; yields what seed_demo printed."""
    with override_settings(MEDIA_ROOT=demo_media):
        with django_db_blocker.unblock():
            output = demo_county(demo_media)
        yield output
        with django_db_blocker.unblock():
            wipe()
