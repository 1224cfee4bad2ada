"""Admin console: the shared admin plumbing, and users, towns, terms and recusal declarations.

The Village admin (with its import page) lives in ``inspection/admin_village.py``.

One write path (issue #14): a workflow record (anything a service creates or moves:
rounds, teams and their members, assignments, on-site records, problems, clues and
their persons concerned, evidence, the ledger and everything under it, recusal
declarations, tokens, notifications, the access log) is read here, never added, changed
or deleted: ``WorkflowRecordAdmin`` / ``WorkflowHistoryAdmin``. The services check who
may do what, in which state, and write the history; a form here would check none of it.
Reference data (towns, villages with their import, terms, the supervision-item catalogue,
accounts) stays editable, by the permissions of each role's group (inspection/roles.py).

Every read here that shows confidential names (``logged_reads``) writes the access log:
change lists (with their search and filters), change pages, history pages and versions,
and autocomplete answers (inspection/admin_site.py).

Villages (up to ~50,000) are shown with ``raw_id_fields``; no page renders a huge dropdown.
"""

from pathlib import Path

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from inspection.attachments import evidence_url
from inspection.audit import access_log_list, access_log_record
from inspection.models import (
    AccessLog,
    ApiToken,
    RecusalDeclaration,
    Term,
    Town,
    User,
)
from inspection.permissions import scoped_models, visible


def titled_filter(title):
    """A field filter under a title of our own, e.g. "轮次状态" rather than the bare "状态"."""

    class TitledFieldListFilter(admin.FieldListFilter):
        def __new__(cls, *args, **kwargs):
            list_filter = admin.FieldListFilter.create(*args, **kwargs)
            list_filter.title = title
            return list_filter

    return TitledFieldListFilter


def file_link(obj, field: str = "file"):
    """The record's file as a link to its permission-checked, logged download (MEDIA_URL
    is served by nothing)."""
    stored = getattr(obj, field)
    if not stored:
        return "-"
    name = getattr(obj, "original_name", "") or Path(stored.name).name
    return format_html('<a href="{}">{}</a>', evidence_url(obj), name)


