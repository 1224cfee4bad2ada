"""The statistics' data-version triggers come with the migrations (not a ``post_migrate``
handler): after the whole ``migrate`` every tracked table carries its trigger (a table
added to TRACKED_TABLES, or one that a later migration rebuilt on SQLite, fails here until
a migration installs its trigger). That unapplying the triggers' migration removes them
and applying it installs them again: tests/migration_journey."""

import pytest
from django.db import connection

from reports.statistics.version import expected_triggers, installed_triggers


@pytest.mark.django_db
def test_after_migrate_every_tracked_table_has_its_trigger():
    missing = expected_triggers(connection.vendor) - installed_triggers()
    assert not missing
