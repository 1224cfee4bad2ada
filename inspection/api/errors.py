"""Application errors become HTTP answers with the user's message; never a 500.

ApplicationError → 400 (with per-field messages), PermissionDeniedError → 403,
a serializer's ValidationError → 400 in the same shape ({"detail", "errors": {field: […]}}),
NotFoundError → 404, ConflictError → 409, TooManyRequestsError → 429 with Retry-After.
A database integrity error that a check missed becomes a 409 with a general message
rather than a 500. A database that went away mid-request (connection dropped, server
restarting) is a 503 saying the action was not completed: every service is one
transaction, so the database kept none of it. A body over Django's limits is a 413 (too
large) or a 400 (too many fields or files), in JSON, as is every refusal under /api/
(``inspection.views`` answers those Django makes itself).
"""

from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from inspection.api.parsers import too_large_message
from inspection.errors import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    TooManyRequestsError,
)


def labelled(label, value) -> str:
    """``label：value`` with the language's colon ("label: value" in English)."""
    return _("%(label)s：%(value)s") % {"label": label, "value": value}


def flatten(messages, prefix: str = "") -> list[str]:
    """Nested serializer errors (a list item's, a nested field's) as plain messages:
    {"0": {"due_on": ["…"]}} → ["第1项 due_on：…"], so every 400 has one shape."""
    if isinstance(messages, dict):
        flat = []
        for key, value in messages.items():
            label = (
                _("第%(number)s项") % {"number": int(key) + 1} if str(key).isdigit() else str(key)
            )
            flat += flatten(value, f"{prefix}{label} ")
        return flat
    if isinstance(messages, list | tuple):
        flat = []
        for index, value in enumerate(messages):
            if isinstance(value, dict | list):
                item = _("第%(number)s项") % {"number": index + 1}
                flat += flatten(value, f"{prefix}{item} " if isinstance(value, dict) else prefix)
            else:
                flat.append(labelled(prefix.strip(), value) if prefix else str(value))
        return flat
    return [labelled(prefix.strip(), messages) if prefix else str(messages)]


STATUS = {
    PermissionDeniedError: status.HTTP_403_FORBIDDEN,
    NotFoundError: status.HTTP_404_NOT_FOUND,
    ConflictError: status.HTTP_409_CONFLICT,
    TooManyRequestsError: status.HTTP_429_TOO_MANY_REQUESTS,
}


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        code = STATUS.get(type(exc), status.HTTP_400_BAD_REQUEST)
        body = {"detail": exc.message}
        if exc.errors:
            body["errors"] = exc.errors
        retry_after = getattr(exc, "retry_after", None)
        headers = {"Retry-After": str(retry_after)} if retry_after else None
        return Response(body, status=code, headers=headers)
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Response(
            {"detail": "；".join(m for ms in errors.values() for m in ms), "errors": errors},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"__all__": exc.detail}
        errors = {field: flatten(messages) for field, messages in detail.items()}
        return Response(
            {"detail": _("提交的数据有误，请按提示修改。"), "errors": errors},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, IntegrityError):
        return Response(
            {"detail": _("数据与已有记录冲突，请刷新后重试。")}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, OperationalError | InterfaceError):
        return Response(
            {"detail": _("数据库暂时不可用，本次操作未完成，请稍后重试。")},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": "30"},
        )
    if isinstance(exc, SuspiciousOperation):
        return suspicious_request_answer(exc)
    if isinstance(exc, Http404):
        # Django's message names the model, in English ("No Town matches the given
        # query."), unlike a malformed id's: every absent record answers alike.
        return Response({"detail": _("资源不存在。")}, status=status.HTTP_404_NOT_FOUND)
    return drf_exception_handler(exc, context)


def suspicious_request_answer(exc: SuspiciousOperation) -> Response:
    """Django's refusals of a request's body (too large, too many fields or files)."""
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": too_large_message()}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        )
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return Response({"detail": _("提交的字段或文件过多。")}, status=status.HTTP_400_BAD_REQUEST)
    return Response({"detail": _("请求无效。")}, status=status.HTTP_400_BAD_REQUEST)
