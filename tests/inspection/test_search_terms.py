"""A search takes its first MAX_SEARCH_TERMS words, on the screens and in the API alike
(each word adds one LIKE per searched field): a sixth word is ignored everywhere."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from findings.choices import ProblemStatus
from inspection.confidentiality import MAX_SEARCH_TERMS
from rounds.choices import RoundStatus
from tests.world import build_world

pytestmark = pytest.mark.django_db

FACTS = "村集体资金被挪用用于招待"
WORDS = ["村集体", "资金", "挪用", "招待", "村"]
ABSENT = "不存在的词"


@pytest.fixture
def world():
    world = build_world(round_status=RoundStatus.REPORTING)
    world.target = world.problem(status=ProblemStatus.CONFIRMED, facts=FACTS)
    return world


def api_ids(user, search):
    client = APIClient()
    client.force_authenticate(user)
    answer = client.get("/api/v1/problems/", {"search": search})
    assert answer.status_code == 200, answer.content
    return {row["id"] for row in answer.json()["results"]}


def screen_lists(client, user, problem, search):
    client.force_login(user)
    answer = client.get(reverse("findings:problem_list"), {"search": search})
    assert answer.status_code == 200
    return reverse("findings:problem_detail", args=[problem.pk]) in answer.content.decode()


def test_the_limit_is_five_words():
    assert MAX_SEARCH_TERMS == len(WORDS) == 5


def test_the_api_ignores_a_sixth_word(world):
    assert api_ids(world.office, " ".join(WORDS)) == {world.target.pk}
    assert api_ids(world.office, " ".join([*WORDS[:4], ABSENT])) == set()
    assert api_ids(world.office, " ".join([*WORDS, ABSENT])) == {world.target.pk}


def test_the_screen_ignores_a_sixth_word_as_the_api_does(world, client):
    assert screen_lists(client, world.office, world.target, " ".join(WORDS))
    assert not screen_lists(client, world.office, world.target, " ".join([*WORDS[:4], ABSENT]))
    assert screen_lists(client, world.office, world.target, " ".join([*WORDS, ABSENT]))


def test_many_words_cost_no_more_than_five(world):
    """Sixty words search as five: the query is no longer for them."""
    with CaptureQueriesContext(connection) as five:
        api_ids(world.office, " ".join(WORDS))
    with CaptureQueriesContext(connection) as sixty:
        api_ids(world.office, " ".join(WORDS * 12))
    assert [len(q["sql"]) for q in sixty.captured_queries] == [
        len(q["sql"]) for q in five.captured_queries
    ]
