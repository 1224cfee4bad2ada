"""Admin console: 整改公开 and the look-back checks (回头看), read here and written only
through rectification.services.publicity and look_back."""

from django.contrib import admin

from inspection.admin import ReadOnlyInline, WorkflowHistoryAdmin, WorkflowRecordAdmin
from rectification.models import LookBackCheck, PublicityExemption, RectificationPublicity
from rounds.admin import ASSIGNMENT_RELATED


class ExemptionInline(ReadOnlyInline):
    model = PublicityExemption
    fields = ("item", "reason", "note")


@admin.register(RectificationPublicity)
class RectificationPublicityAdmin(WorkflowHistoryAdmin):
    list_display = ("__str__", "assignment", "status", "approved_on", "posted_on")
    list_filter = ("status", "assignment__round", "assignment__town")
    list_select_related = ASSIGNMENT_RELATED
    inlines = (ExemptionInline,)
    history_list_display = ("status",)


@admin.register(PublicityExemption)
class PublicityExemptionAdmin(WorkflowRecordAdmin):
    list_display = ("__str__", "publicity", "item", "reason")
    list_select_related = (
        "publicity__assignment__round",
        "publicity__assignment__town",
        "publicity__assignment__village",
        "item",
    )


@admin.register(LookBackCheck)
class LookBackCheckAdmin(WorkflowHistoryAdmin):
    list_display = ("__str__", "assignment", "item", "verdict", "reopened", "checked_at")
    list_filter = ("verdict", "reopened", "assignment__round")
    list_select_related = (*ASSIGNMENT_RELATED, "item", "checked_by")
