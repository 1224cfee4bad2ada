"""Admin console: supervision items, rounds, teams, assignments and on-site work."""

from django import forms
from django.contrib import admin
from django.db.models import Count, Prefetch
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from inspection.admin import (
    WORKFLOW_FIELDS_NOTE,
    ConsoleAdmin,
    ConsoleHistoryAdmin,
    ScopedAdmin,
    freeze_choices,
    titled_filter,
)
from rounds.choices import TeamRole
from rounds.models import (
    Activity,
    Assignment,
    InspectionRound,
    Interview,
    Petition,
    SupervisionItem,
    Team,
    TeamMember,
)

# Joins that an assignment's __str__ and target_name need.
ASSIGNMENT_RELATED = ("assignment__round", "assignment__town", "assignment__village")

ROUND_STATUS_FILTER = ("round__status", titled_filter(_("轮次状态")))


def team_label(team: Team) -> str:
    # Every round has a "第一巡察组": a choice list needs the round to tell them apart.
    return f"{team.round} · {team.name}"


class TeamChoiceMixin:
    """Team dropdowns name the round of each team and load the rounds in one query."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "team":
            kwargs.setdefault("queryset", Team.objects.select_related("round"))
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "team":
            field.label_from_instance = team_label
        return field


@admin.register(SupervisionItem)
class SupervisionItemAdmin(ScopedAdmin):
    list_display = ("code", "title", "focus_area", "is_active")
    list_filter = ("focus_area", "is_active")
    search_fields = ("code", "title", "guidance")


class TeamInline(admin.TabularInline):
    model = Team
    fields = ("number",)
    show_change_link = True
    extra = 0


class AssignmentFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # A town committee is an object at most once a round; that constraint is
        # conditional, which formsets do not check across rows.
        towns = [
            form.cleaned_data["town"]
            for form in self.forms
            if form.cleaned_data.get("town")
            and not form.cleaned_data.get("village")
            and not form.cleaned_data.get("DELETE")
        ]
        if len(towns) != len(set(towns)):
            raise forms.ValidationError(_("同一轮次内乡镇党委只能作为一个巡察对象。"))


class AssignmentInline(admin.TabularInline):
    model = Assignment
    formset = AssignmentFormSet
    fields = ("village", "town", "team", "on_site_from", "on_site_until", "is_key")
    raw_id_fields = ("village",)
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        # Each row shows its __str__, which names the round, village and town.
        return super().get_queryset(request).select_related("round", "town", "village")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        fields = formset.form.base_fields
        if "team" in fields:  # absent when the user may only view
            fields["team"].queryset = Team.objects.filter(round=obj) if obj else Team.objects.none()
        for name in ("team", "town"):
            if name in fields:
                freeze_choices(fields[name])
        return formset


@admin.register(InspectionRound)
class InspectionRoundAdmin(ConsoleHistoryAdmin):
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
    autocomplete_fields = ("revisits", "supervision_items")
    readonly_fields = ("status", "created_at")
    history_list_display = ("status",)
    fieldsets = (
        (None, {"fields": ("term", "ordinal", "title", "mode", "theme", "revisits")}),
        (_("日程"), {"fields": ("mobilised_on", "on_site_from", "on_site_until", "feedback_on")}),
        (_("监督重点"), {"fields": ("supervision_items",)}),
        (_("状态"), {"fields": ("status", "created_at"), "description": WORKFLOW_FIELDS_NOTE}),
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


class TeamMemberFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # The one-leader constraint is conditional, which formsets do not check across rows.
        leaders = [
            form
            for form in self.forms
            if form.cleaned_data.get("role") == TeamRole.LEADER
            and not form.cleaned_data.get("DELETE")
        ]
        if len(leaders) > 1:
            raise forms.ValidationError(_("每个巡察组只能有一名组长。"))


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    formset = TeamMemberFormSet
    fields = ("user", "role", "post")
    autocomplete_fields = ("user",)
    extra = 0

    def get_queryset(self, request):
        # Each row shows its __str__, which names the team and the user.
        return super().get_queryset(request).select_related("team", "user")


@admin.register(Team)
class TeamAdmin(ScopedAdmin):
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
class TeamMemberAdmin(TeamChoiceMixin, admin.ModelAdmin):
    list_display = ("user", "team", "team_round", "role", "post")
    list_filter = ("role", "team__round")
    list_select_related = ("team__round", "user")
    search_fields = ("user__full_name", "user__username", "post")
    autocomplete_fields = ("user",)

    @admin.display(description=_("巡察轮次"), ordering="team__round")
    def team_round(self, obj):
        return obj.team.round


@admin.register(Assignment)
class AssignmentAdmin(TeamChoiceMixin, ConsoleHistoryAdmin):
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
    autocomplete_fields = ("round", "town")
    raw_id_fields = ("village",)
    readonly_fields = ("recusal_override_reason", "recusal_overridden_by")
    fieldsets = (
        (None, {"fields": ("round", "town", "village", "team", "is_key")}),
        (_("驻村时间"), {"fields": ("on_site_from", "on_site_until")}),
        (
            _("回避冲突放行"),
            {
                "fields": ("recusal_override_reason", "recusal_overridden_by"),
                "description": _("放行回避冲突只能通过工作流操作办理，此处只读。"),
            },
        ),
    )

    def get_queryset(self, request):
        # __str__ needs the round, village and town, also in autocomplete answers; the
        # changelist keeps this select_related and ignores list_select_related.
        return super().get_queryset(request).select_related("round", "town", "village", "team")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None and "team" in form.base_fields:
            team_field = form.base_fields["team"]
            team_field.queryset = team_field.queryset.filter(round=obj.round_id)
        return form

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
class InterviewAdmin(ConsoleAdmin):
    logged_reads = True  # confidential: each opened record is access-logged
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
    autocomplete_fields = ("assignment", "interviewers")
    readonly_fields = ("recorded_by", "created_at")
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
class ActivityAdmin(ConsoleAdmin):
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
    autocomplete_fields = ("assignment",)
    readonly_fields = ("recorded_by", "created_at")


@admin.register(Petition)
class PetitionAdmin(ConsoleHistoryAdmin):
    logged_reads = True  # confidential: each opened record is access-logged
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
    autocomplete_fields = ("round", "assignment")
    readonly_fields = (
        "status",
        "disposition",
        "referred_to",
        "disposition_note",
        "disposed_at",
        "disposed_by",
        "recorded_by",
    )
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
                "description": WORKFLOW_FIELDS_NOTE,
            },
        ),
        (_("登记"), {"fields": ("recorded_by",)}),
    )

    @admin.display(description=_("反映内容"))
    def content_excerpt(self, obj):
        return Truncator(obj.content).chars(40)
