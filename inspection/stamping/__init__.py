"""The reader's copy of a file (docs/DOMAIN.md, "Confidentiality"): every document and
workbook a user downloads carries, in its page header, its 密级, the reader and the time
(``inspection.watermark.reader_mark``) and the copy's number:

    密级：秘密　　阅读人：张三（zhangsan） 2026-12-07 14:05　　副本号：7KQ2MXDA

The stored file is shared; each download is a new copy, stamped as it is handed out, and
its access-log row keeps that exact text (``AccessLog.watermark``), so a leaked copy names
who downloaded it, and which download it was. A .docx is stamped in every section's
header (``docx``), a .xlsx in every sheet's page header (``xlsx``); the document's own
header and footer (the GB/T 9704 page numbers, the workbook's 密级 and 第 X 页) stay.
"""

import secrets
import tempfile

from inspection.watermark import reader_mark

# No 0/O, 1/I/L: a copy number read off a photographed page is read right.
COPY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
COPY_LENGTH = 8
# A copy held in memory up to this size, beyond it in a temporary file.
SPOOL = 8 * 1024 * 1024


class StampProblem(Exception):
    """The file cannot be stamped (not a readable .docx or .xlsx)."""


def copy_number() -> str:
    """A fresh copy number: eight characters, some 8×10¹¹ of them."""
    return "".join(secrets.choice(COPY_ALPHABET) for _ in range(COPY_LENGTH))


def file_mark(*, user, classification: str, moment=None, copy: str | None = None) -> str:
    """The line a reader's copy carries: its 密级, the reader and the time, its number."""
    number = copy or copy_number()
    return f"密级：{classification}　　阅读人：{reader_mark(user, moment)}　　副本号：{number}"


def stamped_copy(source, *, extension: str, mark: str):
    """A copy of the binary stream ``source`` (a .docx or .xlsx, by ``extension``) with
    ``mark`` in its page headers: an open temporary file at its start (in memory while
    small), for a response to stream and close. ``StampProblem`` if it cannot be read."""
    from inspection.stamping.docx import stamp_docx
    from inspection.stamping.xlsx import stamp_xlsx

    stamp = {".docx": stamp_docx, ".xlsx": stamp_xlsx}[extension.lower()]
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL)  # noqa: SIM115 (the caller closes it)
    try:
        stamp(source, out, mark)
    except Exception as error:  # python-docx, lxml, zipfile: whatever a county's file trips
        out.close()
        if isinstance(error, StampProblem):
            raise
        raise StampProblem(f"{type(error).__name__}: {error}") from error
    out.seek(0)
    return out


def stampable(name: str) -> str | None:
    """The extension of ``name`` if a copy of it is stamped (.docx, .xlsx), else None."""
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return extension if extension in (".docx", ".xlsx") else None


def copy_size(copy) -> int:
    """The size of a copy made by ``stamped_copy`` (left at its start)."""
    size = copy.seek(0, 2)
    copy.seek(0)
    return size
