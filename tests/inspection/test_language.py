"""Screens are Chinese by default, whatever the browser asks, and English on request."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_chinese_even_for_an_english_browser(client):
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "zh-hans"
    assert "登录" in page.content.decode()


def test_english_when_the_user_switches(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/admin/login/")
    assert page["Content-Language"] == "en"
    assert "Log in" in page.content.decode()


def test_an_unknown_language_cookie_falls_back_to_chinese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/admin/login/")["Content-Language"] == "zh-hans"
