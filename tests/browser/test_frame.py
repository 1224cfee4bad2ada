"""The frame: signing in lands each role on its start page, the language switch, the
notification centre, signing out."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect


def test_sign_in_switch_to_english_and_back_then_sign_out(browse, snap):
    page = browse(None)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("用户名").fill("office")
    page.get_by_label("密码").fill("wrong password")
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".form-errors")).to_contain_text("请输入一个正确的")

    page.get_by_label("用户名").fill("office")
    page.get_by_label("密码").fill("demo-office-2026")
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".usermenu")).to_contain_text("巡察办工作人员")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="中文")).to_be_visible()
    page.get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")

    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_keyboard_reaches_the_navigation_from_the_skip_link(browse):
    page = browse("office")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="跳到正文")).to_be_focused()


OFFICE_PAGES = (
    "/",
    "/villages/",
    "/rounds/",
    "/problems/",
    "/clues/",
    "/items/",
    "/verification/",
    "/reports/",
    "/notifications/",
)


def test_the_office_pages_run_under_the_content_security_policy(browse):
    """No inline script or style slipped into a template: the browser reports none
    blocked, and no script error, on every page of the office's navigation."""
    page = browse("office")
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    for path in OFFICE_PAGES:
        answer = page.goto(path)
        assert answer.status == 200, path
        assert "default-src 'self'" in answer.headers["content-security-policy"], path
    assert problems == []


def is_the_schema(response) -> bool:
    return urlsplit(response.url).path == "/api/schema/"


# A ceiling against a hang only: each page is checked once the schema it fetches has
# arrived and is rendered, however long that takes on a busy machine (it used to be
# given expect's 5 s, and a busy machine failed it on Swagger's "Loading").
SCHEMA_HANG = 300_000


def test_the_api_documentation_renders_under_its_own_policy(browse):
    page = browse("office")
    for path, rendered in (("/api/docs/", ".swagger-ui .title"), ("/api/redoc/", ".redoc-wrap")):
        with page.expect_response(is_the_schema, timeout=SCHEMA_HANG) as schema:
            page.goto(path)
        assert schema.value.ok, path
        expect(page.locator(rendered).first).to_contain_text("API", timeout=SCHEMA_HANG)
