"""The project's WSGI application, with every URL and view imported up front.

gunicorn runs it with ``--preload``: the master imports the code once and every worker
(also one restarted mid-run) serves that same code, even while the working tree changes.
"""

from django.urls import get_resolver

from inspection.wsgi import application

get_resolver().url_patterns  # noqa: B018 — imports every urls and views module now

__all__ = ["application"]
