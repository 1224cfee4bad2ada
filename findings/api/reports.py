"""``/api/v1/inspection-reports/``: the 巡察报告 with its decisions, scoped as the screens
are, and the two actions: ``POST /inspection-reports/`` drafts one (``assignment``), and
``POST …/{id}/decide/`` records the decision it waits for (multipart: the minutes file)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from findings.choices import DecisionOutcome, ReportStage
from findings.models import InspectionReport, ReportDecision
from findings.report_selectors import next_stage, stage_reached
from findings.services import report_draft, report_record_decision
from inspection.api.evidence import EvidenceDownloadField
from inspection.api.fields import ChoiceField
from inspection.api.parsers import JSONParser, MultiPartParser
from inspection.api.schema import ERROR_RESPONSES, workflow_action_schema
from inspection.api.viewsets import ScopedViewSet
from inspection.filtersets import FilterSet, IdFilter


class ReportDecisionSerializer(serializers.ModelSerializer):
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    outcome_display = serializers.CharField(source="get_outcome_display", read_only=True)
    minutes = EvidenceDownloadField(help_text="会议纪要或签批件的下载地址（无则为null）")
    signed_by_name = serializers.StringRelatedField(source="signed_by", allow_null=True)
    recorded_by_name = serializers.StringRelatedField(source="recorded_by")

    class Meta:
        model = ReportDecision
        fields = (
            "id",
            "stage",
            "stage_display",
            "held_on",
            "outcome",
            "outcome_display",
            "opinion",
            "minutes",
            "signed_by",
            "signed_by_name",
            "recorded_by",
            "recorded_by_name",
            "recorded_at",
        )
        read_only_fields = fields


class InspectionReportSerializer(serializers.ModelSerializer):
    round = serializers.IntegerField(source="assignment.round_id", read_only=True)
    town = serializers.IntegerField(source="assignment.town_id", read_only=True)
    village = serializers.IntegerField(
        source="assignment.village_id", read_only=True, allow_null=True
    )
    target_name = serializers.CharField(source="assignment.target_name", read_only=True)
    team = serializers.IntegerField(source="assignment.team_id", read_only=True, allow_null=True)
    stage_reached = serializers.SerializerMethodField(help_text="已经过的最后一个环节")
    waits_for = serializers.SerializerMethodField(help_text="待办环节；null表示书记专题会已听取")
    decisions = ReportDecisionSerializer(many=True, read_only=True)

    class Meta:
        model = InspectionReport
        fields = (
            "id",
            "assignment",
            "round",
            "town",
            "village",
            "target_name",
            "team",
            "created_by",
            "created_at",
            "stage_reached",
            "waits_for",
            "decisions",
        )
        read_only_fields = fields

    def get_stage_reached(self, report) -> str | None:
        reached = stage_reached(report.decisions.all())
        return reached.value if reached else None

    def get_waits_for(self, report) -> str | None:
        waiting = next_stage(report.decisions.all())
        return waiting.value if waiting else None


class ReportDraftInput(serializers.Serializer):
    assignment = serializers.IntegerField(help_text="巡察对象的ID")


class ReportDecisionInput(serializers.Serializer):
    stage = ChoiceField(choices=ReportStage.choices, help_text="审议环节（须为待办环节）")
    held_on = serializers.DateField(help_text="会议日期")
    outcome = ChoiceField(choices=DecisionOutcome.choices, help_text="结论")
    opinion = serializers.CharField(required=False, allow_blank=True, default="")
    minutes = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="会议纪要或签批件（领导小组审议、书记专题会听取由巡察办登记时必传）",
    )


class InspectionReportFilterSet(FilterSet):
    round = IdFilter(field_name="assignment__round_id", label="巡察轮次")
    town = IdFilter(field_name="assignment__town_id", label="乡镇")
    village = IdFilter(field_name="assignment__village_id", label="村(社区)")
    assignment = IdFilter(field_name="assignment_id", label="巡察对象")

    class Meta:
        model = InspectionReport
        fields = ("round", "town", "village", "assignment")


def _parsed(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema_view(
    list=extend_schema(summary="巡察报告列表"),
    retrieve=extend_schema(summary="巡察报告详情（含审议情况）"),
)
class InspectionReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """巡察报告: one per inspected organisation, with the decisions before feedback."""

    queryset = InspectionReport.objects.select_related(
        "assignment__town", "assignment__village"
    ).prefetch_related(
        Prefetch(
            "decisions",
            ReportDecision.objects.order_by("held_on", "id").select_related(
                "signed_by", "recorded_by"
            ),
        )
    )
    serializer_class = InspectionReportSerializer
    filterset_class = InspectionReportFilterSet
    search_fields = ()
    ordering_fields = ("id",)
    parser_classes = (JSONParser,)

    @extend_schema(
        summary="起草巡察报告",
        request=ReportDraftInput,
        responses={201: InspectionReportSerializer, **ERROR_RESPONSES},
    )
    def create(self, request):
        data = _parsed(ReportDraftInput, request)
        report = report_draft(actor=request.user, assignment_id=data["assignment"])
        return self.answer(report, status=201)

    @workflow_action_schema(
        request=ReportDecisionInput,
        response=InspectionReportSerializer,
        summary="记录审议（组内讨论、组办会商、领导小组审议、书记专题会听取）",
        description="各环节依次进行；修改意见退回同一环节。领导小组审议和书记专题会听取："
        "巡察办登记须附会议纪要，领导小组成员本人登记即为签批。",
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def decide(self, request, pk=None):
        data = _parsed(ReportDecisionInput, request)
        decision = report_record_decision(actor=request.user, report_id=pk, **data)
        return self.answer(decision.report)
