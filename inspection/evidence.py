"""Evidence files (佐证材料): the one policy for every upload the product stores.

Problems recorded on site, progress updates and verifications all take photos, PDF and
Office (or WPS) documents, at most ``EVIDENCE_MAX_BYTES`` each (a phone photo fits) and
``EVIDENCE_MAX_FILES`` at a time. The kind is checked on the content, not only the name:
a file's first bytes must be those of the kind its extension claims, so a program renamed
``照片.jpg`` is refused. Names are kept as their last component only. The services check
here, where the files are saved; the screens call the same function for their messages.
"""

import os
from collections.abc import Callable, Iterable

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from inspection.files import written_in_transaction
from inspection.workflow import require

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_MAX_FILES = 10

ZIP = b"PK\x03\x04"  # docx, xlsx, pptx, OpenDocument, OFD, newer WPS
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # doc, xls, ppt, older WPS


def _starts(*signatures: bytes) -> Callable[[bytes], bool]:
    return lambda head: head.startswith(signatures)


def _webp(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _heif(head: bytes) -> bool:
    return head[4:8] == b"ftyp"


def _text(head: bytes) -> bool:
    return b"\x00" not in head


# extension → does the content start like that kind of file?
KINDS: dict[str, Callable[[bytes], bool]] = {
    ".jpg": _starts(b"\xff\xd8\xff"),
    ".jpeg": _starts(b"\xff\xd8\xff"),
    ".png": _starts(b"\x89PNG\r\n\x1a\n"),
    ".gif": _starts(b"GIF87a", b"GIF89a"),
    ".bmp": _starts(b"BM"),
    ".webp": _webp,
    ".heic": _heif,
    ".heif": _heif,
    ".pdf": _starts(b"%PDF-"),
    **dict.fromkeys((".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".ofd"), _starts(ZIP)),
    **dict.fromkeys((".doc", ".xls", ".ppt"), _starts(OLE)),
    **dict.fromkeys((".wps", ".et", ".dps"), _starts(OLE, ZIP)),
    ".txt": _text,
}
EVIDENCE_EXTENSIONS = frozenset(KINDS)
EVIDENCE_ACCEPT = "image/*," + ",".join(sorted(EVIDENCE_EXTENSIONS))


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def safe_name(name: str) -> str:
    """The file's own name: no folders, no control characters, at most 255 characters."""
    name = os.path.basename((name or "").replace("\\", "/"))
    return "".join(ch for ch in name if ch.isprintable())[:255]


def _head(upload, size: int = 1024) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def clean_evidence_files(files: Iterable, *, field: str = "evidence") -> list:
    """The uploaded files (Django ``UploadedFile``), each named, not empty, of a known kind
    whose content matches its name, and at most ``EVIDENCE_MAX_BYTES``; at most
    ``EVIDENCE_MAX_FILES`` of them. Raises ``ApplicationError`` naming the file."""
    files = [upload for upload in (files or ()) if upload is not None]
    require(
        len(files) <= EVIDENCE_MAX_FILES,
        _("一次最多上传%(count)s个文件，请分批上传。") % {"count": EVIDENCE_MAX_FILES},
        field=field,
    )
    for upload in files:
        name = safe_name(getattr(upload, "name", ""))
        size = getattr(upload, "size", 0) or 0
        require(bool(name) and size > 0, _("佐证材料文件无效或为空，请重新选择。"), field=field)
        kind = KINDS.get(os.path.splitext(name)[1].lower())
        require(
            kind is not None,
            _("「%(name)s」不是可接受的文件类型，请上传照片（JPG、PNG等）、PDF或Office文档。")
            % {"name": name},
            field=field,
        )
        require(
            size <= EVIDENCE_MAX_BYTES,
            _(
                "「%(name)s」有%(size)s，超过了每个文件%(limit)s的上限，"
                "请压缩或调低拍照分辨率后重新上传。"
            )
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(EVIDENCE_MAX_BYTES),
            },
            field=field,
        )
        require(
            kind(_head(upload)),
            _("「%(name)s」的内容与文件类型不符（文件可能已损坏或被改了扩展名），请重新选择。")
            % {"name": name},
            field=field,
        )
    return files


def save_evidence(model, files: list, *, actor, **parent) -> list:
    """One attachment row of ``model`` per (checked) file, tied to ``parent``. A file is
    removed again if the action's transaction rolls back (``inspection.files``)."""
    rows = []
    for upload in files:
        name = safe_name(upload.name)
        upload.name = name
        row = model(original_name=name, uploaded_by=actor, **parent)
        # The file is stored, and put on probation, before its row is inserted: an insert
        # that fails (a constraint, the connection) must not leave it on disk unnamed.
        row.file.save(name, upload, save=False)
        written_in_transaction(row.file)
        row.save(force_insert=True)
        rows.append(row)
    return rows
