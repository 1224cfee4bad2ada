"""The village registry in the admin, with the registry import and its template."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.http import content_disposition_header

from inspection.admin import ScopedAdmin
from inspection.models import Village
from inspection.village_import import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    VillageImportError,
    template_csv,
    template_xlsx,
    village_import,
)

ERRORS_SHOWN = 1000  # a file wrong in every row would otherwise render a huge page
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class VillageImportForm(forms.Form):
    file = forms.FileField(
        label="名册文件",
        help_text=(
            f"支持 .xlsx 和 .csv（UTF-8 或 GBK 编码），最多{MAX_ROWS}行、"
            f"{MAX_BYTES // (1024 * 1024)} MB。"
        ),
    )
    dry_run = forms.BooleanField(label="仅校验，不写入", required=False)


class VillageAdmin(ScopedAdmin):
    list_display = (
        "code",
        "name",
        "town",
        "kind",
        "attention_class",
        "population",
        "party_members",
        "collective_income",
        "secretary_is_director",
        "is_active",
    )
    list_filter = ("town", "kind", "attention_class", "is_active", "secretary_is_director")
    search_fields = ("name", "code")
    list_select_related = ("town",)
    change_list_template = "admin/inspection/village/change_list.html"

    def has_import_permission(self, request: HttpRequest) -> bool:
        """Importing creates and updates villages, so it needs both permissions."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="{}_{}_import".format(*info),
            ),
            path(
                "import/template/",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = VillageImportForm(request.POST or None, request.FILES or None)
        row_errors, result = [], None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = village_import(
                    file_obj=upload,
                    filename=upload.name,
                    actor=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                )
            except VillageImportError as exc:
                form.add_error(None, exc.message)
                row_errors = exc.row_errors
            else:
                if not result.dry_run:
                    self.message_user(request, result.summary(), messages.SUCCESS)
                    return redirect("admin:inspection_village_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "导入村(社区)名册",
            "form": form,
            "result": result,
            "row_errors": row_errors[:ERRORS_SHOWN],
            "errors_hidden": max(len(row_errors) - ERRORS_SHOWN, 0),
            "columns": COLUMNS,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/inspection/village/import.html", context)

    def import_template_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.GET.get("format") == "csv":
            content, content_type, extension = template_csv(), "text/csv; charset=utf-8", "csv"
        else:
            content, content_type, extension = template_xlsx(), XLSX_TYPE, "xlsx"
        filename = f"村(社区)名册导入模板.{extension}"
        return HttpResponse(
            content,
            content_type=content_type,
            headers={"Content-Disposition": content_disposition_header(True, filename)},
        )


# inspection/admin.py imports this module; tests may import it before the admin is wired.
if not admin.site.is_registered(Village):
    admin.site.register(Village, VillageAdmin)
