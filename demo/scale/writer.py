"""Loading generated rows fast: COPY on PostgreSQL, bulk_create elsewhere.

A ``TableWriter`` takes plain tuples in the order of the fields it was given and fills
every other concrete column with the field's default (computed once per table), so a
generator names only what it varies. Ids are given explicitly, from the table's
current maximum on; ``reset_sequences`` moves PostgreSQL's sequences past them.
"""

import datetime
import io
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

COPY_BATCH = 50_000


def _copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return str(value)
    return str(value)


def next_id(model) -> int:
    return (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1


class TableWriter:
    """Writes rows of ``model`` given as tuples of ``fields`` (attnames, e.g. ``town_id``)."""

    def __init__(self, model, fields: tuple[str, ...]):
        self.model = model
        self.fields = tuple(fields)
        concrete = list(model._meta.concrete_fields)
        by_attname = {f.attname: f for f in concrete}
        unknown = set(self.fields) - set(by_attname)
        if unknown:
            raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
        rest = [f for f in concrete if f.attname not in self.fields]
        self.rest_fields = tuple(f.attname for f in rest)
        self.rest_values = tuple(f.get_default() for f in rest)
        self.columns = [by_attname[name].column for name in self.fields] + [f.column for f in rest]
        self.count = 0

    def write(self, rows) -> int:
        """Write every row of the iterable ``rows``; answer how many."""
        written = self._copy(rows) if connection.vendor == "postgresql" else self._bulk_create(rows)
        self.count += written
        return written

    def _copy(self, rows) -> int:
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        sql = f"COPY {table} ({columns}) FROM STDIN"
        rest = "\t".join(_copy_text(v) for v in self.rest_values)
        written = 0
        buffer: list[str] = []
        with connection.cursor() as cursor:
            for row in rows:
                line = "\t".join(map(_copy_text, row))
                buffer.append(f"{line}\t{rest}\n" if self.rest_values else f"{line}\n")
                if len(buffer) >= COPY_BATCH:
                    cursor.copy_expert(sql, io.StringIO("".join(buffer)))
                    written += len(buffer)
                    buffer = []
            if buffer:
                cursor.copy_expert(sql, io.StringIO("".join(buffer)))
                written += len(buffer)
        return written

    def _bulk_create(self, rows) -> int:
        names = self.fields + self.rest_fields
        objects = [
            self.model(**dict(zip(names, (*row, *self.rest_values), strict=True))) for row in rows
        ]
        self.model._default_manager.bulk_create(objects, batch_size=500)
        return len(objects)


def reset_sequences(models) -> None:
    """After explicit ids: the next id PostgreSQL hands out follows the largest written."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
