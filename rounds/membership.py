"""Who serves on which team: the membership facts every app's rules ask about.

They live here, beside ``TeamMember``, because the core (``inspection/``) imports no
app: ``inspection.permissions`` holds the roles and the rule machinery, the apps above
ask rounds who is on a team. Each answer is one query, then cached on the user object
for the rest of the request.
"""

from django.db.models import Exists, OuterRef, Q

from rounds.choices import TeamRole
from rounds.models import TeamMember


def team_ids_of(user) -> frozenset[int]:
    """The teams ``user`` serves on (one query, then cached on the user object)."""
    cached = getattr(user, "_team_ids", None)
    if cached is None:
        cached = frozenset(
            TeamMember.objects.filter(user_id=user.pk).values_list("team_id", flat=True)
        )
        user._team_ids = cached
    return cached


def led_team_ids_of(user) -> frozenset[int]:
    """The teams ``user`` leads (组长)."""
    cached = getattr(user, "_led_team_ids", None)
    if cached is None:
        cached = frozenset(
            TeamMember.objects.filter(user_id=user.pk, role=TeamRole.LEADER).values_list(
                "team_id", flat=True
            )
        )
        user._led_team_ids = cached
    return cached


def reviewing_team_ids_of(user) -> frozenset[int]:
    """The teams whose working papers ``user`` reviews (复核): those where they are the
    deputy (副组长), and those they lead that have no deputy."""
    cached = getattr(user, "_reviewing_team_ids", None)
    if cached is None:
        deputy = TeamMember.objects.filter(team_id=OuterRef("team_id"), role=TeamRole.DEPUTY)
        cached = frozenset(
            TeamMember.objects.filter(user_id=user.pk)
            .filter(Q(role=TeamRole.DEPUTY) | Q(role=TeamRole.LEADER) & ~Exists(deputy))
            .values_list("team_id", flat=True)
        )
        user._reviewing_team_ids = cached
    return cached


def served_round_ids_of(user) -> frozenset[int]:
    """The rounds ``user`` serves in, on any team (one query, then cached)."""
    cached = getattr(user, "_served_round_ids", None)
    if cached is None:
        cached = frozenset(
            TeamMember.objects.filter(user_id=user.pk).values_list("team__round_id", flat=True)
        )
        user._served_round_ids = cached
    return cached


def membership_exists(user, team_field: str) -> Exists:
    """An SQL condition: ``user`` is a member of the team at ``team_field`` of the row."""
    return Exists(TeamMember.objects.filter(team_id=OuterRef(team_field), user_id=user.pk))
