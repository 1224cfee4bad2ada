"""Admin console: supervision items, rounds, teams, assignments and on-site work.

The supervision-item catalogue and the county's modes (巡察方式) are reference data,
edited here. Everything else is a
workflow record, read here and written only through the services (round_create,
team_member_add, assignment_create, interview_record …), which check scope, state,
recusal and the team rules and write the history.
"""

from django.contrib import admin
from django.db.models import Count, Prefetch
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from inspection.admin import (
    EvidenceInline,
    ReadOnlyInline,
    ScopedAdmin,
    WorkflowHistoryAdmin,
    WorkflowRecordAdmin,
    titled_filter,
)
from rounds.choices import TeamRole
from rounds.models import (
    Activity,
    Assignment,
    InspectionMode,
    InspectionRound,
    Interview,
    MustItem,
    MustItemCheck,
    Petition,
    PetitionPhoto,
    SupervisionItem,
    Team,
    TeamMember,
    VillagePortrait,
    WorkPlanDecision,
)

# Joins that an assignment's __str__ and target_name need.
ASSIGNMENT_RELATED = ("assignment__round", "assignment__town", "assignment__village")

ROUND_STATUS_FILTER = ("round__status", titled_filter(_("轮次状态")))


@admin.register(InspectionMode)
class InspectionModeAdmin(ScopedAdmin):
    """The county's modes: names, whether each counts toward coverage (a 回头看 never)."""

    list_display = ("name", "kind", "counts_toward_coverage", "is_active", "order")
    list_filter = ("kind", "counts_toward_coverage", "is_active")
    list_editable = ("counts_toward_coverage", "is_active", "order")
    search_fields = ("name",)

    def has_delete_permission(self, request, obj=None):
        return False  # a mode in use is kept; one no longer used is deactivated


@admin.register(MustItem)
class MustItemAdmin(ScopedAdmin):
    """The county default must-lists. A round's own lists are set on its page
    (round_must_list_set: before 进驻, with history), and at 进驻 the default a round
    follows becomes its own (must_lists_freeze), so editing the default here changes only
    the rounds still being planned."""

    list_display = ("label", "list_kind", "interviewee_category", "order")
    list_filter = ("list_kind",)
    search_fields = ("label",)
    exclude = ("round",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(round__isnull=True)


@admin.register(MustItemCheck)
class MustItemCheckAdmin(WorkflowHistoryAdmin):
    list_display = ("assignment", "item", "done_on", "recorded_by")
    list_select_related = (
        *(f"assignment__{r}" for r in ("round", "town", "village")),
        "item",
        "recorded_by",
    )
    list_filter = ("item__list_kind",)


@admin.register(SupervisionItem)
class SupervisionItemAdmin(ScopedAdmin):
    list_display = ("code", "title", "focus_area", "is_active")
    list_filter = ("focus_area", "is_active")
    search_fields = ("code", "title", "guidance")


class TeamInline(ReadOnlyInline):
    model = Team
    fields = ("number",)
    show_change_link = True


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fields = ("village", "town", "team", "on_site_from", "on_site_until", "is_key")
    show_change_link = True

    def get_queryset(self, request):
        # Each row shows its __str__, which names the round, village and town.
        return super().get_queryset(request).select_related("round", "town", "village", "team")


@admin.register(InspectionRound)
class InspectionRoundAdmin(WorkflowHistoryAdmin):
    list_display = (
        "title",
        "term",
        "ordinal",
        "mode",
        "status",
        "on_site_from",
        "on_site_until",
        "feedback_on",
        "team_count",
        "assignment_count",
    )
    list_filter = ("status", "mode", "term")
    list_select_related = ("term",)
    search_fields = ("title", "theme")
    date_hierarchy = "on_site_from"
    history_list_display = ("status",)
    fieldsets = (
        (None, {"fields": ("term", "ordinal", "title", "mode", "theme", "revisits")}),
        (_("日程"), {"fields": ("mobilised_on", "on_site_from", "on_site_until", "feedback_on")}),
        (_("监督重点"), {"fields": ("supervision_items",)}),
        (_("状态"), {"fields": ("status", "created_at")}),
    )
    inlines = (TeamInline, AssignmentInline)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                team_count=Count("teams", distinct=True),
                assignment_count=Count("assignments", distinct=True),
            )
        )

    @admin.display(description=_("巡察组数"), ordering="team_count")
    def team_count(self, obj):
        return obj.team_count

    @admin.display(description=_("巡察对象数"), ordering="assignment_count")
    def assignment_count(self, obj):
        return obj.assignment_count


