"""Emptying the test database's tables with DELETE instead of TRUNCATE (PostgreSQL).

A transactional test's teardown (pytest-django runs Django's ``flush``), the migration
journey's last step and ``tests.seeding.wipe`` each empty every table. Django writes one
``TRUNCATE`` of them all, and PostgreSQL makes every table, index and TOAST table a new
file and drops the old ones at commit: three to seven seconds for our 150-odd tables
(measured on the CI machine), where a ``DELETE`` of each takes a tenth of a second on
tables as small as a test's. What the tables hold afterwards is the same: nothing.

The same in everything a test can see: the statistics' statement triggers fire on DELETE
as on TRUNCATE (``reports_statistics_changed``); every foreign key is DEFERRABLE INITIALLY
DEFERRED, so the order of the deletes does not matter within the flush's transaction;
``CASCADE`` becomes the tables that reference the emptied ones, found in the catalogue,
emptied too; and where a flush resets the sequences (``RESTART IDENTITY``) Django's own
TRUNCATE is kept. Tests only: the production database is never flushed.
"""

from django.db.backends.postgresql.operations import DatabaseOperations

_truncate = DatabaseOperations.sql_flush

# Every table with a foreign key to one of the named tables, and so on (TRUNCATE … CASCADE).
REFERENCING = """
WITH RECURSIVE emptied(oid) AS (
    SELECT unnest(%s::regclass[])::oid
    UNION
    SELECT constraint_.conrelid FROM pg_constraint constraint_
    JOIN emptied ON constraint_.confrelid = emptied.oid
    WHERE constraint_.contype = 'f'
)
SELECT relname FROM pg_class WHERE oid IN (SELECT oid FROM emptied)
"""


def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    if not tables or reset_sequences:
        return _truncate(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    tables = list(tables)
    if allow_cascade:
        with self.connection.cursor() as cursor:
            cursor.execute(REFERENCING, [[self.quote_name(table) for table in tables]])
            tables += sorted({name for (name,) in cursor.fetchall()} - set(tables))
    return [
        f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')} "
        f"{style.SQL_FIELD(self.quote_name(table))};"
        for table in tables
    ]


def install() -> None:
    DatabaseOperations.sql_flush = sql_flush
