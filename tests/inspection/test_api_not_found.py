"""Issue 15, item 4: an unknown id on every detail endpoint is the API's 404 envelope in
the user's language, never Django's "No InspectionRound matches the given query."

Every viewset of the router with a detail route, and the evidence download, as the office
(county-wide: nothing is out of scope, so the id is unknown) and as the statistics client
where it reads. Chinese by default, English for a user who chose English.
"""

import re

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from inspection.api.v1 import router
from inspection.attachments import evidence_kinds
from reports.api.urls import router as reports_router
from tests.world import build_world

pytestmark = pytest.mark.django_db

UNKNOWN = 2**62
CHINESE = re.compile("[\u4e00-\u9fff]")


def in_the_envelope(answer, language: str) -> bool:
    """``{"detail": message}`` in the user's language (a resource may name itself:
    个别谈话不存在或无权访问。), never Django's English naming the model."""
    body = answer.json()
    if answer.status_code != 404 or set(body) != {"detail"}:
        return False
    detail = body["detail"]
    if "matches the given query" in detail:
        return False
    return bool(CHINESE.search(detail)) == (language == "zh-hans")


def detail_endpoints() -> list[str]:
    registered = [*router.registry, *reports_router.registry]
    return [prefix for prefix, viewset, _ in registered if hasattr(viewset, "retrieve")]


def client_for(user, language: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    if language == "en":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_unknown_id_is_the_same_404_on_every_detail_endpoint(language):
    world = build_world()
    client = client_for(world.office, language)
    prefixes = detail_endpoints()
    assert len(prefixes) >= 26
    for prefix in prefixes:
        answer = client.get(f"/api/v1/{prefix}/{UNKNOWN}/", HTTP_ACCEPT="application/json")
        assert in_the_envelope(answer, language), (prefix, answer.content)
    for kind in sorted(evidence_kinds()):
        answer = client.get(f"/api/v1/evidence/{kind}/{UNKNOWN}/")
        assert in_the_envelope(answer, language), (kind, answer.content)
    for prefix in ("towns", "villages", "terms", "rounds"):
        answer = client_for(world.stats, language).get(f"/api/v1/{prefix}/{UNKNOWN}/")
        assert in_the_envelope(answer, language), (prefix, answer.content)
