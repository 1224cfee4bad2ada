from rounds.models.modes import InspectionMode
from rounds.models.onsite import Activity, Interview, Petition
from rounds.models.plans import WorkPlanDecision
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
    "InspectionMode",
    "InspectionRound",
    "Interview",
    "Petition",
    "SupervisionItem",
    "Team",
    "TeamMember",
    "WorkPlanDecision",
]
