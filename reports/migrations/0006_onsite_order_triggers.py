"""The statistics' triggers on the on-site orders' table (the 巡中立行立改 figures read it),
and again on the ledger items' table with its partial deadline index (0003): on SQLite
``rectification/0008_onsite_orders`` rebuilt that table (its ``feedback`` became optional),
which drops a table's triggers and the indexes that are not the models'."""

from django.db import migrations

from reports.statistics.version import install_triggers, remove_triggers

ORDERS = ("rectification_immediateorder",)
REBUILT = ("rectification_rectificationitem",)
OPEN = "('pending', 'in_progress', 'returned')"  # rectification.choices.ITEM_STATUSES_OPEN


def install(apps, schema_editor):
    install_triggers(schema_editor.connection.alias, ORDERS + REBUILT)


def remove(apps, schema_editor):
    remove_triggers(schema_editor.connection.alias, ORDERS)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_taxonomy_triggers"),
        ("rectification", "0008_onsite_orders"),
    ]

    operations = [
        migrations.RunPython(install, remove),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS item_open_deadline_idx ON "
            f"rectification_rectificationitem (deadline, id) WHERE status IN {OPEN}",
            migrations.RunSQL.noop,
        ),
    ]
