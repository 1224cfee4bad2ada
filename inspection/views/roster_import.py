"""The roster import page (导入两委及村务监督委员会名册): upload, and either every error
with its row and column (nothing written) or the import done, all rows at once.

One step, unlike the registry import: the roster replaces only the rosters of the
villages the file names, and "仅校验" shows the counts first for whoever wants them.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from inspection.forms import RosterImportUploadForm
from inspection.permissions import is_office
from inspection.roster_import import COLUMNS, roster_import, roster_template_xlsx
from inspection.views.village_import import ERRORS_SHOWN, XLSX_TYPE
from inspection.village_import import VillageImportError
from inspection.web import screen


def _page(request, form, **context):
    context = {"form": form, "columns": COLUMNS, "row_errors": [], **context}
    errors = context["row_errors"]
    context["errors_shown"] = errors[:ERRORS_SHOWN]
    context["errors_hidden"] = max(len(errors) - ERRORS_SHOWN, 0)
    return render(request, "villages/roster_import.html", context)


@screen(is_office)
def roster_import_page(request):
    if request.method != "POST":
        return _page(request, RosterImportUploadForm())
    form = RosterImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form)
    upload = form.cleaned_data["file"]
    try:
        result = roster_import(
            file_obj=upload,
            filename=upload.name,
            actor=request.user,
            dry_run=form.cleaned_data["dry_run"],
        )
    except VillageImportError as error:
        return _page(request, form, refused=error.message, row_errors=error.row_errors)
    if result.dry_run:
        return _page(request, RosterImportUploadForm(), checked=result.summary())
    messages.success(request, result.summary())
    return redirect("inspection:roster_import")


@screen(is_office)
def roster_import_template(request):
    return HttpResponse(
        roster_template_xlsx(),
        content_type=XLSX_TYPE,
        headers={
            "Content-Disposition": content_disposition_header(
                True, "两委及村务监督委员会名册模板.xlsx"
            )
        },
    )
