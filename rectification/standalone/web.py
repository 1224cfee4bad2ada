"""The standalone copy's screens (docs/DOMAIN.md "Confidentiality": the 单机版), with
``INSPECTION_STANDALONE=True``: a banner naming the team and the package's date on every
page (the context processor), and what needs the office refused with the reason (the
middleware): the public intake, which answers the internet, the exports and figures sent
upward, which are the office's from the imported records, and the import of bundles."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import Resolver404, resolve
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


# Writes the bundle does not carry back: refused on the laptop, whatever the record
# (url name → None), or when the record came in the package (url name → its model: a
# change to a packaged record would stay on the laptop).
NOT_CARRIED = {
    "findings:team_clue_new": None,
    "findings:team_must_check": None,
    "findings:team_paper_edit": "findings.problem",
    "findings:team_paper_return": "findings.problem",
    "findings:team_paper_submit": "findings.problem",
    "findings:team_paper_review": "findings.problem",
    "findings:team_paper_sign": "findings.problem",
    "rectification:order_sign_for": "rectification.immediateorder",
    "rectification:order_item_verify": "rectification.rectificationitem",
}


def _not_carried(request) -> bool:
    if request.method != "POST":
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    if match.view_name not in NOT_CARRIED:
        return False
    label, state = NOT_CARRIED[match.view_name], read_state()
    if label is None or state is None:
        return True
    return not state.made_on_laptop(label, match.kwargs.get("pk"))


class StandaloneMiddleware:
    """Refuses, on the laptop, the pages that need the office, and the changes the bundle
    would not carry back."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.refused = refused_prefixes()

    def __call__(self, request):
        if request.path.startswith(self.refused):
            raise PermissionDenied(
                _("单机版不提供此功能：请回到巡察办的系统办理（单机版的记录导入后再统计、导出）。")
            )
        if _not_carried(request):
            raise PermissionDenied(
                _(
                    "单机版的回传包不带回这项操作（线索、必谈必访勾记，或修改数据包带来的记录）：请回到巡察办的系统办理。"
                )
            )
        return self.get_response(request)
