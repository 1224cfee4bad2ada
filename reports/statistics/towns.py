"""Which towns a write touched: the data version of each part of the county (PostgreSQL).

The data version (``reports.statistics.version``) changes with any write anywhere, so an
answer cached under it is recomputed after every interview recorded in any village. This
module keeps a version per *town*: besides the statement trigger of the data version,
every tracked table has triggers that, in the writing transaction itself, record the
towns of the rows the statement wrote (the rows before and after it, read from the
statement's transition tables) in ``StatisticsTownChange``: a row reaches its town
through its assignment (``TOWN_PATHS``). Two marks are not towns: ``UNPLACED`` for rows
with no place (a petition or clue of a round with no assignment, a thematic report),
``NAMES`` for a write to a table whose names label the groups, and ``EVERYWHERE`` for a
write whose towns cannot be told (a TRUNCATE, a row whose parent is gone, a term, the
problem taxonomy, the inspection modes), which every part's version includes.

``reports.statistics.partitioned`` caches figures per part (a bucket of towns) under
these versions, so a write in one town leaves the other parts' figures cached. As the
data version's change rows, these rows are inserted (never updated: writers never wait
on one another) and folded into ``StatisticsTownVersion`` by the upkeep job.
SQLite (development and tests by default) has no transition tables: there the parts are
not used and the data version alone keys the cache.
"""

from django.db import connections

UNPLACED, NAMES, EVERYWHERE = -1, -2, -3

# How a row of each tracked table reaches its town: a chain of (foreign key column,
# table) hops ending at a table with a ``town_id`` column (``None``: the row's own
# ``town_id``). A table with several chains records the towns of each. A table absent
# here records EVERYWHERE on any write.
A = ("assignment_id", "rounds_assignment")
PROBLEM = ("problem_id", "findings_problem")
# An assignment's village's town: where the figures that count a village once place the
# assignment (reports.statistics.scope.PLACE_TOWN), which a moved village no longer shares
# with its earlier assignments.
VILLAGE = ("village_id", "inspection_village")
TOWN_PATHS: dict[str, tuple[tuple[tuple[str, str], ...], ...]] = {
    "inspection_village": ((),),
    "rounds_assignment": ((), (VILLAGE,)),
    "rounds_interview": ((A,),),
    "rounds_activity": ((A,),),
    "rounds_petition": ((A,),),
    "findings_problem": ((A,),),
    "findings_clue": ((A,),),
    "findings_cluesubject": ((("clue_id", "findings_clue"), A),),
    "rectification_feedback": ((A,), (A, VILLAGE)),
    "rectification_rectificationitem": ((PROBLEM, A),),
    "rectification_immediateorder": ((A,),),
    "findings_departmentmatter": ((A,),),
    "rectification_feedbackissue": ((A,),),
    "rectification_feedbackissueproblem": (
        (PROBLEM, A),
        (("issue_id", "rectification_feedbackissue"), A),
    ),
    "rectification_accountabilityproposal": ((A,),),
    "rectification_accountabilitydecision": (
        (("proposal_id", "rectification_accountabilityproposal"), A),
    ),
    "rectification_firstformmeasure": ((A,),),
    "rectification_lookbackcheck": (
        (A,),
        (A, VILLAGE),
        (("item_id", "rectification_rectificationitem"), PROBLEM, A),
    ),
}
# Tables whose rows have no place at all: any write is UNPLACED.
UNPLACED_TABLES = ("findings_thematicreport",)
# A round or a team: the towns of its assignments (and UNPLACED: a round's petitions and
# clues with no assignment). Their names label groups too.
BY_ASSIGNMENTS = {"rounds_inspectionround": "round_id", "rounds_team": "team_id"}
# Tables whose names label the groups (reports.statistics.labels): a write marks NAMES.
NAME_TABLES = frozenset(
    {
        "inspection_town",
        "inspection_village",
        "inspection_term",
        "rounds_inspectionround",
        "rounds_team",
        "findings_problemfocus",
        "findings_problemaspect",
        "findings_problemclass",
    }
)
EVENTS = {
    "ins": ("INSERT", "NEW TABLE AS new_rows", "new_rows"),
    "upd": (
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows)",
    ),
    "del": ("DELETE", "OLD TABLE AS old_rows", "old_rows"),
}
XACT = "pg_current_xact_id()::text::bigint"


def _chain_sql(chain: tuple[tuple[str, str], ...], rows: str) -> str:
    """SELECT of the town of each row through ``chain``: UNPLACED where a nullable key is
    empty, EVERYWHERE where a parent row is gone (deleted earlier in the transaction)."""
    if not chain:
        return f"SELECT r.town_id FROM {rows} r"
    joins, cases, previous = [], [], "r"
    for number, (column, table) in enumerate(chain, start=1):
        alias = f"t{number}"
        joins.append(f"LEFT JOIN {table} {alias} ON {alias}.id = {previous}.{column}")
        cases.append(f"WHEN {previous}.{column} IS NULL THEN {UNPLACED}")
        cases.append(f"WHEN {alias}.id IS NULL THEN {EVERYWHERE}")
        previous = alias
    return (
        f"SELECT CASE {' '.join(cases)} ELSE {previous}.town_id END FROM {rows} r {' '.join(joins)}"
    )


