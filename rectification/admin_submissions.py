"""Admin console: the units' 整改方案 and reports, every version (read here, written only
through rectification.services.submissions); 代录 ones are marked."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from inspection.admin import WorkflowHistoryAdmin, file_link
from rectification.models import UnitSubmission

FEEDBACK_PLACE = (
    "feedback__assignment__round",
    "feedback__assignment__town",
    "feedback__assignment__village",
)


@admin.register(UnitSubmission)
class UnitSubmissionAdmin(WorkflowHistoryAdmin):
    list_display = (
        "feedback",
        "kind",
        "version",
        "status",
        "by_proxy",
        "uploaded_by",
        "uploaded_at",
    )
    list_filter = ("kind", "status", "by_proxy", "feedback__assignment__town")
    list_select_related = (*FEEDBACK_PLACE, "uploaded_by")
    search_fields = ("original_name", "feedback__assignment__village__name")
    exclude = ("file",)
    readonly_fields = ("file_download",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*FEEDBACK_PLACE, "uploaded_by")

    @admin.display(description=_("文件"))
    def file_download(self, obj):
        return file_link(obj, "file")
