"""The demo's evidence files (佐证材料): small photos and one-page PDFs, made here.

The seed uploads them through the services (``item_post_progress``, ``item_verify``),
as a unit or the office would: the product checks their kind on their content, stores
them under MEDIA_ROOT and removes them again if the seed rolls back
(``inspection.files``). They are generated, not shipped: a PNG of a few hundred bytes (a
coloured card with a band, drawn with zlib) and a PDF whose one page states what it
is in ASCII (a hand-written PDF needs no font for Chinese). Each file is named after
its item's place in the ledger (``closed-012``), not a database key, and the same name
gives the same bytes, so the files are the same on every run (only the storage adds a
suffix when a name is already taken, and files the month they were written, as
Django's ``upload_to`` reads the wall clock).
"""

import hashlib
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

WIDTH, HEIGHT = 96, 64


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png_bytes(seed: str) -> bytes:
    """A 96×64 RGB picture: a background colour and a darker band, both from ``seed``."""
    digest = hashlib.sha256(seed.encode()).digest()
    background = bytes(160 + value % 96 for value in digest[:3])
    band = bytes(value // 2 for value in background)
    top = 8 + digest[3] % (HEIGHT - 24)
    rows = []
    for y in range(HEIGHT):
        colour = band if top <= y < top + 12 else background
        rows.append(b"\x00" + colour * WIDTH)
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )


def pdf_bytes(title: str) -> bytes:
    """A valid one-page PDF (A4) showing ``title`` (ASCII) in Helvetica."""
    text = title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def photo(name: str, seed: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.png", png_bytes(seed), content_type="image/png")


def document(name: str, title: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.pdf", pdf_bytes(title), content_type="application/pdf")


def progress_evidence(key: str, *, photos: int = 1) -> list[SimpleUploadedFile]:
    """What a unit uploads with its progress: photos of the work and the written account."""
    files = [photo(f"整改现场照片{n + 1}_{key}", f"{key}:photo:{n}") for n in range(photos)]
    files.append(document(f"整改情况说明_{key}", f"Rectification report - ledger item {key}"))
    return files


def verification_evidence(key: str, method: str) -> list[SimpleUploadedFile]:
    """What the office attaches to its verification, by method."""
    if method == "on_site":
        return [photo(f"现场核验照片_{key}", f"{key}:verify")]
    if method == "public_assessment":
        return [document(f"群众评议测评表_{key}", f"Public assessment sheet - ledger item {key}")]
    return [document(f"核验记录_{key}", f"Verification record - ledger item {key}")]
