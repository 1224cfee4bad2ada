"""Cursor pagination: a deep page costs what the first does (no OFFSET), and a sort with
ties pages to exactly the list (keyset over the ordering and the key).

On PostgreSQL, a page of rows that select many related tables (``WIDE``) is read in two
steps (``PagedQuerySet``). First the page's keys, by the list's own
filters and ordering: a query of the base table and only the tables the filters need,
which PostgreSQL plans in a millisecond. Then the rows of those keys with everything the
serializer selects alongside (``select_related``), joined in the order Django writes the
joins — from the row outward along its foreign keys — which is the best order for a few
dozen rows; PostgreSQL is told not to search for another (``join_collapse_limit = 1``),
a search that costs 100–200 ms for the eight or nine joins of a ledger or problem row.
"""

import datetime
import json
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import Cursor, CursorPagination

from inspection.filtersets import field_at

# From this many tables selected along with the row, PostgreSQL's search for a join order
# costs more than reading the page; below it, one query is cheaper than two.
WIDE = 6


def _related_tables(select_related) -> int:
    if not isinstance(select_related, dict):
        return 0
    return sum(1 + _related_tables(nested) for nested in select_related.values())


def _rows_of_keys(queryset, keys: list) -> list:
    """The rows of ``keys`` in that order, joins planned as written."""
    if not keys:
        return []
    rows = queryset.order_by().filter(pk__in=keys)
    if connection.vendor == "postgresql":
        # On the database the rows are read from (the replica for a list, when there is
        # one: inspection.replica): the setting is the reading transaction's.
        using = rows.db
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            cursor.execute("SET LOCAL join_collapse_limit = 1")
            rows = list(rows)
    by_key = {row.pk: row for row in rows}
    return [by_key[key] for key in keys if key in by_key]


