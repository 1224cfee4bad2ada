"""The standalone copy's screens (docs/DOMAIN.md "Confidentiality": the 单机版), with
``INSPECTION_STANDALONE=True``: a banner naming the team and the package's date on every
page (the context processor), and what needs the office refused with the reason (the
middleware): the public intake, which answers the internet, the exports and figures sent
upward, which are the office's from the imported records, and the import of bundles."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rectification.standalone.state import read_state


def refused_prefixes() -> tuple[str, ...]:
    """The public intake, the reports and exports (screens and API), the office's import
    of bundles."""
    return (
        f"/{settings.INSPECTION_PUBLIC_PREFIX}",
        "/reports/",
        "/api/v1/exports/",
        "/api/v1/statistics-reports/",
        "/standalone/",
    )


def standalone(request) -> dict:
    """Context processor: ``standalone`` (the loaded package's state) on the laptop."""
    if not settings.INSPECTION_STANDALONE:
        return {}
    return {"standalone": read_state() or {"team_name": _("未装入数据包"), "made_at": ""}}


class StandaloneMiddleware:
    """Refuses, on the laptop, the pages that need the office."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.refused = refused_prefixes()

    def __call__(self, request):
        if request.path.startswith(self.refused):
            raise PermissionDenied(
                _("单机版不提供此功能：请回到巡察办的系统办理（单机版的记录导入后再统计、导出）。")
            )
        return self.get_response(request)
