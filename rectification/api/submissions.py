"""API of the unit's 整改方案 and reports (``UnitSubmission``): read, scoped as their
feedback; POST to the list uploads a version (multipart; the office's is 代录); the town's
first review and the office's review are actions, each through its service."""

from django_filters import CharFilter
from rest_framework import serializers
from rest_framework.decorators import action

from inspection.api.evidence import EvidenceDownloadField
from inspection.api.fields import ChoiceField, IdField
from inspection.api.parsers import JSONParser, MultiPartParser
from inspection.api.schema import workflow_action_schema
from inspection.filtersets import BooleanFilter, FilterSet, by
from rectification.api import inputs
from rectification.api.serializers import PLACE_FIELDS, display, label, with_places
from rectification.api.views import JsonScopedViewSet, creation_schema, places
from rectification.choices import FeedbackDocument, ReviewDecision
from rectification.models import UnitSubmission
from rectification.services.submissions import (
    submission_office_review,
    submission_town_review,
    submission_upload,
)


class UnitSubmissionSerializer(with_places("feedback.assignment")):
    """One version of a unit's 整改方案, 整改情况报告 or 主要负责人组织落实整改情况报告."""

    file = EvidenceDownloadField(help_text="文件的下载地址")
    kind_display = display("kind")
    status_display = display("status")
    uploaded_by_name = label("uploaded_by.full_name")
    town_reviewed_by_name = label("town_reviewed_by.full_name", allow_null=True)
    reviewed_by_name = label("reviewed_by.full_name", allow_null=True)

    class Meta:
        model = UnitSubmission
        fields = (
            "id",
            "feedback",
            *PLACE_FIELDS,
            "kind",
            "kind_display",
            "version",
            "file",
            "original_name",
            "by_proxy",
            "status",
            "status_display",
            "note",
            "uploaded_by",
            "uploaded_by_name",
            "uploaded_at",
            "town_reviewed_by",
            "town_reviewed_by_name",
            "town_reviewed_at",
            "town_opinion",
            "reviewed_by",
            "reviewed_by_name",
            "reviewed_at",
            "return_reason",
        )


class UnitSubmissionFilterSet(FilterSet):
    feedback = by("feedback", "巡察反馈")
    kind = CharFilter(field_name="kind", label="报送事项（plan / report / head）")
    status = CharFilter(field_name="status", label="状态")
    by_proxy = BooleanFilter(field_name="by_proxy", label="代录")

    class Meta:
        model = UnitSubmission
        fields = ("feedback", "kind", "status", "by_proxy")


class SubmissionUploadInput(inputs.NoteInput):
    feedback = IdField(help_text="巡察反馈的ID")
    kind = ChoiceField(choices=FeedbackDocument.choices, help_text="报送事项")
    file = serializers.FileField(max_length=100, allow_empty_file=True, help_text="文件")


class SubmissionReviewInput(inputs.NoteInput):
    decision = ChoiceField(choices=ReviewDecision.choices, help_text="通过或退回")
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="意见；退回时必填（退回理由）"
    )


class UnitSubmissionViewSet(JsonScopedViewSet):
    """整改方案和报告, every version (a returned one stays); 代录 ones say ``by_proxy``."""

    queryset = UnitSubmission.objects.select_related(
        *places("feedback__assignment"), "uploaded_by", "town_reviewed_by", "reviewed_by"
    )
    serializer_class = UnitSubmissionSerializer
    filterset_class = UnitSubmissionFilterSet
    search_fields = ("original_name", "feedback__assignment__village__name")
    ordering_fields = ("id", "uploaded_at", "version")
    # The upload (POST to the list) carries a file; the reviews are JSON.
    parser_classes = [MultiPartParser]

    @creation_schema(
        request=SubmissionUploadInput,
        response=UnitSubmissionSerializer,
        summary="报送整改方案和报告",
    )
    def create(self, request):
        data = inputs.parsed(SubmissionUploadInput, request)
        submission = submission_upload(
            actor=request.user,
            feedback_id=data["feedback"],
            kind=data["kind"],
            file=data["file"],
            note=data["note"],
        )
        return self.answer(submission, status=201)

    @workflow_action_schema(
        request=SubmissionReviewInput, response=UnitSubmissionSerializer, summary="乡镇初审"
    )
    @action(detail=True, methods=["post"], url_path="town-review", parser_classes=[JSONParser])
    def town_review(self, request, pk=None):
        data = inputs.parsed(SubmissionReviewInput, request)
        submission = submission_town_review(actor=request.user, submission_id=pk, **data)
        return self.answer(submission)

    @workflow_action_schema(
        request=SubmissionReviewInput, response=UnitSubmissionSerializer, summary="巡察办审核"
    )
    @action(detail=True, methods=["post"], url_path="office-review", parser_classes=[JSONParser])
    def office_review(self, request, pk=None):
        data = inputs.parsed(SubmissionReviewInput, request)
        submission = submission_office_review(actor=request.user, submission_id=pk, **data)
        return self.answer(submission)
