"""Admin console: problems found and problem clues (both confidential), with their evidence;
and the county's taxonomy (四个聚焦 → 方面 → 类), the one thing here that is edited.

All are workflow records: read here, written only through the services (problem_record,
clue_propose … clue_conclude), which check the actor, the state and the scope and write
the history. Clues, their persons concerned and their evidence show names: every read
of them here is access-logged (``logged_reads``).
"""

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from findings.models import (
    Clue,
    ClueEvidence,
    ClueSubject,
    DepartmentMatter,
    InspectionReport,
    Problem,
    ProblemAspect,
    ProblemBasis,
    ProblemClass,
    ProblemEvidence,
    ProblemFocus,
    ReportDecision,
    ThematicReport,
    TransferLetter,
)
from inspection.admin import (
    EvidenceAdmin,
    EvidenceInline,
    ReadOnlyInline,
    ScopedAdmin,
    WorkflowHistoryAdmin,
    WorkflowRecordAdmin,
    titled_filter,
)
from rounds.admin import ASSIGNMENT_RELATED


@admin.register(ProblemBasis)
class ProblemBasisAdmin(ScopedAdmin):
    """定性依据: the county's list of rules, reference data the office edits."""

    list_display = ("title", "article", "is_active")
    list_filter = ("is_active",)
    search_fields = ("title", "article", "text")


class ProblemEvidenceInline(EvidenceInline):
    model = ProblemEvidence


# The taxonomy is county data: edited here, never deleted once used (PROTECT): an entry
# no longer wanted is switched off (``is_active``) and keeps the problems filed under it.
@admin.register(ProblemFocus)
class ProblemFocusAdmin(ScopedAdmin):
    list_display = ("name", "code", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name", "code")


@admin.register(ProblemAspect)
class ProblemAspectAdmin(ScopedAdmin):
    list_display = ("name", "focus", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("focus", "is_active")
    list_select_related = ("focus",)
    search_fields = ("name",)


@admin.register(ProblemClass)
class ProblemClassAdmin(ScopedAdmin):
    list_display = ("name", "aspect", "focus", "code", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("aspect__focus", "aspect", "is_active")
    list_select_related = ("aspect__focus",)
    search_fields = ("name", "code", "aspect__name")

    @admin.display(description=_("聚焦"), ordering="aspect__focus__order")
    def focus(self, obj):
        return obj.aspect.focus


@admin.register(Problem)
class ProblemAdmin(WorkflowHistoryAdmin):
    list_display = (
        "number",
        "facts_excerpt",
        "problem_class",
        "nature",
        "assignment",
        "team",
        "severity",
        "amount",
        "is_common",
        "fix_immediately",
        "status",
        "created_at",
    )
    list_filter = (
        "status",
        "problem_class__aspect__focus",
        "problem_class__aspect",
        "nature",
        "severity",
        "source",
        "is_common",
        "fix_immediately",
        "assignment__round",
        "assignment__town",
        "assignment__village__attention_class",
    )
    list_select_related = (*ASSIGNMENT_RELATED, "assignment__team", "problem_class")
    search_fields = (
        "number",
        "title",
        "facts",
        "assignment__village__name",
        "supervision_item__code",
    )
    date_hierarchy = "created_at"
    history_list_display = ("status",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "number",
                    "title",
                    "assignment",
                    "problem_class",
                    "supervision_item",
                    "facts",
                )
            },
        ),
        (_("来源"), {"fields": ("source", "interviews", "activities", "petitions")}),
        (
            _("时间、地点和责任主体"),
            {
                "fields": (
                    "occurred_period",
                    "occurred_place",
                    "responsible_post",
                    "responsible_name",
                )
            },
        ),
        (
            _("定性"),
            {
                "fields": (
                    "nature",
                    "basis",
                    "basis_text",
                    "amount",
                    "severity",
                    "is_common",
                    "fix_immediately",
                )
            },
        ),
        (
            _("签署"),
            {
                "fields": (
                    "status",
                    "submitted_by",
                    "submitted_at",
                    "reviewed_by",
                    "reviewed_at",
                    "confirmed_by",
                    "confirmed_at",
                    "return_reason",
                ),
            },
        ),
        (_("录入"), {"fields": ("recorded_by", "created_at")}),
    )
    inlines = (ProblemEvidenceInline,)

    @admin.display(description=_("问题描述"))
    def facts_excerpt(self, obj):
        return Truncator(obj.facts).chars(40)

    @admin.display(description=_("巡察组"), ordering="assignment__team__number")
    def team(self, obj):
        return obj.assignment.team


@admin.register(ProblemEvidence)
class ProblemEvidenceAdmin(EvidenceAdmin):
    list_display = ("__str__", "problem", "description", "uploaded_by", "uploaded_at")
    list_select_related = ("problem__problem_class", "uploaded_by")


class ClueSubjectInline(ReadOnlyInline):
    model = ClueSubject
    fields = (
        "name",
        "post",
        "unit",
        "note",
        "case_filed",
        "party_sanction",
        "government_sanction",
        "sanction_unsplit",
        "organisational",
        "admonition",
        "to_judiciary",
    )


class ClueEvidenceInline(EvidenceInline):
    model = ClueEvidence


