"""The statistics' data-version triggers (reports.statistics.version) on the tables the
figures read: installed by this migration, in the same transaction as the rest of a
``migrate``, no longer after it by a ``post_migrate`` handler (schema is the migrations'
job: ``sqlmigrate`` and a migration plan now show it, and a partial ``migrate`` cannot
leave a tracked table without its trigger).

PostgreSQL: one statement trigger a table; SQLite: a row trigger a table and event. A
database that had them from the old handler keeps them (only missing ones are created).
django-pgtrigger was not used: it declares triggers in the ``Meta`` of the model carrying
them, so reports' triggers would be written into the models of inspection, rounds,
findings and rectification (against the direction of the imports), and it has no SQLite.

The tables are listed here, not read from TRACKED_TABLES, so that this migration does the
same whenever it runs: a table tracked later gets its trigger from a later migration.
"""

from django.db import migrations

from reports.statistics.version import install_triggers, remove_triggers

TABLES = (
    "inspection_term",
    "inspection_town",
    "inspection_village",
    "rounds_inspectionround",
    "rounds_team",
    "rounds_assignment",
    "rounds_interview",
    "rounds_activity",
    "rounds_petition",
    "findings_problem",
    "findings_clue",
    "rectification_feedback",
    "rectification_rectificationitem",
)


def install(apps, schema_editor):
    install_triggers(schema_editor.connection.alias, TABLES)


def remove(apps, schema_editor):
    remove_triggers(schema_editor.connection.alias, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_open_item_deadline_index"),
        # The last migration of each app whose tables carry a trigger: on SQLite a later
        # migration that rebuilt one of them would drop its triggers.
        ("inspection", "0007_accesslog_query"),
        ("rounds", "0003_submission_token"),
        ("findings", "0006_submission_token"),
        ("rectification", "0006_progress_submission_token"),
    ]

    operations = [migrations.RunPython(install, remove)]
