"""交办事项 and 专题报告 / 巡察建议书 (findings.models.matters); a clue no longer goes to a
department.

Existing clues transferred to a department (receiving_body "department") become matters
with their dates: transferred_on → handed_on, result_due_on → reply_due_on, a concluded
clue → replied (concluded_on, its outcome note). They are then removed from the clues,
with their persons concerned (a matter names none), their evidence rows (the files stay
in storage; their names are kept at the end of the matter's text) and their late-result
alerts. The statistics' clue figures no longer count them.

Backwards, each matter becomes a department clue again (transferred, or concluded with
予以了结 / 了结 when replied): its dates, text, problems and letter come back, the persons
concerned and evidence rows do not.
"""

import datetime

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

DEPARTMENT = "department"
TRANSFERRED = ("transferred", "received", "disposing", "concluded")
OUTCOMES = {"case_filed": "立案", "organisational": "组织处理", "no_issue": "了结"}
REPLY_DAYS = 30  # INSPECTION_MATTER_REPLY_DAYS's default, for a clue without its due date


def _matter_of(clue, evidence_names: list[str]) -> dict:
    handed_on = clue.transferred_on or clue.proposed_at.date()
    due = clue.result_due_on or handed_on + datetime.timedelta(days=REPLY_DAYS)
    summary = clue.summary
    if evidence_names:
        summary += "\n原线索佐证材料：" + "、".join(evidence_names)
    fields = {
        "round_id": clue.round_id,
        "assignment_id": clue.assignment_id,
        "department": clue.receiving_unit or "职能部门",
        "letter_number": clue.letter_number,
        "summary": summary,
        "handed_on": handed_on,
        "reply_due_on": max(due, handed_on),
        "created_by_id": clue.approved_by_id or clue.proposed_by_id,
        "created_at": clue.proposed_at,
    }
    if clue.status == "concluded":
        fields.update(
            status="replied",
            replied_on=max(clue.concluded_on, handed_on),
            reply=clue.outcome_note or OUTCOMES.get(clue.outcome, "办结"),
            replied_by_id=clue.received_by_id,
        )
    return fields


def department_clues_to_matters(apps, schema_editor):
    Clue = apps.get_model("findings", "Clue")
    DepartmentMatter = apps.get_model("findings", "DepartmentMatter")
    clues = Clue.objects.filter(receiving_body=DEPARTMENT).order_by("pk")
    for clue in clues:
        names = [e.original_name or e.file.name for e in clue.evidence.order_by("pk")]
        matter = DepartmentMatter.objects.create(**_matter_of(clue, names))
        matter.problems.set(clue.problems.all())
    clues.delete()
    # The letters 0013 made for them went to the department only (a letter has one body).
    apps.get_model("findings", "TransferLetter").objects.filter(body=DEPARTMENT).delete()
    _checks_now(schema_editor)


