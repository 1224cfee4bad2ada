"""Admin console: feedback, the rectification ledger, verification, alerts and follow-up."""

from django.contrib import admin
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from inspection.admin import (
    WORKFLOW_FIELDS_NOTE,
    ConsoleAdmin,
    ConsoleHistoryAdmin,
    CurrentUserInitialMixin,
    EvidenceAdmin,
    EvidenceInline,
    ScopedAdmin,
)
from rectification.models import (
    Accountability,
    Alert,
    Evaluation,
    Feedback,
    Milestone,
    ProgressEvidence,
    ProgressUpdate,
    RectificationItem,
    Verification,
    VerificationEvidence,
)
from rectification.selectors import overdue_condition
from rounds.admin import ASSIGNMENT_RELATED

FEEDBACK_ASSIGNMENT_RELATED = tuple(f"feedback__{path}" for path in ASSIGNMENT_RELATED)


class ReadOnlyItemInline(admin.TabularInline):
    """The ledger items a feedback produced; they are edited on their own pages."""

    model = RectificationItem
    fields = ("problem", "responsible_unit", "responsible_person", "mode", "deadline", "status")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("problem")


@admin.register(Feedback)
class FeedbackAdmin(ConsoleHistoryAdmin):
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
    autocomplete_fields = ("assignment", "given_by")
    current_user_initial = ("given_by",)
    inlines = (ReadOnlyItemInline,)

    def get_queryset(self, request):
        # __str__ names the assignment, also in autocomplete answers; the changelist
        # keeps this select_related and ignores list_select_related, so it lists all joins.
        return (
            super()
            .get_queryset(request)
            .select_related(*ASSIGNMENT_RELATED, "given_by")
            .annotate(item_count=Count("items"))
        )

    @admin.display(description=_("台账条目数"), ordering="item_count")
    def item_count(self, obj):
        return obj.item_count


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


class MilestoneInline(admin.TabularInline):
    model = Milestone
    fields = ("title", "due_on", "completed_on")
    extra = 0


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    fields = ("text", "percent", "author", "created_at")
    readonly_fields = ("author",)
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class VerificationInline(CurrentUserInitialMixin, admin.TabularInline):
    model = Verification
    fields = ("method", "result", "satisfaction", "note", "verifier", "verified_at")
    autocomplete_fields = ("verifier",)
    current_user_initial = ("verifier",)
    show_change_link = True
    extra = 0


@admin.register(RectificationItem)
class RectificationItemAdmin(ConsoleHistoryAdmin):
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
        "problem__category",
        "feedback__assignment__round",
        "feedback__assignment__town",
        "feedback__assignment__village__attention_class",
    )
    list_select_related = ("problem", *FEEDBACK_ASSIGNMENT_RELATED)
    search_fields = (
        "responsible_unit",
        "responsible_person",
        "supervising_leader",
        "measures",
        "problem__facts",
        "feedback__assignment__village__name",
    )
    date_hierarchy = "deadline"
    autocomplete_fields = ("problem", "feedback", "responsible_user")
    readonly_fields = (
        "status",
        "submitted_at",
        "submitted_by",
        "closed_at",
        "return_reason",
        "reopened_by_round",
        "reopened_at",
        "reopen_reason",
        "created_at",
    )
    history_list_display = ("status",)
    fieldsets = (
        (None, {"fields": ("problem", "feedback", "mode", "measures", "target", "deadline")}),
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
                "description": WORKFLOW_FIELDS_NOTE,
            },
        ),
    )
    inlines = (MilestoneInline, ProgressUpdateInline, VerificationInline)

    @admin.display(description=_("巡察对象"))
    def assignment(self, obj):
        return obj.feedback.assignment

    @admin.display(description=_("逾期"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue()


@admin.register(Milestone)
class MilestoneAdmin(ScopedAdmin):
    list_display = ("title", "item", "due_on", "completed_on")
    list_select_related = ("item",)
    search_fields = ("title", "item__responsible_unit")
    date_hierarchy = "due_on"
    autocomplete_fields = ("item",)


class ProgressEvidenceInline(EvidenceInline):
    model = ProgressEvidence


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ConsoleAdmin):
    list_display = ("item", "percent", "text_excerpt", "author", "created_at")
    list_select_related = ("item", "author")
    search_fields = ("text", "item__responsible_unit", "item__responsible_person")
    date_hierarchy = "created_at"
    autocomplete_fields = ("item",)
    readonly_fields = ("author",)
    inlines = (ProgressEvidenceInline,)

    @admin.display(description=_("进展情况"))
    def text_excerpt(self, obj):
        return Truncator(obj.text).chars(40)


@admin.register(ProgressEvidence)
class ProgressEvidenceAdmin(EvidenceAdmin):
    list_display = ("__str__", "update", "description", "uploaded_by", "uploaded_at")
    list_select_related = ("update", "uploaded_by")
    autocomplete_fields = ("update",)


class VerificationEvidenceInline(EvidenceInline):
    model = VerificationEvidence


@admin.register(Verification)
class VerificationAdmin(ConsoleAdmin):
    list_display = ("item", "method", "result", "satisfaction", "verifier", "verified_at")
    list_filter = ("method", "result")
    list_select_related = ("item", "verifier")
    search_fields = ("note", "item__responsible_unit")
    date_hierarchy = "verified_at"
    autocomplete_fields = ("item", "verifier")
    current_user_initial = ("verifier",)
    inlines = (VerificationEvidenceInline,)


@admin.register(VerificationEvidence)
class VerificationEvidenceAdmin(EvidenceAdmin):
    list_display = ("__str__", "verification", "description", "uploaded_by", "uploaded_at")
    list_select_related = ("verification", "uploaded_by")
    autocomplete_fields = ("verification",)


@admin.register(Alert)
class AlertAdmin(ScopedAdmin):
    list_display = ("stage", "subject", "due_on", "created_at")
    list_filter = ("stage",)
    list_select_related = ("item", "clue")
    search_fields = ("item__responsible_unit", "item__responsible_person")
    date_hierarchy = "created_at"
    autocomplete_fields = ("item", "clue")

    @admin.display(description=_("预警对象"))
    def subject(self, obj):
        return obj.item or obj.clue


@admin.register(Accountability)
class AccountabilityAdmin(ConsoleHistoryAdmin):
    list_display = ("person_name", "person_post", "measure", "assignment", "item", "decided_on")
    list_filter = ("measure", "assignment__round", "assignment__town")
    list_select_related = (*ASSIGNMENT_RELATED, "item")
    search_fields = ("person_name", "person_post", "reason", "assignment__village__name")
    date_hierarchy = "decided_on"
    autocomplete_fields = ("assignment", "item")
    readonly_fields = ("recorded_by",)


@admin.register(Evaluation)
class EvaluationAdmin(ConsoleHistoryAdmin):
    list_display = ("assignment", "batch", "evaluated_on", "evaluator")
    list_filter = ("batch", "assignment__round", "assignment__town")
    list_select_related = (*ASSIGNMENT_RELATED, "evaluator")
    search_fields = ("assignment__village__name", "note")
    date_hierarchy = "evaluated_on"
    autocomplete_fields = ("assignment", "evaluator")
    current_user_initial = ("evaluator",)
