"""This app's API resources, registered on the v1 router."""

from findings.api.matters import DepartmentMatterViewSet, ThematicReportViewSet
from findings.api.reports import InspectionReportViewSet
from findings.api.taxonomy import ProblemClassViewSet
from findings.api.views import (
    ClueViewSet,
    PetitionDisposalViewSet,
    ProblemViewSet,
    TransferLetterViewSet,
)


def register(router) -> None:
    """Register this app's viewsets on ``router`` (kebab-case plural paths).

    The disposal of a petition answers at rounds' ``petitions/{id}/…`` paths under its own
    basename. The router's API root lists a path by its last registration, and this one
    has no list, so the root module registers this app before rounds.
    """
    router.register("problems", ProblemViewSet)
    router.register("problem-classes", ProblemClassViewSet)
    router.register("clues", ClueViewSet)
    router.register("inspection-reports", InspectionReportViewSet)
    router.register("department-matters", DepartmentMatterViewSet)
    router.register("thematic-reports", ThematicReportViewSet)
    router.register("transfer-letters", TransferLetterViewSet)
    router.register("petitions", PetitionDisposalViewSet, basename="petition-disposal")
