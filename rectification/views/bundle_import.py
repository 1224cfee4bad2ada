"""The office's page for a team's bundle (单机版回传包, docs/DOMAIN.md "Confidentiality"):
upload, see what it would add and every conflict, confirm; and the bundles imported.

The uploaded file waits under MEDIA_ROOT/imports/ with a random name only this session
knows, until it is confirmed (imported by the same service, checking everything again),
cancelled, or a day old.
"""

import datetime
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection.errors import ApplicationError
from inspection.permissions import is_office
from inspection.web import screen
from rectification.forms.bundle_import import BundleUploadForm
from rectification.models import TeamBundleImport
from rectification.standalone.importing import MAX_BYTES, team_bundle_import

SESSION_KEY = "team_bundle_import"
WAITS = datetime.timedelta(days=1)
PAST_SHOWN = 50


def _waiting(token: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / f"bundle-{token}.bin"


def _forget(request) -> None:
    waiting = request.session.pop(SESSION_KEY, None)
    if waiting:
        _waiting(waiting["token"]).unlink(missing_ok=True)
    folder = Path(settings.MEDIA_ROOT) / "imports"
    for stale in folder.glob("bundle-*.bin") if folder.is_dir() else ():
        if stale.stat().st_mtime < time.time() - WAITS.total_seconds():
            stale.unlink(missing_ok=True)


def _render(request, form, **context):
    past = TeamBundleImport.objects.select_related("package__team", "imported_by")[:PAST_SHOWN]
    return render(
        request, "rectification/bundle_import.html", {"form": form, "past": past, **context}
    )


@screen(is_office)
def bundle_import_page(request):
    """GET: the upload form and the bundles imported. POST: check the file, show its preview."""
    if request.method != "POST":
        return _render(request, BundleUploadForm())
    form = BundleUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, form)
    upload = form.cleaned_data["file"]
    data = upload.read(MAX_BYTES + 1)
    _forget(request)
    try:
        answer = team_bundle_import(
            actor=request.user, data=data, filename=upload.name, dry_run=True
        )
    except ApplicationError as error:
        return _render(request, form, refused=error.message)
    waiting = None
    if answer.earlier is None:
        waiting = {"token": secrets.token_hex(16), "filename": upload.name[:255]}
        _waiting(waiting["token"]).parent.mkdir(parents=True, exist_ok=True)
        _waiting(waiting["token"]).write_bytes(data)
        request.session[SESSION_KEY] = waiting
    return _render(request, BundleUploadForm(), answer=answer, waiting=waiting)


@require_POST
@screen(is_office)
def bundle_import_confirm(request):
    """Import the bundle checked in step one, all or nothing; conflicts only if accepted."""
    waiting = request.session.get(SESSION_KEY)
    path = _waiting(waiting["token"]) if waiting else None
    if not waiting or request.POST.get("token") != waiting["token"] or not path.is_file():
        messages.error(request, _("待导入的回传包已失效（已导入、已取消或超过一天），请重新上传。"))
        return redirect("rectification:bundle_import")
    try:
        answer = team_bundle_import(
            actor=request.user,
            data=path.read_bytes(),
            filename=waiting["filename"],
            accept_conflicts=request.POST.get("accept_conflicts") == "1",
        )
    except ApplicationError as error:
        _forget(request)
        return _render(request, BundleUploadForm(), refused=error.message)
    if answer.saved is None and answer.earlier is None:  # conflicts, not accepted
        messages.error(request, _("回传包有冲突，请勾选确认冲突后再导入；未写入任何数据。"))
        return _render(request, BundleUploadForm(), answer=answer, waiting=waiting)
    _forget(request)
    messages.success(request, answer.summary())
    return redirect("rectification:bundle_import")


@require_POST
@screen(is_office)
def bundle_import_cancel(request):
    _forget(request)
    messages.info(request, _("已取消导入，未写入任何数据。"))
    return redirect("rectification:bundle_import")
