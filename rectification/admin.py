"""Admin console: feedback, the rectification ledger, verification, alerts and follow-up.

All are workflow records: read here, written only through the services (feedback_give,
rectification_item_submit, rectification_item_verify …), which check the actor, the
state and the scope and write the history.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from inspection.admin import (
    EvidenceAdmin,
    EvidenceInline,
    ReadOnlyInline,
    ScopedAdminMixin,
    WorkflowHistoryAdmin,
    WorkflowRecordAdmin,
    file_link,
)
from rectification.models import (
    Alert,
    ArchivePageCount,
    ArchivePieceKind,
    Evaluation,
    Feedback,
    FeedbackBatch,
    ImmediateOrder,
    ImmediateOrderCounter,
    ImportedLedgerRow,
    LedgerImport,
    Milestone,
    ProgressEvidence,
    ProgressUpdate,
    RectificationItem,
    TeamBundleImport,
    Verification,
    VerificationEvidence,
)
from rectification.selectors import overdue_condition
from rounds.admin import ASSIGNMENT_RELATED

FEEDBACK_ASSIGNMENT_RELATED = tuple(f"feedback__{path}" for path in ASSIGNMENT_RELATED)
# An item reaches its assignment through its problem: an item of an on-site order has no
# feedback yet.
ITEM_ASSIGNMENT_RELATED = tuple(f"problem__{path}" for path in ASSIGNMENT_RELATED)


class ItemInline(ReadOnlyInline):
    """The ledger items a feedback produced, each linked to its own page."""

    model = RectificationItem
    fields = ("problem", "responsible_unit", "responsible_person", "mode", "deadline", "status")
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("problem__problem_class")


@admin.register(Feedback)
class FeedbackAdmin(WorkflowHistoryAdmin):
    list_display = (
        "assignment",
        "fed_back_on",
        "plan_due_on",
        "plan_submitted_on",
        "report_due_on",
        "report_submitted_on",
        "given_by",
        "item_count",
    )
    list_filter = ("assignment__round", "assignment__town")
    search_fields = ("assignment__village__name", "assignment__town__name", "letter")
    date_hierarchy = "fed_back_on"
    exclude = ("letter_file",)
    readonly_fields = ("letter_download",)
    inlines = (ItemInline,)

    def get_queryset(self, request):
        # __str__ names the assignment, also in autocomplete answers; the changelist
        # keeps this select_related and ignores list_select_related, so it lists all joins.
        return (
            super()
            .get_queryset(request)
            .select_related(*ASSIGNMENT_RELATED, "given_by")
            .annotate(item_count=Count("items"))
        )

    @admin.display(description=_("反馈意见书"))
    def letter_download(self, obj):
        return file_link(obj, "letter_file")

    @admin.display(description=_("台账条目数"), ordering="item_count")
    def item_count(self, obj):
        return obj.item_count


@admin.register(FeedbackBatch)
class FeedbackBatchAdmin(WorkflowHistoryAdmin):
    """反馈批次 and its 反馈会: given through ``feedback_batch_give`` only."""

    list_display = ("round", "fed_back_on", "place", "chair", "given_by", "feedback_count")
    list_filter = ("round",)
    search_fields = ("place", "chair", "members_present")
    date_hierarchy = "fed_back_on"
    exclude = ("statement_file",)
    readonly_fields = ("statement_download",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("round", "given_by")
            .annotate(feedback_count=Count("feedbacks"))
        )

    @admin.display(description=_("表态发言"))
    def statement_download(self, obj):
        return file_link(obj, "statement_file")

    @admin.display(description=_("反馈对象数"), ordering="feedback_count")
    def feedback_count(self, obj):
        return obj.feedback_count


class OverdueFilter(admin.SimpleListFilter):
    """Overdue is derived, never stored: deadline passed and neither submitted nor closed."""

    title = _("是否逾期")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return (("yes", _("已逾期")), ("no", _("未逾期")))

    def queryset(self, request, queryset):
        overdue = overdue_condition()
        if self.value() == "yes":
            return queryset.filter(overdue)
        if self.value() == "no":
            return queryset.exclude(overdue)
        return queryset


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    fields = ("title", "due_on", "completed_on")


class ProgressUpdateInline(ReadOnlyInline):
    model = ProgressUpdate
    fields = ("text", "percent", "author", "created_at")
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class VerificationInline(ReadOnlyInline):
    model = Verification
    fields = ("method", "result", "satisfaction", "note", "verifier", "verified_at")
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("verifier")


@admin.register(RectificationItem)
class RectificationItemAdmin(WorkflowHistoryAdmin):
    list_display = (
        "__str__",
        "problem",
        "assignment",
        "responsible_person",
        "mode",
        "deadline",
        "status",
        "overdue",
    )
    list_filter = (
        "status",
        OverdueFilter,
        "mode",
        "responsible_unit_kind",
        "problem__problem_class__aspect__focus",
        "problem__nature",
        "problem__assignment__round",
        "problem__assignment__town",
        "problem__assignment__village__attention_class",
    )
    list_select_related = ("problem__problem_class", *ITEM_ASSIGNMENT_RELATED)
    search_fields = (
        "responsible_unit",
        "responsible_person",
        "supervising_leader",
        "measures",
        "problem__facts",
        "problem__assignment__village__name",
    )
    date_hierarchy = "deadline"
    history_list_display = ("status",)
    fieldsets = (
        (
            None,
            {"fields": ("problem", "feedback", "order", "mode", "measures", "target", "deadline")},
        ),
        (
            _("责任"),
            {
                "fields": (
                    "responsible_unit_kind",
                    "responsible_unit",
                    "responsible_person",
                    "responsible_user",
                    "supervising_leader",
                )
            },
        ),
        (
            _("状态"),
            {
                "fields": (
                    "status",
                    "created_at",
                    "submitted_at",
                    "submitted_by",
                    "closed_at",
                    "return_reason",
                    "reopened_by_round",
                    "reopened_at",
                    "reopen_reason",
                ),
            },
        ),
    )
    inlines = (MilestoneInline, ProgressUpdateInline, VerificationInline)

    @admin.display(description=_("巡察对象"))
    def assignment(self, obj):
        return obj.problem.assignment

    @admin.display(description=_("逾期"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue()


@admin.register(ImmediateOrder)
class ImmediateOrderAdmin(WorkflowHistoryAdmin):
    list_display = (
        "__str__",
        "assignment",
        "form",
        "issued_at",
        "due_on",
        "status",
        "signed_for_by_name",
        "signed_for_on",
    )
    list_filter = ("status", "form", "assignment__round", "assignment__town")
    list_select_related = ("team", *ASSIGNMENT_RELATED)
    search_fields = ("assignment__village__name", "signed_for_by_name", "requirements")
    date_hierarchy = "due_on"
    history_list_display = ("status",)
    inlines = (ItemInline,)


@admin.register(ImmediateOrderCounter)
class ImmediateOrderCounterAdmin(WorkflowRecordAdmin):
    list_display = ("team_number", "year", "last")


@admin.register(Milestone)
class MilestoneAdmin(WorkflowRecordAdmin):
    list_display = ("title", "item", "due_on", "completed_on")
    list_select_related = ("item",)
    search_fields = ("title", "item__responsible_unit")
    date_hierarchy = "due_on"


class ProgressEvidenceInline(EvidenceInline):
    model = ProgressEvidence


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(WorkflowRecordAdmin):
    list_display = ("item", "percent", "text_excerpt", "author", "created_at")
    list_select_related = ("item", "author")
    search_fields = ("text", "item__responsible_unit", "item__responsible_person")
    date_hierarchy = "created_at"
    inlines = (ProgressEvidenceInline,)

    @admin.display(description=_("进展情况"))
    def text_excerpt(self, obj):
        return Truncator(obj.text).chars(40)


@admin.register(ProgressEvidence)
class ProgressEvidenceAdmin(EvidenceAdmin):
    list_display = ("__str__", "update", "description", "uploaded_by", "uploaded_at")
    list_select_related = ("update", "uploaded_by")


class VerificationEvidenceInline(EvidenceInline):
    model = VerificationEvidence


@admin.register(Verification)
class VerificationAdmin(WorkflowRecordAdmin):
    list_display = ("item", "method", "result", "satisfaction", "verifier", "verified_at")
    list_filter = ("method", "result")
    list_select_related = ("item", "verifier")
    search_fields = ("note", "item__responsible_unit")
    date_hierarchy = "verified_at"
    inlines = (VerificationEvidenceInline,)


@admin.register(VerificationEvidence)
class VerificationEvidenceAdmin(EvidenceAdmin):
    list_display = ("__str__", "verification", "description", "uploaded_by", "uploaded_at")
    list_select_related = ("verification", "uploaded_by")


@admin.register(Alert)
class AlertAdmin(WorkflowRecordAdmin):
    list_display = ("stage", "subject", "due_on", "created_at")
    list_filter = ("stage",)
    list_select_related = ("item", "clue")
    search_fields = ("item__responsible_unit", "item__responsible_person")
    date_hierarchy = "created_at"

    @admin.display(description=_("预警对象"))
    def subject(self, obj):
        return obj.item or obj.clue


@admin.register(Evaluation)
class EvaluationAdmin(WorkflowHistoryAdmin):
    list_display = ("assignment", "batch", "evaluated_on", "evaluator")
    list_filter = ("batch", "assignment__round", "assignment__town")
    list_select_related = (*ASSIGNMENT_RELATED, "evaluator")
    search_fields = ("assignment__village__name", "note")
    date_hierarchy = "evaluated_on"


# The 反馈问题, 整改方案和报告, 整改监督 and 问责 pages (rectification.admin_issues,
# .admin_submissions, .admin_supervision, .admin_accountability) and the standalone copy's
# packages (.admin_standalone) register with this module.
from rectification import (  # noqa: E402, F401
    admin_accountability,
    admin_issues,
    admin_publicity,
    admin_standalone,
    admin_submissions,
    admin_supervision,
)


# 台账导入 (rectification.ledger_import): each file imported and the items it wrote,
# read-only; written by the import alone.
@admin.register(LedgerImport)
class LedgerImportAdmin(WorkflowRecordAdmin):
    list_display = ("filename", "imported_at", "imported_by", "rows_created", "rows_unchanged")
    list_select_related = ("imported_by",)
    search_fields = ("filename", "checksum")
    date_hierarchy = "imported_at"


@admin.register(ImportedLedgerRow)
class ImportedLedgerRowAdmin(WorkflowRecordAdmin):
    list_display = ("item", "assignment", "number", "row_number", "ledger_import")
    list_filter = ("round",)
    list_select_related = (
        "item",
        "assignment__round",
        "assignment__town",
        "assignment__village",
        "ledger_import",
    )
    search_fields = ("assignment__village__name", "ledger_import__filename")


# 单机版回传包 (rectification.standalone.importing): each bundle imported, what it added and
# the conflicts accepted; read-only, written by the import alone.
@admin.register(TeamBundleImport)
class TeamBundleImportAdmin(WorkflowRecordAdmin):
    list_display = ("package", "filename", "imported_at", "imported_by", "conflicts_accepted")
    list_select_related = ("package__team__round", "imported_by")
    search_fields = ("filename", "digest")
    date_hierarchy = "imported_at"


@admin.register(ArchivePieceKind)
class ArchivePieceKindAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """The county's table of archive pieces (归档范围和保管期限表): each kind's place in the
    volume, category, 保管期限, whether a volume needs it, and where it comes from (one
    line per source). Reference data: the office edits it here; a round's volumes follow
    the table as it is when they are read."""

    list_display = ("order", "name", "source", "category", "retention", "required", "active")
    list_display_links = ("name",)
    list_editable = ("order", "required", "active")
    list_filter = ("category", "retention", "required", "active")
    ordering = ("order", "pk")


@admin.register(ArchivePageCount)
class ArchivePageCountAdmin(WorkflowRecordAdmin):
    """The page counts the archive took (LibreOffice, when a volume was built): read here."""

    list_display = ("key", "pages", "counted_at")
    search_fields = ("key",)
