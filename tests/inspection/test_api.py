"""The shared resources through the API, authentication by token, the schema."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from inspection.models import ApiToken
from inspection.services import api_token_issue, api_token_revoke
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db


def bearer(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_anonymous_clients_are_refused():
    answer = APIClient().get("/api/v1/villages/")
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"] == "Bearer"


def test_a_person_issues_a_token_shown_once_and_stored_hashed():
    world = build_world()
    client = APIClient()
    client.force_authenticate(world.leader_a)
    answer = client.post(
        "/api/v1/api-tokens/", {"user": world.leader_a.pk, "name": "移动端"}, format="json"
    )
    assert answer.status_code == 201, answer.content
    key = answer.json()["key"]
    token = ApiToken.objects.get()
    assert key not in (token.digest, token.prefix) and key.startswith(token.prefix)
    assert "key" not in client.get(f"/api/v1/api-tokens/{token.pk}/").json()
    listed = bearer(key).get("/api/v1/villages/")
    assert listed.status_code == 200
    assert {row["name"] for row in listed.json()["results"]} == {"甲一村", "乙一村"}


def test_the_office_issues_no_token_for_another_person():
    """Issue #14: a token acts as its user; office staff issued one for the liaison."""
    world = build_world()
    client = APIClient()
    client.force_authenticate(world.office)
    answer = client.post(
        "/api/v1/api-tokens/", {"user": world.leader_a.pk, "name": "代办"}, format="json"
    )
    assert answer.status_code == 403
    assert "签发接口令牌" in answer.json()["detail"]


def test_revoked_and_expired_tokens_stop_working():
    world = build_world()
    token, key = api_token_issue(actor=world.member_a, user_id=world.member_a.pk, name="一")
    assert bearer(key).get("/api/v1/towns/").status_code == 200
    api_token_revoke(actor=world.office, token_id=token.pk)
    assert bearer(key).get("/api/v1/towns/").status_code == 401
    soon = timezone.now() + datetime.timedelta(seconds=1)
    expiring, key = api_token_issue(
        actor=world.member_a, user_id=world.member_a.pk, name="二", expires_at=soon
    )
    ApiToken.objects.filter(pk=expiring.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert bearer(key).get("/api/v1/towns/").status_code == 401
    assert bearer("not-a-key").get("/api/v1/towns/").status_code == 401


def test_a_statistics_token_reads_the_registers_and_no_records():
    """It reads the registers its questions name (towns, villages, terms, rounds), no
    record of a person or of the work."""
    world = build_world()
    _token, key = api_token_issue(actor=world.office, user_id=world.stats.pk, name="统计")
    for path in ("users", "api-tokens", "teams", "problems", "interviews", "notifications"):
        assert bearer(key).get(f"/api/v1/{path}/").status_code == 403, path
    for path in ("villages", "towns", "terms", "rounds"):
        assert bearer(key).get(f"/api/v1/{path}/").status_code == 200, path


def test_villages_filter_and_search_with_bounded_queries(django_assert_max_num_queries):
    world = build_world()
    f.VillageFactory.create_batch(30, town=world.town_a)
    client = APIClient()
    client.force_authenticate(world.office)
    with django_assert_max_num_queries(4):
        page = client.get("/api/v1/villages/", {"town": world.town_a.pk, "page_size": 100})
    assert page.status_code == 200
    assert len(page.json()["results"]) == 31
    found = client.get("/api/v1/villages/", {"search": "甲一"}).json()["results"]
    assert [row["name"] for row in found] == ["甲一村"]


def test_users_list_is_the_office_s():
    world = build_world()
    client = APIClient()
    client.force_authenticate(world.leader_a)
    rows = client.get("/api/v1/users/").json()["results"]
    assert [row["username"] for row in rows] == ["leader_a"]


def test_schema_and_docs_are_served_locally(client):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()
    assert client.get("/api/redoc/").status_code == 200


def test_every_successful_json_answer_in_the_schema_has_an_example(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            answers = [
                response.get("content", {}).get("application/json", {})
                for code, response in operation["responses"].items()
                if str(code).startswith("2")
            ]
            json_answers = [answer for answer in answers if answer]
            if json_answers and not any(
                "example" in answer or "examples" in answer for answer in json_answers
            ):
                missing.append(f"{method.upper()} {path}")
    assert missing == []
