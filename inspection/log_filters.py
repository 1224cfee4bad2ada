"""Logging filters (LOGGING in the settings).

A refusal the product answers on purpose (403, 404, a failed CSRF check) is routine: the
``django.request`` logger still writes its line ("Forbidden (Permission denied): /path"),
but without the traceback Django attaches to it — a traceback in the log should mean a bug.
"""

import logging


class RoutineRefusals(logging.Filter):
    """Drops the traceback of ``django.request`` records of answers below 500."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
