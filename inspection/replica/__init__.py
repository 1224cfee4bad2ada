"""Reads from a PostgreSQL streaming replica (``DATABASE_REPLICA_URL``).

Where the reads go is decided in ``routing``: what the router sends to the replica, when a
reader must see the primary instead (its own write not replayed yet, a transaction open,
the replica down), and how a caller asks for the replica (``on_replica``) or learns which
database it reads (``reading_database``). ``router`` is the database router, ``middleware``
routes the requests that read lists and figures and pins a user who wrote to the primary.
Without ``DATABASE_REPLICA_URL`` none of it is installed and every read is the primary's.
"""

from inspection.replica.routing import (
    REPLICA,
    configured,
    on_replica,
    primary_position,
    reading_database,
    replayed,
)

__all__ = [
    "REPLICA",
    "configured",
    "on_replica",
    "primary_position",
    "reading_database",
    "replayed",
]
