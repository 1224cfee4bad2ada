"""The access log: each read of confidential material, each export, each refusal.

A list read writes one row for the page shown, with what was asked (``query``: the
search and filter parameters): a search for a name is a read of that name, whether it
found anyone or not.
"""

import re

from inspection.models import AccessLog, token_of

# Parameters that choose a page, not what is read: the screens' and the admin's page
# numbers and the API's cursor.
PAGING_PARAMETERS = frozenset({"page", "p", "cursor"})

# What no text column stores: NUL (PostgreSQL refuses it) and lone UTF-16 surrogates
# (no UTF-8 form). A crafted id carries them; its refused read must still be logged.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` with what a text column cannot hold shown as its code (\\x00, \\ud800)."""
    return _UNSTORABLE.sub(lambda match: ascii(match.group())[1:-1], text)


def _text(value, field: str) -> str:
    """``value`` as the column stores it: storable (a crafted parameter must not turn a
    logged read into a 500), cut to the column's length."""
    limit = AccessLog._meta.get_field(field).max_length
    return storable(str(value or ""))[:limit]


def list_query(request) -> str:
    """The search and filter parameters of a list read, as typed (``search=张三&status=…``),
    without the page or cursor, cut to the column."""
    if request is None:
        return ""
    return _text(
        "&".join(
            f"{key}={value}"
            for key, values in request.GET.lists()
            if key not in PAGING_PARAMETERS
            for value in values
            if value != ""
        ),
        "query",
    )


def client_address(request) -> str | None:
    """The client's address as the web server saw it (REMOTE_ADDR; the proxy sets it)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def access_log_record(
    *,
    user,
    action: str,
    object_type: str,
    object_id="",
    detail: str = "",
    query: str = "",
    request=None,
    watermark: str = "",
) -> AccessLog:
    """Write one access-log row. Anonymous users are logged without a user; a read through
    an API token names the token; a download names the mark stamped into its copy."""
    return AccessLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        api_token=token_of(user),
        action=action,
        object_type=object_type,
        object_id=_text(object_id, "object_id"),  # a path id can be longer than any real one
        detail=_text(detail, "detail"),
        query=_text(query, "query"),
        ip_address=client_address(request),
        watermark=_text(watermark, "watermark"),
    )


def access_log_list(*, user, model, shown: int, where: str, request) -> AccessLog:
    """One row for a list of ``model`` shown (``shown`` rows, on the page ``where``), with
    the search and filter parameters of ``request``. Every list of confidential records
    (screens, API, admin) logs through here."""
    return access_log_record(
        user=user,
        action=AccessLog.Action.VIEW,
        object_type=model._meta.label_lower,
        detail=f"{where}，{shown}条",
        query=list_query(request),
        request=request,
    )


def access_log_view(*, user, obj, detail: str = "", request=None, watermark: str = "") -> AccessLog:
    return access_log_record(
        user=user,
        action=AccessLog.Action.VIEW,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        detail=detail,
        request=request,
        watermark=watermark,
    )


def access_log_export(
    *, user, obj, detail: str = "", request=None, watermark: str = ""
) -> AccessLog:
    """One EXPORT row: ``obj`` (a workbook's job, an archive's round) taken away as a file,
    with the mark stamped into the copy."""
    return access_log_record(
        user=user,
        action=AccessLog.Action.EXPORT,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        detail=detail,
        request=request,
        watermark=watermark,
    )


def access_log_refused(*, user, model, object_id, detail: str = "", request=None) -> AccessLog:
    return access_log_record(
        user=user,
        action=AccessLog.Action.REFUSED,
        object_type=model._meta.label_lower,
        object_id=object_id,
        detail=detail,
        request=request,
    )


def confidential_get(*, model, user, pk, detail: str, request=None, queryset=None):
    """The record ``pk`` of ``model`` if ``user`` may see it, with an access-log VIEW row;
    else ``NotFoundError`` with a REFUSED row — answered alike whether it exists or not."""
    from django.utils.translation import gettext as _

    from inspection.errors import NotFoundError
    from inspection.permissions import visible

    try:
        key = int(pk)
    except (TypeError, ValueError):
        key = None
    rows = queryset if queryset is not None else visible(model, user)
    obj = rows.filter(pk=key).first() if key is not None else None
    if obj is None:
        access_log_refused(user=user, model=model, object_id=pk, detail=detail, request=request)
        raise NotFoundError(
            _("%(record)s不存在或无权访问。") % {"record": model._meta.verbose_name}
        )
    access_log_view(user=user, obj=obj, detail=detail, request=request)
    return obj
