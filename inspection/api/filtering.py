"""The API's filter backend: django-filter's, over the project's filtersets
(``inspection.filtersets`` and each app's ``filtersets.py``)."""

from django_filters.rest_framework import DjangoFilterBackend

from inspection.filtersets import FilterSet


class FilterBackend(DjangoFilterBackend):
    """A filterset it builds from a view's ``filterset_fields`` filters relations by id
    and booleans strictly too (``inspection.filtersets.FilterSet``)."""

    filterset_base = FilterSet
