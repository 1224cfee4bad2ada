from rounds.models.onsite import Activity, Interview, Petition
from rounds.models.portraits import VillagePortrait
from rounds.models.rounds import (
    Assignment,
    InspectionRound,
    SupervisionItem,
    Team,
    TeamMember,
)

__all__ = [
    "Activity",
    "Assignment",
    "InspectionRound",
    "Interview",
    "Petition",
    "SupervisionItem",
    "Team",
    "TeamMember",
    "VillagePortrait",
]
