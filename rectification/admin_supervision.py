"""Admin console: 联合督查 and 督办函 / 提示函 (read here, written only through
rectification.services.joint_inspections and supervision_letters)."""

from django.contrib import admin

from inspection.admin import ReadOnlyInline, WorkflowHistoryAdmin
from rectification.models import JointInspection, JointInspectionFinding, SupervisionLetter
from rounds.admin import ASSIGNMENT_RELATED


class FindingInline(ReadOnlyInline):
    model = JointInspectionFinding
    fields = ("text", "item")


@admin.register(JointInspection)
class JointInspectionAdmin(WorkflowHistoryAdmin):
    list_display = ("__str__", "inspected_on", "recorded_by")
    list_select_related = ("recorded_by",)
    search_fields = ("summary", "office_members", "commission_members", "organisation_members")
    date_hierarchy = "inspected_on"
    inlines = (FindingInline,)


@admin.register(JointInspectionFinding)
class JointInspectionFindingAdmin(WorkflowHistoryAdmin):
    list_display = ("__str__", "inspection", "item")
    list_select_related = ("inspection", "item")
    search_fields = ("text",)


@admin.register(SupervisionLetter)
class SupervisionLetterAdmin(WorkflowHistoryAdmin):
    list_display = ("__str__", "kind", "assignment", "issued_on", "reply_due_on", "status")
    list_filter = ("kind", "status", "assignment__round", "assignment__town")
    list_select_related = ASSIGNMENT_RELATED
    search_fields = ("assignment__village__name", "requirements", "reply_text")
    date_hierarchy = "issued_on"
    history_list_display = ("status",)
