"""Issue 15, item 4: a statistics client can name what it asks for, and an id that names
nothing is answered as on every list.

A statistics client could not list towns, terms or rounds (403), so it could not name the
groups of its figures; ``?round=999999`` answered 200 with zeros. Now the non-personal
registers (towns, villages, terms, rounds) are readable by it, read-only; every other
record stays closed; and an unknown id, or one out of the user's sight, answers no rows.
"""

import pytest
from rest_framework.test import APIClient

from findings.choices import ProblemStatus
from inspection.services import api_token_issue
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db

REGISTERS = ("towns", "villages", "terms", "rounds")
CLOSED = ("users", "api-tokens", "teams", "assignments", "problems", "clues", "interviews")
UNKNOWN = 2**62


def statistics_client(world) -> APIClient:
    _token, key = api_token_issue(actor=world.office, user_id=world.stats.pk, name="平台")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_statistics_client_lists_the_registers_it_names_its_questions_by():
    world = build_world()
    client = statistics_client(world)
    for prefix in REGISTERS:
        listed = client.get(f"/api/v1/{prefix}/")
        assert listed.status_code == 200, (prefix, listed.content)
        assert listed.json()["results"], prefix
        first = listed.json()["results"][0]["id"]
        assert client.get(f"/api/v1/{prefix}/{first}/").status_code == 200
    rounds = client.get("/api/v1/rounds/").json()["results"]
    assert {row["id"] for row in rounds} == {world.round.pk}
    for prefix in CLOSED:
        assert client.get(f"/api/v1/{prefix}/").status_code == 403, prefix


def test_a_statistics_client_writes_no_register():
    world = build_world()
    client = statistics_client(world)
    refused = client.post(f"/api/v1/rounds/{world.round.pk}/end-on-site/", {}, format="json")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "该账号只能读取统计数据。"}
    assert client.post("/api/v1/rounds/", {}, format="json").status_code == 403


@pytest.mark.parametrize("name", ["term", "round", "town", "village", "team"])
def test_an_unknown_id_answers_no_rows_not_zeros(name):
    world = build_world()
    world.problem(status=ProblemStatus.CONFIRMED)
    for client in (statistics_client(world), as_user(world.office)):
        for path in ("/api/v1/statistics/", "/api/v1/statistics/problems/"):
            for extra in ({}, {"group_by": "town"}):
                answer = client.get(path, {name: UNKNOWN, **extra})
                assert answer.status_code == 200, answer.content
                assert answer.json() == [], (path, name, extra)
        assert client.get("/api/v1/statistics/", {"round": world.round.pk}).json() != []


def test_a_round_out_of_an_officers_sight_is_answered_as_an_unknown_one():
    world = build_world()
    world.problem(status=ProblemStatus.CONFIRMED)
    elsewhere = f.InspectionRoundFactory(term=world.round.term)
    client = as_user(world.officer_a)
    unknown = client.get("/api/v1/statistics/problems/", {"round": UNKNOWN})
    hidden = client.get("/api/v1/statistics/problems/", {"round": elsewhere.pk})
    assert (hidden.status_code, hidden.json()) == (unknown.status_code, unknown.json())
    assert hidden.json() == []
    mine = client.get("/api/v1/statistics/problems/", {"round": world.round.pk})
    assert mine.json()[0]["figures"]["problems"] == 1


def test_money_is_one_format_in_statistics_and_resources():
    """Issue 15, item 4: a problem's amount read "12000.50" and the same sum in the
    statistics 12000.5 (a float)."""
    world = build_world()
    problem = world.problem(status=ProblemStatus.CONFIRMED)
    problem.amount = "12000.50"
    problem.save(update_fields=["amount"])
    client = as_user(world.office)
    resource = client.get(f"/api/v1/problems/{problem.pk}/").json()["amount"]
    figures = client.get("/api/v1/statistics/problems/").json()[0]["figures"]
    assert resource == figures["amount_involved"] == "12000.50"
    clues = client.get("/api/v1/statistics/clues/").json()[0]["figures"]
    assert clues["funds_recovered"] == "0.00"
    table = client.get("/api/v1/statistics/", {"group_by": "town"}).json()
    sums = [
        row["figures"]["amount_involved"] for row in table if "amount_involved" in row["figures"]
    ]
    assert sums and all(isinstance(value, str) for value in sums)
