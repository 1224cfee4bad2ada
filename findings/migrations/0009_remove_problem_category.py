"""The category gives way to the class (0008 filed every problem under one); a problem
past draft must have its class. The category first gets a default, so that unapplying
this migration can add the column back to rows that exist (0008's reverse fills it)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("findings", "0008_taxonomy_catalogue")]

    operations = [
        *(
            migrations.AlterField(
                model_name=model,
                name="category",
                field=models.CharField(default="other", max_length=24, verbose_name="问题类别"),
            )
            for model in ("problem", "historicalproblem")
        ),
        migrations.RemoveIndex(
            model_name="problem",
            name="problem_status_category_idx",
        ),
        migrations.RemoveField(
            model_name="historicalproblem",
            name="category",
        ),
        migrations.RemoveField(
            model_name="problem",
            name="category",
        ),
        migrations.AddConstraint(
            model_name="problem",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "draft"), ("problem_class__isnull", False), _connector="OR"
                ),
                name="problem_confirmed_has_class",
                violation_error_message="已核实的问题必须选定问题类别。",
            ),
        ),
    ]
