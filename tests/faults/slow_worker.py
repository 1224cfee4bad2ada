"""The project's Celery app for a test worker, with two knobs set from its environment:

- ``FAULTS_EXPORT_BUILD_DELAY``: seconds each export build sleeps once it has claimed its
  job (status 生成中) and before it writes a row, so a test can kill it mid-build;
- ``FAULTS_EXPORT_STALE_SECONDS``: how old a running build must be for another to take it
  over (in production the build's hard time limit and a minute).

Applied before each task (``task_prerun``): the worker has set Django up by then.
"""

import datetime
import os
import time

from celery.signals import task_prerun

from inspection.celery import app

__all__ = ["app"]

_patched = False


@task_prerun.connect
def _knobs(**kwargs):
    global _patched
    if _patched:
        return
    _patched = True
    from reports.exports import services

    delay = float(os.environ.get("FAULTS_EXPORT_BUILD_DELAY", "0"))
    stale = os.environ.get("FAULTS_EXPORT_STALE_SECONDS")
    if delay:
        build = services.build_workbook

        def slow_build(**options):
            time.sleep(delay)
            return build(**options)

        services.build_workbook = slow_build
    if stale:
        services.stale_after = lambda: datetime.timedelta(seconds=float(stale))
