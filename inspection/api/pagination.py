"""Cursor pagination: a deep page costs what the first does (no OFFSET).

On PostgreSQL, a page of rows that select many related tables (``WIDE``) is read in two
steps (``PagedQuerySet``). First the page's keys, by the list's own
filters and ordering: a query of the base table and only the tables the filters need,
which PostgreSQL plans in a millisecond. Then the rows of those keys with everything the
serializer selects alongside (``select_related``), joined in the order Django writes the
joins — from the row outward along its foreign keys — which is the best order for a few
dozen rows; PostgreSQL is told not to search for another (``join_collapse_limit = 1``),
a search that costs 100–200 ms for the eight or nine joins of a ledger or problem row.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination

from inspection.api.filtersets import field_at

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
        with transaction.atomic(), connection.cursor() as cursor:
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
    """Newest first by primary key, which is unique and indexed: a stable cursor."""

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    invalid_cursor_message = _("翻页参数 cursor 无效，请从第一页重新开始。")

    def get_ordering(self, request, queryset, view):
        """The list's ordering, ties broken by the primary key. The cursor keeps the first
        column's position and counts rows past it among equal values (``held_at`` of
        several interviews): that count means the same rows on the next page only if equal
        values come back in one order, which PostgreSQL does not promise without it."""
        ordering = tuple(super().get_ordering(request, queryset, view))
        if any(name.lstrip("-") in ("id", "pk") for name in ordering):
            return ordering
        return (*ordering, "-id" if ordering[0].startswith("-") else "id")

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        if connection.vendor == "postgresql":
            queryset = PagedQuerySet(queryset)
        try:
            return super().paginate_queryset(queryset, request, view)
        except (TypeError, ValueError, DjangoValidationError) as error:
            # A position the checks below let through and the database refused.
            if request.query_params.get(self.cursor_query_param) is None:
                raise
            raise self.invalid_cursor() from error

    def invalid_cursor(self) -> exceptions.ValidationError:
        """A cursor that is not one this API wrote: a 400, as any malformed parameter."""
        return exceptions.ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})

    def decode_cursor(self, request):
        """DRF's cursor, its position checked against the ordering column: a crafted
        cursor (``cD1hYmM=`` is ``p=abc``) would otherwise reach the database as an id."""
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            raise self.invalid_cursor() from None
        if cursor is None or cursor.position is None:
            return cursor
        position = cursor.position
        if "\x00" in position:
            raise self.invalid_cursor()
        field = _ordering_field(self.model, self.ordering[0].lstrip("-"))
        if field is not None:
            try:
                field.run_validators(field.to_python(position))
            except (DjangoValidationError, TypeError, ValueError):
                raise self.invalid_cursor() from None
        return cursor


def _ordering_field(model, path: str):
    """The model field at ``path`` (``round__ordinal``), or None if it is not one."""
    field = field_at(model, path)
    return None if field is None or field.is_relation else field
