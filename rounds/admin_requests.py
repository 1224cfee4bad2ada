"""Admin console: the 函调单位 (county data, edited here by the office) and, read-only, the
函调, their replies and the per-village 个性监督清单 / 谈话提纲 (written only through
rounds.services.requests and rounds.services.briefs)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from inspection.admin import ScopedAdminMixin, WorkflowHistoryAdmin, file_link
from rounds.models import AssignmentBrief, DataRequest, DataRequestReply, RequestBody


@admin.register(RequestBody)
class RequestBodyAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """Reference data: which bodies the office writes to, what it usually asks, how long
    they have to reply; each change kept in the history."""

    list_display = ("name", "kind", "reply_days", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "default_request")


@admin.register(DataRequest)
class DataRequestAdmin(WorkflowHistoryAdmin):
    list_display = ("__str__", "number", "status", "sent_on", "due_on")
    list_filter = ("status", "body", "round")
    list_select_related = ("round", "body")
    search_fields = ("body__name", "asked")
    date_hierarchy = "sent_on"
    history_list_display = ("status",)
    filter_horizontal = ()
    exclude = ("villages",)  # up to a round's hundreds of villages: the screen lists them

    @admin.display(description=_("文号"))
    def number(self, obj):
        return obj.number or "—"


@admin.register(DataRequestReply)
class DataRequestReplyAdmin(WorkflowHistoryAdmin):
    list_display = ("__str__", "request", "received_on", "download")
    list_select_related = ("request__round", "request__body")
    search_fields = ("summary", "request__body__name")
    date_hierarchy = "received_on"
    exclude = ("villages",)
    # The replies may hold 信访 and 线索 material: each read here is logged.
    logged_reads = True

    @admin.display(description=_("回复文件"))
    def download(self, obj):
        return file_link(obj)


@admin.register(AssignmentBrief)
class AssignmentBriefAdmin(WorkflowHistoryAdmin):
    list_display = ("__str__", "kind", "updated_by", "drafted_at")
    list_filter = ("kind", "assignment__round")
    list_select_related = (
        "assignment__round",
        "assignment__town",
        "assignment__village",
        "updated_by",
    )
    search_fields = ("assignment__village__name",)
