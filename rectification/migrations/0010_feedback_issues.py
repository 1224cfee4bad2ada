"""反馈问题 (issue 18): the issues of a 反馈意见 and the ledger items that follow them.

Existing data: every fed-back ledger item gets an issue of its own problem, numbered per
assignment in the order of the problems' numbers (then the item's pk), ledger mode
per 具体表现; so each item still carries exactly its problem and no figure moves. The
constraint that a fed-back item has an issue is added after that step.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def one_issue_per_fed_back_item(apps, schema_editor):
    item_model = apps.get_model("rectification", "RectificationItem")
    historical_item = apps.get_model("rectification", "HistoricalRectificationItem")
    issue_model = apps.get_model("rectification", "FeedbackIssue")
    placement_model = apps.get_model("rectification", "FeedbackIssueProblem")
    items = (
        item_model.objects.filter(feedback__isnull=False, issue__isnull=True)
        .select_related("problem__problem_class")
        .order_by("problem__assignment_id", "problem__sequence", "pk")
    )
    numbers: dict[int, int] = {}
    for item in items.iterator(chunk_size=500):
        problem = item.problem
        assignment_id = problem.assignment_id
        numbers[assignment_id] = number = numbers.get(assignment_id, 0) + 1
        problem_class = problem.problem_class
        title = problem.title or (problem_class.name if problem_class else "") or problem.facts
        issue = issue_model.objects.create(
            assignment_id=assignment_id,
            number=number,
            aspect_id=problem_class.aspect_id if problem_class else None,
            title=title[:200],
            ledger_mode="per_problem",
        )
        placement_model.objects.create(problem_id=problem.pk, issue=issue)
        item_model.objects.filter(pk=item.pk).update(issue=issue)
        historical_item.objects.filter(id=item.pk).update(issue_id=issue.pk)
    if schema_editor.connection.vendor == "postgresql":
        # The updates left deferred foreign-key checks pending on the items' table, and
        # PostgreSQL alters no table with pending trigger events: run them now.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ('findings', '0011_inspection_reports'),
        ('inspection', '0010_documents'),
        ('rectification', '0009_feedback_batches'),
        ('rounds', '0004_interview_recorder'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='FeedbackIssueProblem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('left_out_reason', models.TextField(blank=True, help_text='仅涉及未办结线索的底稿可不予反馈，须写明理由。', verbose_name='不予反馈理由')),
            ],
            options={
                'verbose_name': '反馈问题底稿',
                'verbose_name_plural': '反馈问题底稿',
                'ordering': ['issue', 'problem__sequence', 'problem_id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalFeedbackIssue',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='反馈问题编号')),
                ('title', models.CharField(max_length=200, verbose_name='问题')),
                ('text', models.TextField(blank=True, verbose_name='具体表现概述')),
                ('ledger_mode', models.CharField(choices=[('per_issue', '按反馈问题建账'), ('per_problem', '按具体表现建账')], default='per_problem', max_length=12, verbose_name='建账方式')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical 反馈问题',
                'verbose_name_plural': 'historical 反馈问题',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalFeedbackIssueProblem',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('left_out_reason', models.TextField(blank=True, help_text='仅涉及未办结线索的底稿可不予反馈，须写明理由。', verbose_name='不予反馈理由')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical 反馈问题底稿',
                'verbose_name_plural': 'historical 反馈问题底稿',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='FeedbackIssue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveSmallIntegerField(verbose_name='反馈问题编号')),
                ('title', models.CharField(max_length=200, verbose_name='问题')),
                ('text', models.TextField(blank=True, verbose_name='具体表现概述')),
                ('ledger_mode', models.CharField(choices=[('per_issue', '按反馈问题建账'), ('per_problem', '按具体表现建账')], default='per_problem', max_length=12, verbose_name='建账方式')),
                ('aspect', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='feedback_issues', to='findings.problemaspect', verbose_name='方面')),
                ('assignment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='feedback_issues', to='rounds.assignment', verbose_name='巡察对象')),
            ],
            options={
                'verbose_name': '反馈问题',
                'verbose_name_plural': '反馈问题',
                'ordering': ['assignment', 'number'],
            },
        ),
        migrations.AddField(
            model_name='historicalrectificationitem',
            name='issue',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='反馈时建账的条目属于一个反馈问题；巡中立行立改的条目反馈时归入。', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='rectification.feedbackissue', verbose_name='反馈问题'),
        ),
        migrations.AddField(
            model_name='rectificationitem',
            name='issue',
            field=models.ForeignKey(blank=True, help_text='反馈时建账的条目属于一个反馈问题；巡中立行立改的条目反馈时归入。', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='items', to='rectification.feedbackissue', verbose_name='反馈问题'),
        ),
        migrations.AddField(
            model_name='feedbackissueproblem',
            name='issue',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='placements', to='rectification.feedbackissue', verbose_name='反馈问题'),
        ),
        migrations.AddField(
            model_name='feedbackissueproblem',
            name='problem',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='feedback_placement', to='findings.problem', verbose_name='问题底稿'),
        ),
        migrations.AddField(
            model_name='historicalfeedbackissue',
            name='aspect',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='findings.problemaspect', verbose_name='方面'),
        ),
        migrations.AddField(
            model_name='historicalfeedbackissue',
            name='assignment',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='rounds.assignment', verbose_name='巡察对象'),
        ),
        migrations.AddField(
            model_name='historicalfeedbackissue',
            name='history_api_token',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inspection.apitoken', verbose_name='经由接口令牌'),
        ),
        migrations.AddField(
            model_name='historicalfeedbackissue',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalfeedbackissueproblem',
            name='history_api_token',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inspection.apitoken', verbose_name='经由接口令牌'),
        ),
        migrations.AddField(
            model_name='historicalfeedbackissueproblem',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalfeedbackissueproblem',
            name='issue',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='rectification.feedbackissue', verbose_name='反馈问题'),
        ),
        migrations.AddField(
            model_name='historicalfeedbackissueproblem',
            name='problem',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='findings.problem', verbose_name='问题底稿'),
        ),
        migrations.AddConstraint(
            model_name='feedbackissue',
            constraint=models.UniqueConstraint(fields=('assignment', 'number'), name='feedback_issue_number_unique', violation_error_message='同一巡察对象的反馈问题编号不能重复。'),
        ),
        migrations.AddConstraint(
            model_name='feedbackissue',
            constraint=models.CheckConstraint(condition=models.Q(('number__gte', 1)), name='feedback_issue_number_positive', violation_error_message='反馈问题编号从1开始。'),
        ),
        migrations.AddConstraint(
            model_name='feedbackissueproblem',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('issue__isnull', False), ('left_out_reason', '')), models.Q(('issue__isnull', True), models.Q(('left_out_reason', ''), _negated=True)), _connector='OR'), name='feedback_placement_issue_or_reason', violation_error_message='底稿须归入一个反馈问题，或写明不予反馈的理由。'),
        ),
        migrations.RunPython(one_issue_per_fed_back_item, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='rectificationitem',
            constraint=models.CheckConstraint(condition=models.Q(('feedback__isnull', True), ('issue__isnull', False), _connector='OR'), name='item_fed_back_has_issue', violation_error_message='反馈建账的条目必须属于一个反馈问题。'),
        ),
    ]
