"""问责 as 提请 → 决定, 第一种形态 apart, and the 评估表 of 四个一批 (issue 19).

Existing data: every ``Accountability`` row (the office's own record of 问责) becomes,
in the order of its pk:

- 约谈 (``talk``): a ``FirstFormMeasure`` 约谈 of the same person, post, item and
  assignment; its reason, date (``decided_on`` → ``conducted_on``) and recorder kept; no
  body (the office's).
- 通报批评, 诫勉, 党纪政务处分: an ``AccountabilityProposal`` of the person (target 领导干部,
  facts = the reason, suggested form = the decided one, deciding body 纪委监委, proposed
  on = decided on, proposed by = the recorder, the item linked, status 已决定问责) and its
  ``AccountabilityDecision`` (form 通报 / 诫勉 / 纪律处分, decided on the same day,
  recorded by the recorder, no document, no signer, ``migrated`` true: the one case the
  database lets a decision be without the body's document or signature).

Each new record gets one history row dated as the old record's first history row (else
its date), by its user, reason "迁移自原问责登记". The old table and its history are then
dropped. Backwards: the new records become ``Accountability`` rows again (first-form and
decided person proposals; organisations and undecided proposals have no old form and
are refused).
"""

import datetime

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MIGRATED_REASON = "迁移自原问责登记"
PERSON_FORM_OF_MEASURE = {
    "circulated_criticism": "circulated",
    "admonishment": "admonishment",
    "disciplinary": "disciplinary",
}
MEASURE_OF_FORM = {form: measure for measure, form in PERSON_FORM_OF_MEASURE.items()}


def _history(apps, model_name, obj, fields, when, user_id):
    historical = apps.get_model("rectification", f"Historical{model_name}")
    values = {name: getattr(obj, name) for name in fields}
    historical.objects.create(
        **values,
        history_date=when,
        history_type="+",
        history_user_id=user_id,
        history_change_reason=MIGRATED_REASON,
    )


def old_records_to_proposals(apps, schema_editor):
    old_model = apps.get_model("rectification", "Accountability")
    old_history = apps.get_model("rectification", "HistoricalAccountability")
    proposal_model = apps.get_model("rectification", "AccountabilityProposal")
    decision_model = apps.get_model("rectification", "AccountabilityDecision")
    first_form_model = apps.get_model("rectification", "FirstFormMeasure")
    first_rows = {}
    for row in old_history.objects.order_by("history_date", "history_id"):
        first_rows.setdefault(row.id, row)
    for old in old_model.objects.order_by("pk").iterator(chunk_size=500):
        created = first_rows.get(old.pk)
        when = (
            created.history_date
            if created
            else datetime.datetime.combine(old.decided_on, datetime.time(12), tzinfo=datetime.UTC)
        )
        user_id = created.history_user_id if created else old.recorded_by_id
        if old.measure == "talk":
            measure = first_form_model.objects.create(
                assignment_id=old.assignment_id,
                item_id=old.item_id,
                kind="talk",
                person_name=old.person_name,
                person_post=old.person_post,
                reason=old.reason,
                conducted_on=old.decided_on,
                body="",
                recorded_by_id=old.recorded_by_id,
            )
            fields = (
                "id",
                "assignment_id",
                "item_id",
                "kind",
                "person_name",
                "person_post",
                "reason",
                "conducted_on",
                "body",
                "recorded_by_id",
            )
            _history(apps, "FirstFormMeasure", measure, fields, when, user_id)
            continue
        form = PERSON_FORM_OF_MEASURE[old.measure]
        proposal = proposal_model.objects.create(
            assignment_id=old.assignment_id,
            target_kind="person",
            person_name=old.person_name,
            person_post=old.person_post,
            organisation_name="",
            facts=old.reason,
            suggested_form=form,
            deciding_body="commission",
            proposed_on=old.decided_on,
            status="decided",
            proposed_by_id=old.recorded_by_id,
        )
        if old.item_id is not None:
            proposal.items.add(old.item_id)
        fields = (
            "id",
            "assignment_id",
            "target_kind",
            "person_name",
            "person_post",
            "organisation_name",
            "facts",
            "suggested_form",
            "deciding_body",
            "proposed_on",
            "status",
            "proposed_by_id",
        )
        _history(apps, "AccountabilityProposal", proposal, fields, when, user_id)
        decision = decision_model.objects.create(
            proposal=proposal,
            target_kind="person",
            pursued=True,
            form=form,
            decided_on=old.decided_on,
            document_number="",
            document="",
            note="",
            recorded_by_id=old.recorded_by_id,
            signed_by_id=None,
            migrated=True,
        )
        fields = (
            "id",
            "proposal_id",
            "target_kind",
            "pursued",
            "form",
            "decided_on",
            "document_number",
            "document",
            "note",
            "recorded_by_id",
            "signed_by_id",
            "migrated",
        )
        _history(apps, "AccountabilityDecision", decision, fields, when, user_id)


