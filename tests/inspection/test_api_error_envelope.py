"""Every refusal under /api/ is the API's JSON envelope, in the user's language.

Unknown address, wrong method, not signed in, not permitted, a failed CSRF check, a body
too large or with too many fields, one that is not JSON, a media type or an Accept it
cannot serve, a bad host: each answers ``{"detail": …}`` as JSON — in Chinese by default,
in English for a user who chose English with the language switch (the project's rule:
the browser's Accept-Language alone does not decide, see test_error_language.py).
No throttling is configured; the one 429, a full export queue, is
tests/reports/test_exports_api.py::test_a_full_export_queue_answers_429_with_retry_after.
"""

import json
import re

import pytest
from django.conf import settings
from rest_framework.test import APIClient
from rest_framework.views import APIView

from inspection.api.renderers import OrjsonRenderer
from tests.world import build_world

pytestmark = pytest.mark.django_db

CHINESE = re.compile("[\u4e00-\u9fff]")


@pytest.fixture
def world():
    return build_world()


def client_for(language: str, user=None, *, csrf: bool = False) -> APIClient:
    client = APIClient(enforce_csrf_checks=csrf)
    if language == "en":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        if csrf:
            client.force_login(user)
        else:
            client.force_authenticate(user)
    return client


def refusals(world):
    """(what, status, request) for each kind of refusal; request(client-maker) → answer."""
    item = world.item()
    too_large = json.dumps({"note": "x" * 3000})
    fields = {f"f{number}": "x" for number in range(20)}
    return [
        ("unknown address", 404, lambda c: c("x").get("/api/v1/no-such-thing/")),
        ("absent record", 404, lambda c: c("x", world.office).get(f"/api/v1/towns/{2**62}/")),
        ("method", 405, lambda c: c("x", world.office).patch("/api/v1/towns/", {})),
        ("not signed in", 401, lambda c: c("x").get("/api/v1/towns/")),
        ("role", 403, lambda c: c("x", world.stats).get("/api/v1/problems/")),
        (
            "csrf",
            403,
            lambda c: c("x", world.member_a, csrf=True).post("/api/v1/activities/", {}),
        ),
        (
            "too large",
            413,
            lambda c: c("x", world.member_a).post(
                "/api/v1/activities/", too_large, content_type="application/json"
            ),
        ),
        (
            "too many fields",
            400,
            lambda c: c("x", world.office).post(
                f"/api/v1/rectification-items/{item.pk}/post-progress/", fields, format="multipart"
            ),
        ),
        (
            "not json",
            400,
            lambda c: c("x", world.member_a).post(
                "/api/v1/activities/", "{", content_type="application/json"
            ),
        ),
        (
            "media type",
            415,
            lambda c: c("x", world.office).post(
                f"/api/v1/rectification-items/{item.pk}/update-plan/",
                "<x/>",
                content_type="application/xml",
            ),
        ),
        (
            "bad host",
            400,
            lambda c: c("x", world.office).get("/api/v1/towns/", HTTP_HOST="evil.example"),
        ),
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_refusal_is_json_in_the_users_language(world, settings, language):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10

    def make(_, user=None, *, csrf=False):
        return client_for(language, user, csrf=csrf)

    for what, status, send in refusals(world):
        response = send(make)
        assert response.status_code == status, (what, response.content[:200])
        assert response["Content-Type"].startswith("application/json"), what
        detail = json.loads(response.content)["detail"]
        if language == "en":
            assert not CHINESE.search(detail), (what, detail)
        else:
            assert CHINESE.search(detail), (what, detail)


def test_a_failed_csrf_check_says_so(world):
    response = client_for("zh-hans", world.member_a, csrf=True).post("/api/v1/activities/", {})
    assert response.json() == {"detail": "安全校验（CSRF）未通过，请刷新页面后重试。"}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_an_accept_nothing_serves_is_a_406_in_json(world, monkeypatch, language):
    """Production serves JSON alone: a client asking for HTML only gets a JSON 406."""
    monkeypatch.setattr(APIView, "renderer_classes", [OrjsonRenderer])
    response = client_for(language, world.office).get("/api/v1/towns/", HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert bool(CHINESE.search(detail)) is (language == "zh-hans")
