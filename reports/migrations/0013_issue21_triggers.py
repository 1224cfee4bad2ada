"""The statistics' triggers again on every tracked table where one is missing: on SQLite
the migrations of issue 21 that add a column to a tracked table rebuild it, which drops
its triggers (see 0011 and 0012)."""

import django.utils.timezone
from django.db import migrations, models

from reports.statistics.version import install_triggers

TRACKED = (
    "inspection_term",
    "inspection_town",
    "inspection_village",
    "rounds_inspectionround",
    "rounds_team",
    "rounds_assignment",
    "rounds_interview",
    "rounds_activity",
    "rounds_petition",
    "rounds_inspectionmode",
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


def install(apps, schema_editor):
    install_triggers(schema_editor.connection.alias, TRACKED)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0012_inspection_mode_triggers"),
        # After every migration of issue 21 that rebuilds a tracked table on SQLite.
        ("rectification", "0016_item_lapsed_deadline"),
        ("rectification", "0018_archive"),
        ("findings", "0015_clue_person_outcomes"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="exportjob",
            name="as_of",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="各项指标截至该日：过去的日期按当日的状态和整改时限计算；重新生成时数字不变。",
                verbose_name="统计日期",
            ),
        ),
    ]
