"""API of 交办事项 (``department-matters``) and 专题报告 / 巡察建议书 (``thematic-reports``):
scoped lists and details (``is_overdue`` derived on today), the office's create, and
the reply (a department's liaison or the office for a matter; the office for a 建议书).
A reply file is uploaded on the screen; the API records the reply's text and date."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from findings.api.inputs import InputSerializer, note_field
from findings.api.views import create_schema, parsed
from findings.choices import MatterStatus, ThematicReportKind
from findings.matter_selectors import matters_with_overdue, reports_with_overdue
from findings.models import DepartmentMatter, ThematicReport
from findings.services.matters import (
    department_matter_create,
    department_matter_reply,
    thematic_report_create,
    thematic_report_reply,
)
from inspection.api.fields import ChoiceField, IdField, optional_date, optional_id, optional_text
from inspection.api.parsers import JSONParser
from inspection.api.schema import workflow_action_schema
from inspection.api.viewsets import ScopedViewSet
from inspection.attachments import evidence_url
from inspection.filtersets import FilterSet, IdFilter


class DepartmentMatterSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    problems = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    reply_file_url = serializers.SerializerMethodField()

    class Meta:
        model = DepartmentMatter
        fields = (
            "id",
            "round",
            "assignment",
            "department",
            "letter_number",
            "summary",
            "problems",
            "handed_on",
            "reply_due_on",
            "status",
            "status_display",
            "is_overdue",
            "replied_on",
            "reply",
            "reply_file_url",
            "created_at",
        )
        read_only_fields = fields

    def get_reply_file_url(self, matter) -> str:
        return evidence_url(matter, api=True)


class ThematicReportSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    problems = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ThematicReport
        fields = (
            "id",
            "kind",
            "kind_display",
            "round",
            "title",
            "addressee",
            "body",
            "problems",
            "issued_on",
            "reply_due_on",
            "replied_on",
            "reply",
            "is_overdue",
            "created_at",
        )
        read_only_fields = fields


class DepartmentMatterCreateInputSerializer(InputSerializer):
    round_id = IdField(help_text="巡察轮次")
    assignment_id = optional_id(help_text="巡察对象（可选）")
    department = serializers.CharField(allow_blank=True, help_text="承办部门")
    letter_number = optional_text(help_text="交办函号")
    summary = serializers.CharField(allow_blank=True, help_text="交办事项")
    handed_on = serializers.DateField(help_text="交办日期")
    reply_due_on = optional_date(help_text="回复期限（不填按默认天数）")
    problem_ids = serializers.ListField(child=IdField(), required=False, default=list)
    note = note_field()


class ThematicReportCreateInputSerializer(InputSerializer):
    round_id = IdField(help_text="巡察轮次")
    kind = ChoiceField(choices=ThematicReportKind.choices)
    title = serializers.CharField(allow_blank=True, help_text="标题")
    addressee = optional_text(help_text="主送单位（巡察建议书必填）")
    body = optional_text(help_text="主要内容")
    issued_on = serializers.DateField(help_text="印发日期")
    reply_due_on = optional_date(help_text="回复期限（仅巡察建议书）")
    problem_ids = serializers.ListField(child=IdField(), required=False, default=list)
    note = note_field()


class ReplyInputSerializer(InputSerializer):
    replied_on = serializers.DateField(help_text="回复日期")
    reply = serializers.CharField(allow_blank=True, help_text="回复情况")
    note = note_field()


class DepartmentMatterFilterSet(FilterSet):
    round = IdFilter(field_name="round_id", label="巡察轮次")
    status = django_filters.ChoiceFilter(choices=MatterStatus.choices, label="状态")

    class Meta:
        model = DepartmentMatter
        fields = ()


class ThematicReportFilterSet(FilterSet):
    round = IdFilter(field_name="round_id", label="巡察轮次")
    kind = django_filters.ChoiceFilter(choices=ThematicReportKind.choices, label="类别")

    class Meta:
        model = ThematicReport
        fields = ()


@extend_schema_view(
    list=extend_schema(summary="交办事项列表"), retrieve=extend_schema(summary="交办事项详情")
)
class DepartmentMatterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """交办事项: matters handed on to government departments, with a reply due."""

    queryset = DepartmentMatter.objects.prefetch_related("problems")
    serializer_class = DepartmentMatterSerializer
    filterset_class = DepartmentMatterFilterSet
    search_fields = ("department", "summary", "letter_number")
    ordering_fields = ("id", "handed_on", "reply_due_on")
    parser_classes = (JSONParser,)

    def get_queryset(self):
        return matters_with_overdue(super().get_queryset())

    @create_schema(
        request=DepartmentMatterCreateInputSerializer,
        response=DepartmentMatterSerializer,
        summary="登记交办事项",
    )
    def create(self, request):
        data = parsed(DepartmentMatterCreateInputSerializer, request)
        return self.answer(department_matter_create(actor=request.user, **data), status=201)

    @workflow_action_schema(
        request=ReplyInputSerializer, response=DepartmentMatterSerializer, summary="登记回复"
    )
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        data = parsed(ReplyInputSerializer, request)
        return self.answer(department_matter_reply(actor=request.user, matter_id=pk, **data))


@extend_schema_view(
    list=extend_schema(summary="专题报告和巡察建议书列表"),
    retrieve=extend_schema(summary="专题报告或巡察建议书详情"),
)
class ThematicReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """专题报告 and 巡察建议书 on a round's common problems."""

    queryset = ThematicReport.objects.prefetch_related("problems")
    serializer_class = ThematicReportSerializer
    filterset_class = ThematicReportFilterSet
    search_fields = ("title", "addressee", "body")
    ordering_fields = ("id", "issued_on")
    parser_classes = (JSONParser,)

    def get_queryset(self):
        return reports_with_overdue(super().get_queryset())

    @create_schema(
        request=ThematicReportCreateInputSerializer,
        response=ThematicReportSerializer,
        summary="登记专题报告或巡察建议书",
    )
    def create(self, request):
        data = parsed(ThematicReportCreateInputSerializer, request)
        return self.answer(thematic_report_create(actor=request.user, **data), status=201)

    @workflow_action_schema(
        request=ReplyInputSerializer, response=ThematicReportSerializer, summary="登记建议书回复"
    )
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        data = parsed(ReplyInputSerializer, request)
        return self.answer(thematic_report_reply(actor=request.user, report_id=pk, **data))
