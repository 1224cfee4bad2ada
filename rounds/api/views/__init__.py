"""The rounds app's API viewsets: planning (rounds, teams), assignments, on-site work."""

from rounds.api.views.assignments import AssignmentViewSet, RecusalDeclarationViewSet
from rounds.api.views.onsite import ActivityViewSet, InterviewViewSet, PetitionViewSet
from rounds.api.views.planning import (
    RoundViewSet,
    SupervisionItemViewSet,
    TeamMemberViewSet,
    TeamViewSet,
)

__all__ = [
    "ActivityViewSet",
    "AssignmentViewSet",
    "InterviewViewSet",
    "PetitionViewSet",
    "RecusalDeclarationViewSet",
    "RoundViewSet",
    "SupervisionItemViewSet",
    "TeamMemberViewSet",
    "TeamViewSet",
]
