"""This app's API resources, registered on the v1 router."""

from findings.api.views import ClueViewSet, ProblemViewSet


def register(router) -> None:
    """Register this app's viewsets on ``router`` (kebab-case plural paths)."""
    router.register("problems", ProblemViewSet)
    router.register("clues", ClueViewSet)
