"""System checks: uploaded evidence is never served as a plain file.

Evidence (and clue evidence is confidential) is read only through the permission-checked,
logged download (``inspection.attachments``). Anything that served MEDIA_ROOT directly
would bypass both: a folder WhiteNoise or collectstatic publishes, or a URL route at
MEDIA_URL. ``manage.py check`` (and so every ``runserver``, ``migrate`` and the CI's
deploy check) refuses such a setup.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.urls import Resolver404, resolve


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def served_folders() -> list[tuple[str, Path]]:
    """The folders whose every file is public: the static root, the static sources, and
    WhiteNoise's root (served at /) when set."""
    folders = []
    if settings.STATIC_ROOT:
        folders.append(("STATIC_ROOT", settings.STATIC_ROOT))
    for entry in settings.STATICFILES_DIRS:
        folder = entry[1] if isinstance(entry, tuple | list) else entry
        folders.append(("STATICFILES_DIRS", folder))
    if getattr(settings, "WHITENOISE_ROOT", None):
        folders.append(("WHITENOISE_ROOT", settings.WHITENOISE_ROOT))
    return [(name, Path(folder).resolve()) for name, folder in folders]


@register(Tags.security)
def check_media_not_served(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    if not settings.MEDIA_ROOT:
        return [
            Error(
                "MEDIA_ROOT is not set: uploaded evidence would land in the working directory.",
                hint="Set DJANGO_MEDIA_ROOT to a folder outside the static files.",
                id="inspection.E101",
            )
        ]
    media = Path(settings.MEDIA_ROOT).resolve()
    for name, folder in served_folders():
        if _inside(media, folder) or _inside(folder, media):
            errors.append(
                Error(
                    f"MEDIA_ROOT ({media}) overlaps {name} ({folder}), whose files are "
                    "served to anyone: uploaded evidence would bypass the permission check.",
                    hint="Keep DJANGO_MEDIA_ROOT outside every static folder (default var/media).",
                    id="inspection.E102",
                )
            )
    media_url = settings.MEDIA_URL or ""
    if media_url.startswith("/") and media_url.strip("/"):
        try:
            match = resolve(f"{media_url.rstrip('/')}/evidence/2026/01/check.pdf")
        except Resolver404:
            match = None
        if match is not None:
            errors.append(
                Error(
                    f"A URL route ({match.view_name or match.func!r}) answers MEDIA_URL "
                    f"({media_url}): uploaded evidence must be read only through "
                    "/evidence/<kind>/<id>/.",
                    hint="Remove the route (e.g. django.conf.urls.static.static(MEDIA_URL, …)).",
                    id="inspection.E103",
                )
            )
    return errors