def towns_sql(table: str, rows: str) -> str:
    """A SELECT of the marks (towns and others) of the rows ``rows`` of ``table`` wrote."""
    parts = []
    if table in TOWN_PATHS:
        parts += [_chain_sql(chain, rows) for chain in TOWN_PATHS[table]]
    elif table in UNPLACED_TABLES:
        parts.append(f"SELECT {UNPLACED}")
    elif table in BY_ASSIGNMENTS:
        column = BY_ASSIGNMENTS[table]
        parts.append(
            f"SELECT a.town_id FROM rounds_assignment a WHERE a.{column} IN "
            f"(SELECT r.id FROM {rows} r)"
        )
        parts.append(
            f"SELECT v.town_id FROM rounds_assignment a JOIN inspection_village v "
            f"ON v.id = a.village_id WHERE a.{column} IN (SELECT r.id FROM {rows} r)"
        )
        parts.append(f"SELECT {UNPLACED}")
    elif table == "inspection_town":
        parts.append(f"SELECT r.id FROM {rows} r")
    else:
        parts.append(f"SELECT {EVERYWHERE}")
    if table in NAME_TABLES:
        parts.append(f"SELECT {NAMES}")
    return " UNION ".join(parts)


def _function_name(table: str, event: str) -> str:
    return f"{table}_towns_{event}"


def trigger_names(table: str) -> list[str]:
    return [_function_name(table, event) for event in (*EVENTS, "trunc")]


def _function_sql(table: str, event: str) -> str:
    rows = EVENTS[event][2]
    return (
        f"CREATE OR REPLACE FUNCTION {_function_name(table, event)}() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO reports_statisticstownchange (xact, town) "
        f"SELECT DISTINCT {XACT}, coalesce(town, {EVERYWHERE}) "
        f"FROM ({towns_sql(table, rows)}) AS marks (town) "
        "ON CONFLICT DO NOTHING; RETURN NULL; END $$"
    )


TRUNCATE_FUNCTION = (
    "CREATE OR REPLACE FUNCTION reports_statistics_towns_truncated() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    f"INSERT INTO reports_statisticstownchange (xact, town) VALUES ({XACT}, {EVERYWHERE}) "
    "ON CONFLICT DO NOTHING; RETURN NULL; END $$"
)


def install_town_triggers(using: str, tables: tuple[str, ...]) -> None:
    """Create (or replace the functions of) the town triggers of ``tables`` on PostgreSQL;
    nothing elsewhere. Only missing triggers are created (a CREATE TRIGGER locks its
    table against writes)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(TRUNCATE_FUNCTION)
        cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        present = {name for (name,) in cursor.fetchall()}
        for table in tables:
            for event, (verb, referencing, _rows) in EVENTS.items():
                cursor.execute(_function_sql(table, event))
                name = _function_name(table, event)
                if name not in present:
                    cursor.execute(
                        f'CREATE TRIGGER {name} AFTER {verb} ON "{table}" '
                        f"REFERENCING {referencing} FOR EACH STATEMENT "
                        f"EXECUTE FUNCTION {name}()"
                    )
            name = _function_name(table, "trunc")
            if name not in present:
                cursor.execute(
                    f'CREATE TRIGGER {name} AFTER TRUNCATE ON "{table}" '
                    "FOR EACH STATEMENT EXECUTE FUNCTION reports_statistics_towns_truncated()"
                )


def remove_town_triggers(using: str, tables: tuple[str, ...]) -> None:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            for name in trigger_names(table):
                cursor.execute(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
                if not name.endswith("_trunc"):
                    cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")


MARKS_SQL = (
    "SELECT town, sum(n)::bigint AS n FROM ("
    " SELECT town, changes AS n FROM reports_statisticstownversion"
    " UNION ALL SELECT town, count(*) FROM reports_statisticstownchange GROUP BY town"
    ") AS marks GROUP BY town"
)


EPOCH_AND_MARKS_SQL = (
    f"SELECT v.epoch, m.town, m.n FROM reports_statisticsversion v "
    f"LEFT JOIN ({MARKS_SQL}) AS m ON true WHERE v.id = 1"
)


def read_marks(using: str = "default") -> tuple[str, dict[int, int]] | None:
    """The data version's epoch and {town or mark: the writes recorded for it}, as this
    connection sees them now, in one statement; None before the version row exists."""
    with connections[using].cursor() as cursor:
        cursor.execute(EPOCH_AND_MARKS_SQL)
        rows = cursor.fetchall()
    if not rows:
        return None
    return rows[0][0], {town: n for _, town, n in rows if town is not None}


def compact_town_changes(using: str = "default") -> int:
    """Fold the recorded town changes into ``StatisticsTownVersion`` (every part's version
    is unchanged); answers how many rows were folded."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH moved AS (DELETE FROM reports_statisticstownchange RETURNING town), "
            "counted AS (SELECT town, count(*) AS n FROM moved GROUP BY town), "
            "folded AS (INSERT INTO reports_statisticstownversion (town, changes) "
            "SELECT town, n FROM counted ON CONFLICT (town) DO UPDATE "
            "SET changes = reports_statisticstownversion.changes + excluded.changes "
            "RETURNING 1) SELECT count(*) FROM moved"
        )
        return cursor.fetchone()[0]
