"""Admin console: the 反馈问题 and where each 底稿 went (read here, written only through
rectification.services.feedback_issues)."""

from django.contrib import admin

from inspection.admin import ReadOnlyInline, WorkflowHistoryAdmin
from rectification.models import FeedbackIssue, FeedbackIssueProblem
from rounds.admin import ASSIGNMENT_RELATED


class PlacementInline(ReadOnlyInline):
    model = FeedbackIssueProblem
    fields = ("problem",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("problem__problem_class")


@admin.register(FeedbackIssue)
class FeedbackIssueAdmin(WorkflowHistoryAdmin):
    list_display = ("number", "title", "assignment", "aspect", "ledger_mode")
    list_filter = ("ledger_mode", "assignment__round", "assignment__town")
    list_select_related = ("aspect", *ASSIGNMENT_RELATED)
    search_fields = ("title", "text", "assignment__village__name")
    inlines = (PlacementInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("aspect", *ASSIGNMENT_RELATED)


@admin.register(FeedbackIssueProblem)
class FeedbackIssueProblemAdmin(WorkflowHistoryAdmin):
    list_display = ("problem", "issue", "left_out_reason")
    list_select_related = ("problem__problem_class", "issue")
    search_fields = ("problem__number", "issue__title", "left_out_reason")
