"""The address of a village's 码上巡 form and its QR code, as the 进驻公告 prints them."""

import io

import segno
from django.conf import settings
from django.urls import reverse


def public_url(code: str) -> str:
    """``INSPECTION_PUBLIC_BASE_URL`` + the form's path (the prefix, the code)."""
    base = settings.INSPECTION_PUBLIC_BASE_URL.rstrip("/")
    return base + reverse("public:intake", kwargs={"code": code})


def qr_png(url: str) -> bytes:
    """A QR code of ``url`` (error correction M, boosted if it fits, 4-module quiet zone),
    as PNG large enough to print sharp at 3–4 cm."""
    out = io.BytesIO()
    segno.make_qr(url, error="m").save(out, kind="png", scale=10, border=4)
    return out.getvalue()
