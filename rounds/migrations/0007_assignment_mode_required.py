"""Every assignment has its mode (0006 gave each the mode of its round's kind). Apart from
0006: on PostgreSQL a table whose foreign keys were just written in the same transaction
cannot be altered (pending trigger events)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0006_inspection_modes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="assignment",
            name="mode",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="assignments",
                to="rounds.inspectionmode",
                verbose_name="巡察方式",
            ),
        ),
    ]
