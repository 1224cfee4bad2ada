"""整改方案 and the two reports as reviewed submissions (issue 19).

Existing data: every feedback gets the due date of its 主要负责人组织落实整改情况报告,
``INSPECTION_HEAD_REPORT_DUE_DAYS`` from its feedback date (as the feedback service
does), one UPDATE per feedback date; no row is added or removed. Submission dates stay
as they were (the unit's own); no submission row is made for them (no file was kept).
"""

import datetime

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def fill_head_report_due_on(apps, schema_editor):
    feedback_model = apps.get_model("rectification", "Feedback")
    days = datetime.timedelta(days=settings.INSPECTION_HEAD_REPORT_DUE_DAYS)
    owing = feedback_model.objects.filter(head_report_due_on__isnull=True)
    for fed_back_on in owing.values_list("fed_back_on", flat=True).distinct().order_by():
        owing.filter(fed_back_on=fed_back_on).update(head_report_due_on=fed_back_on + days)


class Migration(migrations.Migration):
    dependencies = [
        ("inspection", "0011_town_reviewer_and_supervisor"),
        ("rectification", "0010_feedback_issues"),
        ("rounds", "0004_interview_recorder"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalUnitSubmission",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("plan", "整改方案"),
                            ("report", "整改报告"),
                            ("head", "主要负责人组织落实整改情况报告"),
                        ],
                        max_length=8,
                        verbose_name="报送事项",
                    ),
                ),
                ("version", models.PositiveSmallIntegerField(verbose_name="版本")),
                ("file", models.TextField(max_length=100, verbose_name="文件")),
                ("original_name", models.CharField(max_length=255, verbose_name="文件名")),
                (
                    "by_proxy",
                    models.BooleanField(
                        default=False,
                        help_text="巡察办代被巡察单位上传；不计为单位自行报送。",
                        verbose_name="代录",
                    ),
                ),
                (
                    "uploaded_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="上传时间"
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="报送说明")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("submitted", "已报送"),
                            ("town_reviewed", "乡镇已初审"),
                            ("approved", "审核通过"),
                            ("returned", "已退回"),
                        ],
                        db_index=True,
                        default="submitted",
                        max_length=16,
                        verbose_name="状态",
                    ),
                ),
                (
                    "town_reviewed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="乡镇初审时间"),
                ),
                ("town_opinion", models.TextField(blank=True, verbose_name="乡镇初审意见")),
                (
                    "reviewed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="巡察办审核时间"),
                ),
                ("return_reason", models.TextField(blank=True, verbose_name="退回理由")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 整改方案和报告",
                "verbose_name_plural": "historical 整改方案和报告",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="UnitSubmission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("plan", "整改方案"),
                            ("report", "整改报告"),
                            ("head", "主要负责人组织落实整改情况报告"),
                        ],
                        max_length=8,
                        verbose_name="报送事项",
                    ),
                ),
                ("version", models.PositiveSmallIntegerField(verbose_name="版本")),
                ("file", models.FileField(upload_to="submissions/%Y/", verbose_name="文件")),
                ("original_name", models.CharField(max_length=255, verbose_name="文件名")),
                (
                    "by_proxy",
                    models.BooleanField(
                        default=False,
                        help_text="巡察办代被巡察单位上传；不计为单位自行报送。",
                        verbose_name="代录",
                    ),
                ),
                (
                    "uploaded_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="上传时间"
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="报送说明")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("submitted", "已报送"),
                            ("town_reviewed", "乡镇已初审"),
                            ("approved", "审核通过"),
                            ("returned", "已退回"),
                        ],
                        db_index=True,
                        default="submitted",
                        max_length=16,
                        verbose_name="状态",
                    ),
                ),
                (
                    "town_reviewed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="乡镇初审时间"),
                ),
                ("town_opinion", models.TextField(blank=True, verbose_name="乡镇初审意见")),
                (
                    "reviewed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="巡察办审核时间"),
                ),
                ("return_reason", models.TextField(blank=True, verbose_name="退回理由")),
            ],
            options={
                "verbose_name": "整改方案和报告",
                "verbose_name_plural": "整改方案和报告",
                "ordering": ["feedback", "kind", "-version"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="feedback",
            name="feedback_due_dates_after_feedback",
        ),
        migrations.AddField(
            model_name="feedback",
            name="head_report_due_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="主要负责人组织落实整改情况报告报送期限"
            ),
        ),
        migrations.AddField(
            model_name="feedback",
            name="head_report_submitted_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="主要负责人组织落实整改情况报告报送日期"
            ),
        ),
        migrations.AddField(
            model_name="historicalfeedback",
            name="head_report_due_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="主要负责人组织落实整改情况报告报送期限"
            ),
        ),
        migrations.AddField(
            model_name="historicalfeedback",
            name="head_report_submitted_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="主要负责人组织落实整改情况报告报送日期"
            ),
        ),
        migrations.AlterField(
            model_name="alert",
            name="document",
            field=models.CharField(
                blank=True,
                choices=[
                    ("plan", "整改方案"),
                    ("report", "整改报告"),
                    ("head", "主要负责人组织落实整改情况报告"),
                ],
                help_text="针对巡察反馈的预警：整改方案、整改报告或主要负责人组织落实整改情况报告。",
                max_length=8,
                verbose_name="报送事项",
            ),
        ),
        migrations.RunPython(fill_head_report_due_on, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="feedback",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("plan_due_on__gte", models.F("fed_back_on")),
                    ("report_due_on__gte", models.F("fed_back_on")),
                    models.Q(
                        ("head_report_due_on__isnull", True),
                        ("head_report_due_on__gte", models.F("fed_back_on")),
                        _connector="OR",
                    ),
                ),
                name="feedback_due_dates_after_feedback",
                violation_error_message="整改方案和报告的期限不能早于反馈日期。",
            ),
        ),
        migrations.AddField(
            model_name="historicalunitsubmission",
            name="feedback",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="rectification.feedback",
                verbose_name="巡察反馈",
            ),
        ),
        migrations.AddField(
            model_name="historicalunitsubmission",
            name="history_api_token",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="inspection.apitoken",
                verbose_name="经由接口令牌",
            ),
        ),
        migrations.AddField(
            model_name="historicalunitsubmission",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalunitsubmission",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="巡察办审核人",
            ),
        ),
        migrations.AddField(
            model_name="historicalunitsubmission",
            name="town_reviewed_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="乡镇初审人",
            ),
        ),
        migrations.AddField(
            model_name="historicalunitsubmission",
            name="uploaded_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="上传人",
            ),
        ),
        migrations.AddField(
            model_name="unitsubmission",
            name="feedback",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="submissions",
                to="rectification.feedback",
                verbose_name="巡察反馈",
            ),
        ),
        migrations.AddField(
            model_name="unitsubmission",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="巡察办审核人",
            ),
        ),
        migrations.AddField(
            model_name="unitsubmission",
            name="town_reviewed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="乡镇初审人",
            ),
        ),
        migrations.AddField(
            model_name="unitsubmission",
            name="uploaded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="上传人",
            ),
        ),
        migrations.AddConstraint(
            model_name="unitsubmission",
            constraint=models.UniqueConstraint(
                fields=("feedback", "kind", "version"),
                name="submission_unique_version",
                violation_error_message="同一事项的版本号不能重复。",
            ),
        ),
        migrations.AddConstraint(
            model_name="unitsubmission",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "returned"), _negated=True),
                fields=("feedback", "kind"),
                name="submission_one_open_version",
                violation_error_message="同一事项只能有一个待审核或已通过的版本。",
            ),
        ),
        migrations.AddConstraint(
            model_name="unitsubmission",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "returned"), _negated=True),
                    models.Q(("return_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="submission_returned_has_reason",
                violation_error_message="退回必须说明理由。",
            ),
        ),
        migrations.AddConstraint(
            model_name="unitsubmission",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "approved"), _negated=True),
                    ("reviewed_by__isnull", False),
                    _connector="OR",
                ),
                name="submission_approved_has_reviewer",
                violation_error_message="审核通过必须有审核人。",
            ),
        ),
        migrations.AddConstraint(
            model_name="unitsubmission",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "town_reviewed"), _negated=True),
                    ("town_reviewed_by__isnull", False),
                    _connector="OR",
                ),
                name="submission_town_reviewed_has_reviewer",
                violation_error_message="乡镇已初审必须有初审人。",
            ),
        ),
    ]