class PagedQuerySet:
    """A queryset whose slices are read keys first, then rows (see the module)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def order_by(self, *fields):
        return PagedQuerySet(self.queryset.order_by(*fields))

    def filter(self, *args, **kwargs):
        return PagedQuerySet(self.queryset.filter(*args, **kwargs))

    def __getitem__(self, window: slice) -> list:
        if _related_tables(self.queryset.query.select_related) < WIDE:
            return list(self.queryset[window])
        keys = self.queryset.select_related(None).prefetch_related(None)
        return _rows_of_keys(self.queryset, list(keys.values_list("pk", flat=True)[window]))

    def __getattr__(self, name):
        return getattr(self.queryset, name)


class IdCursorPagination(CursorPagination):
    """Keyset pages over the list's ordering with the primary key as the last column.

    DRF's cursor keeps only the first column's value and counts rows past it among equal
    values: under a sort with ties (``?ordering=severity``: hundreds of problems share
    four values) that count means other rows once PostgreSQL returns the ties in another
    order, and going back (``previous``) it skipped rows even on SQLite. Here the cursor
    holds the value of every column of the ordering, the key included, so a position is
    one row and the next page is the rows strictly after it (``(a, b, id) > (x, y, z)``,
    each column in its own direction): exactly the list, each row once, both ways.
    """

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    invalid_cursor_message = _("翻页参数 cursor 无效，请从第一页重新开始。")

    def get_ordering(self, request, queryset, view):
        """The list's ordering, ties broken by the primary key (in the first column's
        direction)."""
        ordering = tuple(super().get_ordering(request, queryset, view))
        if any(name.lstrip("-") in ("id", "pk") for name in ordering):
            return ordering
        return (*ordering, "-id" if ordering[0].startswith("-") else "id")

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        self.request = request
        self.page_size = self.get_page_size(request)
        if not self.page_size:
            return None
        self.base_url = request.build_absolute_uri()
        self.ordering = self.get_ordering(request, queryset, view)
        self.cursor = self.decode_cursor(request)
        reverse, position = (False, None) if self.cursor is None else self.cursor[1:]
        if connection.vendor == "postgresql":
            queryset = PagedQuerySet(queryset)
        ordering = _reversed(self.ordering) if reverse else self.ordering
        queryset = queryset.order_by(*ordering)
        if position is not None:
            queryset = queryset.filter(_after(ordering, position))
        try:
            rows = list(queryset[: self.page_size + 1])
        except (TypeError, ValueError, OverflowError, DjangoValidationError) as error:
            # A position the checks of decode_cursor let through and the database refused.
            raise self.invalid_cursor() from error
        self.page = rows[: self.page_size]
        more = len(rows) > self.page_size
        if reverse:
            self.page.reverse()
            self.has_next, self.has_previous = position is not None, more
        else:
            self.has_next, self.has_previous = more, position is not None
        if (self.has_previous or self.has_next) and self.template is not None:
            self.display_page_controls = True
        return self.page

    def get_next_link(self):
        if not self.has_next or not self.page:
            return None
        return self.encode_cursor(Cursor(0, False, self._position(self.page[-1])))

    def get_previous_link(self):
        if not self.has_previous or not self.page:
            return None
        return self.encode_cursor(Cursor(0, True, self._position(self.page[0])))

    def _position(self, row) -> str:
        return json.dumps(
            [_encode(_value_at(row, name.lstrip("-"))) for name in self.ordering],
            separators=(",", ":"),
            ensure_ascii=True,
        )

    def invalid_cursor(self) -> exceptions.ValidationError:
        """A cursor that is not one this API wrote: a 400, as any malformed parameter."""
        return exceptions.ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})

    def decode_cursor(self, request):
        """The cursor, its position one value per column of the ordering, each checked
        against its field: a crafted cursor (``cD1hYmM=`` is ``p=abc``) would otherwise
        reach the database."""
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            raise self.invalid_cursor() from None
        if cursor is None or cursor.position is None:
            return cursor
        try:
            values = json.loads(cursor.position)
        except ValueError:
            raise self.invalid_cursor() from None
        if not isinstance(values, list) or len(values) != len(self.ordering):
            raise self.invalid_cursor()
        position = []
        for name, value in zip(self.ordering, values, strict=True):
            field = _ordering_field(self.model, name.lstrip("-"))
            if value is None or (isinstance(value, str) and "\x00" in value):
                raise self.invalid_cursor()
            if field is not None:
                try:
                    value = field.to_python(value)
                    field.run_validators(value)
                    if isinstance(value, datetime.datetime):
                        # As the database will hold it (UTC): a time at the calendar's
                        # very ends (0001-01-01T00:00+14:00) does not fit there.
                        if timezone.is_naive(value):
                            value = timezone.make_aware(value)
                        value = value.astimezone(datetime.UTC)
                except (DjangoValidationError, TypeError, ValueError, OverflowError):
                    raise self.invalid_cursor() from None
            position.append(value)
        return Cursor(0, cursor.reverse, position)


def _reversed(ordering) -> tuple[str, ...]:
    return tuple(name[1:] if name.startswith("-") else f"-{name}" for name in ordering)


def _after(ordering, position) -> Q:
    """Rows strictly after ``position`` in ``ordering``: the first column past its value,
    or equal to it and the rest after theirs (each column NOT NULL: ``offered_orderings``
    in the paging test keeps that true)."""
    condition = Q(pk__in=[])
    equal = Q()
    for name, value in zip(ordering, position, strict=True):
        column = name.lstrip("-")
        past = Q(**{f"{column}__{'lt' if name.startswith('-') else 'gt'}": value})
        condition |= equal & past
        equal &= Q(**{column: value})
    return condition


def _value_at(row, path: str):
    value = row
    for name in path.split("__"):
        value = None if value is None else getattr(value, "pk" if name == "id" else name)
    return value


def _encode(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _ordering_field(model, path: str):
    """The model field at ``path`` (``round__ordinal``), or None if it is not one."""
    field = field_at(model, path)
    return None if field is None or field.is_relation else field
