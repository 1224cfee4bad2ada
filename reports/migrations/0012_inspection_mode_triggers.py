"""The statistics' triggers on the county's modes (issue 20: a mode's coverage setting
changes the coverage figure), and again on every table tracked before where one is
missing: on SQLite rounds 0006/0007 rebuild ``rounds_assignment`` and 0010
``rounds_petition``, which drops their triggers (see 0011)."""

from django.db import migrations

from reports.statistics.version import install_triggers, remove_triggers

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
    "rectification_accountabilityproposal",
    "rectification_accountabilitydecision",
    "rectification_firstformmeasure",
    "rectification_lookbackcheck",
)
MODES = ("rounds_inspectionmode",)


def install(apps, schema_editor):
    install_triggers(schema_editor.connection.alias, TRACKED_BEFORE + MODES)


def remove(apps, schema_editor):
    remove_triggers(schema_editor.connection.alias, MODES)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0011_follow_up_triggers"),
        # After every migration of issue 20 that rebuilds a tracked table on SQLite.
        ("rounds", "0011_data_requests_and_briefs"),
        ("inspection", "0013_village_profile_and_relatives"),
    ]

    operations = [migrations.RunPython(install, remove)]