@admin.register(Clue)
class ClueAdmin(WorkflowHistoryAdmin):
    logged_reads = True  # the persons concerned
    list_display = (
        "__str__",
        "round",
        "assignment_target",
        "subject_names",
        "status",
        "amount",
        "receiving_body",
        "letter_number",
        "transferred_on",
        "result_due_on",
        "outcome",
    )
    list_filter = (
        "status",
        "receiving_body",
        "transferred_on_site",
        "disposition_method",
        "outcome",
        "round",
        "assignment__town",
    )
    list_select_related = ("round", "assignment__town", "assignment__village")
    search_fields = (
        "summary",
        "letter_number",
        "receiving_unit",
        "subjects__name",
        "assignment__village__name",
    )
    date_hierarchy = "proposed_at"
    history_list_display = ("status",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "round",
                    "assignment",
                    "summary",
                    "amount",
                    "problems",
                    "petitions",
                    "proposed_by",
                    "proposed_at",
                )
            },
        ),
        (
            _("审核与签批"),
            {
                "fields": (
                    "status",
                    "approved_by",
                    "approved_at",
                    "review_opinion",
                    "decline_reason",
                    "signed_off_on",
                    "signed_off_by",
                    "sign_off_form",
                    "sign_off_opinion",
                    "sign_off_recorded_by",
                ),
            },
        ),
        (
            _("移交"),
            {
                "fields": (
                    "receiving_body",
                    "receiving_unit",
                    "letter",
                    "letter_number",
                    "transferred_on",
                    "transferred_on_site",
                    "result_due_on",
                )
            },
        ),
        (
            _("接收与处置"),
            {"fields": ("received_by", "received_at", "disposition_method", "disposed_on")},
        ),
        (
            _("办结"),
            {
                "fields": (
                    "concluded_on",
                    "outcome",
                    "persons_case_filed",
                    "persons_sanctioned",
                    "persons_admonished",
                    "persons_to_judiciary",
                    "funds_recovered",
                    "outcome_note",
                )
            },
        ),
    )
    inlines = (ClueSubjectInline, ClueEvidenceInline)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("subjects")

    @admin.display(description=_("巡察对象"))
    def assignment_target(self, obj):
        return obj.assignment.target_name if obj.assignment_id else None

    @admin.display(description=_("被反映人"))
    def subject_names(self, obj):
        return Truncator("、".join(s.name for s in obj.subjects.all())).chars(30)


@admin.register(ClueSubject)
class ClueSubjectAdmin(WorkflowRecordAdmin):
    logged_reads = True  # the person concerned
    list_display = ("name", "post", "unit", "clue", "clue_status")
    list_filter = ("post", ("clue__status", titled_filter(_("线索状态"))))
    list_select_related = ("clue",)
    search_fields = ("name", "unit", "note")

    @admin.display(description=_("线索状态"), ordering="clue__status")
    def clue_status(self, obj):
        return obj.clue.get_status_display()


@admin.register(ClueEvidence)
class ClueEvidenceAdmin(EvidenceAdmin):
    logged_reads = True  # a clue's material
    list_display = ("__str__", "clue", "description", "uploaded_by", "uploaded_at")
    list_select_related = ("clue", "uploaded_by")


# ------------------------------------------------------------------ 巡察报告 (issue 18)
# Read here; drafted and decided only through findings.services.reports. The minutes are
# downloaded on the report's page (a logged download), not linked from here.


class ReportDecisionInline(ReadOnlyInline):
    model = ReportDecision
    fields = ("stage", "held_on", "outcome", "opinion", "signed_by", "recorded_by", "recorded_at")


@admin.register(InspectionReport)
class InspectionReportAdmin(WorkflowHistoryAdmin):
    list_display = ("assignment", "created_by", "created_at")
    list_select_related = (*ASSIGNMENT_RELATED, "created_by")
    search_fields = ("assignment__village__name", "assignment__town__name")
    fields = ("assignment", "created_by", "created_at")
    inlines = (ReportDecisionInline,)


@admin.register(ReportDecision)
class ReportDecisionAdmin(WorkflowHistoryAdmin):
    list_display = ("report", "stage", "held_on", "outcome", "signed_by", "recorded_by")
    list_filter = ("stage", "outcome")
    list_select_related = (
        *(f"report__{related}" for related in ASSIGNMENT_RELATED),
        "signed_by",
        "recorded_by",
    )
    exclude = ("minutes",)


# 交办事项 and 专题报告 / 巡察建议书: written only through findings.services.matters.
@admin.register(DepartmentMatter)
class DepartmentMatterAdmin(WorkflowHistoryAdmin):
    list_display = ("id", "department", "round", "handed_on", "reply_due_on", "status")
    list_filter = ("status",)
    search_fields = ("department", "summary", "letter_number")
    list_select_related = ("round",)
    raw_id_fields = ("problems",)


@admin.register(ThematicReport)
class ThematicReportAdmin(WorkflowHistoryAdmin):
    list_display = ("id", "kind", "title", "round", "issued_on", "reply_due_on", "replied_on")
    list_filter = ("kind",)
    search_fields = ("title", "addressee", "body")
    list_select_related = ("round",)
    raw_id_fields = ("problems",)


@admin.register(TransferLetter)
class TransferLetterAdmin(WorkflowHistoryAdmin):
    list_display = ("number", "sent_on", "body", "unit", "created_by")
    list_filter = ("body",)
    list_select_related = ("created_by",)
    search_fields = ("number", "unit")
    date_hierarchy = "sent_on"
