"""整改时限 moved after it had passed (issue 21): the passed one is kept as
``lapsed_deadline``, the measure of on time. Existing items get it from their history:
the first change of deadline written after the old deadline had passed (in Shanghai
time) with the item not closed."""

import datetime
import zoneinfo

from django.db import migrations, models

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def lapsed_from_history(apps, schema_editor):
    Item = apps.get_model("rectification", "RectificationItem")
    History = apps.get_model("rectification", "HistoricalRectificationItem")
    moved = (
        History.objects.values("id")
        .annotate(deadlines=models.Count("deadline", distinct=True))
        .filter(deadlines__gt=1)
        .values("id")
    )
    rows = (
        History.objects.filter(id__in=moved)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_date", "deadline", "status")
    )
    lapsed: dict[int, tuple[datetime.date, datetime.datetime]] = {}
    previous = None
    for item_id, written, deadline, status in rows.iterator(chunk_size=2000):
        if previous is not None and previous[0] == item_id and item_id not in lapsed:
            _, old_deadline, old_status = previous
            day = written.astimezone(SHANGHAI).date()
            if deadline != old_deadline and old_deadline < day and old_status != "closed":
                lapsed[item_id] = (old_deadline, written)
        previous = (item_id, deadline, status)
    for item_id, (deadline, moved) in lapsed.items():
        Item.objects.filter(pk=item_id).update(lapsed_deadline=deadline)
        # The history too, from the move on: the figures as of a past day read it.
        History.objects.filter(id=item_id, history_date__gte=moved).update(
            lapsed_deadline=deadline
        )


class Migration(migrations.Migration):

    dependencies = [
        ('rectification', '0015_publicity_and_look_back'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalrectificationitem',
            name='lapsed_deadline',
            field=models.DateField(blank=True, help_text='整改时限已过仍未销号，之后又调整了时限：记下过期的那个时限。是否如期按它计算，事后延期不能使逾期的条目变为如期。', null=True, verbose_name='过期时的整改时限'),
        ),
        migrations.AddField(
            model_name='rectificationitem',
            name='lapsed_deadline',
            field=models.DateField(blank=True, help_text='整改时限已过仍未销号，之后又调整了时限：记下过期的那个时限。是否如期按它计算，事后延期不能使逾期的条目变为如期。', null=True, verbose_name='过期时的整改时限'),
        ),
        migrations.RunPython(lapsed_from_history, migrations.RunPython.noop),
    ]
