"""Views of the project package that belong to no domain app."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.defaults import bad_request as default_bad_request
from django.views.defaults import page_not_found, permission_denied
from django.views.defaults import server_error as default_server_error


def healthz(request):
    """Liveness for the container health check: the process answers and the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def not_found(request, exception=None):
    """404: JSON under /api/ (clients parse it), Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("资源不存在。")}, status=404)
    return page_not_found(request, exception)


def server_error(request):
    """500: JSON under /api/, Django's page elsewhere. Always a bug: it is logged."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("服务器内部错误，已记录。")}, status=500)
    return default_server_error(request)


def forbidden(request, exception=None):
    """403: JSON under /api/, else the page saying the role may not do this."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("无权执行此操作。")}, status=403)
    return permission_denied(request, exception)


def bad_request(request, exception=None):
    """400 that Django answers itself (a body over its limits, a bad host): JSON under
    /api/, in the API's words; Django's page elsewhere."""
    if request.path.startswith("/api/"):
        from inspection.api.errors import suspicious_request_answer

        answer = suspicious_request_answer(exception)
        return JsonResponse(answer.data, status=answer.status_code)
    return default_bad_request(request, exception)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: JSON under /api/; elsewhere the product's page in the user's
    language (templates/403_csrf.html), which also sets a fresh token, so going back and
    sending again works. Django's own page is half in English and speaks to developers."""
    if request.path.startswith("/api/"):
        message = _("安全校验（CSRF）未通过，请刷新页面后重试。")
        return JsonResponse({"detail": message}, status=403)
    context = {"no_cookie": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)
