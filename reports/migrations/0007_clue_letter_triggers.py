"""The statistics' trigger on the clues' persons concerned (线索移交 counts them in 人), and
again on findings_clue, which findings 0013 rebuilt on SQLite (dropping its triggers)."""

from django.db import migrations

from reports.statistics.version import install_triggers, remove_triggers

TABLES = ("findings_cluesubject",)
REBUILT = ("findings_clue",)


def install(apps, schema_editor):
    install_triggers(schema_editor.connection.alias, TABLES + REBUILT)


def remove(apps, schema_editor):
    remove_triggers(schema_editor.connection.alias, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_onsite_order_triggers"),
        ("findings", "0013_clue_transfer_letters"),
    ]

    operations = [migrations.RunPython(install, remove)]
