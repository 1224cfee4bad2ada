"""The documents' screens: the office's template page, and the actions of a subject's
documents panel (generate, download, upload an edited version).

The panel itself is shown by the subject's page (``includes/documents.html`` with
``inspection.documents.selectors.documents_panel``); its forms post here and come back to
the page they were sent from (``next``, kept on this site).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from inspection.documents.downloads import document_download, document_response
from inspection.documents.rendering import DOCX_CONTENT_TYPE
from inspection.documents.selectors import template_rows
from inspection.documents.services import (
    document_generate,
    document_template_reset,
    document_template_upload,
    document_upload_version,
    known_kind,
    template_content,
)
from inspection.errors import ApplicationError, NotFoundError, PermissionDeniedError
from inspection.forms import DocumentFileForm
from inspection.permissions import is_office
from inspection.web import screen


def _back(request, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _run(request, action, success: str, fallback: str = "/"):
    """Run a panel's action; its refusal is shown as a message on the page it came from."""
    try:
        action()
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from error
    except NotFoundError as error:
        raise Http404(error.message) from error
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(_back(request, fallback))


@require_POST
@screen()
def document_generate_view(request, kind: str, pk: int):
    return _run(
        request,
        lambda: document_generate(actor=request.user, kind=kind, subject_id=pk),
        _("文书已生成。"),
    )


@require_POST
@screen()
def document_upload_view(request, pk: int):
    form = DocumentFileForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_back(request))
    return _run(
        request,
        lambda: document_upload_version(
            actor=request.user,
            document_id=pk,
            file=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
        ),
        _("修改稿已上传为新版本。"),
    )


@require_safe
@screen()
def document_file(request, pk: int):
    try:
        download = document_download(user=request.user, pk=pk, request=request)
    except NotFoundError as error:
        raise Http404(error.message) from error
    return document_response(download)


# ----------------------------------------------------------------- the office's templates


@screen(is_office)
def document_templates(request):
    return render(
        request,
        "inspection/document_templates.html",
        {"title": _("文书模板"), "rows": template_rows(request.user), "form": DocumentFileForm()},
    )


@require_safe
@screen(is_office)
def document_template_file(request, kind: str):
    try:
        found = known_kind(kind)
    except NotFoundError as error:
        raise Http404(error.message) from error
    response = HttpResponse(template_content(found), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{found.name}模板.docx")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@screen(is_office)
def document_template_upload_view(request, kind: str):
    form = DocumentFileForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("inspection:document_templates")
    return _run(
        request,
        lambda: document_template_upload(
            actor=request.user, kind=kind, file=form.cleaned_data["file"]
        ),
        _("模板已通过检查并启用。"),
        reverse("inspection:document_templates"),
    )


@require_POST
@screen(is_office)
def document_template_reset_view(request, kind: str):
    return _run(
        request,
        lambda: document_template_reset(actor=request.user, kind=kind),
        _("已恢复默认模板。"),
        reverse("inspection:document_templates"),
    )
