"""Filters of every resource: the one way a filter names a related record, and the
filters of the shared resources.

A filter naming a record (a round, a town, a problem, a user …) takes its id, in the API
and behind every screen. Any well-formed id is accepted; an id that does not exist and
the id of a record outside ``visible(model, user)`` both match nothing — an empty page,
the same answer, so a filter never tells whether a record exists (nor, through rows the
user does see, anything about a record they do not: the rounds a catalogue item was
chosen for, say). A malformed id (not a positive integer a key column holds) is a 400
with the same message on every endpoint.

``FilterSet`` is the base of every filterset: a foreign key named in ``Meta.fields``
becomes an ``IdFilter`` too, never django-filter's default select of every record in the
county (which the browsable API and the OpenAPI tools render, names included). A screen
that offers a select uses ``ScopedChoiceFilter``: its choices are ``visible(model, user)``.
"""

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from inspection.models import ApiToken, Town, User, Village
from inspection.permissions import scoped_models, visible

# The largest id a BigAutoField holds: a larger one is refused as malformed.
ID_MAX = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """Rows whose record at ``field_name`` has this id (unknown or out of scope: none)."""

    field_class = IdField


def by(field_name: str, label: str, **kwargs) -> IdFilter:
    return IdFilter(field_name=field_name, label=label, **kwargs)


class ScopedChoiceFilter(django_filters.ModelChoiceFilter):
    """A screen's select of related records: only those ``visible(model, user)``.

    An id outside the choices (unknown or out of scope alike) makes the form invalid and
    the list empty, the same for both."""

    def __init__(self, model, *, order_by: tuple[str, ...] = (), **kwargs):
        def choices(request):
            if request is None:
                return model._default_manager.none()
            rows = visible(model, request.user)
            return rows.order_by(*order_by) if order_by else rows

        super().__init__(queryset=choices, **kwargs)


_RELATIONS = (
    models.ForeignKey,
    models.OneToOneField,
    models.ManyToManyField,
    models.OneToOneRel,
    models.ManyToOneRel,
    models.ManyToManyRel,
)


def field_at(model, path: str):
    """The model field at the end of ``path`` (``assignment__round``, ``round__ordinal``),
    or None if ``path`` does not name one."""
    field = None
    for name in path.split("__"):
        if model is None:
            return None
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        model = field.related_model
    return field


def related_model(model, path: str):
    """The model whose records a filter on ``path`` names (``assignment__round_id`` of a
    problem: InspectionRound), or None if ``path`` does not end on a relation."""
    field = field_at(model, path)
    return field.related_model if field is not None and field.is_relation else None


class FilterSet(django_filters.FilterSet):
    """Every filterset's base: relations in ``Meta.fields`` are filtered by id, and an id
    of a record the user may not see matches nothing, as an unknown one does."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        **{relation: {"filter_class": IdFilter} for relation in _RELATIONS},
    }

    def filter_queryset(self, queryset):
        if self.names_a_hidden_record(queryset.model):
            return queryset.none()
        return super().filter_queryset(queryset)

    def names_a_hidden_record(self, model) -> bool:
        """Whether an id filter names a record outside the user's scope (checked here,
        once, so that filters with a ``method`` of their own are covered too)."""
        user = getattr(self.request, "user", None)
        for name, value in self.form.cleaned_data.items():
            declared = self.filters.get(name)
            if not isinstance(declared, IdFilter) or value is None:
                continue
            target = related_model(self._meta.model or model, declared.field_name)
            if target in scoped_models() and not visible(target, user).filter(pk=value).exists():
                return True
        return False


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend; a filterset it builds from a view's ``filterset_fields``
    filters relations by id too."""

    filterset_base = FilterSet


class TownFilterSet(FilterSet):
    class Meta:
        model = Town
        fields = ("kind",)


class VillageFilterSet(FilterSet):
    class Meta:
        model = Village
        fields = ("town", "kind", "attention_class", "is_active", "secretary_is_director")


class UserFilterSet(FilterSet):
    class Meta:
        model = User
        fields = ("role", "town", "village", "receiving_body", "is_active")


class ApiTokenFilterSet(FilterSet):
    revoked = django_filters.BooleanFilter(
        field_name="revoked_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = ApiToken
        fields = ("user",)