class ScopedAdminMixin:
    """Lists and pages start from ``visible(model, user)``, like the screens and the API.

    ``logged_reads``: a model whose rows show confidential names (interviewees, petition
    reporters, persons concerned), so every list, page and history of it shown here
    writes an access-log row; a list's row carries its search and filters.
    """

    logged_reads = False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # A superuser administers the console itself, whatever role the account has.
        if self.model in scoped_models() and not request.user.is_superuser:
            queryset = queryset.filter(pk__in=visible(self.model, request.user).values("pk"))
        return queryset

    def log_read(self, request, response, object_id, detail: str) -> None:
        if self.logged_reads and request.method == "GET" and response.status_code == 200:
            access_log_record(
                user=request.user,
                action=AccessLog.Action.VIEW,
                object_type=self.model._meta.label_lower,
                object_id=unquote(object_id),
                detail=detail,
                request=request,
            )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        if self.logged_reads and response.status_code == 200 and "cl" in context:
            access_log_list(
                user=request.user,
                model=self.model,
                shown=len(context["cl"].result_list),
                where="管理后台列表",
                request=request,
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        self.log_read(request, response, object_id, "管理后台")
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        self.log_read(request, response, object_id, "管理后台历史")
        return response


class ScopedAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Reference data: scoped, and edited by the permissions of the user's group."""


class WorkflowRecordMixin:
    """A record that only services create and move: viewable, never written here.

    Applies to every account, superusers included, and to the inlines
    (``ReadOnlyInline``); no bulk action either (Django's only one deletes).
    """

    actions = None

    def get_readonly_fields(self, request, obj=None):
        # Every field: the change page reads so by itself for a user who may only view,
        # but simple_history's version page builds its form from this list.
        if self.fieldsets:
            names = flatten_fieldsets(self.fieldsets)
        else:
            opts = self.model._meta
            excluded = set(self.exclude or ())
            names = [
                field.name
                for field in (*opts.concrete_fields, *opts.many_to_many)
                if not field.primary_key and field.name not in excluded
            ]
        return (*super().get_readonly_fields(request, obj), *names)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WorkflowRecordAdmin(WorkflowRecordMixin, ScopedAdminMixin, admin.ModelAdmin):
    pass


class WorkflowHistoryAdmin(WorkflowRecordMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    """A workflow record with its browsable change history, never reverted.

    Reverting saves an old version whole, status included, which would move a workflow
    object past its workflow; so the history can be read, not restored.
    """

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        response = super().history_form_view(request, object_id, version_id, extra_context)
        self.log_read(request, response, object_id, f"管理后台历史版本 {version_id}")
        return response


class ReadOnlyInline(admin.TabularInline):
    """Rows of a workflow record shown on its page, written only by the services."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        # Listed, so that fields the model does not let a form edit can be shown.
        return (*super().get_readonly_fields(request, obj), *(self.fields or ()))

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EvidenceInline(ReadOnlyInline):
    """Evidence files of a record, each linked to its logged download."""

    fields = ("download", "description", "uploaded_by", "uploaded_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    @admin.display(description=_("文件"))
    def download(self, obj):
        return file_link(obj)


class EvidenceAdmin(WorkflowRecordAdmin):
    """Base of the stand-alone evidence admins; subclasses add the parent record's field."""

    exclude = ("file",)
    readonly_fields = ("download",)
    search_fields = ("original_name", "description")
    date_hierarchy = "uploaded_at"

    @admin.display(description=_("文件"))
    def download(self, obj):
        return file_link(obj)


class RecusalDeclarationInline(ReadOnlyInline):
    """A person's declarations, shown on the account: declared through recusal_declare
    (the screens and the API), which checks the person and the place."""

    model = RecusalDeclaration
    fields = ("kind", "town", "village", "relative_name", "relative_post", "note", "declared_on")

    def get_queryset(self, request):
        # Each row shows its __str__, which names the user.
        return super().get_queryset(request).select_related("user", "town", "village")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("个人信息"), {"fields": ("full_name", "phone", "organisation", "email")}),
        (
            _("角色与范围"),
            {
                "fields": ("role", "receiving_body", "town", "village"),
                "description": _(
                    "纪委监委联络员须指定受理机关；整改联络员须指定所属乡镇或村(社区)。"
                ),
            },
        ),
        (
            _("权限"),
            {
                "classes": ("collapse",),
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
            },
        ),
        (_("重要日期"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (_("个人信息"), {"fields": ("full_name", "phone", "organisation", "email")}),
        (_("角色与范围"), {"fields": ("role", "receiving_body", "town", "village")}),
    )
    list_display = (
        "username",
        "full_name",
        "role",
        "organisation",
        "town",
        "village",
        "is_active",
        "is_staff",
    )
    list_filter = ("role", "receiving_body", "is_active", "is_staff", "is_superuser", "town")
    list_select_related = ("town", "village")
    search_fields = ("username", "full_name", "phone", "organisation", "email")
    ordering = ("username",)
    autocomplete_fields = ("town",)
    raw_id_fields = ("village",)
    inlines = (RecusalDeclarationInline,)

    def get_inlines(self, request, obj):
        # Declarations belong to an existing account; the add form stays short.
        return self.inlines if obj else ()


@admin.register(Town)
class TownAdmin(ScopedAdmin):
    list_display = ("name", "code", "kind", "village_count")
    list_filter = ("kind",)
    search_fields = ("name", "code")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(village_count=Count("villages"))

    @admin.display(description=_("村(社区)数"), ordering="village_count")
    def village_count(self, obj):
        return obj.village_count


@admin.register(Term)
class TermAdmin(ScopedAdmin):
    list_display = ("name", "starts_on", "ends_on", "is_current", "round_count")
    list_filter = ("is_current",)
    search_fields = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(round_count=Count("rounds"))

    @admin.display(description=_("巡察轮次数"), ordering="round_count")
    def round_count(self, obj):
        return obj.round_count


@admin.register(RecusalDeclaration)
class RecusalDeclarationAdmin(WorkflowRecordMixin, admin.ModelAdmin):
    """Workflow, not reference data: recusal_declare checks who declares for whom and
    where, and a declaration edited or deleted here would silently lift the recusal check
    of team_member_add and assignment_create."""

    list_display = (
        "user",
        "kind",
        "town",
        "village",
        "relative_name",
        "relation",
        "relative_post",
        "declared_on",
    )
    list_filter = ("kind", "town")
    list_select_related = ("user", "town", "village")
    search_fields = (
        "user__full_name",
        "user__username",
        "village__name",
        "relative_name",
        "note",
    )
    date_hierarchy = "declared_on"


@admin.register(AccessLog)
class AccessLogAdmin(WorkflowRecordMixin, admin.ModelAdmin):
    """The access log is written by the product, never by hand: read-only here. Its
    ``query`` column holds what was searched for, names included: the office, which may
    read the names, is the only reader."""

    list_display = (
        "at",
        "user",
        "api_token",
        "action",
        "object_type",
        "object_id",
        "detail",
        "query",
        "ip_address",
        "watermark",
    )
    list_filter = ("action", "object_type")
    # A leaked copy's 副本号 (or its whole mark) finds the download that handed it out.
    search_fields = (
        "user__username",
        "user__full_name",
        "object_id",
        "detail",
        "query",
        "ip_address",
        "watermark",
    )
    date_hierarchy = "at"
    list_select_related = ("user", "api_token")


@admin.register(ApiToken)
class ApiTokenAdmin(WorkflowRecordAdmin):
    """Read-only: tokens are issued and revoked through the API, by the rule of
    ``api_token_issue`` (the key is shown once, there; the digest is shown nowhere)."""

    list_display = ("name", "prefix", "user", "issued_by", "issued_at", "expires_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("user", "issued_by")
    search_fields = ("name", "prefix", "user__username")
    exclude = ("digest",)


# The Village admin, with its import page and template download, lives in its own module;
# so do the (read-only) admins of notifications and their deliveries.
from inspection import (  # noqa: E402, F401
    admin_documents,
    admin_notifications,
    admin_profile,
    admin_village,
)
