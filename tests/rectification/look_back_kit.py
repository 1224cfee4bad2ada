"""A look-back round over the world's villages: team A (leader_a, member_a) revisits 甲一村,
team B (leader_b) revisits 乙一村, as the world's round had them."""

from dataclasses import dataclass

from rounds.choices import RoundStatus, TeamRole
from tests import factories as f


@dataclass
class LookBack:
    round: object
    assignment_a: object
    assignment_b: object


def look_back(world, *, status=RoundStatus.ON_SITE) -> LookBack:
    lb_round = world.look_back_round(status=status)
    team_a = f.TeamFactory(round=lb_round, number=1)
    team_b = f.TeamFactory(round=lb_round, number=2)
    f.TeamMemberFactory(team=team_a, user=world.leader_a, role=TeamRole.LEADER)
    f.TeamMemberFactory(team=team_a, user=world.member_a, role=TeamRole.MEMBER)
    f.TeamMemberFactory(team=team_b, user=world.leader_b, role=TeamRole.LEADER)
    assignment_a = f.AssignmentFactory(
        round=lb_round, team=team_a, village=world.assignment_a.village, town=world.town_a
    )
    assignment_b = f.AssignmentFactory(
        round=lb_round, team=team_b, village=world.assignment_b.village, town=world.town_b
    )
    return LookBack(lb_round, assignment_a, assignment_b)