class TeamMemberInline(ReadOnlyInline):
    model = TeamMember
    fields = ("user", "role", "post")

    def get_queryset(self, request):
        # Each row shows its __str__, which names the team and the user.
        return super().get_queryset(request).select_related("team", "user")


@admin.register(Team)
class TeamAdmin(WorkflowRecordAdmin):
    list_display = ("team_name", "round", "leader", "member_count", "assignment_count")
    list_filter = (ROUND_STATUS_FILTER, "round")
    list_select_related = ("round",)
    search_fields = ("round__title", "memberships__user__full_name")
    inlines = (TeamMemberInline,)

    def get_queryset(self, request):
        members = TeamMember.objects.select_related("user")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("memberships", queryset=members))
            .annotate(assignment_count=Count("assignments"))
        )

    @admin.display(description=_("巡察组"), ordering="number")
    def team_name(self, obj):
        return obj.name

    @admin.display(description=_("组长"))
    def leader(self, obj):
        leaders = [m.user for m in obj.memberships.all() if m.role == TeamRole.LEADER]
        return leaders[0] if leaders else None

    @admin.display(description=_("人数"))
    def member_count(self, obj):
        return len(obj.memberships.all())

    @admin.display(description=_("巡察对象数"), ordering="assignment_count")
    def assignment_count(self, obj):
        return obj.assignment_count


@admin.register(TeamMember)
class TeamMemberAdmin(WorkflowRecordAdmin):
    list_display = ("user", "team", "team_round", "role", "post")
    list_filter = ("role", "team__round")
    list_select_related = ("team__round", "user")
    search_fields = ("user__full_name", "user__username", "post")

    @admin.display(description=_("巡察轮次"), ordering="team__round")
    def team_round(self, obj):
        return obj.team.round


@admin.register(Assignment)
class AssignmentAdmin(WorkflowHistoryAdmin):
    list_display = (
        "target_name",
        "round",
        "town",
        "team",
        "attention_class",
        "is_key",
        "on_site_from",
        "on_site_until",
        "recusal_overridden",
    )
    list_filter = (ROUND_STATUS_FILTER, "round", "town", "village__attention_class", "is_key")
    search_fields = ("village__name", "village__code", "town__name", "round__title")
    date_hierarchy = "on_site_from"
    fieldsets = (
        (None, {"fields": ("round", "town", "village", "team", "is_key")}),
        (_("驻村时间"), {"fields": ("on_site_from", "on_site_until")}),
        (
            _("回避冲突放行"),
            {
                "fields": ("recusal_override_reason", "recusal_overridden_by"),
            },
        ),
    )

    def get_queryset(self, request):
        # __str__ needs the round, village and town, also in autocomplete answers; the
        # changelist keeps this select_related and ignores list_select_related.
        return super().get_queryset(request).select_related("round", "town", "village", "team")

    @admin.display(description=_("巡察对象"), ordering="village__code")
    def target_name(self, obj):
        return obj.target_name

    @admin.display(description=_("关注类别"), ordering="village__attention_class")
    def attention_class(self, obj):
        return obj.village.get_attention_class_display() if obj.village_id else None

    @admin.display(description=_("回避放行"), boolean=True)
    def recusal_overridden(self, obj):
        return obj.recusal_overridden_by_id is not None


