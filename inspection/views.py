"""Views of the project package that belong to no domain app."""

from django.db import connection
from django.http import HttpResponse


def healthz(request):
    """Liveness for the container health check: the process answers and the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
