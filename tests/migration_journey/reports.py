"""The reports app's migrations on the journey: the statistics' triggers."""

from types import SimpleNamespace

from django.db import connection

from reports.statistics.version import data_version, expected_triggers, installed_triggers
from tests import factories as f

TRIGGERS = ("reports", "0003_open_item_deadline_index")  # before the triggers


class Triggers:
    """reports 0004 onwards: the statistics' data-version triggers come with the
    migrations (not a ``post_migrate`` handler): unapplied, none is left and a write goes
    unseen; migrated, every tracked table carries its trigger and a write is seen."""

    def __init__(self):
        self.expected = expected_triggers(connection.vendor)

    def look(self) -> SimpleNamespace:
        """The tracked tables' triggers the database has, and whether a write (a town
        added) changes the data version."""
        installed = installed_triggers()
        version = data_version()
        f.TownFactory()
        return SimpleNamespace(
            present=self.expected & installed,
            missing=self.expected - installed,
            write_seen=data_version() != version,
        )
