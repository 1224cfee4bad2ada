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

The triggers are installed after every ``migrate`` (``reports.apps``) where missing: a
new tracked table gets one, and so does a table SQLite rebuilt.
"""

import uuid

from django.db import connections, transaction

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
    "rectification_feedback",
    "rectification_rectificationitem",
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


def _trigger_name(table: str, event: str = "") -> str:
    return f"{table}_statistics_changed{event}"


def install_triggers(using: str = "default") -> None:
    """Create (or re-create) the triggers on every tracked table (those that exist: a
    partial ``migrate`` may not have created them all yet)."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if not {"reports_statisticschange", "reports_statisticsversion"} <= existing:
        return
    tables = [table for table in TRACKED_TABLES if table in existing]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION)
            # Only the missing ones: creating a trigger locks its table against writes
            # (and a DROP against reads), which a migrate on a live database must not do.
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            present = {name for (name,) in cursor.fetchall()}
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
                for event in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {_trigger_name(table, '_' + event.lower())}"
                        f' AFTER {event} ON "{table}" BEGIN UPDATE reports_statisticsversion '
                        f"SET changes = changes + 1 WHERE id = {VERSION_ROW}; END"
                    )


def data_version(using: str = "default") -> str | None:
    """The current data version, or None inside a transaction (``atomic``): its own
    uncommitted writes may be rolled back, so what it reads must not be cached."""
    if connections[using].in_atomic_block:
        return None
    return read_version(using)


def read_version(using: str = "default") -> str:
    """The data version as this connection sees it now (with its own uncommitted writes)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL, [VERSION_ROW])
        row = cursor.fetchone()
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