@admin.register(Interview)
class InterviewAdmin(WorkflowRecordAdmin):
    logged_reads = True  # the interviewee's name
    # The interviewee's name is confidential: on the form, not in the list or the search.
    list_display = (
        "held_at",
        "interviewee_category",
        "interviewee_post",
        "assignment",
        "place",
        "recorded_by",
    )
    list_filter = ("interviewee_category", "assignment__round", "assignment__town")
    list_select_related = (*ASSIGNMENT_RELATED, "recorded_by")
    search_fields = ("interviewee_post", "place", "problems_raised", "assignment__village__name")
    date_hierarchy = "held_at"
    fieldsets = (
        (None, {"fields": ("assignment", "held_at", "place", "interviewers")}),
        (
            _("谈话对象"),
            {"fields": ("interviewee_name", "interviewee_category", "interviewee_post")},
        ),
        (_("谈话内容"), {"fields": ("outline", "record", "problems_raised")}),
        (_("录入"), {"fields": ("recorded_by", "created_at")}),
    )


@admin.register(Activity)
class ActivityAdmin(WorkflowRecordAdmin):
    list_display = (
        "held_on",
        "kind",
        "assignment",
        "topic",
        "people_reached",
        "households",
        "questionnaires_distributed",
        "questionnaires_returned",
    )
    list_filter = ("kind", "assignment__round", "assignment__town")
    list_select_related = ASSIGNMENT_RELATED
    search_fields = ("topic", "note", "assignment__village__name")
    date_hierarchy = "held_on"


class PetitionPhotoInline(EvidenceInline):
    model = PetitionPhoto


@admin.register(Petition)
class PetitionAdmin(WorkflowHistoryAdmin):
    inlines = (PetitionPhotoInline,)
    logged_reads = True  # the reporter's name and contact
    # The reporter's identity is confidential: on the form (collapsed), not in the list.
    list_display = (
        "received_at",
        "channel",
        "round",
        "assignment",
        "content_excerpt",
        "is_anonymous",
        "status",
        "disposition",
    )
    list_filter = ("status", "channel", "disposition", "is_anonymous", "round")
    list_select_related = ("round", *ASSIGNMENT_RELATED)
    search_fields = ("content", "referred_to", "disposition_note")
    date_hierarchy = "received_at"
    history_list_display = ("status",)
    fieldsets = (
        (None, {"fields": ("round", "assignment", "channel", "received_at", "content")}),
        (
            _("反映人（保密）"),
            {
                "classes": ("collapse",),
                "fields": ("is_anonymous", "reporter_name", "reporter_contact"),
            },
        ),
        (
            _("处置"),
            {
                "fields": (
                    "status",
                    "disposition",
                    "referred_to",
                    "disposition_note",
                    "disposed_at",
                    "disposed_by",
                ),
            },
        ),
        (_("登记"), {"fields": ("recorded_by",)}),
    )

    @admin.display(description=_("反映内容"))
    def content_excerpt(self, obj):
        return Truncator(obj.content).chars(40)


# The leading group's decisions on a 工作方案: written only through round_plan_decide; the
# minutes are downloaded on the round's 工作方案 page (a logged download), not linked here.
@admin.register(WorkPlanDecision)
class WorkPlanDecisionAdmin(WorkflowHistoryAdmin):
    list_display = ("round", "held_on", "outcome", "signed_by", "recorded_by")
    list_filter = ("outcome",)
    list_select_related = ("round", "signed_by", "recorded_by")
    exclude = ("minutes",)


@admin.register(VillagePortrait)
class VillagePortraitAdmin(WorkflowHistoryAdmin):
    """自画像 and 预画像: written and submitted through rounds.services.portrait_save."""

    list_display = ("assignment", "kind", "status", "written_by", "submitted_at")
    list_filter = ("kind", "status")
    list_select_related = (*ASSIGNMENT_RELATED, "written_by")
    search_fields = ("assignment__village__name",)
    history_list_display = ("status",)


# The 进驻公告 and the 码上巡 photos (rounds.admin_notices) and the 函调 and brief pages
# (rounds.admin_requests) register with this module.
from rounds import admin_notices, admin_requests  # noqa: E402, F401
