"""A lean ``to_representation`` for the widest read serializers (ledger items, problems,
clues, interviews): the same dict DRF builds, without DRF's per-row, per-field costs.

DRF resolves every field of every row afresh: ``get_attribute`` walks the dotted source
and asks ``inspect.signature`` of each callable it meets, and a ``get_<field>_display``
source costs a ``make_hashable`` of the field's choices and a gettext per row. Profiled
on a page of fifty ledger items, those two took most of the serialization. Here each
serializer works out once how to read each of its fields:

- a ``get_<field>_display`` label reads the raw value and looks its label up in a table
  of the choices made once per language (what ``get_<field>_display`` answers: the label
  as text, or the value itself when it is not one of the choices);
- a foreign key shown as its id (``PrimaryKeyRelatedField``) reads the ``<field>_id``
  column, which is what DRF's pk-only optimisation answers;
- any other field reads its dotted source by ``getattr`` (a method that takes no
  argument is called, as DRF calls it, its signature read once); a field with a reading
  of its own (method fields, many-to-many ids, nested lists) keeps it.

Whatever is unusual on a row — a link that is empty part-way, a source that turns out to
be a method, a missing related row — is read by DRF's own ``field.get_attribute`` for
that field, so a row reads exactly as DRF would read it (defaults, ``allow_null``,
skipped fields). ``tests/inspection/test_api_lean.py`` compares both on the demo county.

The fields themselves are built once per serializer class (``get_fields``) and copied for
each serializer made, as DRF copies the declared ones: DRF builds a model serializer's
fields from the model's meta every time one is made, once per request for a list (a
ledger page's serializers, nested ones included, took 5 ms of CPU to make).
"""

import copy
import re
from functools import lru_cache, partial
from types import BuiltinFunctionType, FunctionType, MethodType

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.utils.translation import get_language
from rest_framework import fields, relations

_DISPLAY = re.compile(r"get_(\w+)_display$")
# What DRF would call (or refuse) where a source names it: left to DRF.
_CALLABLE = (FunctionType, MethodType, partial, BuiltinFunctionType)
_ABSENT = object()


@lru_cache(maxsize=512)
def _labels(model_field, language) -> dict:
    """``{value: label}`` of a choice field in ``language`` (the active one)."""
    return {value: str(label) for value, label in model_field.flatchoices}


@lru_cache(maxsize=1024)
def _model_field(model, path: tuple[str, ...]):
    """The model field at the end of the dotted ``path`` from ``model``, or None (asked
    for each field of each serializer made: a name that is no field raises, which is slow)."""
    try:
        for name in path[:-1]:
            model = model._meta.get_field(name).related_model
        return model._meta.get_field(path[-1]) if model is not None else None
    except FieldDoesNotExist:
        return None


def _walk(instance, attrs):
    """``instance`` followed along ``attrs``; ``_ABSENT`` where DRF must decide."""
    for attr in attrs:
        if instance is None:
            return _ABSENT
        try:
            instance = getattr(instance, attr)
        except ObjectDoesNotExist:
            return None
        except (AttributeError, KeyError):
            return _ABSENT
        if isinstance(instance, _CALLABLE):
            if not (type(instance) is MethodType and _simple_method(instance.__func__, instance)):
                return _ABSENT
            try:
                instance = instance()
            except (AttributeError, KeyError):
                return _ABSENT
    return instance


_simple: dict = {}


def _simple_method(function, bound) -> bool:
    """DRF's ``is_simple_callable`` of a bound method, asked once per function."""
    answer = _simple.get(function)
    if answer is None:
        answer = _simple[function] = fields.is_simple_callable(bound)
    return answer


class _Reading:
    """How one field of a row is read and written out."""

    __slots__ = ("attrs", "field", "labels_of", "name", "own")

    def __init__(self, field, model):
        self.name = field.field_name
        self.field = field
        self.attrs = list(field.source_attrs)
        self.labels_of = None
        # A reading of its own (method fields, many-to-many, nested lists): DRF's.
        self.own = type(field).get_attribute is not fields.Field.get_attribute
        if isinstance(field, relations.PrimaryKeyRelatedField) and field.pk_field is None:
            if len(self.attrs) == 1 and model is not None:
                column = _model_field(model, tuple(self.attrs))
                if column is not None and column.concrete and column.is_relation:
                    self.attrs = [column.attname]
                    self.own = False
                    self.field = None
        elif self.attrs and not self.own and model is not None:
            match = _DISPLAY.match(self.attrs[-1])
            choice = match and _model_field(model, (*self.attrs[:-1], match.group(1)))
            if choice is not None and choice.flatchoices:
                self.attrs[-1] = choice.name
                self.labels_of = choice

    def write(self, row: dict, instance, language) -> None:
        field = self.field
        if self.own:
            try:
                value = field.get_attribute(instance)
            except fields.SkipField:
                return
            empty = value.pk if isinstance(value, relations.PKOnlyObject) else value
            row[self.name] = None if empty is None else field.to_representation(value)
            return
        value = _walk(instance, self.attrs)
        if value is _ABSENT:
            try:
                value = field.get_attribute(instance)
            except fields.SkipField:
                return
            row[self.name] = None if value is None else field.to_representation(value)
            return
        if self.labels_of is not None:
            value = _labels(self.labels_of, language).get(value, value)
        if value is None or field is None:
            row[self.name] = value
        else:
            row[self.name] = field.to_representation(value)


# The fields of each serializer class as DRF builds them (unbound), copied for each use.
_PROTOTYPES: dict[type, dict] = {}


class LeanRepresentation:
    """Mixin for a (Model)Serializer: rows written by readings worked out once."""

    def get_fields(self):
        """DRF's fields for this class, built once and deep-copied, as DRF copies its
        declared fields for each serializer. Building does not depend on the request (no
        field of these serializers reads its context before it writes a value)."""
        prototype = _PROTOTYPES.get(type(self))
        if prototype is None:
            prototype = _PROTOTYPES[type(self)] = super().get_fields()
        return copy.deepcopy(prototype)

    def _readings(self) -> list[_Reading]:
        readings = self.__dict__.get("_lean_readings")
        if readings is None:
            model = getattr(getattr(self, "Meta", None), "model", None)
            readings = [_Reading(field, model) for field in self._readable_fields]
            self.__dict__["_lean_readings"] = readings
        return readings

    def to_representation(self, instance):
        language = get_language()
        row = {}
        for reading in self._readings():
            reading.write(row, instance, language)
        return row
