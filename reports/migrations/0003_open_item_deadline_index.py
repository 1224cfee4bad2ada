"""The dashboard's attention list (the 20 open ledger items nearest their deadline, of any
unit) read from a partial index in deadline order: 0.4 ms instead of 35 ms on a province
ledger, where the plain deadline index walks past the closed items in parallel workers.

It indexes rectification's table from reports, the app whose query needs it; plain SQL
that PostgreSQL and SQLite both understand (partial indexes)."""

from django.db import migrations

OPEN = "('pending', 'in_progress', 'returned')"  # rectification.choices.ITEM_STATUSES_OPEN


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_statistics_version"),
        ("rectification", "0003_alert_feedback_and_scan"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS item_open_deadline_idx ON "
            f"rectification_rectificationitem (deadline, id) WHERE status IN {OPEN}",
            "DROP INDEX IF EXISTS item_open_deadline_idx",
        ),
    ]
