"""The data version of the statistics: changes in the same commit as any write they count.

Every table a figure or a label reads carries a trigger that records the writing
transaction, inside that transaction: committed with the data or rolled back with it,
whatever wrote it (a service, the admin, ``QuerySet.update``, ``bulk_create``, COPY in
seeding, a raw statement). A reader therefore sees a new version exactly when it can
see new data, and a cached answer keyed by the version is never stale.

PostgreSQL: a statement trigger inserts the transaction's id into ``StatisticsChange``
(at most one row per transaction): writers never wait on each other, unlike a counter
row that every writing transaction would hold locked until its commit. The version is
``changes`` of the one ``StatisticsVersion`` row plus the count of those rows, read in one
statement (one snapshot); ``compact_changes`` folds the rows into ``changes`` now and then.
SQLite (development and tests): a row trigger adds one to ``changes`` directly.

The triggers are installed by migrations (``reports/migrations/0004_statistics_triggers``),
each naming its tables: a table added to ``TRACKED_TABLES`` gets its trigger from a new
migration that calls ``install_triggers`` with it, and so does a tracked table that a
migration rebuilds on SQLite (an ``AlterField`` there copies the table and drops its
triggers); ``tests/reports/test_statistics_triggers.py`` fails until it has one.
"""

import uuid

from django.db import connections

# The tables the figures, their labels and the dashboard's figures read.
TRACKED_TABLES = (
    "inspection_term",
    "inspection_town",
    "inspection_village",
    "rounds_inspectionround",
    "rounds_team",
    "rounds_assignment",
    "rounds_interview",
    "rounds_activity",
    "rounds_petition",
    "findings_problem",
    "findings_clue",
    "findings_cluesubject",
    "findings_problemfocus",
    "findings_problemaspect",
    "findings_problemclass",
    "rectification_feedback",
    "rectification_rectificationitem",
    "rectification_immediateorder",
    "findings_departmentmatter",
    "findings_thematicreport",
    "rectification_feedbackissue",
    "rectification_feedbackissueproblem",
    "rectification_accountabilityproposal",
    "rectification_accountabilitydecision",
    "rectification_firstformmeasure",
    "rectification_lookbackcheck",
    "rounds_inspectionmode",
)
VERSION_ROW = 1

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION reports_statistics_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO reports_statisticschange (xact) VALUES (pg_current_xact_id()::text::bigint)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$
"""
VERSION_SQL = (
    "SELECT v.epoch, v.changes + (SELECT count(*) FROM reports_statisticschange) "
    "FROM reports_statisticsversion v WHERE v.id = %s"
)


SQLITE_EVENTS = ("INSERT", "UPDATE", "DELETE")


def _trigger_name(table: str, event: str = "") -> str:
    suffix = f"_{event.lower()}" if event else ""
    return f"{table}_statistics_changed{suffix}"


def install_triggers(using: str, tables: tuple[str, ...]) -> None:
    """Create the triggers missing on ``tables`` (for migrations: each passes the tables
    it knows, so a migration does the same thing whenever it runs)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION)
            # Only the missing ones: creating a trigger locks its table against writes
            # (and a DROP against reads), which a migrate on a live database must not do.
            # A database migrated before the triggers came with migrations has them all.
            present = installed_triggers(using)
            for table in tables:
                if _trigger_name(table) in present:
                    continue
                cursor.execute(
                    f"CREATE TRIGGER {_trigger_name(table)} "
                    f'AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                    "FOR EACH STATEMENT EXECUTE FUNCTION reports_statistics_changed()"
                )
        elif connection.vendor == "sqlite":
            for table in tables:
                for event in SQLITE_EVENTS:
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {_trigger_name(table, event)}"
                        f' AFTER {event} ON "{table}" BEGIN UPDATE reports_statisticsversion '
                        f"SET changes = changes + 1 WHERE id = {VERSION_ROW}; END"
                    )


def remove_triggers(using: str, tables: tuple[str, ...]) -> None:
    """Drop the triggers of ``tables`` (a migration's reverse)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "postgresql":
                cursor.execute(f'DROP TRIGGER IF EXISTS {_trigger_name(table)} ON "{table}"')
            elif connection.vendor == "sqlite":
                for event in SQLITE_EVENTS:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table, event)}")


def installed_triggers(using: str = "default") -> set[str]:
    """The names of the triggers the database has (of every table)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {name for (name,) in cursor.fetchall()}


def expected_triggers(vendor: str) -> set[str]:
    """The trigger names every tracked table must carry on ``vendor``."""
    if vendor == "postgresql":
        from reports.statistics.towns import trigger_names  # the towns of each write

        return {_trigger_name(table) for table in TRACKED_TABLES} | {
            name for table in TRACKED_TABLES for name in trigger_names(table)
        }
    return {_trigger_name(table, event) for table in TRACKED_TABLES for event in SQLITE_EVENTS}


def data_version(using: str = "default") -> str | None:
    """The current data version, or None inside a transaction (``atomic``): its own
    uncommitted writes may be rolled back, so what it reads must not be cached. ``using``
    is the database the figures are read from (a replica's version describes its data);
    None there too while a replica has no version row yet (a standby cannot write one)."""
    if connections["default"].in_atomic_block or connections[using].in_atomic_block:
        return None
    return read_version(using)


def read_version(using: str = "default") -> str | None:
    """The data version as this connection sees it now (with its own uncommitted writes)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL, [VERSION_ROW])
        row = cursor.fetchone()
        if row is None and using != "default":
            return None
        if row is None:  # a new (or flushed) database: a new epoch
            from reports.models import StatisticsVersion

            StatisticsVersion.objects.using(using).get_or_create(
                pk=VERSION_ROW, defaults={"epoch": uuid.uuid4().hex}
            )
            cursor.execute(VERSION_SQL, [VERSION_ROW])
            row = cursor.fetchone()
    return f"{row[0]}.{row[1]}"


def compact_changes(using: str = "default") -> int:
    """Fold the recorded transactions into the version row (the version is unchanged);
    answers how many were folded."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH moved AS (DELETE FROM reports_statisticschange RETURNING 1), "
            "folded AS (SELECT count(*) AS n FROM moved) "
            "UPDATE reports_statisticsversion SET changes = changes + folded.n FROM folded "
            "WHERE id = %s RETURNING folded.n",
            [VERSION_ROW],
        )
        row = cursor.fetchone()
    return row[0] if row else 0
