"""The statistics' data-version triggers come with the migrations (not a ``post_migrate``
handler): migrating to the triggers' migration installs them, unapplying it removes them,
and after the whole ``migrate`` every tracked table carries its trigger (a table added to
TRACKED_TABLES, or one that a later migration rebuilt on SQLite, fails here until a
migration installs its trigger)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reports.statistics.version import (
    data_version,
    expected_triggers,
    installed_triggers,
)
from tests import factories as f

BEFORE = ("reports", "0003_open_item_deadline_index")


@pytest.mark.django_db
def test_after_migrate_every_tracked_table_has_its_trigger():
    missing = expected_triggers(connection.vendor) - installed_triggers()
    assert not missing


def migrate_reports_to(target=None):
    """Migrate the reports app to ``target``, or forward to its latest migration."""
    executor = MigrationExecutor(connection)
    executor.migrate([target] if target else executor.loader.graph.leaf_nodes("reports"))


@pytest.mark.django_db(transaction=True)
def test_the_migration_installs_the_triggers_and_its_reverse_removes_them():
    expected = expected_triggers(connection.vendor)
    try:
        migrate_reports_to(BEFORE)
        assert not expected & installed_triggers()
        version = data_version()
        f.TownFactory()
        assert data_version() == version  # without triggers a write goes unseen

        migrate_reports_to()
        assert expected <= installed_triggers()
        f.TownFactory()
        assert data_version() != version
    finally:
        migrate_reports_to()
