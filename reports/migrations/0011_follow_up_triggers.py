"""The statistics' triggers on the tables of 问责, 第一种形态 and 回头看 (issue 19: their
figures read them)."""

from django.db import migrations

from reports.statistics.version import install_triggers, remove_triggers

FOLLOW_UP = (
    "rectification_accountabilityproposal",
    "rectification_accountabilitydecision",
    "rectification_firstformmeasure",
    "rectification_lookbackcheck",
)


def install(apps, schema_editor):
    install_triggers(schema_editor.connection.alias, FOLLOW_UP)


def remove(apps, schema_editor):
    remove_triggers(schema_editor.connection.alias, FOLLOW_UP)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0010_matter_triggers"),
        ("rectification", "0015_publicity_and_look_back"),
    ]

    operations = [migrations.RunPython(install, remove)]
