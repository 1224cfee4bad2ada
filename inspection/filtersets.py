"""The filter primitives every app's filtersets (``<app>/filtersets.py``) are built of, and
the filters of the shared resources (towns, villages, users, API tokens).

One way to name a related record (``IdFilter``), one yes/no (``BooleanFilter``), one
date range (``DayRangeFilter``), one amount range (``AmountRangeFilter``); the API and the
screens filter through the same filtersets.

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

A yes/no filter takes ``true`` or ``false`` (any letter case), in every filterset: any
other value is a 400 naming the two (django-filter's own select ignores a value it does
not know, and the list came back unfiltered). A model's boolean field in ``Meta.fields``
gets this filter too, and the schema lists the two values.
"""

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.fields import DateRangeField, RangeField
from django_filters.widgets import DateRangeWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from inspection.api.fields import ID_MAX, accepted_values_message
from inspection.models import ApiToken, Town, User, Village
from inspection.permissions import scoped_models, visible


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


class BooleanField(forms.NullBooleanField):
    """``true`` or ``false``; empty is no filter; anything else is refused, never ignored."""

    widget = forms.TextInput
    VALUES = {"true": True, "false": False}
    message = _("请填写 true 或 false。")

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        try:
            return self.VALUES[str(value).lower()]
        except KeyError:
            raise forms.ValidationError(self.message, code="invalid") from None

    def validate(self, value):
        pass


@extend_schema_field({"type": "boolean", "enum": [True, False]})
class BooleanFilter(django_filters.BooleanFilter):
    """A yes/no filter: ``true`` or ``false``, anything else a 400 (``BooleanField``)."""

    field_class = BooleanField


class DayRangeWidget(DateRangeWidget):
    """``<name>_after`` / ``<name>_before`` as two date pickers, each labelled (从 / 至);
    a screen's filter bar puts the pair in a fieldset named by the filter's label
    (templates/includes/filters.html), so each picker has its own accessible name."""

    template_name = "includes/day_range.html"

    def __init__(self, attrs=None):
        date = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        forms.MultiWidget.__init__(self, (date, date), attrs)


class DayRangeField(DateRangeField):
    """``<name>_after`` / ``<name>_before`` as plain dates, both days included.

    django-filter's own field turns them into datetimes at midnight, which overflow at
    the ends of the calendar (0001-01-01 in Shanghai is before year 1 in UTC).
    """

    widget = DayRangeWidget

    def compress(self, data_list):
        return slice(*data_list) if data_list else None


class DayRangeFilter(django_filters.DateFromToRangeFilter):
    field_class = DayRangeField


def dates(field_name: str, label: str) -> DayRangeFilter:
    """``<name>_after`` / ``<name>_before``, both days included; on a date-and-time
    column name its local date (``held_at__date``)."""
    return DayRangeFilter(field_name=field_name, label=label)


class AmountRangeField(RangeField):
    """``<name>_min`` / ``<name>_max``: sums in yuan, as stored (14 digits, 2 decimals)."""

    def __init__(self, *args, **kwargs):
        fields = (
            forms.DecimalField(max_digits=14, decimal_places=2),
            forms.DecimalField(max_digits=14, decimal_places=2),
        )
        super().__init__(fields, *args, **kwargs)


class AmountRangeFilter(django_filters.RangeFilter):
    field_class = AmountRangeField


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
    of a record the user may not see matches nothing, as an unknown one does; boolean
    fields take ``true`` or ``false`` only."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        **{relation: {"filter_class": IdFilter} for relation in _RELATIONS},
        models.BooleanField: {"filter_class": BooleanFilter},
    }

    @property
    def form(self):
        """django-filter's form; a choice it does not know is refused naming the accepted
        values (Django's message only says the value is not one of them)."""
        form = super().form
        if not getattr(form, "names_accepted_values", False):
            for field in form.fields.values():
                if isinstance(field, forms.ChoiceField) and not isinstance(
                    field, forms.ModelChoiceField
                ):
                    choices = [key for key, _label in field.choices]
                    message = accepted_values_message("%(value)s", choices)
                    field.error_messages["invalid_choice"] = message
            form.names_accepted_values = True
        return form

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
    revoked = BooleanFilter(field_name="revoked_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = ApiToken
        fields = ("user",)
