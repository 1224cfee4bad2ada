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
"""

import io

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


def seeded_models() -> list:
    models = [
        model
        for label in SEEDED_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
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


def _take_snapshot() -> None:
    quote = connection.ops.quote_name
    links = _permission_links()
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
                    " JOIN django_content_type kind ON kind.id = permission.content_type_id"
                )
            else:
                cursor.execute(f"CREATE TABLE {shadow} AS SELECT * FROM {quote(table)}")


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
    """Seed the demo county in this process the first time, restore it after; its output."""
    if _taken:
        _restore_snapshot()
        return _taken["output"]
    with override_settings(MEDIA_ROOT=media_root):
        output = seed()
    _take_snapshot()
    _taken["output"] = output
    return output


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
