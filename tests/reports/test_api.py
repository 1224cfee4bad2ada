"""Statistics through the API: what each role may pull, errors, bounded queries."""

import pytest
from rest_framework.test import APIClient

from findings.choices import ProblemStatus
from inspection.services import api_token_issue
from reports.statistics import FIGURES
from tests.world import build_world

pytestmark = pytest.mark.django_db


def as_user(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def world():
    world = build_world()
    world.problem(status=ProblemStatus.CONFIRMED)
    world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
    world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
    return world


def problems_by_label(answer):
    assert answer.status_code == 200, answer.content
    return {row["label"]: row["figures"]["problems"] for row in answer.json()}


def test_a_statistics_token_pulls_county_figures_grouped_by_town(world):
    _token, key = api_token_issue(actor=world.office, user_id=world.stats.pk, name="平台")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    answer = client.get("/api/v1/statistics/problems/", {"group_by": "town"})
    assert problems_by_label(answer) == {"甲镇": 1, "乙镇": 2}
    table = client.get("/api/v1/statistics/", {"round": world.round.pk}).json()
    assert table[0]["figures"]["problems"] == 3
    assert table[0]["figures"]["inspected"] == 2


def test_an_officer_sees_only_their_own_town(world):
    answer = as_user(world.officer_a).get("/api/v1/statistics/problems/", {"group_by": "town"})
    assert problems_by_label(answer) == {"甲镇": 1}
    asked_for_b = as_user(world.officer_a).get(
        "/api/v1/statistics/problems/", {"town": world.town_b.pk}
    )
    assert problems_by_label(asked_for_b) == {"合计": 1}


def test_an_inspector_pulls_their_own_team_only(world):
    client = as_user(world.leader_a)
    assert client.get("/api/v1/statistics/problems/").status_code == 403
    refused = client.get("/api/v1/statistics/problems/", {"team": world.team_b.pk})
    assert refused.status_code == 403 and "本组" in refused.json()["detail"]
    mine = client.get("/api/v1/statistics/problems/", {"team": world.team_a.pk})
    assert problems_by_label(mine) == {"合计": 1}


def test_the_liaison_pulls_no_statistics(world):
    assert as_user(world.liaison).get("/api/v1/statistics/").status_code == 403


def test_bad_queries_answer_400_with_the_field(world):
    client = as_user(world.office)
    grouped = client.get("/api/v1/statistics/coverage/", {"group_by": "team"})
    assert grouped.status_code == 400 and "group_by" in grouped.json()["errors"]
    backwards = client.get(
        "/api/v1/statistics/", {"date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    assert backwards.status_code == 400 and "date_from" in backwards.json()["errors"]
    assert client.get("/api/v1/statistics/", {"group_by": "county"}).status_code == 400
    assert client.get("/api/v1/statistics/", {"round": "abc"}).status_code == 400
    # A day far off is refused, not a 500 (the alert windows' arithmetic overflowed).
    for day in ("9999-12-31", "0001-01-01"):
        far = client.get("/api/v1/statistics/", {"on": day})
        assert far.status_code == 400 and "on" in far.json()["errors"], day


def test_query_count_of_the_table_is_bounded(world, django_assert_max_num_queries):
    for _ in range(5):
        world.item()
    client = as_user(world.office)
    # One query a figure (coverage does not group by village), the labels and the version.
    with django_assert_max_num_queries(len(FIGURES) + 1):
        answer = client.get("/api/v1/statistics/", {"group_by": "village"})
    assert answer.status_code == 200


def test_an_id_too_large_for_the_database_is_a_400_not_a_500(world):
    answer = as_user(world.office).get(
        "/api/v1/statistics/problems/", {"team": "122256359299340970825351168"}
    )
    assert answer.status_code == 400 and "team" in answer.json()["errors"]
