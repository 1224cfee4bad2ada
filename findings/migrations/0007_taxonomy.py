"""The taxonomy (四个聚焦 → 方面 → 类) and a problem's class and nature, beside the old
category: 0008 seeds the catalogue and files every problem under the class of its
category, 0009 then drops the category."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("findings", "0006_submission_token"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProblemAspect",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="方面")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="排序")),
                ("is_active", models.BooleanField(default=True, verbose_name="启用")),
            ],
            options={
                "verbose_name": "问题方面",
                "verbose_name_plural": "问题方面",
                "ordering": ["focus__order", "order", "id"],
            },
        ),
        migrations.CreateModel(
            name="ProblemClass",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.SlugField(blank=True, max_length=32, verbose_name="代码")),
                ("name", models.CharField(max_length=100, verbose_name="类")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="排序")),
                ("is_active", models.BooleanField(default=True, verbose_name="启用")),
            ],
            options={
                "verbose_name": "问题类别",
                "verbose_name_plural": "问题类别",
                "ordering": ["aspect__focus__order", "aspect__order", "order", "id"],
            },
        ),
        migrations.CreateModel(
            name="ProblemFocus",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.SlugField(max_length=32, unique=True, verbose_name="代码")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="聚焦")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="排序")),
                ("is_active", models.BooleanField(default=True, verbose_name="启用")),
            ],
            options={
                "verbose_name": "四个聚焦",
                "verbose_name_plural": "四个聚焦",
                "ordering": ["order", "id"],
            },
        ),
        migrations.AddField(
            model_name="historicalproblem",
            name="nature",
            field=models.CharField(
                blank=True,
                choices=[
                    ("general", "一般问题"),
                    ("violation", "违规"),
                    ("suspected_offence", "涉嫌违纪违法"),
                ],
                db_index=True,
                max_length=20,
                verbose_name="问题性质",
            ),
        ),
        migrations.AddField(
            model_name="problem",
            name="nature",
            field=models.CharField(
                blank=True,
                choices=[
                    ("general", "一般问题"),
                    ("violation", "违规"),
                    ("suspected_offence", "涉嫌违纪违法"),
                ],
                db_index=True,
                max_length=20,
                verbose_name="问题性质",
            ),
        ),
        migrations.AddField(
            model_name="problemclass",
            name="aspect",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="classes",
                to="findings.problemaspect",
                verbose_name="方面",
            ),
        ),
        migrations.AddField(
            model_name="historicalproblem",
            name="problem_class",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="四个聚焦 → 方面 → 类的第三级；草稿可暂缺，核实前必须选定。",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="findings.problemclass",
                verbose_name="问题类别",
            ),
        ),
        migrations.AddField(
            model_name="problem",
            name="problem_class",
            field=models.ForeignKey(
                blank=True,
                help_text="四个聚焦 → 方面 → 类的第三级；草稿可暂缺，核实前必须选定。",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="problems",
                to="findings.problemclass",
                verbose_name="问题类别",
            ),
        ),
        migrations.AddField(
            model_name="problemaspect",
            name="focus",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="aspects",
                to="findings.problemfocus",
                verbose_name="聚焦",
            ),
        ),
        migrations.AddConstraint(
            model_name="problemclass",
            constraint=models.UniqueConstraint(
                fields=("aspect", "name"), name="problem_class_unique_name"
            ),
        ),
        migrations.AddConstraint(
            model_name="problemclass",
            constraint=models.UniqueConstraint(
                condition=models.Q(("code", ""), _negated=True),
                fields=("code",),
                name="problem_class_unique_code",
            ),
        ),
        migrations.AddConstraint(
            model_name="problemaspect",
            constraint=models.UniqueConstraint(
                fields=("focus", "name"), name="problem_aspect_unique_name"
            ),
        ),
    ]
