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


def deputy_team_ids_of(user) -> frozenset[int]:
    """The teams ``user`` deputises (副组长)."""
    cached = getattr(user, "_deputy_team_ids", None)
    if cached is None:
        cached = frozenset(
            TeamMember.objects.filter(user_id=user.pk, role=TeamRole.DEPUTY).values_list(
                "team_id", flat=True
            )
        )
        user._deputy_team_ids = cached
    return cached


def other_deputy_exists(team_field: str, submitter_field: str) -> Exists:
    """An SQL condition: the team at ``team_field`` has a deputy (副组长) other than the
    user at ``submitter_field``, who submitted the paper: the one who reviews it."""
    return Exists(
        TeamMember.objects.filter(team_id=OuterRef(team_field), role=TeamRole.DEPUTY).exclude(
            user_id=OuterRef(submitter_field)
        )
    )


def has_other_deputy(team_id: int, submitter_id: int | None) -> bool:
    """The Python twin of ``other_deputy_exists`` for one paper (one query)."""
    deputies = TeamMember.objects.filter(team_id=team_id, role=TeamRole.DEPUTY)
    if submitter_id is not None:
        deputies = deputies.exclude(user_id=submitter_id)
    return deputies.exists()


def reviewer_condition(user, team_field: str, submitter_field: str) -> Q:
    """An SQL condition: ``user`` reviews (复核) the paper: they deputise its team and did
    not submit it themselves, or they lead its team and no other deputy reviews it (the
    team has no deputy, or the deputy submitted it). Nobody reviews what they submitted,
    but a leader who reviewed signs: one hand less is all a small team has."""
    as_deputy = Q(**{f"{team_field}__in": deputy_team_ids_of(user)}) & ~Q(
        **{submitter_field: user.pk}
    )
    as_leader = Q(**{f"{team_field}__in": led_team_ids_of(user)}) & ~other_deputy_exists(
        team_field, submitter_field
    )
    return as_deputy | as_leader


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
