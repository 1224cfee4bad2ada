"""The statistics' triggers on the tables of 交办事项 and 专题报告 / 巡察建议书 (their figures
read them), and again on the clues' table: on SQLite ``findings/0014_department_matters``
rebuilt it (its new check constraint), which drops a table's triggers."""

from django.db import migrations

from reports.statistics.version import install_triggers, remove_triggers

MATTERS = ("findings_departmentmatter", "findings_thematicreport")
REBUILT = ("findings_clue",)


def install(apps, schema_editor):
    install_triggers(schema_editor.connection.alias, MATTERS + REBUILT)


def remove(apps, schema_editor):
    remove_triggers(schema_editor.connection.alias, MATTERS)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0009_feedback_issue_triggers"),
        ("findings", "0014_department_matters"),
    ]

    operations = [migrations.RunPython(install, remove)]
