"""码上巡's pages: the form a QR code of the 进驻公告 opens, and the thank-you after it.

No account, no link into the internal site, no script. A visitor learns nothing about
other reports (no count, no list, no number that counts). A refusal is a page in plain
Chinese: an unknown code a 404 that says only that; a closed intake says so and shows no
form; too many reports a 429; too large a body a 413.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inspection.errors import ApplicationError
from rounds.public.forms import PublicReportForm
from rounds.public.limits import client_address, over_limit
from rounds.services.public_intake import (
    intake_closed_reason,
    intake_target,
    petition_receive_public,
)

# What a report's request may weigh: the photos, the text and the form's own bytes.
FORM_OVERHEAD_BYTES = 256 * 1024


def _refusal(request, status: int, title: str, message: str):
    return render(
        request, "public/message.html", {"title": title, "message": message}, status=status
    )


def not_found(request, exception=None):
    return _refusal(
        request, 404, _("页面不存在"), _("您访问的页面不存在，请核对公告上的二维码或网址。")
    )


def bad_request(request, exception=None):
    return _refusal(request, 400, _("无法处理"), _("提交的内容无法识别，请返回重新填写。"))


def forbidden(request, exception=None, reason=""):
    return _refusal(request, 403, _("无法提交"), _("页面已过期，请返回刷新后重新填写提交。"))


def csrf_failure(request, reason=""):
    return forbidden(request)


def server_error(request):
    return _refusal(request, 500, _("暂时无法提交"), _("系统暂时无法处理，请稍后再试。"))


def _context(target, form, closed=""):
    assignment = target.assignment
    return {
        "target": target,
        "notice": target.notice,
        "place": f"{assignment.town.name}{assignment.target_name}",
        "round_title": assignment.round.title,
        "form": form,
        "closed": closed,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def intake(request, code: str):
    target = intake_target(code)
    if target is None:
        return not_found(request)
    closed = intake_closed_reason(target)
    if closed:
        status = 403 if request.method == "POST" else 200
        return render(request, "public/intake.html", _context(target, None, closed), status=status)
    if request.method != "POST":
        return render(request, "public/intake.html", _context(target, PublicReportForm()))
    if over_limit(address=client_address(request), code=code):
        return _refusal(
            request,
            429,
            _("提交过于频繁"),
            _("提交次数过多，请稍后再试。如情况紧急，请拨打公告上的值班电话。"),
        )
    limit = settings.INSPECTION_PUBLIC_PHOTOS_MAX_BYTES + FORM_OVERHEAD_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = limit + 1
    if length > limit:
        return _refusal(
            request,
            413,
            _("提交的内容过大"),
            _("照片合计不能超过%(limit)s，请少选几张或调低拍照分辨率后重新提交。")
            % {"limit": f"{settings.INSPECTION_PUBLIC_PHOTOS_MAX_BYTES // (1024 * 1024)}MB"},
        )
    form = PublicReportForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            petition_receive_public(
                code=code,
                content=data["content"],
                is_anonymous=form.is_anonymous,
                reporter_name=data["reporter_name"],
                reporter_phone=data["reporter_phone"],
                photos=data["photos"],
            )
        except ApplicationError as error:
            for field, messages in error.errors.items():
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)
            if not error.errors:
                form.add_error(None, error.message)
        else:
            return redirect("public:thanks", code=code)
    return render(request, "public/intake.html", _context(target, form), status=400)


@require_http_methods(["GET", "HEAD"])
def thanks(request, code: str):
    target = intake_target(code)
    if target is None:
        return not_found(request)
    return render(request, "public/thanks.html", _context(target, None))
