"""The demo's clock: each action is taken at the moment its record says it was.

The demo county is built through the services, the way users build their records, so
the history, the access log, the notifications and the alerts are the real ones. A
service stamps what it writes with ``django.utils.timezone.now()`` (directly, through
``localdate()``, through ``auto_now`` fields and through django-simple-history), so
the seed sets that one function to the moment of each action. The product never reads
the wall clock another way (``tests/demo/test_clock.py`` holds it to that), so nothing
escapes the travel.

One way does not go through the module's attribute: a field declared with
``default=timezone.now`` keeps the function itself (and Django caches it per field), so
``travel`` sets those fields' defaults to the moment as well.

Use ``with travel(moment):`` around one user's action; moments must be aware datetimes.
"""

import contextlib
import datetime
import functools

from django.apps import apps
from django.utils import timezone

_WALL_CLOCK = timezone.now


@functools.cache
def _fields_defaulting_to_now() -> tuple:
    """Every model field (historical models' too) whose default is ``timezone.now``."""
    return tuple(
        field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.default is _WALL_CLOCK
    )


@contextlib.contextmanager
def travel(moment: datetime.datetime):
    """Make ``timezone.now()`` (and what derives from it) answer ``moment`` inside the block."""
    if timezone.is_naive(moment):
        raise ValueError("the demo's clock takes aware datetimes")

    def now() -> datetime.datetime:
        return moment

    fields = _fields_defaulting_to_now()
    # Field.get_default() calls the cached ``_get_default``: the callable itself.
    saved = [field.__dict__.get("_get_default") for field in fields]
    # Plain assignments, not a mock: the seed travels thousands of times. The clock before
    # (the wall's, or an outer travel's) comes back after.
    previous = timezone.now
    timezone.now = now
    for field in fields:
        field.__dict__["_get_default"] = now
    try:
        yield moment
    finally:
        timezone.now = previous
        for field, value in zip(fields, saved, strict=True):
            if value is None:
                del field.__dict__["_get_default"]
            else:
                field.__dict__["_get_default"] = value
