from rounds.models.briefs import AssignmentBrief
from rounds.models.modes import InspectionMode
from rounds.models.must import MustItem, MustItemCheck
from rounds.models.notices import EntryNotice, EntryNoticeAssignment, PetitionPhoto
from rounds.models.onsite import Activity, Interview, Petition
from rounds.models.plans import WorkPlanDecision
from rounds.models.portraits import VillagePortrait
from rounds.models.requests import DataRequest, DataRequestReply, RequestBody
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
    "AssignmentBrief",
    "DataRequest",
    "DataRequestReply",
    "EntryNotice",
    "EntryNoticeAssignment",
    "InspectionMode",
    "InspectionRound",
    "Interview",
    "MustItem",
    "MustItemCheck",
    "Petition",
    "PetitionPhoto",
    "RequestBody",
    "SupervisionItem",
    "Team",
    "TeamMember",
    "VillagePortrait",
    "WorkPlanDecision",
]
