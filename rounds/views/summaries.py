"""What the round-planning screens show: counts, teams, recusal warnings, what a move
would do. Reads only, each a fixed number of queries.

Problem counts are findings' (past draft, as the statistics count them: docs/DOMAIN.md),
reached through the hooks of ``rounds.figures``: rounds does not import findings.
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from inspection.permissions import visible
from rounds.choices import FocusArea, RoundStatus, TeamRole
from rounds.figures import counted, round_figures_of, with_round_columns
from rounds.models import (
    Assignment,
    EntryNotice,
    EntryNoticeAssignment,
    InspectionRound,
    Team,
    TeamMember,
)
from rounds.notice_documents import places_of
from rounds.selectors import assignment_recusal_conflicts
from rounds.services.plans import plan_gap


def rounds_with_counts(queryset):
    """Rounds with ``team_count``, ``village_count``, ``committee_count`` and
    ``problem_count`` (past draft), one query whatever the number of rows."""
    assignments = Assignment.objects.filter(round_id=OuterRef("pk"))
    rounds = queryset.select_related("term").annotate(
        team_count=counted(Team.objects.filter(round_id=OuterRef("pk")), "round_id"),
        village_count=counted(assignments.filter(village__isnull=False), "round_id"),
        committee_count=counted(assignments.filter(village__isnull=True), "round_id"),
    )
    return with_round_columns(rounds)


@dataclass
class RoundCounts:
    teams: int = 0
    members: int = 0
    leaderless: list = field(default_factory=list)  # team names
    villages: int = 0
    committees: int = 0
    key_villages: int = 0
    towns: int = 0
    unteamed: int = 0
    problems: int = 0  # past draft
    confirmed: int = 0
    drafts: int = 0
    unsigned: int = 0  # drafts and papers awaiting review or signature
    reports_heard: int = 0  # 巡察报告 heard by the 书记专题会 (findings)

    @property
    def assignments(self) -> int:
        return self.villages + self.committees


def round_counts(inspection_round: InspectionRound, teams: list[Team]) -> RoundCounts:
    """The round's figures; ``teams`` come from ``teams_of`` (members prefetched)."""
    counts = RoundCounts(
        teams=len(teams),
        members=sum(len(team.memberships.all()) for team in teams),
        leaderless=[team.name for team in teams if team.leader is None],
    )
    places = Assignment.objects.filter(round=inspection_round).aggregate(
        villages=Count("pk", filter=Q(village__isnull=False)),
        committees=Count("pk", filter=Q(village__isnull=True)),
        key_villages=Count("pk", filter=Q(is_key=True)),
        towns=Count("town", distinct=True),
        unteamed=Count("pk", filter=Q(team__isnull=True)),
    )
    for name, value in (places | round_figures_of(inspection_round)).items():
        setattr(counts, name, value)
    return counts


def teams_of(inspection_round: InspectionRound, team_id: int | None = None) -> list[Team]:
    """The round's teams (or only ``team_id``) with their members (leader first) and
    ``assignment_count``; each team gets ``leader`` (a TeamMember or None). Two queries."""
    memberships = TeamMember.objects.select_related("user").order_by("role", "id")
    teams = inspection_round.teams.all()
    if team_id is not None:
        teams = teams.filter(pk=team_id)
    teams = list(
        teams.annotate(
            assignment_count=counted(Assignment.objects.filter(team_id=OuterRef("pk")), "team_id")
        )
        .prefetch_related(Prefetch("memberships", queryset=memberships))
        .order_by("number")
    )
    role_order = {role: index for index, role in enumerate(TeamRole.values)}
    for team in teams:
        members = sorted(team.memberships.all(), key=lambda m: (role_order[m.role], m.pk))
        team.sorted_members = members
        team.leader = next((m for m in members if m.role == TeamRole.LEADER), None)
    return teams


def recusal_warnings(teams: list[Team], assignments) -> dict[int, list[str]]:
    """{assignment id: conflicts} for ``assignments`` (with village and town selected)
    whose team has a member tied to the place: one query a team that has any."""
    by_team: dict[int, list] = {}
    for assignment in assignments:
        if assignment.team_id:
            by_team.setdefault(assignment.team_id, []).append(assignment)
    found: dict[int, list[str]] = {}
    for team in teams:
        if team.pk in by_team:
            found |= assignment_recusal_conflicts(team=team, assignments=by_team[team.pk])
    return found


def round_assignments(inspection_round: InspectionRound):
    return (
        Assignment.objects.filter(round=inspection_round)
        .select_related("town", "village", "team", "recusal_overridden_by", "mode")
        .order_by("town__code", "village__code")
    )


# -------------------------------------------------------------------- what a move does


def on_site_gaps(inspection_round: InspectionRound, counts: RoundCounts) -> list[str]:
    """What keeps the round from going on site (the service's rule, for the warning)."""
    gaps = []
    if not counts.teams:
        gaps.append(_("尚未组建巡察组"))
    elif counts.leaderless:
        gaps.append(_("%(teams)s尚未确定组长") % {"teams": "、".join(counts.leaderless)})
    if not counts.assignments:
        gaps.append(_("尚未安排巡察对象"))
    elif counts.unteamed:
        gaps.append(_("%(n)d 个巡察对象尚未指定巡察组") % {"n": counts.unteamed})
    if plan := plan_gap(inspection_round):
        gaps.append(plan)
    return gaps


LIFE_CYCLE = tuple(RoundStatus)


def life_cycle_steps(inspection_round: InspectionRound) -> list[dict]:
    """The seven stages, each marked done, current or to come."""
    current = LIFE_CYCLE.index(inspection_round.status)
    return [
        {
            "label": status.label,
            "state": "done" if index < current else "current" if index == current else "todo",
        }
        for index, status in enumerate(LIFE_CYCLE)
    ]


def supervision_item_groups(inspection_round: InspectionRound) -> list[dict]:
    """The round's supervision items grouped by focus area, in checklist order."""
    labels = dict(FocusArea.choices)
    groups: dict[str, list] = {}
    for item in inspection_round.supervision_items.order_by("code"):
        groups.setdefault(item.focus_area, []).append(item)
    return [
        {"area": labels[area], "items": groups[area]} for area in FocusArea.values if area in groups
    ]


def round_notices(user, inspection_round: InspectionRound) -> list:
    """The round's 进驻公告 the user sees, each with the villages it covers as one text
    (two queries, whatever the count)."""
    targets = EntryNoticeAssignment.objects.select_related(
        "assignment__town", "assignment__village"
    ).order_by("assignment__town__code", "assignment__village__code", "pk")
    notices = list(
        visible(EntryNotice, user)
        .filter(round=inspection_round)
        .prefetch_related(Prefetch("targets", queryset=targets))
        .order_by("pk")
    )
    for notice in notices:
        notice.places = places_of([target.assignment for target in notice.targets.all()])
    return notices
