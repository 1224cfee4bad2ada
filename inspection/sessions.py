"""Sessions read from the shared cache and written through to the database (Django's
``cached_db``), answered from the database alone while the cache is down.

Django's ``cached_db`` already reads the database when the cache fails to answer and logs
a failed write, but its ``load`` puts the session it read from the database back in the
cache unguarded, and ``delete`` (a sign-out) deletes it from the cache unguarded: with
Redis down, every signed-in request answered 500, though the database held the session.
The cache is a shortcut (as for the statistics, reports.statistics.cache): here a
failure of it is logged and the database answers.
"""

import logging

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DBStore

logger = logging.getLogger("django.contrib.sessions")


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception:
            data = None
        if data is not None:
            return data
        session = self._get_session_from_db()
        if not session:
            return {}
        data = self.decode(session.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=session.expire_date))
        except Exception:
            logger.exception("Error saving to cache (%s)", self._cache)
        return data

    def delete(self, session_key=None):
        """The session out of the database, then out of the cache. A cache that cannot be
        reached keeps its copy (logged): the sign-out is done in the database, the record
        the cache is refilled from."""
        DBStore.delete(self, session_key)
        session_key = session_key or self.session_key
        if session_key is None:
            return
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception:
            logger.exception("Error deleting from cache (%s)", self._cache)
