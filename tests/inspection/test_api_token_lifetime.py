"""Issue 15, item 5: tokens expire by default. A token issued without an expiry lasts
``INSPECTION_API_TOKEN_DAYS`` (90 by default), says so when it is issued, and answers 401
once that day has passed; an issuer may choose an earlier day, never a later one."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from inspection.models import ApiToken
from tests.world import build_world

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def bearer(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_a_token_issued_without_an_expiry_lasts_ninety_days_and_says_so():
    world = build_world()
    issued = signed_in(world.member_a).post(
        "/api/v1/api-tokens/", {"user": world.member_a.pk, "name": "手机"}, format="json"
    )
    assert issued.status_code == 201, issued.content
    body = issued.json()
    expires_at = datetime.datetime.fromisoformat(body["expires_at"])
    expected = timezone.now() + datetime.timedelta(days=90)
    assert abs((expires_at - expected).total_seconds()) < 60
    key = body["key"]
    with time_machine.travel(expires_at - datetime.timedelta(minutes=1), tick=False):
        assert bearer(key).get("/api/v1/towns/").status_code == 200
    with time_machine.travel(expires_at + datetime.timedelta(minutes=1), tick=False):
        answer = bearer(key).get("/api/v1/towns/")
    assert answer.status_code == 401
    assert "过期" in answer.json()["detail"]


def test_the_lifetime_is_a_setting(settings):
    settings.INSPECTION_API_TOKEN_DAYS = 7
    world = build_world()
    issued = signed_in(world.member_a).post(
        "/api/v1/api-tokens/", {"user": world.member_a.pk, "name": "手机"}, format="json"
    )
    token = ApiToken.objects.get(pk=issued.json()["id"])
    assert abs(token.expires_at - token.issued_at - datetime.timedelta(days=7)).seconds < 60
    key = issued.json()["key"]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8), tick=False):
        assert bearer(key).get("/api/v1/towns/").status_code == 401


def test_an_expiry_later_than_the_lifetime_is_refused_with_the_limit_named():
    world = build_world()
    later = (timezone.now() + datetime.timedelta(days=91)).isoformat()
    answer = signed_in(world.member_a).post(
        "/api/v1/api-tokens/",
        {"user": world.member_a.pk, "name": "永久", "expires_at": later},
        format="json",
    )
    assert answer.status_code == 400
    assert "90天" in answer.json()["errors"]["expires_at"][0]
    assert not ApiToken.objects.exists()
