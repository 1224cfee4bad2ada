"""巡中立行立改 with crafted ids: refused or absent, never a 500."""

import pytest
from django.urls import reverse

from findings.choices import ProblemStatus
from rounds.choices import RoundStatus
from tests.rectification.test_api import as_user, refused
from tests.world import build_world

pytestmark = pytest.mark.django_db

ORDERS = "/api/v1/immediate-orders/"
HUGE = 10**30


@pytest.fixture
def on_site():
    return build_world(round_status=RoundStatus.ON_SITE)


def test_an_id_beyond_a_bigint_is_refused_by_name(on_site):
    world = on_site
    problem = world.problem(status=ProblemStatus.CONFIRMED)
    leader = as_user(world.leader_a)
    body = {"assignment": world.assignment_a.pk, "problems": [problem.pk, HUGE], "form": "oral"}
    refused(leader.post(ORDERS, body, format="json"), 400, "problems")
    body = {"assignment": HUGE, "problems": [problem.pk], "form": "oral"}
    refused(leader.post(ORDERS, body, format="json"), 400, "assignment")


def test_the_office_list_of_a_round_beyond_a_bigint_is_empty(client, on_site):
    client.force_login(on_site.office)
    for value in (str(HUGE), "-1", "x"):
        answer = client.get(reverse("rectification:order_list"), {"round": value})
        assert answer.status_code == 200, value
