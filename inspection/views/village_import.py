"""The registry import page: upload, see every row error or what would change, confirm.

Step one checks the file with the import's own functions (``village_import_preview``) and
writes nothing. A file that passes is kept under MEDIA_ROOT/imports/ with a random name
that only this user's session knows, so confirming does not mean uploading again; the
confirmation runs the service (``village_import``, all or nothing, validating again
against the registry as it is then) and removes the file. Abandoned files are swept
after a day.
"""

import datetime
import secrets
import time
from pathlib import Path, PurePath

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection.forms import VillageImportUploadForm
from inspection.permissions import is_office
from inspection.village_import import (
    COLUMNS,
    VillageImportError,
    template_csv,
    template_xlsx,
    village_import,
    village_import_preview,
)
from inspection.web import screen

SESSION_KEY = "village_import"
KEPT_FOR = datetime.timedelta(days=1)
PREVIEW_SHOWN = 500  # rows listed in the preview
# Errors listed on the page, the total always stated: a file of 10,000 wrong rows has
# 100,000 errors, a 13 MB page no one reads and that takes seconds to render.
ERRORS_SHOWN = 1000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ----------------------------------------------------------------- the file between steps


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _sweep() -> None:
    """Remove pending files older than ``KEPT_FOR`` (abandoned after the first step)."""
    folder = _folder()
    if not folder.is_dir():
        return
    oldest = time.time() - KEPT_FOR.total_seconds()
    for path in folder.glob("village-*"):
        try:
            if path.stat().st_mtime < oldest:
                path.unlink()
        except OSError:
            pass


def _path(pending: dict) -> Path:
    return _folder() / f"village-{pending['token']}{pending['suffix']}"


def _keep(request, upload) -> dict:
    """Save the checked upload for the confirmation, replacing one kept before."""
    _discard(request)
    _sweep()
    pending = {
        "token": secrets.token_hex(16),
        "suffix": PurePath(upload.name).suffix.lower(),
        "filename": upload.name,
    }
    path = _path(pending)
    path.parent.mkdir(parents=True, exist_ok=True)
    upload.seek(0)
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    request.session[SESSION_KEY] = pending
    return pending


def _pending(request) -> dict | None:
    """The file this session kept, if the form names it and it is still there."""
    pending = request.session.get(SESSION_KEY)
    if not pending or request.POST.get("token") != pending.get("token"):
        return None
    path = _path(pending)
    if not path.is_file() or path.stat().st_mtime < time.time() - KEPT_FOR.total_seconds():
        return None
    return pending


def _discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        _path(pending).unlink(missing_ok=True)


# ----------------------------------------------------------------------------- the pages


def _page(request, form, **context):
    context = {"form": form, "columns": COLUMNS, "row_errors": [], **context}
    errors = context["row_errors"]
    context["errors_shown"] = errors[:ERRORS_SHOWN]
    context["errors_hidden"] = max(len(errors) - ERRORS_SHOWN, 0)
    return render(request, "villages/import.html", context)


@screen(is_office)
def village_import_page(request):
    """GET: the upload form. POST: check the file and show its errors or its preview."""
    if request.method != "POST":
        return _page(request, VillageImportUploadForm())
    form = VillageImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form)
    upload = form.cleaned_data["file"]
    try:
        preview = village_import_preview(file_obj=upload, filename=upload.name)
    except VillageImportError as error:
        _discard(request)  # a file checked before is no longer what the page shows
        return _page(request, form, refused=error.message, row_errors=error.row_errors)
    pending = _keep(request, upload)
    rows = preview.rows
    return _page(
        request,
        VillageImportUploadForm(),
        preview=preview,
        preview_rows=rows[:PREVIEW_SHOWN],
        preview_hidden=max(len(rows) - PREVIEW_SHOWN, 0),
        pending=pending,
    )


@require_POST
@screen(is_office)
def village_import_confirm(request):
    """Run the import of the file checked in step one: all rows or none."""
    pending = _pending(request)
    if pending is None:
        messages.error(request, _("待导入的文件已失效（已导入、已取消或超过一天），请重新上传。"))
        return redirect("inspection:village_import")
    try:
        with _path(pending).open("rb") as source:
            result = village_import(
                file_obj=source, filename=pending["filename"], actor=request.user
            )
    except VillageImportError as error:
        # The registry changed since the check (someone else imported or edited meanwhile).
        _discard(request)
        return _page(
            request, VillageImportUploadForm(), refused=error.message, row_errors=error.row_errors
        )
    _discard(request)
    messages.success(request, result.summary())
    return redirect("reports:village_list")


@require_POST
@screen(is_office)
def village_import_cancel(request):
    _discard(request)
    messages.info(request, _("已取消导入，未写入任何数据。"))
    return redirect("inspection:village_import")


@screen(is_office)
def village_import_template(request):
    """The file to fill in, as the admin offers it: .xlsx (default) or ?format=csv."""
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
