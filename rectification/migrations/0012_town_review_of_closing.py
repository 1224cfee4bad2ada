"""乡镇初审 of requests for closing and 代录 (issue 19).

A new item status, 乡镇已初审 (the status field grows to 16 characters), who first-reviewed
and when; 代录 marks on progress updates and on an item's request for closing. Existing
rows: an update posted, or a request made, by an office account (巡察办) is marked 代录;
no row is added or removed. Items waiting for verification stay 申请销号: a village's
must now pass its town's first review before the office verifies it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


OFFICE_ROLES = ("office_staff", "office_lead")


def mark_office_entries_on_behalf(apps, schema_editor):
    item_model = apps.get_model("rectification", "RectificationItem")
    update_model = apps.get_model("rectification", "ProgressUpdate")
    update_model.objects.filter(author__role__in=OFFICE_ROLES).update(on_behalf=True)
    item_model.objects.filter(submitted_by__role__in=OFFICE_ROLES).update(
        submitted_on_behalf=True
    )


class Migration(migrations.Migration):

    dependencies = [
        ('findings', '0014_department_matters'),
        ('rectification', '0011_plans_and_reports'),
        ('rounds', '0004_interview_recorder'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='rectificationitem',
            name='item_submitted_has_time',
        ),
        migrations.AddField(
            model_name='historicalrectificationitem',
            name='submitted_on_behalf',
            field=models.BooleanField(default=False, help_text='巡察办代责任单位申请销号（代录），不算责任单位自己的申请。', verbose_name='代录申请'),
        ),
        migrations.AddField(
            model_name='historicalrectificationitem',
            name='town_reviewed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='乡镇初审时间'),
        ),
        migrations.AddField(
            model_name='historicalrectificationitem',
            name='town_reviewed_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='乡镇初审人'),
        ),
        migrations.AddField(
            model_name='progressupdate',
            name='on_behalf',
            field=models.BooleanField(default=False, help_text='巡察办代责任单位填报（代录）。', verbose_name='代录'),
        ),
        migrations.AddField(
            model_name='rectificationitem',
            name='submitted_on_behalf',
            field=models.BooleanField(default=False, help_text='巡察办代责任单位申请销号（代录），不算责任单位自己的申请。', verbose_name='代录申请'),
        ),
        migrations.AddField(
            model_name='rectificationitem',
            name='town_reviewed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='乡镇初审时间'),
        ),
        migrations.AddField(
            model_name='rectificationitem',
            name='town_reviewed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='乡镇初审人'),
        ),
        migrations.AlterField(
            model_name='historicalrectificationitem',
            name='status',
            field=models.CharField(choices=[('pending', '待整改'), ('in_progress', '整改中'), ('submitted', '申请销号'), ('town_reviewed', '乡镇已初审'), ('closed', '已销号'), ('returned', '退回')], db_index=True, default='pending', max_length=16, verbose_name='状态'),
        ),
        migrations.AlterField(
            model_name='rectificationitem',
            name='status',
            field=models.CharField(choices=[('pending', '待整改'), ('in_progress', '整改中'), ('submitted', '申请销号'), ('town_reviewed', '乡镇已初审'), ('closed', '已销号'), ('returned', '退回')], db_index=True, default='pending', max_length=16, verbose_name='状态'),
        ),
        migrations.AddConstraint(
            model_name='rectificationitem',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ('submitted', 'town_reviewed')), _negated=True), ('submitted_at__isnull', False), _connector='OR'), name='item_submitted_has_time', violation_error_message='申请销号的条目必须有申请时间。'),
        ),
        migrations.AddConstraint(
            model_name='rectificationitem',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'town_reviewed'), _negated=True), ('town_reviewed_at__isnull', False), _connector='OR'), name='item_town_reviewed_has_time', violation_error_message='乡镇已初审的条目必须有初审时间。'),
        ),
        migrations.RunPython(mark_office_entries_on_behalf, migrations.RunPython.noop),
    ]
