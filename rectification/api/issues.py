"""API of the 反馈问题: an assignment's numbered issues with their 底稿, and the writes
that prepare them before feedback, each through its service with ``actor=request.user``."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from inspection.api.fields import ChoiceField, IdField
from inspection.api.schema import ERROR_RESPONSES, workflow_action_schema
from inspection.filtersets import by
from rectification.api import inputs
from rectification.api.serializers import PLACE_FIELDS, display, optional_label, with_places
from rectification.api.views import JsonScopedViewSet, creation_schema, places
from rectification.choices import IssueLedgerMode
from rectification.filtersets import by_place
from rectification.models import FeedbackIssue, FeedbackIssueProblem
from rectification.services.feedback_issues import (
    feedback_issue_create,
    feedback_issue_delete,
    feedback_issue_leave_out,
    feedback_issue_move_problem,
    feedback_issue_renumber,
    feedback_issue_update,
    feedback_issues_propose,
)


class IssueProblemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="problem_id", read_only=True)
    number = serializers.CharField(source="problem.number", read_only=True, help_text="底稿编号")
    title = serializers.CharField(source="problem.title", read_only=True)
    class_name = serializers.CharField(source="problem.class_name", read_only=True)


class FeedbackIssueSerializer(with_places("assignment")):
    aspect_name = optional_label("aspect.name")
    ledger_mode_display = display("ledger_mode")
    problems = IssueProblemSerializer(
        source="placed", many=True, read_only=True, help_text="具体表现：归入本问题的底稿"
    )

    class Meta:
        model = FeedbackIssue
        fields = (
            "id",
            "assignment",
            *PLACE_FIELDS,
            "number",
            "aspect",
            "aspect_name",
            "title",
            "text",
            "ledger_mode",
            "ledger_mode_display",
            "problems",
        )


class IssueInput(inputs.NoteInput):
    title = serializers.CharField(allow_blank=True, help_text="问题（标题）")
    aspect = IdField(required=False, allow_null=True, default=None, help_text="方面的ID")
    text = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="具体表现概述"
    )
    ledger_mode = ChoiceField(
        choices=IssueLedgerMode.choices,
        required=False,
        default=IssueLedgerMode.PER_PROBLEM,
        help_text="建账方式：按反馈问题一条，或按具体表现每条底稿一条",
    )


class IssueCreateInput(IssueInput):
    assignment = IdField(help_text="巡察对象的ID（未反馈）")


class AssignmentInput(serializers.Serializer):
    assignment = IdField(help_text="巡察对象的ID（未反馈）")


class RenumberInput(serializers.Serializer):
    number = serializers.IntegerField(help_text="新的反馈问题编号（1…n）")


class MoveInput(serializers.Serializer):
    problem = IdField(help_text="底稿（问题）的ID")


class LeaveOutInput(serializers.Serializer):
    problem = IdField(help_text="涉及未办结线索的底稿（问题）的ID")
    reason = serializers.CharField(allow_blank=True, help_text="不予反馈的理由")


class FeedbackIssueFilterSet(by_place("assignment")):
    assignment = by("assignment", "巡察对象")

    class Meta:
        model = FeedbackIssue
        fields = ("assignment",)


class FeedbackIssueViewSet(JsonScopedViewSet):
    """反馈问题 of each assignment (the unit reads its own once fed back); the office or the
    assignment's team leader prepares them before feedback."""

    queryset = FeedbackIssue.objects.select_related(*places("assignment"), "aspect")
    serializer_class = FeedbackIssueSerializer
    filterset_class = FeedbackIssueFilterSet
    search_fields = ("title", "text")
    ordering_fields = ("id", "number")

    def get_queryset(self):
        placements = FeedbackIssueProblem.objects.select_related("problem__problem_class").order_by(
            "problem__sequence", "problem_id"
        )
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("placements", queryset=placements, to_attr="placed"))
        )

    def _issue_input(self, request, serializer_class):
        data = inputs.parsed(serializer_class, request)
        return data, {
            "title": data["title"],
            "aspect_id": data["aspect"],
            "text": data["text"],
            "ledger_mode": data["ledger_mode"],
        }

    @creation_schema(
        request=IssueCreateInput, response=FeedbackIssueSerializer, summary="新增反馈问题"
    )
    def create(self, request):
        data, fields = self._issue_input(request, IssueCreateInput)
        issue = feedback_issue_create(
            actor=request.user, assignment_id=data["assignment"], **fields
        )
        return self.answer(issue, status=201)

    @workflow_action_schema(
        request=IssueInput, response=FeedbackIssueSerializer, summary="修改反馈问题"
    )
    @action(detail=True, methods=["post"], url_path="edit")
    def edit(self, request, pk=None):
        _data, fields = self._issue_input(request, IssueInput)
        return self.answer(feedback_issue_update(actor=request.user, issue_id=pk, **fields))

    @workflow_action_schema(
        request=RenumberInput, response=FeedbackIssueSerializer, summary="调整反馈问题编号"
    )
    @action(detail=True, methods=["post"])
    def renumber(self, request, pk=None):
        data = inputs.parsed(RenumberInput, request)
        issue = feedback_issue_renumber(actor=request.user, issue_id=pk, number=data["number"])
        return self.answer(issue)

    @workflow_action_schema(
        request=MoveInput, response=FeedbackIssueSerializer, summary="将底稿归入本问题"
    )
    @action(detail=True, methods=["post"], url_path="move-problem")
    def move_problem(self, request, pk=None):
        data = inputs.parsed(MoveInput, request)
        issue = feedback_issue_move_problem(
            actor=request.user, problem_id=data["problem"], issue_id=pk
        )
        return self.answer(issue)

    @extend_schema(summary="删除反馈问题", request=None, responses={204: None, **ERROR_RESPONSES})
    def destroy(self, request, pk=None):
        feedback_issue_delete(actor=request.user, issue_id=pk)
        return Response(status=204)

    @extend_schema(
        summary="按方面生成反馈问题",
        request=AssignmentInput,
        responses={200: FeedbackIssueSerializer(many=True), **ERROR_RESPONSES},
    )
    @action(detail=False, methods=["post"], pagination_class=None, filter_backends=[])
    def propose(self, request):
        data = inputs.parsed(AssignmentInput, request)
        feedback_issues_propose(actor=request.user, assignment_id=data["assignment"])
        issues = self.get_queryset().filter(assignment_id=data["assignment"]).order_by("number")
        return Response(self.get_serializer(issues, many=True).data)

    @extend_schema(
        summary="底稿不予反馈（涉及未办结线索）",
        request=LeaveOutInput,
        responses={204: None, **ERROR_RESPONSES},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="leave-out",
        pagination_class=None,
        filter_backends=[],
    )
    def leave_out(self, request):
        data = inputs.parsed(LeaveOutInput, request)
        feedback_issue_leave_out(
            actor=request.user, problem_id=data["problem"], reason=data["reason"]
        )
        return Response(status=204)
