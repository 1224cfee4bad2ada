"""The ledger import page (台账导入): upload, see every row error or what would be
written, confirm. The village import's steps (inspection.views.village_import): the
checked file is kept under MEDIA_ROOT/imports/ with a random name only this session
knows; confirming runs the service (all or nothing, validating again) and removes it.
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
from inspection.views.village_import import ERRORS_SHOWN, XLSX_TYPE
from inspection.village_import import VillageImportError
from inspection.web import screen
from rectification.ledger_import import (
    COLUMNS,
    ledger_import,
    ledger_import_preview,
    template_xlsx,
)

SESSION_KEY = "ledger_import"
KEPT_FOR = datetime.timedelta(days=1)
PREVIEW_SHOWN = 200


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _path(pending: dict) -> Path:
    return _folder() / f"ledger-{pending['token']}{pending['suffix']}"


def _sweep() -> None:
    oldest = time.time() - KEPT_FOR.total_seconds()
    for path in _folder().glob("ledger-*") if _folder().is_dir() else ():
        try:
            if path.stat().st_mtime < oldest:
                path.unlink()
        except OSError:
            pass


def _keep(request, upload) -> dict:
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


def _page(request, form, **context):
    context = {"form": form, "columns": COLUMNS, "row_errors": [], **context}
    errors = context["row_errors"]
    context["errors_shown"] = errors[:ERRORS_SHOWN]
    context["errors_hidden"] = max(len(errors) - ERRORS_SHOWN, 0)
    return render(request, "rectification/ledger_import.html", context)


def _form(*args):
    form = VillageImportUploadForm(*args)
    form.fields["file"].label = _("台账文件")
    form.fields["file"].error_messages["required"] = _("请选择要导入的台账文件。")
    return form


@screen(is_office)
def ledger_import_page(request):
    """GET: the upload form. POST: check the file and show its errors or its preview."""
    if request.method != "POST":
        return _page(request, _form())
    form = _form(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form)
    upload = form.cleaned_data["file"]
    try:
        preview = ledger_import_preview(file_obj=upload, filename=upload.name, actor=request.user)
    except VillageImportError as error:
        _discard(request)
        return _page(request, form, refused=error.message, row_errors=error.row_errors)
    pending = _keep(request, upload) if preview.rows else None
    return _page(
        request,
        _form(),
        preview=preview,
        preview_rows=preview.rows[:PREVIEW_SHOWN],
        preview_hidden=max(len(preview.rows) - PREVIEW_SHOWN, 0),
        pending=pending,
    )


@require_POST
@screen(is_office)
def ledger_import_confirm(request):
    """Import the file checked in step one: all rows or none."""
    pending = _pending(request)
    if pending is None:
        messages.error(request, _("待导入的文件已失效（已导入、已取消或超过一天），请重新上传。"))
        return redirect("rectification:ledger_import")
    try:
        with _path(pending).open("rb") as source:
            result = ledger_import(
                file_obj=source, filename=pending["filename"], actor=request.user
            )
    except VillageImportError as error:
        _discard(request)
        return _page(request, _form(), refused=error.message, row_errors=error.row_errors)
    _discard(request)
    messages.success(request, result.summary())
    return redirect("rectification:item_list")


@require_POST
@screen(is_office)
def ledger_import_cancel(request):
    _discard(request)
    messages.info(request, _("已取消导入，未写入任何数据。"))
    return redirect("rectification:ledger_import")


@screen(is_office)
def ledger_import_template(request):
    return HttpResponse(
        template_xlsx(),
        content_type=XLSX_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, "整改台账导入模板.xlsx")},
    )
