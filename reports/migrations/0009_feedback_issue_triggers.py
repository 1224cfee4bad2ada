"""The statistics' triggers on the feedback issues' tables (the ledger sheet shows an
item's 反馈问题编号), and again on the ledger items' table with its partial deadline
index: on SQLite ``rectification/0010_feedback_issues`` rebuilt that table (its new
``issue`` and check constraint), which drops a table's triggers and the indexes that are
not the models'."""

from django.db import migrations

from reports.statistics.version import install_triggers, remove_triggers

ISSUES = ("rectification_feedbackissue", "rectification_feedbackissueproblem")
REBUILT = ("rectification_rectificationitem",)
OPEN = "('pending', 'in_progress', 'returned')"  # rectification.choices.ITEM_STATUSES_OPEN


def install(apps, schema_editor):
    install_triggers(schema_editor.connection.alias, ISSUES + REBUILT)


def remove(apps, schema_editor):
    remove_triggers(schema_editor.connection.alias, ISSUES)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_clue_letter_triggers"),
        ("rectification", "0010_feedback_issues"),
    ]

    operations = [
        migrations.RunPython(install, remove),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS item_open_deadline_idx ON "
            f"rectification_rectificationitem (deadline, id) WHERE status IN {OPEN}",
            migrations.RunSQL.noop,
        ),
    ]
