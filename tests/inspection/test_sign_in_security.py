"""Sign-in lock-out after repeated failures, and sessions that end by themselves."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
PASSWORD = "correct-horse-battery"


def attempt(client, username, password, address="10.1.1.1", url=LOGIN):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_failures_lock_the_name_out_even_with_the_right_password(client):
    f.UserFactory(username="office")
    for _ in range(4):
        assert attempt(client, "office", "guess").status_code == 200
    assert attempt(client, "office", "guess").status_code == 429
    locked = attempt(client, "office", PASSWORD)
    assert locked.status_code == 429
    assert "登录已锁定" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_one_name_at_one_address_only(client):
    f.UserFactory(username="office")
    f.UserFactory(username="lead")
    for _ in range(5):
        attempt(client, "office", "guess")
    assert attempt(client, "lead", PASSWORD).status_code == 302
    client.logout()
    assert attempt(client, "office", PASSWORD, address="10.1.1.2").status_code == 302


def test_the_admin_sign_in_is_locked_out_too(client):
    f.UserFactory(username="office")
    for _ in range(5):
        attempt(client, "office", "guess", url="/admin/login/")
    assert attempt(client, "office", PASSWORD, url="/admin/login/").status_code == 429


def test_the_lock_lifts_after_half_an_hour(client):
    f.UserFactory(username="office")
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)) as now:
        for _ in range(5):
            attempt(client, "office", "guess")
        assert attempt(client, "office", PASSWORD).status_code == 429
        now.shift(datetime.timedelta(minutes=31))
        assert attempt(client, "office", PASSWORD).status_code == 302


def test_a_success_clears_the_count(client):
    f.UserFactory(username="office")
    for _ in range(4):
        attempt(client, "office", "guess")
    assert attempt(client, "office", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "office", "guess")
    assert attempt(client, "office", PASSWORD).status_code == 302


class TestSessionLimits:
    page = "/notifications/"

    def test_thirty_minutes_idle_ends_the_session(self, client):
        user = f.UserFactory()
        with time_machine.travel(datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)) as now:
            client.force_login(user)
            assert client.get(self.page).status_code == 200
            now.shift(datetime.timedelta(minutes=29))
            assert client.get(self.page).status_code == 200
            now.shift(datetime.timedelta(minutes=31))
            answer = client.get(self.page)
            assert answer.status_code == 302
            assert answer.url.startswith(reverse("inspection:login"))
            page = client.get(answer.url)
            assert "登录已超时，请重新登录。" in page.content.decode()

    def test_twelve_hours_after_signing_in_the_session_ends_even_if_busy(self, client):
        user = f.UserFactory()
        with time_machine.travel(datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)) as now:
            client.force_login(user)
            for _ in range(12 * 3 - 1):
                assert client.get(self.page).status_code == 200
                now.shift(datetime.timedelta(minutes=20))
            assert client.get(self.page).status_code == 200
            now.shift(datetime.timedelta(minutes=21))
            assert client.get(self.page).status_code == 302

    def test_the_api_session_ends_the_same_way(self, client):
        user = f.UserFactory()
        with time_machine.travel(datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)) as now:
            client.force_login(user)
            assert client.get("/api/v1/notifications/").status_code == 200
            now.shift(datetime.timedelta(minutes=31))
            assert client.get("/api/v1/notifications/").status_code in (401, 403)
