"""Which database a read goes to: the primary (``default``) or its streaming replica.

Reads go to the replica only inside ``on_replica()`` (the middleware enters it for the GET
requests of lists, statistics and the dashboard; the export task for its workbook build),
and even there only when the replica can serve them:

- no transaction is open on the primary: what a transaction reads must be its own view of
  the data, written rows included (checked at every query, so a service that opens
  ``atomic`` inside a replica request reads the primary);
- the reader's own write has been replayed (``after``: the primary's WAL position at that
  write; read-your-writes), else the primary, without waiting or after ``wait`` seconds;
- the replica answers: a connection that fails, or a kept one that no longer works, sends
  the reads to the primary with a warning, and the replica is not tried again for
  ``DATABASE_REPLICA_RETRY_SECONDS`` (each try may cost a connect timeout).

The choice is made once, when the block begins, and holds for the whole block: a request
reads one database, and a statistics answer and the data version it is cached under come
from the same one (``reading_database``). Writes always go to the primary (the router).
"""

import contextvars
import logging
import time
from contextlib import contextmanager, suppress

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
# How often a wait for the replica's replay looks again (seconds).
POLL_SECONDS = 0.05
# The alias chosen by the innermost ``on_replica`` (or the middleware); None: none chosen.
_reading: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "inspection_replica_reading", default=None
)
# Until when (time.monotonic()) the replica is taken as down, in this process.
_down_until = 0.0


def configured() -> bool:
    """Whether there is a replica (``DATABASE_REPLICA_URL``)."""
    return REPLICA in settings.DATABASES


def reading_database() -> str:
    """The alias reads go to here and now: the replica inside an ``on_replica`` block that
    chose it and outside any transaction on the primary, else the primary. Read the data
    version of cached statistics from this alias: the figures come from it."""
    alias = _reading.get()
    if alias is None or alias == DEFAULT_DB_ALIAS:
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return alias


@contextmanager
def on_replica(*, after: str | None = None, wait: float = 0.0, caught_up: bool = False):
    """Reads inside go to the replica when it can serve them (see the module); yields the
    alias chosen (``reading_database()`` inside says the same).

    ``after``: a WAL position of the primary (``primary_position()``) the replica must have
    replayed; ``wait``: seconds to wait for that before reading the primary instead.
    ``caught_up``: the replica must have replayed everything the primary had written when
    the block began, waiting up to ``DATABASE_REPLICA_WAIT_SECONDS`` (a task queued on
    commit then reads what the request that queued it wrote). Nested in another block,
    the outer block's choice holds."""
    if _reading.get() is not None:
        yield reading_database()
        return
    if caught_up and configured():
        after, wait = _primary_position_or_none(), settings.DATABASE_REPLICA_WAIT_SECONDS
    token = _reading.set(choose(after=after, wait=wait))
    try:
        yield reading_database()
    finally:
        _reading.reset(token)


@contextmanager
def request_scope():
    """A request's routing: whatever ``route_reads_to`` chooses during it ends with it."""
    token = _reading.set(None)
    try:
        yield
    finally:
        _reading.reset(token)


def route_reads_to(alias: str) -> None:
    """Send the reads of the rest of the current ``request_scope`` to ``alias``."""
    _reading.set(alias)


def choose(*, after: str | None = None, wait: float = 0.0) -> str:
    """The alias to read: the replica if it is configured, answers and has replayed
    ``after`` (within ``wait`` seconds), else the primary."""
    global _down_until
    if not configured() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    if time.monotonic() < _down_until:
        return DEFAULT_DB_ALIAS
    deadline = time.monotonic() + wait
    try:
        connection = _usable_replica()
        while after is not None and not replayed(after, connection):
            if time.monotonic() >= deadline:
                if wait:
                    logger.warning(
                        "the replica has not replayed %s after %.1f s: reading the primary",
                        after,
                        wait,
                    )
                return DEFAULT_DB_ALIAS
            time.sleep(POLL_SECONDS)
    except DatabaseError as error:
        retry = settings.DATABASE_REPLICA_RETRY_SECONDS
        _down_until = time.monotonic() + retry
        logger.warning("the replica is unavailable, reading the primary for %s s: %s", retry, error)
        with suppress(DatabaseError):
            connections[REPLICA].close()
        return DEFAULT_DB_ALIAS
    return REPLICA


def failed_on_replica() -> bool:
    """Whether a statement on the replica failed in this request (a lost connection, a
    query cancelled by a replay conflict); the replica is then left alone for
    ``DATABASE_REPLICA_RETRY_SECONDS`` if its connection no longer works."""
    global _down_until
    connection = connections[REPLICA]
    if not connection.errors_occurred:
        return False
    if connection.connection is None or not connection.is_usable():
        _down_until = time.monotonic() + settings.DATABASE_REPLICA_RETRY_SECONDS
        with suppress(DatabaseError):
            connection.close()
    return True


def _usable_replica():
    """The replica's connection, (re)opened if a kept one no longer works; raises
    ``DatabaseError`` when the replica cannot be reached."""
    connection = connections[REPLICA]
    if connection.connection is not None and not connection.is_usable():
        with suppress(DatabaseError):
            connection.close()
    connection.ensure_connection()
    return connection


def primary_position() -> str:
    """The primary's WAL position now (``pg_current_wal_lsn``): everything committed
    before this call is at or before it."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


def _primary_position_or_none() -> str | None:
    try:
        return primary_position()
    except DatabaseError:  # the primary will say so again where it matters
        logger.warning("the primary's WAL position cannot be read", exc_info=True)
        return None


def replayed(position: str, connection=None) -> bool:
    """Whether the replica has replayed the primary's WAL up to ``position`` (a server that
    is not in recovery has nothing left to replay)."""
    connection = connection or connections[REPLICA]
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, true)", [position])
        return cursor.fetchone()[0]