def _checks_now(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The deletions left deferred foreign-key checks pending on findings_clue, and
        # PostgreSQL alters no table with pending trigger events: run them now.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def matters_to_department_clues(apps, schema_editor):
    Clue = apps.get_model("findings", "Clue")
    DepartmentMatter = apps.get_model("findings", "DepartmentMatter")
    for matter in DepartmentMatter.objects.order_by("pk"):
        replied = matter.status == "replied"
        clue = Clue.objects.create(
            round_id=matter.round_id,
            assignment_id=matter.assignment_id,
            summary=matter.summary,
            status="concluded" if replied else "transferred",
            proposed_by_id=matter.created_by_id,
            approved_by_id=matter.created_by_id,
            approved_at=matter.created_at,
            receiving_body=DEPARTMENT,
            receiving_unit=matter.department,
            letter_number=matter.letter_number or "—",
            transferred_on=matter.handed_on,
            result_due_on=matter.reply_due_on,
            received_by_id=matter.replied_by_id if replied else None,
            disposition_method="closed" if replied else "",
            disposed_on=matter.replied_on,
            concluded_on=matter.replied_on,
            outcome="no_issue" if replied else "",
            outcome_note=matter.reply,
        )
        Clue.objects.filter(pk=clue.pk).update(proposed_at=matter.created_at)
        clue.problems.set(matter.problems.all())
    _checks_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("findings", "0013_clue_transfer_letters"),
        # The clues' alerts (rectification.Alert) are in the state, so a clue removed
        # here takes its late-result alerts with it.
        ("rectification", "0008_onsite_orders"),
        ("inspection", "0010_documents"),
        ("rounds", "0004_interview_recorder"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DepartmentMatter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("department", models.CharField(max_length=100, verbose_name="承办部门")),
                (
                    "letter_number",
                    models.CharField(blank=True, max_length=50, verbose_name="交办函号"),
                ),
                ("summary", models.TextField(verbose_name="交办事项")),
                ("handed_on", models.DateField(verbose_name="交办日期")),
                ("reply_due_on", models.DateField(db_index=True, verbose_name="回复期限")),
                (
                    "status",
                    models.CharField(
                        choices=[("handed_on", "已交办"), ("replied", "已回复")],
                        db_index=True,
                        default="handed_on",
                        max_length=12,
                        verbose_name="状态",
                    ),
                ),
                ("replied_on", models.DateField(blank=True, null=True, verbose_name="回复日期")),
                ("reply", models.TextField(blank=True, verbose_name="回复情况")),
                (
                    "reply_file",
                    models.FileField(
                        blank=True, upload_to="matters/replies/%Y/", verbose_name="回复材料"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="录入时间"
                    ),
                ),
            ],
            options={
                "verbose_name": "交办事项",
                "verbose_name_plural": "交办事项",
                "ordering": ["-handed_on", "-id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalDepartmentMatter",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("department", models.CharField(max_length=100, verbose_name="承办部门")),
                (
                    "letter_number",
                    models.CharField(blank=True, max_length=50, verbose_name="交办函号"),
                ),
                ("summary", models.TextField(verbose_name="交办事项")),
                ("handed_on", models.DateField(verbose_name="交办日期")),
                ("reply_due_on", models.DateField(db_index=True, verbose_name="回复期限")),
                (
                    "status",
                    models.CharField(
                        choices=[("handed_on", "已交办"), ("replied", "已回复")],
                        db_index=True,
                        default="handed_on",
                        max_length=12,
                        verbose_name="状态",
                    ),
                ),
                ("replied_on", models.DateField(blank=True, null=True, verbose_name="回复日期")),
                ("reply", models.TextField(blank=True, verbose_name="回复情况")),
                (
                    "reply_file",
                    models.TextField(blank=True, max_length=100, verbose_name="回复材料"),
                ),
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
                "verbose_name": "historical 交办事项",
                "verbose_name_plural": "historical 交办事项",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalThematicReport",
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
                        choices=[("thematic_report", "专题报告"), ("recommendation", "巡察建议书")],
                        max_length=16,
                        verbose_name="类别",
                    ),
                ),
                ("title", models.CharField(max_length=100, verbose_name="标题")),
                (
                    "addressee",
                    models.CharField(
                        blank=True,
                        help_text="巡察建议书送达的职能部门。",
                        max_length=100,
                        verbose_name="主送单位",
                    ),
                ),
                ("body", models.TextField(blank=True, verbose_name="主要内容")),
                ("issued_on", models.DateField(verbose_name="印发日期")),
                ("reply_due_on", models.DateField(blank=True, null=True, verbose_name="回复期限")),
                ("replied_on", models.DateField(blank=True, null=True, verbose_name="回复日期")),
                ("reply", models.TextField(blank=True, verbose_name="回复情况")),
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
                "verbose_name": "historical 专题报告和巡察建议书",
                "verbose_name_plural": "historical 专题报告和巡察建议书",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ThematicReport",
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
                        choices=[("thematic_report", "专题报告"), ("recommendation", "巡察建议书")],
                        max_length=16,
                        verbose_name="类别",
                    ),
                ),
                ("title", models.CharField(max_length=100, verbose_name="标题")),
                (
                    "addressee",
                    models.CharField(
                        blank=True,
                        help_text="巡察建议书送达的职能部门。",
                        max_length=100,
                        verbose_name="主送单位",
                    ),
                ),
                ("body", models.TextField(blank=True, verbose_name="主要内容")),
                ("issued_on", models.DateField(verbose_name="印发日期")),
                ("reply_due_on", models.DateField(blank=True, null=True, verbose_name="回复期限")),
                ("replied_on", models.DateField(blank=True, null=True, verbose_name="回复日期")),
                ("reply", models.TextField(blank=True, verbose_name="回复情况")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="录入时间"
                    ),
                ),
            ],
            options={
                "verbose_name": "专题报告和巡察建议书",
                "verbose_name_plural": "专题报告和巡察建议书",
                "ordering": ["-issued_on", "-id"],
            },
        ),
        migrations.AddField(
            model_name="departmentmatter",
            name="assignment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="department_matters",
                to="rounds.assignment",
                verbose_name="巡察对象",
            ),
        ),
        migrations.AddField(
            model_name="departmentmatter",
            name="created_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="登记人",
            ),
        ),
        migrations.AddField(
            model_name="departmentmatter",
            name="problems",
            field=models.ManyToManyField(
                blank=True,
                related_name="department_matters",
                to="findings.problem",
                verbose_name="相关问题",
            ),
        ),
        migrations.AddField(
            model_name="departmentmatter",
            name="replied_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="回复登记人",
            ),
        ),
        migrations.AddField(
            model_name="departmentmatter",
            name="round",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="department_matters",
                to="rounds.inspectionround",
                verbose_name="巡察轮次",
            ),
        ),
        migrations.AddField(
            model_name="historicaldepartmentmatter",
            name="assignment",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="rounds.assignment",
                verbose_name="巡察对象",
            ),
        ),
        migrations.AddField(
            model_name="historicaldepartmentmatter",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="登记人",
            ),
        ),
        migrations.AddField(
            model_name="historicaldepartmentmatter",
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
            model_name="historicaldepartmentmatter",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicaldepartmentmatter",
            name="replied_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="回复登记人",
            ),
        ),
        migrations.AddField(
            model_name="historicaldepartmentmatter",
            name="round",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="rounds.inspectionround",
                verbose_name="巡察轮次",
            ),
        ),
        migrations.AddField(
            model_name="historicalthematicreport",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="登记人",
            ),
        ),
        migrations.AddField(
            model_name="historicalthematicreport",
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
            model_name="historicalthematicreport",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalthematicreport",
            name="round",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="rounds.inspectionround",
                verbose_name="巡察轮次",
            ),
        ),
        migrations.AddField(
            model_name="thematicreport",
            name="created_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="登记人",
            ),
        ),
        migrations.AddField(
            model_name="thematicreport",
            name="problems",
            field=models.ManyToManyField(
                blank=True,
                related_name="thematic_reports",
                to="findings.problem",
                verbose_name="涉及的共性问题",
            ),
        ),
        migrations.AddField(
            model_name="thematicreport",
            name="round",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="thematic_reports",
                to="rounds.inspectionround",
                verbose_name="巡察轮次",
            ),
        ),
        migrations.AddIndex(
            model_name="departmentmatter",
            index=models.Index(fields=["round", "status"], name="matter_round_status_idx"),
        ),
        migrations.AddConstraint(
            model_name="departmentmatter",
            constraint=models.CheckConstraint(
                condition=models.Q(("reply_due_on__gte", models.F("handed_on"))),
                name="matter_reply_due_after_handed_on",
                violation_error_message="回复期限不能早于交办日期。",
            ),
        ),
        migrations.AddConstraint(
            model_name="departmentmatter",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "replied"), _negated=True),
                    models.Q(("replied_on__isnull", False), models.Q(("reply", ""), _negated=True)),
                    _connector="OR",
                ),
                name="matter_replied_has_reply",
                violation_error_message="已回复的交办事项必须有回复日期和回复情况。",
            ),
        ),
        migrations.AddConstraint(
            model_name="thematicreport",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "recommendation"), _negated=True),
                    models.Q(
                        models.Q(("addressee", ""), _negated=True), ("reply_due_on__isnull", False)
                    ),
                    _connector="OR",
                ),
                name="recommendation_has_addressee_and_due",
                violation_error_message="巡察建议书必须有主送单位和回复期限。",
            ),
        ),
        migrations.AddConstraint(
            model_name="thematicreport",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("kind", "recommendation"),
                    models.Q(("reply_due_on__isnull", True), ("replied_on__isnull", True)),
                    _connector="OR",
                ),
                name="thematic_report_owes_no_reply",
                violation_error_message="专题报告没有回复期限。",
            ),
        ),
        migrations.RunPython(department_clues_to_matters, matters_to_department_clues),
        migrations.AddConstraint(
            model_name="clue",
            constraint=models.CheckConstraint(
                condition=models.Q(("receiving_body", "department"), _negated=True),
                name="clue_not_to_department",
                violation_error_message="问题线索只移交纪委监委或组织部；职能部门的事项请登记为交办事项。",
            ),
        ),
    ]
