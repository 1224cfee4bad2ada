"""Evidence files of problems (问题佐证材料): photos and documents taken on site.

A team records them on a phone over a weak connection, so each file is held to a size a
phone photo fits in (``EVIDENCE_MAX_BYTES``) and to the kinds an office can open.
The limits are checked here, where the files are saved, and the screens ask the same
function before sending anything, so the message is the same wherever it comes from.
"""

import os
from collections.abc import Iterable

from inspection.workflow import require

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_MAX_FILES = 10
IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif"})
DOCUMENT_EXTENSIONS = frozenset(
    {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".txt", ".ofd"}
)
EVIDENCE_EXTENSIONS = IMAGE_EXTENSIONS | DOCUMENT_EXTENSIONS


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def clean_evidence_files(files: Iterable, *, field: str = "evidence") -> list:
    """The uploaded files (Django ``UploadedFile``), each named, not empty, of a known
    kind and at most ``EVIDENCE_MAX_BYTES``; at most ``EVIDENCE_MAX_FILES`` of them."""
    files = [upload for upload in (files or ()) if upload is not None]
    require(
        len(files) <= EVIDENCE_MAX_FILES,
        f"一次最多上传{EVIDENCE_MAX_FILES}个文件，请分批上传。",
        field=field,
    )
    limit = megabytes(EVIDENCE_MAX_BYTES)
    for upload in files:
        name = os.path.basename(getattr(upload, "name", "") or "")
        size = getattr(upload, "size", 0) or 0
        require(bool(name) and size > 0, "佐证材料文件无效或为空，请重新选择。", field=field)
        extension = os.path.splitext(name)[1].lower()
        require(
            extension in EVIDENCE_EXTENSIONS,
            f"「{name}」不是可接受的文件类型，请上传照片（JPG、PNG等）、PDF或Office文档。",
            field=field,
        )
        require(
            size <= EVIDENCE_MAX_BYTES,
            f"「{name}」有{megabytes(size)} MB，超过了每个文件{limit} MB的上限，"
            "请压缩或调低拍照分辨率后重新上传。",
            field=field,
        )
    return files


def save_evidence(model, files: list, *, actor, **parent) -> list:
    """One attachment row of ``model`` per (checked) file, tied to ``parent``."""
    return [
        model.objects.create(
            file=upload,
            original_name=os.path.basename(upload.name)[:255],
            uploaded_by=actor,
            **parent,
        )
        for upload in files
    ]
