"""The requests that read the replica, and read-your-writes.

Lists (a screen whose URL name ends in ``_list``, an API list), the statistics API and the
dashboard read the replica on GET. Everything else reads the primary: a record's own page,
every form, every POST. A request whose reading failed on the replica midway (the replica
lost after the check, a query cancelled by a replay conflict) is answered again from the
primary, once: it only reads.

Read-your-writes: a request with an unsafe method that wrote (a statement other than a
read went to the primary) answers with a signed cookie holding the primary's WAL position
after its commit. While the cookie is there, a list or figure request of that browser reads
the replica only once the replica has replayed that position (one comparison on the
replica), and the primary before: a user sees their own write on the next page even when
the replica lags. The first request that finds it replayed drops the cookie. The cookie
lasts ``DATABASE_REPLICA_PIN_SECONDS`` at most (a replica that far behind is failing, and
is reported by its lag); other users read the replica all along, seconds behind at worst.
Chosen over a time-only pin (the primary for N seconds after any write): the replica
usually replays within milliseconds, so the writer goes back to it on the next request,
and a lagging replica never shows a writer data older than their write within the bound.
"""

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from inspection.replica import routing

logger = logging.getLogger(__name__)

PIN_COOKIE = "replica_pin"
PIN_SALT = "inspection.replica.pin"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Statements that do not write (anything else sets the pin; a write rolled back too,
# which costs only reads on the primary until the replica has replayed).
READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "SET", "SHOW")
# Pages read on the replica besides the lists: the statistics API and the dashboard.
REPLICA_PAGES = frozenset({"dashboard", "statistics"})


def reads_replica(request, view_func) -> bool:
    """Whether the request reads lists or figures (GET), which may lag by the replica's lag."""
    if request.method not in ("GET", "HEAD"):
        return False
    actions = getattr(view_func, "actions", None)  # a DRF viewset: the action of GET
    if actions:
        return actions.get("get") == "list"
    name = getattr(request.resolver_match, "url_name", None) or ""
    return name.endswith("_list") or name in REPLICA_PAGES or name.startswith("statistics-")


class _WriteWatch:
    """An execute wrapper of the primary's connection noting whether a statement wrote."""

    def __init__(self):
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        if not self.wrote and not sql.lstrip()[:9].upper().startswith(READS):
            self.wrote = True
        return execute(sql, params, many, context)


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with routing.request_scope():
            request.replica_pin_replayed = False
            if request.method in SAFE_METHODS:
                response = self.get_response(request)
                if response.status_code >= 500 and self.failed_on_replica(request):
                    response = self.get_response(request)  # again, reading the primary
                if request.replica_pin_replayed:
                    response.delete_cookie(PIN_COOKIE, samesite=settings.SESSION_COOKIE_SAMESITE)
                return response
            watch = _WriteWatch()
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(watch):
                response = self.get_response(request)
            if watch.wrote:
                self.pin(response)
            return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not reads_replica(request, view_func):
            return None
        if getattr(request, "replica_failed", False):
            routing.route_reads_to(DEFAULT_DB_ALIAS)
            return None
        pin = request.get_signed_cookie(
            PIN_COOKIE, default=None, salt=PIN_SALT, max_age=settings.DATABASE_REPLICA_PIN_SECONDS
        )
        alias = routing.choose(after=pin)
        routing.route_reads_to(alias)
        request.replica_pin_replayed = pin is not None and alias == routing.REPLICA
        request.read_replica = alias == routing.REPLICA
        return None

    @staticmethod
    def failed_on_replica(request) -> bool:
        """Whether the request's reading failed on the replica (it went down after the
        check, a query was cancelled by a replay conflict: the view answered 500, or the
        API 503); it is then answered again from the primary, once (it only reads)."""
        if not getattr(request, "read_replica", False) or not routing.failed_on_replica():
            return False
        logger.warning("reading the replica failed: answering %s from the primary", request.path)
        request.read_replica, request.replica_failed = False, True
        return True

    @staticmethod
    def pin(response) -> None:
        try:
            position = routing.primary_position()
        except DatabaseError:
            return  # the primary is failing: the request's own answer says so
        response.set_signed_cookie(
            PIN_COOKIE,
            position,
            salt=PIN_SALT,
            max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite=settings.SESSION_COOKIE_SAMESITE,
        )
