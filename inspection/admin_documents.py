"""Documents in the admin: read-only. They are generated, uploaded and their templates
managed through the services (the subject's page, the office's template page); a
document's file is read through the same logged download as on the screens."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from inspection.admin import WorkflowHistoryAdmin, WorkflowRecordAdmin
from inspection.documents.models import Document, DocumentCounter, DocumentTemplate


@admin.register(Document)
class DocumentAdmin(WorkflowHistoryAdmin):
    list_display = (
        "kind",
        "number",
        "version",
        "classification",
        "origin",
        "created_by",
        "created_at",
        "download",
    )
    list_filter = ("kind", "classification", "origin", "year")
    search_fields = ("number",)
    list_select_related = ("created_by",)
    date_hierarchy = "created_at"

    @admin.display(description=_("文件"))
    def download(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("inspection:document_file", args=[obj.pk]), _("下载")
        )


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(WorkflowHistoryAdmin):
    list_display = ("kind", "original_name", "uploaded_by", "uploaded_at")
    list_select_related = ("uploaded_by",)


@admin.register(DocumentCounter)
class DocumentCounterAdmin(WorkflowRecordAdmin):
    list_display = ("kind", "year", "last")
    list_filter = ("kind", "year")