def proposals_to_old_records(apps, schema_editor):
    old_model = apps.get_model("rectification", "Accountability")
    decision_model = apps.get_model("rectification", "AccountabilityDecision")
    proposal_model = apps.get_model("rectification", "AccountabilityProposal")
    first_form_model = apps.get_model("rectification", "FirstFormMeasure")
    if proposal_model.objects.exclude(
        decision__pursued=True, target_kind="person", decision__isnull=False
    ).exists():
        raise RuntimeError("提请问责（党组织、未决定或不予问责）无法回退为原问责登记。")
    for measure in first_form_model.objects.order_by("pk"):
        old_model.objects.create(
            assignment_id=measure.assignment_id,
            item_id=measure.item_id,
            person_name=measure.person_name,
            person_post=measure.person_post,
            measure="talk",
            reason=measure.reason,
            decided_on=measure.conducted_on,
            recorded_by_id=measure.recorded_by_id,
        )
    for decision in decision_model.objects.select_related("proposal").order_by("pk"):
        proposal = decision.proposal
        old_model.objects.create(
            assignment_id=proposal.assignment_id,
            item_id=proposal.items.order_by("pk").values_list("pk", flat=True).first(),
            person_name=proposal.person_name,
            person_post=proposal.person_post,
            measure=MEASURE_OF_FORM[decision.form],
            reason=proposal.facts,
            decided_on=decision.decided_on,
            recorded_by_id=decision.recorded_by_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("inspection", "0011_town_reviewer_and_supervisor"),
        ("rectification", "0013_supervision"),
        ("rounds", "0004_interview_recorder"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="evaluation",
            name="figures",
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name="评估表"),
        ),
        migrations.AddField(
            model_name="historicalevaluation",
            name="figures",
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name="评估表"),
        ),
        migrations.CreateModel(
            name="AccountabilityProposal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "target_kind",
                    models.CharField(
                        choices=[("person", "领导干部"), ("organisation", "党组织")],
                        max_length=16,
                        verbose_name="问责对象类别",
                    ),
                ),
                (
                    "person_name",
                    models.CharField(blank=True, max_length=50, verbose_name="被问责人"),
                ),
                ("person_post", models.CharField(blank=True, max_length=100, verbose_name="职务")),
                (
                    "organisation_name",
                    models.CharField(blank=True, max_length=100, verbose_name="被问责党组织"),
                ),
                ("facts", models.TextField(verbose_name="问责事实")),
                (
                    "suggested_form",
                    models.CharField(
                        choices=[
                            ("org_inspection", "责令检查（党组织）"),
                            ("org_circulated", "通报（党组织）"),
                            ("org_reorganised", "改组（党组织）"),
                            ("circulated", "通报"),
                            ("admonishment", "诫勉"),
                            ("organisational", "组织调整或组织处理"),
                            ("disciplinary", "纪律处分"),
                        ],
                        max_length=24,
                        verbose_name="建议问责方式",
                    ),
                ),
                (
                    "deciding_body",
                    models.CharField(
                        choices=[
                            ("commission", "纪委监委"),
                            ("organisation", "组织部"),
                            ("county_committee", "县委"),
                            ("town_committee", "乡镇党委"),
                        ],
                        max_length=24,
                        verbose_name="问责决定机关",
                    ),
                ),
                (
                    "proposed_on",
                    models.DateField(
                        default=django.utils.timezone.localdate, verbose_name="提请日期"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "已提请"),
                            ("decided", "已决定问责"),
                            ("not_pursued", "不予问责"),
                        ],
                        default="proposed",
                        max_length=16,
                        verbose_name="状态",
                    ),
                ),
                (
                    "assignment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="accountability_proposals",
                        to="rounds.assignment",
                        verbose_name="巡察对象",
                    ),
                ),
                (
                    "items",
                    models.ManyToManyField(
                        blank=True,
                        related_name="accountability_proposals",
                        to="rectification.rectificationitem",
                        verbose_name="涉及整改台账条目",
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="提请人",
                    ),
                ),
            ],
            options={
                "verbose_name": "提请问责",
                "verbose_name_plural": "提请问责",
                "ordering": ["-proposed_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="AccountabilityDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "target_kind",
                    models.CharField(
                        choices=[("person", "领导干部"), ("organisation", "党组织")],
                        max_length=16,
                        verbose_name="问责对象类别",
                    ),
                ),
                ("pursued", models.BooleanField(default=True, verbose_name="决定问责")),
                (
                    "form",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("org_inspection", "责令检查（党组织）"),
                            ("org_circulated", "通报（党组织）"),
                            ("org_reorganised", "改组（党组织）"),
                            ("circulated", "通报"),
                            ("admonishment", "诫勉"),
                            ("organisational", "组织调整或组织处理"),
                            ("disciplinary", "纪律处分"),
                        ],
                        max_length=24,
                        verbose_name="问责方式",
                    ),
                ),
                ("decided_on", models.DateField(verbose_name="决定日期")),
                (
                    "document_number",
                    models.CharField(blank=True, max_length=50, verbose_name="决定文号"),
                ),
                (
                    "document",
                    models.FileField(
                        blank=True,
                        upload_to="accountability/decisions/%Y/",
                        verbose_name="问责决定文书",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="决定说明")),
                (
                    "migrated",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="原由巡察办直接登记的问责，迁移时无决定文书。",
                        verbose_name="由原问责登记迁移",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="登记人",
                    ),
                ),
                (
                    "signed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="决定机关签批人",
                    ),
                ),
                (
                    "proposal",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decision",
                        to="rectification.accountabilityproposal",
                        verbose_name="提请问责",
                    ),
                ),
            ],
            options={
                "verbose_name": "问责决定",
                "verbose_name_plural": "问责决定",
                "ordering": ["-decided_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="FirstFormMeasure",
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
                        choices=[("talk", "约谈"), ("criticism", "批评教育")],
                        max_length=16,
                        verbose_name="方式",
                    ),
                ),
                ("person_name", models.CharField(max_length=50, verbose_name="对象")),
                ("person_post", models.CharField(blank=True, max_length=100, verbose_name="职务")),
                ("reason", models.TextField(verbose_name="事由")),
                ("conducted_on", models.DateField(verbose_name="日期")),
                (
                    "body",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("commission", "纪委监委"),
                            ("organisation", "组织部"),
                            ("county_committee", "县委"),
                            ("town_committee", "乡镇党委"),
                        ],
                        help_text="监督账号登记时为其所属机关；空为巡察办。",
                        max_length=24,
                        verbose_name="实施机关",
                    ),
                ),
                (
                    "assignment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="first_form_measures",
                        to="rounds.assignment",
                        verbose_name="巡察对象",
                    ),
                ),
                (
                    "item",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="first_form_measures",
                        to="rectification.rectificationitem",
                        verbose_name="整改台账条目",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="登记人",
                    ),
                ),
            ],
            options={
                "verbose_name": "第一种形态",
                "verbose_name_plural": "第一种形态（约谈、批评教育）",
                "ordering": ["-conducted_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalAccountabilityDecision",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "target_kind",
                    models.CharField(
                        choices=[("person", "领导干部"), ("organisation", "党组织")],
                        max_length=16,
                        verbose_name="问责对象类别",
                    ),
                ),
                ("pursued", models.BooleanField(default=True, verbose_name="决定问责")),
                (
                    "form",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("org_inspection", "责令检查（党组织）"),
                            ("org_circulated", "通报（党组织）"),
                            ("org_reorganised", "改组（党组织）"),
                            ("circulated", "通报"),
                            ("admonishment", "诫勉"),
                            ("organisational", "组织调整或组织处理"),
                            ("disciplinary", "纪律处分"),
                        ],
                        max_length=24,
                        verbose_name="问责方式",
                    ),
                ),
                ("decided_on", models.DateField(verbose_name="决定日期")),
                (
                    "document_number",
                    models.CharField(blank=True, max_length=50, verbose_name="决定文号"),
                ),
                (
                    "document",
                    models.TextField(blank=True, max_length=100, verbose_name="问责决定文书"),
                ),
                ("note", models.TextField(blank=True, verbose_name="决定说明")),
                (
                    "migrated",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="原由巡察办直接登记的问责，迁移时无决定文书。",
                        verbose_name="由原问责登记迁移",
                    ),
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
                (
                    "history_api_token",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="inspection.apitoken",
                        verbose_name="经由接口令牌",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "proposal",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="rectification.accountabilityproposal",
                        verbose_name="提请问责",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="登记人",
                    ),
                ),
                (
                    "signed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="决定机关签批人",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 问责决定",
                "verbose_name_plural": "historical 问责决定",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAccountabilityProposal",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "target_kind",
                    models.CharField(
                        choices=[("person", "领导干部"), ("organisation", "党组织")],
                        max_length=16,
                        verbose_name="问责对象类别",
                    ),
                ),
                (
                    "person_name",
                    models.CharField(blank=True, max_length=50, verbose_name="被问责人"),
                ),
                ("person_post", models.CharField(blank=True, max_length=100, verbose_name="职务")),
                (
                    "organisation_name",
                    models.CharField(blank=True, max_length=100, verbose_name="被问责党组织"),
                ),
                ("facts", models.TextField(verbose_name="问责事实")),
                (
                    "suggested_form",
                    models.CharField(
                        choices=[
                            ("org_inspection", "责令检查（党组织）"),
                            ("org_circulated", "通报（党组织）"),
                            ("org_reorganised", "改组（党组织）"),
                            ("circulated", "通报"),
                            ("admonishment", "诫勉"),
                            ("organisational", "组织调整或组织处理"),
                            ("disciplinary", "纪律处分"),
                        ],
                        max_length=24,
                        verbose_name="建议问责方式",
                    ),
                ),
                (
                    "deciding_body",
                    models.CharField(
                        choices=[
                            ("commission", "纪委监委"),
                            ("organisation", "组织部"),
                            ("county_committee", "县委"),
                            ("town_committee", "乡镇党委"),
                        ],
                        max_length=24,
                        verbose_name="问责决定机关",
                    ),
                ),
                (
                    "proposed_on",
                    models.DateField(
                        default=django.utils.timezone.localdate, verbose_name="提请日期"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "已提请"),
                            ("decided", "已决定问责"),
                            ("not_pursued", "不予问责"),
                        ],
                        default="proposed",
                        max_length=16,
                        verbose_name="状态",
                    ),
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
                (
                    "assignment",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="rounds.assignment",
                        verbose_name="巡察对象",
                    ),
                ),
                (
                    "history_api_token",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="inspection.apitoken",
                        verbose_name="经由接口令牌",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="提请人",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 提请问责",
                "verbose_name_plural": "historical 提请问责",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalFirstFormMeasure",
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
                        choices=[("talk", "约谈"), ("criticism", "批评教育")],
                        max_length=16,
                        verbose_name="方式",
                    ),
                ),
                ("person_name", models.CharField(max_length=50, verbose_name="对象")),
                ("person_post", models.CharField(blank=True, max_length=100, verbose_name="职务")),
                ("reason", models.TextField(verbose_name="事由")),
                ("conducted_on", models.DateField(verbose_name="日期")),
                (
                    "body",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("commission", "纪委监委"),
                            ("organisation", "组织部"),
                            ("county_committee", "县委"),
                            ("town_committee", "乡镇党委"),
                        ],
                        help_text="监督账号登记时为其所属机关；空为巡察办。",
                        max_length=24,
                        verbose_name="实施机关",
                    ),
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
                (
                    "assignment",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="rounds.assignment",
                        verbose_name="巡察对象",
                    ),
                ),
                (
                    "history_api_token",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="inspection.apitoken",
                        verbose_name="经由接口令牌",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "item",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="rectification.rectificationitem",
                        verbose_name="整改台账条目",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="登记人",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical 第一种形态",
                "verbose_name_plural": "historical 第一种形态（约谈、批评教育）",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name="accountabilityproposal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("target_kind", "person"), models.Q(("person_name", ""), _negated=True)
                    ),
                    models.Q(
                        ("target_kind", "organisation"),
                        models.Q(("organisation_name", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="accountability_proposal_names_target",
                violation_error_message="提请问责须写明被问责人或被问责党组织。",
            ),
        ),
        migrations.AddConstraint(
            model_name="accountabilityproposal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("target_kind", "person"),
                        (
                            "suggested_form__in",
                            ("circulated", "admonishment", "organisational", "disciplinary"),
                        ),
                    ),
                    models.Q(
                        ("target_kind", "organisation"),
                        (
                            "suggested_form__in",
                            ("org_inspection", "org_circulated", "org_reorganised"),
                        ),
                    ),
                    _connector="OR",
                ),
                name="accountability_proposal_form_fits_target",
                violation_error_message="建议的问责方式与问责对象类别不符。",
            ),
        ),
        migrations.AddConstraint(
            model_name="accountabilitydecision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("pursued", False), ("form", "")),
                    models.Q(
                        ("pursued", True),
                        ("target_kind", "person"),
                        (
                            "form__in",
                            ("circulated", "admonishment", "organisational", "disciplinary"),
                        ),
                    ),
                    models.Q(
                        ("pursued", True),
                        ("target_kind", "organisation"),
                        ("form__in", ("org_inspection", "org_circulated", "org_reorganised")),
                    ),
                    _connector="OR",
                ),
                name="accountability_decision_form_fits_target",
                violation_error_message="问责方式与问责对象类别不符。",
            ),
        ),
        migrations.AddConstraint(
            model_name="accountabilitydecision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("document", ""), _negated=True),
                    ("signed_by__isnull", False),
                    ("migrated", True),
                    _connector="OR",
                ),
                name="accountability_decision_is_the_bodys",
                violation_error_message="问责决定须附决定机关的决定文书，或由决定机关的监督账号登记。",
            ),
        ),
        migrations.RunPython(old_records_to_proposals, proposals_to_old_records),
        migrations.RemoveField(
            model_name="historicalaccountability",
            name="assignment",
        ),
        migrations.RemoveField(
            model_name="historicalaccountability",
            name="history_api_token",
        ),
        migrations.RemoveField(
            model_name="historicalaccountability",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicalaccountability",
            name="item",
        ),
        migrations.RemoveField(
            model_name="historicalaccountability",
            name="recorded_by",
        ),
        migrations.DeleteModel(
            name="Accountability",
        ),
        migrations.DeleteModel(
            name="HistoricalAccountability",
        ),
    ]
