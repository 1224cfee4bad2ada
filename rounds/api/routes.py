"""This app's API resources, registered on the v1 router."""

from rounds.api import views


def register(router) -> None:
    """Register this app's viewsets on ``router`` (kebab-case plural paths)."""
    router.register("supervision-items", views.SupervisionItemViewSet)
    router.register("rounds", views.RoundViewSet)
    router.register("teams", views.TeamViewSet)
    router.register("team-members", views.TeamMemberViewSet)
    router.register("assignments", views.AssignmentViewSet)
    router.register("recusal-declarations", views.RecusalDeclarationViewSet)
    router.register("interviews", views.InterviewViewSet)
    router.register("activities", views.ActivityViewSet)
    router.register("petitions", views.PetitionViewSet)
