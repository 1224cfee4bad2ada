"""The demo's clock: each action is taken at the moment its record says it was.

The demo county is built through the services, the way users build their records, so
the history, the access log, the notifications and the alerts are the real ones. A
service stamps what it writes with ``django.utils.timezone.now()`` (directly, through
``localdate()``, through ``auto_now`` fields and through django-simple-history), so
the seed sets that one function to the moment of each action. The product never reads
the wall clock another way (``tests/demo/test_clock.py`` holds it to that), so nothing
escapes the travel.

Use ``with travel(moment):`` around one user's action; moments must be aware datetimes.
"""

import contextlib
import datetime

from django.utils import timezone


@contextlib.contextmanager
def travel(moment: datetime.datetime):
    """Make ``timezone.now()`` (and what derives from it) answer ``moment`` inside the block."""
    if timezone.is_naive(moment):
        raise ValueError("the demo's clock takes aware datetimes")
    # A plain function, not a mock: the seed travels thousands of times.
    wall_clock = timezone.now
    timezone.now = lambda: moment
    try:
        yield moment
    finally:
        timezone.now = wall_clock
