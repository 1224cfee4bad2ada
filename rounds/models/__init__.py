from rounds.models.notices import EntryNotice, EntryNoticeAssignment, PetitionPhoto
from rounds.models.onsite import Activity, Interview, Petition
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
    "EntryNotice",
    "EntryNoticeAssignment",
    "InspectionRound",
    "Interview",
    "Petition",
    "PetitionPhoto",
    "SupervisionItem",
    "Team",
    "TeamMember",
]
