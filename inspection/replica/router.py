"""The database router installed with a replica (``DATABASE_ROUTERS``): writes to the
primary always; reads where ``routing.reading_database()`` says, except what
authentication and job tracking read, always the primary's."""

from django.db import DEFAULT_DB_ALIAS

from inspection.replica.routing import REPLICA, reading_database

# Read from the primary even inside a replica block: sessions are written on every sign-in
# (and a session the replica has not replayed yet would sign its user out), the user and
# the API token are what every request is authorised by (a role withdrawn or a token
# revoked takes effect at once), sign-in failures count towards a lock-out, and an export
# job's status is what its page and its worker follow.
PRIMARY_APPS = frozenset({"sessions", "auth", "axes", "contenttypes", "admin"})
# Team membership too: an inspector taken off a team loses its records at once (the
# scope read for the user, ``rounds.membership.team_ids_of``).
PRIMARY_MODELS = frozenset(
    {"inspection.user", "inspection.apitoken", "reports.exportjob", "rounds.teammember"}
)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        meta = model._meta
        if meta.app_label in PRIMARY_APPS or meta.label_lower in PRIMARY_MODELS:
            return DEFAULT_DB_ALIAS
        return reading_database()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # A row read from the replica is the primary's row: relate it freely.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # A standby is read-only: it gets the primary's schema by replication.
        return False if db == REPLICA else None
