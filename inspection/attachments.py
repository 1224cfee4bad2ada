"""Serving evidence files (佐证材料): one permission-checked, logged download for every
uploaded file the product keeps.

Uploads live under ``MEDIA_ROOT``, which nothing serves (``inspection.checks`` refuses a
setup that would): a file is read only through ``evidence_download``, which answers it
when the user may see the record it belongs to, exactly as that record's page and API
do (``visible``), and writes an access-log row for each download. Each app declares its
kinds beside its scopes (``evidence_kind`` in its ``permissions.py``), so this module
names no model of the apps downstream. A confidential kind (clue evidence) also logs
each refused attempt.
"""

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from inspection.api.downloads import content_disposition
from inspection.audit import access_log_refused, access_log_view
from inspection.errors import NotFoundError
from inspection.evidence import safe_name
from inspection.permissions import visible

logger = logging.getLogger(__name__)

# The type a file is served as, from the extension its content was checked against
# (inspection.evidence.KINDS); anything else is served as bytes to save.
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".bmp": "image/bmp",
    ".webp": "image/webp",
    ".heic": "image/heic",
    ".heif": "image/heif",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".ofd": "application/ofd",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".wps": "application/vnd.ms-works",
    ".et": "application/vnd.ms-excel",
    ".dps": "application/vnd.ms-powerpoint",
    ".txt": "text/plain; charset=utf-8",
}
OCTET_STREAM = "application/octet-stream"


@dataclass(frozen=True)
class EvidenceKind:
    """One kind of stored file: its URL slug, model and file field."""

    slug: str
    model: type[models.Model]
    field: str = "file"
    confidential: bool = False
    # The records whose file ``user`` may download, when narrower than ``visible``.
    readable: Callable | None = None


_KINDS: dict[str, EvidenceKind] = {}
_KIND_OF_MODEL: dict[type[models.Model], EvidenceKind] = {}


def evidence_kind(
    slug: str,
    model: type[models.Model],
    *,
    field: str = "file",
    confidential: bool = False,
    readable: Callable | None = None,
) -> None:
    """Declare that ``model``'s ``field`` is served at /evidence/<slug>/<id>/, to the users
    ``visible(model, user)`` answers it for (or ``readable(user)``, a narrower queryset,
    where the file says more than the record shows); declare the scope of ``model``
    beside it."""
    kind = EvidenceKind(
        slug=slug, model=model, field=field, confidential=confidential, readable=readable
    )
    _KINDS[slug] = kind
    _KIND_OF_MODEL[model] = kind


def evidence_kinds() -> dict[str, EvidenceKind]:
    return dict(_KINDS)


def evidence_url(obj, *, api: bool = False) -> str:
    """The download path of ``obj``'s file ("" when it has none or its kind is not served)."""
    kind = _KIND_OF_MODEL.get(type(obj))
    if kind is None or obj.pk is None or not getattr(obj, kind.field):
        return ""
    name = "evidence-download" if api else "inspection:evidence_download"
    return reverse(name, args=[kind.slug, obj.pk])


def download_name(obj, kind: EvidenceKind) -> str:
    """The name the user sees: the original name, else the stored file's own name."""
    stored = getattr(obj, kind.field).name
    return safe_name(getattr(obj, "original_name", "") or os.path.basename(stored)) or "file"


def content_type_of(name: str) -> str:
    return CONTENT_TYPES.get(os.path.splitext(name)[1].lower(), OCTET_STREAM)


@dataclass
class EvidenceDownload:
    kind: EvidenceKind
    obj: models.Model
    stream: object
    name: str
    content_type: str


def evidence_download(*, user, kind: str, pk, request=None) -> EvidenceDownload:
    """The file of record ``pk`` of ``kind``, opened, if ``user`` may see that record;
    each download writes an access-log VIEW row.

    Anything else is ``NotFoundError``, answered alike whether the record exists or not
    (a refused attempt on a confidential kind writes a REFUSED row). A record whose file
    is gone from the disk is "not found" too, with its own message, and logged as an error.
    """
    entry = _KINDS.get(kind)
    if entry is None:
        raise NotFoundError(_("佐证材料不存在或无权访问。"))
    try:
        key = int(pk)
    except (TypeError, ValueError):
        key = None
    obj = None
    if key is not None and 0 < key < 2**63:
        readable = entry.readable(user) if entry.readable else visible(entry.model, user)
        obj = readable.filter(pk=key).first()
    if obj is None or not getattr(obj, entry.field):
        if entry.confidential:
            access_log_refused(
                user=user,
                model=entry.model,
                object_id=str(pk)[:64],
                detail="下载佐证材料",
                request=request,
            )
        raise NotFoundError(_("佐证材料不存在或无权访问。"))
    file = getattr(obj, entry.field)
    try:
        stream = file.open("rb")
    except OSError as error:
        logger.error("%s #%s: file %s is missing", entry.model._meta.label, obj.pk, file.name)
        raise NotFoundError(_("该佐证材料的文件已不存在，请联系巡察办。")) from error
    access_log_view(user=user, obj=obj, detail="下载佐证材料", request=request)
    name = download_name(obj, entry)
    return EvidenceDownload(
        kind=entry, obj=obj, stream=stream, name=name, content_type=content_type_of(file.name)
    )


def evidence_response(download: EvidenceDownload) -> FileResponse:
    """The file as a download: never shown in the page, never sniffed, never cached."""
    response = FileResponse(download.stream, content_type=download.content_type)
    extension = os.path.splitext(download.name)[1]
    if not extension.isascii() or not extension[1:].isalnum():
        extension = ""
    fallback = f"evidence-{download.kind.slug}-{download.obj.pk}{extension}"
    response["Content-Disposition"] = content_disposition(download.name, fallback)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
