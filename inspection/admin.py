"""Admin console: the shared admin plumbing, and users, towns, terms and recusal declarations.

The Village admin (with its import page) lives in ``inspection/admin_village.py``.

Conventions every app's admin follows:

- ``status`` and the fields only workflow actions set are read-only; statuses move only
  through the workflow services.
- "Who entered this" fields (记录人, 登记人, 填报人, 上传人) are filled with the admin user
  and read-only; actor fields (提出人, 核验人, 评估人, 反馈人) default to the admin user.
- Villages (up to ~50,000) are chosen with ``raw_id_fields``; other large foreign keys
  with ``autocomplete_fields``, so no change form renders a huge dropdown.
"""

from pathlib import Path

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from inspection.attachments import evidence_url
from inspection.audit import access_log_view
from inspection.models import (
    AccessLog,
    ApiToken,
    Attachment,
    RecusalDeclaration,
    Term,
    Town,
    User,
)
from inspection.permissions import scoped_models, visible

# Fields naming the person who typed a record in; the admin fills them with request.user.
ENTERED_BY_FIELDS = ("recorded_by", "author", "uploaded_by")

WORKFLOW_FIELDS_NOTE = _("状态及以下字段只能通过工作流操作变更，此处只读。")


def stamp_entered_by(obj, user) -> None:
    """Fill the "who entered this" fields left empty, and an attachment's original name."""
    field_names = {field.name for field in obj._meta.concrete_fields}
    for name in ENTERED_BY_FIELDS:
        if name in field_names and getattr(obj, f"{name}_id") is None:
            setattr(obj, name, user)
    if isinstance(obj, Attachment) and obj.file and not obj.original_name:
        # Before the first save the name is still the uploaded file's own name.
        obj.original_name = Path(obj.file.name).name[:255]


def titled_filter(title):
    """A field filter under a title of our own, e.g. "轮次状态" rather than the bare "状态"."""

    class TitledFieldListFilter(admin.FieldListFilter):
        def __new__(cls, *args, **kwargs):
            list_filter = admin.FieldListFilter.create(*args, **kwargs)
            list_filter.title = title
            return list_filter

    return TitledFieldListFilter


def freeze_choices(field) -> None:
    """Evaluate a select's choices once, instead of once per inline row."""
    field.choices = list(field.choices)


class DownloadLink:
    """What the file widget shows as the current file: its name, and its logged download."""

    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self) -> str:
        return self.name


class EvidenceFileInput(forms.ClearableFileInput):
    """The current file links to the permission-checked download, not to MEDIA_URL
    (which nothing serves)."""

    def format_value(self, value):
        if not self.is_initial(value):
            return None
        instance = getattr(value, "instance", None)
        name = getattr(instance, "original_name", "") or Path(value.name).name
        return DownloadLink(name, evidence_url(instance) if instance is not None else "")


FILE_WIDGETS = {models.FileField: {"widget": EvidenceFileInput}}


class CurrentUserInitialMixin:
    """Actor foreign keys listed in ``current_user_initial`` default to the admin user."""

    current_user_initial: tuple[str, ...] = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.current_user_initial:
            kwargs.setdefault("initial", request.user.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedAdminMixin:
    """Lists and forms start from ``visible(model, user)``, like the screens and the API.

    ``logged_reads``: a model whose every opened record is confidential, so opening one
    writes an access-log row.
    """

    logged_reads = False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # A superuser administers the console itself, whatever role the account has.
        if self.model in scoped_models() and not request.user.is_superuser:
            queryset = queryset.filter(pk__in=visible(self.model, request.user).values("pk"))
        return queryset

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if self.logged_reads and request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, object_id)
            if obj is not None:
                access_log_view(user=request.user, obj=obj, detail="管理后台", request=request)
        return response


class ScopedAdmin(ScopedAdminMixin, admin.ModelAdmin):
    pass


class ConsoleAdminMixin(ScopedAdminMixin, CurrentUserInitialMixin):
    """Stamps the admin user as the one who entered new records and new inline rows."""

    formfield_overrides = FILE_WIDGETS

    def save_model(self, request, obj, form, change):
        stamp_entered_by(obj, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            stamp_entered_by(obj, request.user)
            obj.save()
        formset.save_m2m()


class ConsoleAdmin(ConsoleAdminMixin, admin.ModelAdmin):
    pass


class ConsoleHistoryAdmin(ConsoleAdminMixin, SimpleHistoryAdmin):
    """Browsable change history, without "revert".

    Reverting saves an old version whole, status included, which would move a
    workflow object past its workflow; so the history can be read, not restored.
    """

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class EvidenceInline(admin.TabularInline):
    """Evidence files of a record; ConsoleAdminMixin.save_formset stamps the uploader."""

    fields = ("file", "original_name", "description", "uploaded_by", "uploaded_at")
    readonly_fields = ("uploaded_by", "uploaded_at")
    extra = 0
    formfield_overrides = FILE_WIDGETS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


class EvidenceAdmin(ConsoleAdmin):
    """Base of the stand-alone evidence admins; subclasses add the parent record's field."""

    search_fields = ("original_name", "description")
    readonly_fields = ("uploaded_by", "uploaded_at")
    date_hierarchy = "uploaded_at"


class RecusalDeclarationInline(admin.TabularInline):
    model = RecusalDeclaration
    fields = ("kind", "town", "village", "relative_name", "relative_post", "note", "declared_on")
    readonly_fields = ("declared_on",)
    autocomplete_fields = ("town",)
    raw_id_fields = ("village",)
    extra = 0

    def get_queryset(self, request):
        # Each row shows its __str__, which names the user.
        return super().get_queryset(request).select_related("user")


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
                    "纪委监委联络员须指定受理机关；整改责任人须指定所属乡镇或村(社区)。"
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
class RecusalDeclarationAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "kind",
        "town",
        "village",
        "relative_name",
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
    autocomplete_fields = ("user", "town")
    raw_id_fields = ("village",)
    readonly_fields = ("declared_on",)


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """The access log is written by the product, never by hand: read-only here."""

    list_display = (
        "at",
        "user",
        "api_token",
        "action",
        "object_type",
        "object_id",
        "detail",
        "ip_address",
    )
    list_filter = ("action", "object_type")
    search_fields = ("user__username", "user__full_name", "object_id", "detail", "ip_address")
    date_hierarchy = "at"
    list_select_related = ("user", "api_token")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdmin):
    """Read-only: tokens are issued and revoked through the API, by the rule of
    ``api_token_issue`` (the key is shown once, there; the digest is shown nowhere)."""

    list_display = ("name", "prefix", "user", "issued_by", "issued_at", "expires_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("user", "issued_by")
    search_fields = ("name", "prefix", "user__username")
    exclude = ("digest",)
    readonly_fields = [field.name for field in ApiToken._meta.fields if field.name != "digest"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The Village admin, with its import page and template download, lives in its own module;
# so do the (read-only) admins of notifications and their deliveries.
from inspection import admin_notifications, admin_village  # noqa: E402, F401
