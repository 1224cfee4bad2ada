"""Schemathesis over the whole OpenAPI schema, in-process, with a real token.

Every operation gets generated requests (valid and invalid); no answer may be a server
error, and every answer must match what the schema says of it (status code, content
type, body). The demo county is the data, and the token is an office token, so the
requests reach real records; writes are rolled back after each operation.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks
from schemathesis.specs.openapi import checks as openapi_checks

from inspection.models import User
from inspection.services import api_token_issue
from inspection.wsgi import application

pytestmark = pytest.mark.django_db

CHECKS = [
    checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
]


# Loaded at collection through the WSGI app (the schema view needs no database).
# (schemathesis.pytest.from_fixture would be lazier, but breaks on pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# All phases: coverage (boundary values, wrong types, huge ids), examples, fuzzing — but
# without trying every other HTTP method on every path (DRF answers those 405 alike).
schema.config.phases.coverage.unexpected_methods = set()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI app directly fires request_started/finished, whose handler closes
    the database connection mid-test; Django's own test client disconnects it too."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def office_token(seeded):
    office = User.objects.get(username="office")
    _token, key = api_token_issue(actor=office, user_id=office.pk, name="schemathesis")
    return key


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error_and_no_schema_violation(case, office_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {office_token}"},
        checks=CHECKS,
    )
