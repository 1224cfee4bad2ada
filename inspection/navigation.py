"""The role-aware navigation bar and the header's unread count.

Each entry names a URL and the roles it is for; an entry whose page a user's role cannot
open is not shown. The entry marked current is the one whose pages the request's view
belongs to: named in an entry's ``views`` (a page under another entry's path, such as an
item's verification under /items/), else the entry of the path's first segment.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from inspection.choices import UserRole
from inspection.permissions import OFFICE_ROLES, READ_ALL_ROLES, role_of

INSPECTOR = frozenset({UserRole.INSPECTOR})
LIAISON = frozenset({UserRole.COMMISSION_LIAISON})
OFFICER = frozenset({UserRole.RECTIFICATION_OFFICER})
STATISTICS = frozenset({UserRole.STATISTICS_CLIENT})
# 乡镇党委 (整改初审) and 纪委监委 / 组织部 (整改监督): the rectification of their reach.
RECTIFICATION_READERS = frozenset({UserRole.TOWN_REVIEWER, UserRole.SUPERVISOR})
SUPERVISOR = frozenset({UserRole.SUPERVISOR})


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    roles: frozenset
    section: str  # the first path segment the entry stands for, to mark it current
    views: tuple[str, ...] = ()  # views of its own outside that segment


ENTRIES = (
    Entry(_("首页"), "reports:dashboard", READ_ALL_ROLES, ""),
    Entry(_("我的巡察"), "findings:team_home", INSPECTOR, "team"),
    Entry(_("线索办理"), "findings:desk", LIAISON, "desk"),
    Entry(_("整改台账"), "rectification:ledger", OFFICER, "ledger"),
    Entry(_("整改监督"), "rectification:supervision_home", SUPERVISOR, "supervision"),
    Entry(_("村(社区)"), "reports:village_list", READ_ALL_ROLES, "villages"),
    Entry(_("巡察轮次"), "rounds:round_list", READ_ALL_ROLES, "rounds"),
    Entry(_("问题"), "findings:problem_list", READ_ALL_ROLES, "problems"),
    Entry(_("问题线索"), "findings:clue_list", READ_ALL_ROLES, "clues"),
    # 交办事项 (a department's liaison replies there; a commission's finds none), and the
    # 专题报告 / 巡察建议书 beside them.
    Entry(
        _("交办事项"),
        "findings:matter_list",
        READ_ALL_ROLES | LIAISON,
        "matters",
        ("findings:thematic_list", "findings:thematic_new", "findings:thematic_detail"),
    ),
    Entry(_("移交函"), "findings:letter_list", READ_ALL_ROLES | LIAISON, "letters"),
    Entry(
        _("整改台账"), "rectification:item_list", READ_ALL_ROLES | RECTIFICATION_READERS, "items"
    ),
    # 整改方案和报告: the unit uploads, the town reviews its villages' first, the office.
    Entry(
        _("整改方案和报告"),
        "rectification:submission_feedback_list",
        READ_ALL_ROLES | OFFICER | RECTIFICATION_READERS,
        "plans",
    ),
    Entry(
        _("整改核验"),
        "rectification:verification_queue",
        OFFICE_ROLES,
        "verification",
        ("rectification:item_verify", "rectification:item_return"),
    ),
    Entry(
        _("乡镇初审"),
        "rectification:town_review_queue",
        frozenset({UserRole.TOWN_REVIEWER}),
        "town-review",
        ("rectification:item_town_review",),
    ),
    # 整改监督: 督办函 / 提示函 (the unit signs for and replies to its own) and 联合督查.
    Entry(
        _("督办函"),
        "rectification:supervision_letter_list",
        READ_ALL_ROLES | RECTIFICATION_READERS | OFFICER,
        "supervision-letters",
        ("rectification:supervision_letter_new",),
    ),
    Entry(
        _("联合督查"),
        "rectification:joint_inspection_list",
        READ_ALL_ROLES | RECTIFICATION_READERS,
        "joint-inspections",
    ),
    Entry(_("统计报表"), "reports:export_list", READ_ALL_ROLES, "reports"),
    Entry(_("文书模板"), "inspection:document_templates", OFFICE_ROLES, "documents"),
    Entry(_("接口使用"), "inspection:api_access", STATISTICS, "api-access"),
)


def current_entry(path: str, view_name: str = "") -> Entry | None:
    """The entry whose pages the view at ``path`` belongs to (whoever reads it)."""
    for entry in ENTRIES:
        if view_name and view_name in entry.views:
            return entry
    section = path.strip("/").split("/", 1)[0]
    return next((entry for entry in ENTRIES if entry.section == section), None)


def entries_for(user, path: str, view_name: str = "") -> list[dict]:
    role = role_of(user)
    current = current_entry(path, view_name)
    section = current.section if current else None
    shown = []
    for entry in ENTRIES:
        if role not in entry.roles:
            continue
        url = reverse(entry.url_name)
        shown.append({"label": entry.label, "url": url, "current": entry.section == section})
    return shown


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def navigation(request):
    """Context processor: ``nav`` (entries), ``unread_count`` and ``is_office``."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from inspection.services.notifications import notifications_unread_count

    return {
        "nav": entries_for(user, request.path, _view_name(request)),
        # Counted only where a template shows it (the admin's pages do not).
        "unread_count": SimpleLazyObject(lambda: notifications_unread_count(user=user)),
        "is_office": role_of(user) in OFFICE_ROLES,
    }


def drafts(request):
    """Context processor: how long the browser keeps a form's unsent draft, and the tokens
    of the forms this session saved, whose drafts it drops (``inspection.web.remember_sent``;
    ``static/js/drafts.js`` reads both from ``<body>``: the CSP allows no inline script)."""
    session = getattr(request, "session", None)
    sent = session.get("drafts_sent", []) if session is not None else []
    return {"draft_ttl_hours": settings.INSPECTION_DRAFT_TTL_HOURS, "drafts_sent": " ".join(sent)}
