"""Schemathesis over the whole OpenAPI schema, in-process, with a real token.

Two tests, both with an office token against the demo county (seeded once for the module):

- every operation on its own: the coverage phase (boundary values, wrong types, huge ids),
  the schema's examples, and 100 fuzzed requests (fewer only where an operation has fewer
  distinct inputs); writes are rolled back after each operation;
- stateful: scenarios that chain operations through the links schemathesis infers from the
  schema (a POST's ``id`` feeds the GET, PATCH and actions of that resource), so requests
  reach records created a step earlier and the workflows' actions run on them.

No answer may be a server error, and every answer must match what the schema says of it
(status code, content type, body). Runs are reproducible (derandomized, no example
database). What ran is counted: ``pytest -s`` prints it, var/fuzz-summary.json keeps it.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode, checks
from schemathesis.specs.openapi import checks as openapi_checks

from inspection.models import User
from inspection.services import api_token_issue
from inspection.wsgi import application
from tests.fuzz_summary import FuzzSummary

pytestmark = pytest.mark.django_db

CHECKS = [
    checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
]
# At least 100 (issue 9); smaller only for a quick local look, e.g. SCHEMATHESIS_EXAMPLES=10.
FUZZED_PER_OPERATION = int(os.environ.get("SCHEMATHESIS_EXAMPLES", 100))
SCENARIOS = int(os.environ.get("SCHEMATHESIS_SCENARIOS", 25))  # per workflow
STEPS_PER_SCENARIO = 8
REPRODUCIBLE = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": list(HealthCheck),
}

# Loaded at collection through the WSGI app (the schema view needs no database).
# (schemathesis.pytest.from_fixture would be lazier, but breaks on pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# Not every other HTTP method on every path: DRF answers those 405 alike.
schema.config.phases.coverage.unexpected_methods = set()
# Chains need the step before to succeed: scenarios send valid requests (the per-operation
# test sends the invalid ones).
schema.config.phases.stateful.generation.update(modes=[GenerationMode.POSITIVE])
OPERATIONS = sum(1 for _ in schema.get_all_operations())
SUMMARY = FuzzSummary()


@pytest.fixture(scope="module", autouse=True)
def fuzz_summary():
    yield SUMMARY
    print("\n" + "\n".join(SUMMARY.write(OPERATIONS)))


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
@settings(max_examples=FUZZED_PER_OPERATION, **REPRODUCIBLE)
def test_no_server_error_and_no_schema_violation(case, office_token):
    response = case.call(headers={"Authorization": f"Bearer {office_token}"})
    SUMMARY.record(case, response)
    case.validate_response(response, checks=CHECKS)


# The workflows, each chained on its own: over the whole schema (350 rules) a scenario of a
# few steps seldom picks the one rule that follows the step before.
WORKFLOWS = {
    "rounds": r"^/api/v1/(rounds|teams|team-members|assignments|supervision-items|recusal-)",
    "on-site": r"^/api/v1/(assignments|interviews|activities|petitions|evidence)/",
    "findings": r"^/api/v1/(problems|clues|petitions)/",
    "rectification": (
        r"^/api/v1/(round-feedback|feedback|rectification-items|milestones|progress-updates"
        r"|verifications|accountabilities|evaluations|alerts)/"
    ),
    "registry, tokens, exports": (
        r"^/api/v1/(towns|villages|terms|users|api-tokens|exports|notifications|statistics)/"
    ),
}


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_chained_operations_keep_to_the_schema(workflow, seeded):
    scenarios_before, links_before = SUMMARY.scenarios, sum(SUMMARY.links.values())

    office = User.objects.get(username="office")

    class OfficeWorkflow(schema.include(path_regex=WORKFLOWS[workflow]).as_state_machine()):
        def setup(self):
            # Each scenario starts from the seeded county, not from what the scenarios before
            # it wrote: a failing scenario then replays alike, and hypothesis reports the
            # failed check rather than "inconsistent data generation". (The requests run
            # in-process on this test's connection, inside its transaction.)
            self.savepoint = transaction.savepoint()
            # A token of its own: a scenario may revoke the token it listed.
            _token, self.key = api_token_issue(actor=office, user_id=office.pk, name="scenario")
            SUMMARY.scenarios += 1

        def teardown(self):
            transaction.savepoint_rollback(self.savepoint)

        def get_call_kwargs(self, case):
            return {"headers": {"Authorization": f"Bearer {self.key}"}}

        def step(self, input):
            output = super().step(input)
            link = input.transition.id if input.transition else None
            SUMMARY.record(output.case, output.response, link=link)
            return output

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS)

    OfficeWorkflow.run(
        settings=settings(
            max_examples=SCENARIOS, stateful_step_count=STEPS_PER_SCENARIO, **REPRODUCIBLE
        )
    )
    assert SUMMARY.scenarios - scenarios_before >= SCENARIOS
    assert sum(SUMMARY.links.values()) > links_before, "no step followed a link"
