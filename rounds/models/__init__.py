from rounds.models.briefs import AssignmentBrief
from rounds.models.onsite import Activity, Interview, Petition
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
    "InspectionRound",
    "Interview",
    "Petition",
    "RequestBody",
    "SupervisionItem",
    "Team",
    "TeamMember",
]
