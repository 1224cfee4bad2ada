"""Application errors become HTTP answers with the user's message; never a 500.

ApplicationError → 400 (with per-field messages), PermissionDeniedError → 403,
a serializer's ValidationError → 400 in the same shape ({"detail", "errors": {field: […]}}),
NotFoundError → 404, ConflictError → 409. A database integrity error that a check
missed becomes a 409 with a general message rather than a 500.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from inspection.errors import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)

STATUS = {
    PermissionDeniedError: status.HTTP_403_FORBIDDEN,
    NotFoundError: status.HTTP_404_NOT_FOUND,
    ConflictError: status.HTTP_409_CONFLICT,
}


def exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        code = STATUS.get(type(exc), status.HTTP_400_BAD_REQUEST)
        body = {"detail": exc.message}
        if exc.errors:
            body["errors"] = exc.errors
        return Response(body, status=code)
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Response(
            {"detail": "；".join(m for ms in errors.values() for m in ms), "errors": errors},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"__all__": exc.detail}
        return Response(
            {"detail": "提交的数据有误，请按提示修改。", "errors": errors},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, IntegrityError):
        return Response(
            {"detail": "数据与已有记录冲突，请刷新后重试。"}, status=status.HTTP_409_CONFLICT
        )
    return drf_exception_handler(exc, context)
