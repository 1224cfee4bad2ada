"""The statistics' triggers on the tables of 问责, 第一种形态 and 回头看 (issue 19: their
figures read them); and again on every table tracked before, where one is missing: on
SQLite a migration that rebuilds a table drops its triggers, and rectification 0009
rebuilds ``rectification_feedback`` — after reports 0004 when a database went back past
0009 and forward again (the migration tests' journey does), or was upgraded from there.
``install_triggers`` creates only the missing ones."""

from django.db import migrations

from reports.statistics.version import install_triggers, remove_triggers

FOLLOW_UP = (
    "rectification_accountabilityproposal",
    "rectification_accountabilitydecision",
    "rectification_firstformmeasure",
    "rectification_lookbackcheck",
)

TRACKED_BEFORE = (
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
    "findings_cluesubject",
    "findings_problemfocus",
    "findings_problemaspect",
    "findings_problemclass",
    "rectification_feedback",
    "rectification_rectificationitem",
    "rectification_immediateorder",
    "findings_departmentmatter",
    "findings_thematicreport",
    "rectification_feedbackissue",
    "rectification_feedbackissueproblem",
)


def install(apps, schema_editor):
    install_triggers(schema_editor.connection.alias, TRACKED_BEFORE + FOLLOW_UP)


def remove(apps, schema_editor):
    remove_triggers(schema_editor.connection.alias, FOLLOW_UP)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0010_matter_triggers"),
        ("rectification", "0015_publicity_and_look_back"),
    ]

    operations = [migrations.RunPython(install, remove)]
