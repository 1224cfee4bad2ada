"""This app's API resources, registered on the v1 router."""


def register(router) -> None:
    """Register this app's viewsets on ``router`` (kebab-case plural paths)."""
