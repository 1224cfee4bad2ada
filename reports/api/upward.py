"""统计报送 through the API: the tables (the office's), and the JSON export of a sent one
for a city-level system (statistics clients read sent tables only; every other role none:
404)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from inspection.api.permissions import StatisticsReader
from inspection.api.schema import ERROR_RESPONSES
from inspection.api.viewsets import ScopedViewSet
from reports.upward.export import snapshot_export
from reports.upward.models import StatisticsReport


class StatisticsReportSerializer(serializers.ModelSerializer):
    template_name = serializers.CharField(source="template.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    snapshot_url = serializers.SerializerMethodField(help_text="已报送时的快照地址")

    class Meta:
        model = StatisticsReport
        fields = (
            "id",
            "template",
            "template_name",
            "period_code",
            "period_kind",
            "date_from",
            "date_to",
            "round",
            "status",
            "status_label",
            "as_of",
            "sent_at",
            "sent_checksum",
            "snapshot_url",
        )
        read_only_fields = fields

    def get_snapshot_url(self, report) -> str | None:
        if report.snapshot is None:
            return None
        path = f"/api/v1/statistics-reports/{report.pk}/snapshot/"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class FigureSnapshotSerializer(serializers.Serializer):
    figure = serializers.CharField(help_text="指标名（统计接口的指标名）")
    group = serializers.CharField(help_text="分组：合计、乡镇名称或巡察轮次名称")
    sheet = serializers.CharField()
    cell = serializers.CharField()
    value = serializers.JSONField(help_text="数值；比率为0–1，金额为十进制字符串，无分母时为空")
    ids = serializers.ListField(
        child=serializers.IntegerField(),
        allow_null=True,
        help_text=(
            "该指标所属统计函数所计记录的编号（如整改各指标均为范围内的台账事项编号，"
            "逾期与否按其数值）；未声明记录的指标为空"
        ),
    )


class FigureChangeSerializer(serializers.Serializer):
    previous = serializers.JSONField(help_text="上一报送期的数值")
    difference = serializers.JSONField(help_text="与上一报送期之差")
    entered = serializers.ListField(child=serializers.IntegerField(), allow_null=True)
    left = serializers.ListField(child=serializers.IntegerField(), allow_null=True)


class CountySerializer(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField(help_text="6位县级行政区划代码")


class PeriodSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="如2026-09、2026Q3、2026H1、2026、R12")
    kind = serializers.CharField(help_text="month / quarter / half / year / round")
    label = serializers.CharField()
    date_from = serializers.DateField(allow_null=True)
    date_to = serializers.DateField(allow_null=True)
    round = serializers.IntegerField(allow_null=True)


class PreviousSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    period = serializers.CharField()


class SnapshotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    county = CountySerializer()
    template = serializers.CharField()
    period = PeriodSerializer()
    as_of = serializers.DateField(help_text="各项指标的统计截止日期")
    sent_at = serializers.DateTimeField()
    figures = serializers.DictField(child=FigureSnapshotSerializer(), help_text="按单元格键")
    previous = PreviousSerializer(allow_null=True)
    changes = serializers.DictField(child=FigureChangeSerializer())


@extend_schema_view(
    list=extend_schema(summary="统计报送（巡察办：全部；统计接口：已报送）"),
    retrieve=extend_schema(summary="统计报送"),
)
class StatisticsReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """统计报送: the tables filled for the city office."""

    queryset = StatisticsReport.objects.select_related("template")
    serializer_class = StatisticsReportSerializer
    permission_classes = [StatisticsReader]
    filterset_fields = ("status", "period_kind", "period_code")
    ordering_fields = ("id",)

    @extend_schema(
        summary="已报送统计表的快照（JSON）",
        description=(
            "报送时冻结的各项指标、其所计记录的编号，以及与上一报送期相比的变化；"
            "供市级系统汇总各县，无需重新录入。未报送的报表答409。"
        ),
        responses={200: SnapshotSerializer, 404: ERROR_RESPONSES[404], 409: ERROR_RESPONSES[409]},
    )
    @action(detail=True, methods=["get"])
    def snapshot(self, request, pk=None):
        return Response(snapshot_export(self.get_object()))
