"""Garbage collection out of the way of the responses, in the web server's workers.

A page of records is a graph of model instances that refer to each other (prefetched
children, cached parents): reference counting cannot free it, the cycle collector must.
Left to itself, the collector runs in the middle of requests and, every few hundred,
walks every object the worker holds (the whole of Django and the application): measured
on a ledger page, p50 44 ms but p95 270 ms, the difference being collections. So a worker
(``gunicorn.conf.py``, once it has loaded the application):

- freezes what is loaded (``gc.freeze``): the code, never garbage, is not walked again;
- turns automatic collection off, and collects the young generations after each response
  has been sent (``request_finished``: 1–3 ms, outside the time the user waits), and
  everything every ``FULL_EVERY`` responses, so memory stays flat.
"""

import gc
import itertools

from django.core.signals import request_finished

FULL_EVERY = 200


def collect_after_responses() -> None:
    """Set the current process (a web worker, application loaded) up as above."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 — imports every urls and views module now
    gc.collect()
    gc.freeze()
    gc.disable()
    responses = itertools.count(1)

    def collect(**kwargs) -> None:
        gc.collect(2 if next(responses) % FULL_EVERY == 0 else 1)

    request_finished.connect(collect, weak=False, dispatch_uid="inspection.serving.collect")
