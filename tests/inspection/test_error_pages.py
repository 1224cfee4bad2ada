"""The out-of-the-box run answers with the product's own pages, debug off: a record out of
scope, a refused page, a form sent again after the cookies were lost, a request Django
cannot take — each in the user's language (the language switch's cookie), none of them
Django's developer pages. A routine refusal is one line in the log, no traceback."""

import logging

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from inspection.choices import UserRole
from tests import factories as f

pytestmark = pytest.mark.django_db

DEVELOPER_WORDS = ("Forbidden", "CSRF verification failed", "Traceback", "Django", "urlpatterns")


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False


def client_in(language: str, user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if language != "zh-hans":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user)
    return client


def text_of(answer, status: int) -> str:
    assert answer.status_code == status
    page = answer.content.decode()
    for word in DEVELOPER_WORDS:
        assert word not in page, f"{word!r} on a user's page"
    return page


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", "页面不存在"), ("en", "Page not found")],
)
def test_an_unknown_or_out_of_scope_page_is_the_products_404(language, words):
    inspector = f.UserFactory(role=UserRole.INSPECTOR)
    problem = f.ProblemFactory()  # another unit's: as if it did not exist
    page = text_of(client_in(language, inspector).get(f"/problems/{problem.pk}/"), 404)
    assert words in page
    assert 'lang="en"' in page if language == "en" else 'lang="zh-Hans"' in page


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", "无权访问"), ("en", "Access denied")],
)
def test_a_refused_page_is_the_products_403(language, words):
    user = f.UserFactory(role=UserRole.INSPECTOR)
    page = text_of(client_in(language, user).get(reverse("reports:export_list")), 403)
    assert words in page


@pytest.mark.parametrize(
    ("language", "title", "advice"),
    [
        ("zh-hans", "页面已失效，刚才的内容没有提交", "请返回上一页，刷新后重新提交"),
        ("en", "This page has expired", "go back to the previous page"),
    ],
)
def test_a_form_sent_again_after_the_cookies_were_lost_is_the_products_page(
    language, title, advice
):
    """The sign-in form posted without its CSRF cookie (the browser lost its cookies):
    the product's page, wholly in the user's language, with a fresh token to try again."""
    client = client_in(language)
    answer = client.post(reverse("inspection:login"), {"username": "x", "password": "y"})
    page = text_of(answer, 403)
    assert title in page and advice in page
    if language == "en":
        assert not any("\u4e00" <= char <= "\u9fff" for char in page.split("<main", 1)[1])
    assert settings.CSRF_COOKIE_NAME in answer.cookies  # going back and sending again works


def test_a_request_django_refuses_is_the_products_400():
    client = Client(HTTP_HOST="elsewhere.example")
    page = text_of(client.get("/"), 400)
    assert "请求无法处理" in page


def test_a_routine_refusal_is_one_line_in_the_log(caplog):
    user = f.UserFactory(role=UserRole.INSPECTOR)
    client = client_in("zh-hans", user)
    with caplog.at_level(logging.INFO):
        assert client.get(reverse("reports:export_list")).status_code == 403
    refusals = [record for record in caplog.records if record.name == "django.request"]
    assert len(refusals) == 1
    url = reverse("reports:export_list")
    assert refusals[0].getMessage() == f"Forbidden (Permission denied): {url}"
    assert refusals[0].exc_info is None and not refusals[0].exc_text
    assert "Traceback" not in caplog.text
    # Printed once: by the root logger's handler, not also by one of Django's own.
    assert not logging.getLogger("django").handlers
    assert not logging.getLogger("django.request").handlers
