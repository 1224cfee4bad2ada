"""The query of a statistics request, and the rows it answers."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from inspection.api.fields import ChoiceField
from reports.statistics import GROUPINGS

# Ids are bigint columns: a larger number would overflow in PostgreSQL (a 500).
MAX_ID = 2**63 - 1


def id_field():
    return serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class StatisticsQuerySerializer(serializers.Serializer):
    term = id_field()
    round = id_field()
    town = id_field()
    village = id_field()
    team = id_field()
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    on = serializers.DateField(
        required=False,
        help_text="各项指标截至该日（默认今天）：过去的日期按当日的状态、整改时限和巡察安排计算。",
    )
    group_by = ChoiceField(choices=GROUPINGS, required=False)

    def validate_on(self, value):
        """A day the figures can be asked on: from 2000 to a year from today (far dates
        would overflow the alert windows' arithmetic)."""
        today = timezone.localdate()
        if not datetime.date(2000, 1, 1) <= value <= today + datetime.timedelta(days=366):
            raise serializers.ValidationError(_("统计日期须在2000年1月1日至今后一年之间。"))
        return value


class StatisticsRowSerializer(serializers.Serializer):
    key = serializers.CharField(
        allow_null=True, help_text="分组键：所分组对象的编号或问题类别代码（不分组时为空）"
    )
    label = serializers.CharField(help_text="分组名称")
    figures = serializers.DictField(
        help_text="各项指标：计数、合计与比率（0–1，无分母时为空）；金额（amount_involved、"
        'funds_recovered）为两位小数的十进制字符串，如 "12000.50"，与各资源的金额相同'
    )
