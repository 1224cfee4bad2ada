"""The town triggers of the assignments, their rounds and teams, feedbacks and look-back
checks record their villages' towns too (reports.statistics.towns.VILLAGE): the figures
that count a village once place an assignment in its village's town. Only the trigger
functions are replaced; going back keeps them (they record more towns, never fewer)."""

from django.db import migrations

from reports.statistics.towns import install_town_triggers

CHANGED = (
    "rounds_assignment",
    "rounds_inspectionround",
    "rounds_team",
    "rectification_feedback",
    "rectification_lookbackcheck",
)


def install(apps, schema_editor):
    install_town_triggers(schema_editor.connection.alias, CHANGED)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0016_statistics_towns"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
