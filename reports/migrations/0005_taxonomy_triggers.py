"""The statistics' triggers on the taxonomy's tables (the figures' labels read them), and
again on findings_problem, which findings 0009 rebuilt on SQLite (dropping its triggers)."""

from django.db import migrations

from reports.statistics.version import install_triggers, remove_triggers

TABLES = ("findings_problemfocus", "findings_problemaspect", "findings_problemclass")
REBUILT = ("findings_problem",)


def install(apps, schema_editor):
    install_triggers(schema_editor.connection.alias, TABLES + REBUILT)


def remove(apps, schema_editor):
    remove_triggers(schema_editor.connection.alias, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_statistics_triggers"),
        ("findings", "0009_remove_problem_category"),
    ]

    operations = [migrations.RunPython(install, remove)]
