"""What the village profile page (村情画像, docs/DOMAIN.md "Places") reads: the village's
own profile (party organisation, roster, 三资, projects), its petitions of recent rounds,
the previous round's problems with their ledger status, and the 自画像 and 预画像 of the
current assignment. It reads rectification, so it lives here (rectification ← reports).

Every list is scoped with ``visible()``; the page itself opens only for those who read the
village's profile (``inspection.scopes.profile_villages``). Reporters' names and petition
content come through the confidentiality policy (masked or withheld as the viewer may
read them).

``PROFILE_SECTIONS`` is the hook for further sections (e.g. 函调 replies tagged to the
village): a provider ``(user, village, assignment) -> ProfileSection | None`` registered
with ``@profile_section`` is shown after the built-in sections, in registration order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from inspection.models import (
    RosterEntry,
    Village,
    VillageFinance,
    VillagePartyOrganisation,
    VillageProject,
)
from inspection.permissions import can, visible
from rectification.choices import ItemStatus
from rectification.models import RectificationItem
from rectification.selectors import overdue_condition
from rounds.choices import PORTRAIT_SECTIONS, PortraitKind, RoundStatus
from rounds.models import Assignment, Petition, VillagePortrait
from rounds.portrait_permissions import FILL_ACTIONS
from rounds.selectors import reporter_for, testimony_for
from rounds.services.portraits import OPEN_STATUSES as PORTRAIT_OPEN_STATUSES

PETITIONS_SHOWN = 30
ROUNDS_OF_PETITIONS = 3  # the village's petitions of its last three rounds
PROJECTS_SHOWN = 30
YEARS_SHOWN = 5
# Rounds whose ledger exists: feedback given (反馈) or later.
LEDGER_ROUND_STATUSES = (RoundStatus.FEEDBACK, RoundStatus.RECTIFICATION, RoundStatus.CLOSED)


# ------------------------------------------------------------------------------ the hook


@dataclass(frozen=True)
class ProfileSection:
    """A further section of the profile page: its heading, the template that renders it
    (given ``context`` as ``section``), e.g. ``rectification/includes/profile_letters.html``."""

    title: str
    template: str
    context: dict = field(default_factory=dict)


ProfileSectionProvider = Callable[[object, Village, Assignment | None], ProfileSection | None]
PROFILE_SECTIONS: list[ProfileSectionProvider] = []


def profile_section(provider: ProfileSectionProvider) -> ProfileSectionProvider:
    """Register ``provider`` as a section of the village profile page (see the module)."""
    PROFILE_SECTIONS.append(provider)
    return provider


def extra_sections(user, village, assignment) -> list[ProfileSection]:
    sections = (provider(user, village, assignment) for provider in PROFILE_SECTIONS)
    return [section for section in sections if section is not None]


# ---------------------------------------------------------------------------- the reads


def village_assignments(village) -> list[Assignment]:
    """The village's assignments, latest round first. Which rounds visited a village is not
    confidential (the registry's page lists them); what each recorded is read scoped."""
    return list(
        Assignment.objects.filter(village=village)
        .select_related("round", "team")
        .order_by("-round__term__starts_on", "-round__ordinal", "-id")
    )


def current_assignment(assignments: list[Assignment], chosen: int | None) -> Assignment | None:
    """The assignment ``chosen`` (the page was opened from it), else the latest of a round
    not yet archived whose stay has not ended, else None."""
    if chosen is not None:
        return next((a for a in assignments if a.pk == chosen), None)
    open_statuses = (RoundStatus.PLANNING, RoundStatus.PREPARATION, RoundStatus.ON_SITE)
    return next((a for a in assignments if a.round.status in open_statuses), None)


def previous_assignment(assignments: list[Assignment], current) -> Assignment | None:
    """The latest assignment before ``current`` whose round gave feedback (so has a ledger)."""
    earlier = assignments
    if current is not None:
        earlier = assignments[assignments.index(current) + 1 :]
    return next((a for a in earlier if a.round.status in LEDGER_ROUND_STATUSES), None)


def profile_records(user, village) -> dict:
    """The village's own profile, as ``user`` reads it."""
    roster = list(visible(RosterEntry, user).filter(village=village))
    return {
        "party_organisation": visible(VillagePartyOrganisation, user)
        .filter(village=village)
        .first(),
        "roster_current": [entry for entry in roster if entry.ended_on is None],
        "roster_former": [entry for entry in roster if entry.ended_on is not None],
        "finances": list(visible(VillageFinance, user).filter(village=village)[:YEARS_SHOWN]),
        "projects": list(visible(VillageProject, user).filter(village=village)[:PROJECTS_SHOWN]),
    }


def recent_petitions(user, assignments: list[Assignment]) -> list[dict]:
    """The petitions of the village's last rounds ``user`` may read, reporter and content as
    the confidentiality policy lets them read them."""
    recent = [a.pk for a in assignments[:ROUNDS_OF_PETITIONS]]
    petitions = (
        visible(Petition, user)
        .filter(assignment_id__in=recent)
        .select_related("assignment", "round")
        .order_by("-received_at", "-id")[:PETITIONS_SHOWN]
    )
    return [
        {
            "petition": petition,
            "reporter": reporter_for(user, petition)[0],
            "content": testimony_for(user, petition, "content"),
        }
        for petition in petitions
    ]


def previous_ledger(user, previous: Assignment | None) -> dict:
    """The previous round's ledger of the village: counts by status over all its items
    (figures, which name nobody), and the items themselves as ``user`` may read them."""
    if previous is None:
        return {"assignment": None, "counts": [], "items": [], "total": 0, "overdue": 0}
    items = RectificationItem.objects.filter(problem__assignment=previous)
    figures = items.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=overdue_condition()),
        **{status.value: Count("pk", filter=Q(status=status)) for status in ItemStatus},
    )
    counts = [(s.label, figures[s.value]) for s in ItemStatus if figures[s.value]]
    readable = (
        visible(RectificationItem, user)
        .filter(problem__assignment=previous)
        .select_related("problem__problem_class")
        .order_by("deadline", "id")
    )
    return {
        "assignment": previous,
        "counts": counts,
        "total": figures["total"],
        "overdue": figures["overdue"],
        "items": list(readable),
    }


def portraits(user, assignment: Assignment | None) -> list[dict]:
    """The 自画像 and 预画像 of ``assignment``: each as ``user`` may read it, and whether they
    may fill it (the village's contact, the town)."""
    if assignment is None or assignment.village_id is None:
        return []
    readable = {p.kind: p for p in visible(VillagePortrait, user).filter(assignment=assignment)}
    shown = []
    for kind in PortraitKind:
        portrait = readable.get(kind)
        shown.append(
            {
                "kind": kind,
                "label": kind.label,
                "portrait": portrait,
                "sections": portrait.filled_sections if portrait else [],
                "headings": [str(heading) for _, heading in PORTRAIT_SECTIONS[kind]],
                "may_fill": assignment.round.status in PORTRAIT_OPEN_STATUSES
                and can(user, FILL_ACTIONS[kind], assignment),
            }
        )
    return shown
