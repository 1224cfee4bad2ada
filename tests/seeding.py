"""The demo county as test data: seeded once for a module, wiped after it.

Seeding commits (the tests of a module share it); ``wipe`` empties every table the seed
writes, so the modules after it find an empty database again.
"""

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test import override_settings

SEEDED_APPS = ("inspection", "rounds", "findings", "rectification", "reports")
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


def wipe() -> None:
    """Delete every row the seed writes; permissions and content types stay."""
    tables = [model._meta.db_table for model in seeded_models()]
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    )


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo county, committed for the module; yields what seed_demo printed. Its
    evidence files go to a folder of the module's, not the checkout's var/media."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")):
        with django_db_blocker.unblock():
            output = seed()
        yield output
        with django_db_blocker.unblock():
            wipe()
