"""An id outside the requester's scope answers exactly as an unknown one, in the exports
API and the statistics API: neither tells a user that a record they cannot see exists."""

import pytest
from rest_framework.test import APIClient

from findings.choices import ProblemStatus
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db

UNKNOWN = 999999


def as_user(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def answer_of(response):
    return response.status_code, response.json()


@pytest.fixture
def world():
    world = build_world()
    world.problem(status=ProblemStatus.CONFIRMED)
    world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
    world.other_round = f.InspectionRoundFactory()
    world.other_team = f.TeamFactory(round=world.other_round, number=1)
    return world


def cases(world):
    """(persona, extra scope, field, an id outside that persona's scope)."""
    return [
        ("leader_a", {}, "team", world.team_b.pk),
        ("leader_a", {}, "team", world.other_team.pk),
        ("leader_a", {"team": world.team_a.pk}, "round", world.other_round.pk),
        ("officer_a", {}, "team", world.team_b.pk),
        ("officer_a", {}, "round", world.other_round.pk),
    ]


def test_an_export_of_a_scope_outside_one_s_own_answers_as_an_unknown_id(world):
    for persona, scope, field, hidden in cases(world):
        client = as_user(getattr(world, persona))
        outside = client.post("/api/v1/exports/", {**scope, field: hidden}, format="json")
        unknown = client.post("/api/v1/exports/", {**scope, field: UNKNOWN}, format="json")
        assert answer_of(outside) == answer_of(unknown), (persona, field)
        assert outside.status_code in (400, 403), outside.content


def test_the_exports_say_the_hidden_team_does_not_exist():
    """The reviewer's case: leader_a asking for team B's workbook."""
    world = build_world()
    client = as_user(world.leader_a)
    hidden = client.post("/api/v1/exports/", {"team": world.team_b.pk}, format="json")
    absent = client.post("/api/v1/exports/", {"team": UNKNOWN}, format="json")
    assert answer_of(hidden) == answer_of(absent)


@pytest.mark.parametrize("path", ["/api/v1/statistics/", "/api/v1/statistics/problems/"])
def test_statistics_of_a_scope_outside_one_s_own_answer_as_an_unknown_id(world, path):
    for persona, scope, field, hidden in cases(world):
        client = as_user(getattr(world, persona))
        outside = client.get(path, {**scope, field: hidden})
        unknown = client.get(path, {**scope, field: UNKNOWN})
        assert answer_of(outside) == answer_of(unknown), (persona, field)


def test_the_office_still_exports_any_scope_and_a_statistics_client_names_any_id(world):
    for user in (world.office, world.stats):
        for scope in ({"team": world.team_b.pk}, {"town": world.town_b.pk}):
            answer = as_user(user).post("/api/v1/exports/", scope, format="json")
            assert answer.status_code == 202, answer.content
        absent = as_user(user).post("/api/v1/exports/", {"team": UNKNOWN}, format="json")
        assert absent.status_code == 400 and "team" in absent.json()["errors"]
