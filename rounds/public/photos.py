"""Photos sent through 码上巡: accepted only if Pillow decodes them as JPEG, PNG or WebP,
whatever their name says, and stored re-encoded, so that nothing but the pixels is kept
(no EXIF: no GPS position, no phone model, no time taken) and no SVG, HTML or script
disguised as a picture is ever served back."""

import io
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from inspection.evidence import safe_name
from inspection.workflow import require

ACCEPTED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# A decompression bomb (a few kilobytes that decode to gigapixels) is refused.
MAX_PIXELS = 40_000_000
FIELD = "photos"


def _decoded(upload, name: str) -> Image.Image:
    upload.seek(0)
    refused = _("「%(name)s」不是照片，只能上传JPG、PNG或WebP格式的照片。") % {"name": name}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=tuple(ACCEPTED_FORMATS))
            require(image.width * image.height <= MAX_PIXELS, refused, field=FIELD)
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        require(False, refused, field=FIELD)
    return image


def _reencoded(image: Image.Image) -> tuple[bytes, str]:
    """The pixels only, upright, as JPEG (or PNG where the picture has transparency)."""
    source_format = image.format
    image = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if source_format == "PNG" or image.mode in ("RGBA", "LA", "P"):
        image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB").save(
            out, format="PNG", optimize=True
        )
        return out.getvalue(), ".png"
    image.convert("RGB").save(out, format="JPEG", quality=88)
    return out.getvalue(), ".jpg"


def clean_photos(files) -> list[ContentFile]:
    """The uploaded photos, checked (count, size each and together, decoded as an image)
    and re-encoded; each a ``ContentFile`` named as sent, with the extension of what it
    is now. Raises ``ApplicationError`` naming the file refused."""
    files = [upload for upload in (files or ()) if upload is not None]
    require(
        len(files) <= settings.INSPECTION_PUBLIC_MAX_PHOTOS,
        _("一次最多上传%(count)s张照片。") % {"count": settings.INSPECTION_PUBLIC_MAX_PHOTOS},
        field=FIELD,
    )
    total = sum(getattr(upload, "size", 0) or 0 for upload in files)
    require(
        total <= settings.INSPECTION_PUBLIC_PHOTOS_MAX_BYTES,
        _("照片合计%(size)s，超过了%(limit)s的上限，请少选几张或调低拍照分辨率。")
        % {
            "size": filesizeformat(total),
            "limit": filesizeformat(settings.INSPECTION_PUBLIC_PHOTOS_MAX_BYTES),
        },
        field=FIELD,
    )
    cleaned = []
    for number, upload in enumerate(files, start=1):
        name = safe_name(getattr(upload, "name", "")) or _("照片")
        size = getattr(upload, "size", 0) or 0
        require(size > 0, _("「%(name)s」是空文件，请重新选择。") % {"name": name}, field=FIELD)
        require(
            size <= settings.INSPECTION_PUBLIC_PHOTO_MAX_BYTES,
            _("「%(name)s」有%(size)s，超过了每张%(limit)s的上限，请调低拍照分辨率后重新上传。")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.INSPECTION_PUBLIC_PHOTO_MAX_BYTES),
            },
            field=FIELD,
        )
        content, extension = _reencoded(_decoded(upload, name))
        # Stored under a name of its own: a phone's file name may carry a time, a device
        # or a person's name, which an anonymous report must not keep.
        cleaned.append(ContentFile(content, name=f"照片{number}{extension}"))
    return cleaned
