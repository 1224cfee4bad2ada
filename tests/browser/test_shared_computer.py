"""What stays on a shared computer: the team's unsent drafts (interviewee names in them)
leave the browser's storage when the session ends — the sign-in page an expired session
lands on forgets them — and by age (INSPECTION_DRAFT_TTL_HOURS), on the next page.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rounds.choices import RoundStatus
from rounds.models import Assignment
from tests.browser.conftest import PHONE_SCREEN

DRAFTS = "Object.keys(localStorage).filter(k => k.startsWith('draft:'))"


@pytest.fixture(scope="module")
def form_url(site, django_db_blocker) -> str:
    """The interview form of a village the demo leader's team has on site."""
    with django_db_blocker.unblock():
        assignment = (
            Assignment.objects.filter(
                team__memberships__user__username="leader", round__status=RoundStatus.ON_SITE
            )
            .order_by("pk")
            .first()
        )
    return reverse("findings:team_interview_new", args=[assignment.pk])


def type_a_draft(page, form_url: str, name: str) -> None:
    page.goto(form_url)
    page.get_by_label("普通群众").check()
    page.get_by_label("谈话对象姓名").fill(name)
    page.wait_for_function(f"() => {DRAFTS}.length === 1")  # kept after the typing pause
    assert name in page.evaluate(f"localStorage.getItem({DRAFTS}[0])")


def test_a_draft_leaves_the_browser_when_the_session_expires(browse, form_url):
    page = browse("leader", screen=PHONE_SCREEN)
    type_a_draft(page, form_url, "周桂兰")
    # Another page of the same session keeps it, and the form brings it back.
    page.goto("/team/")
    page.goto(form_url)
    expect(page.locator(".draft-bar")).to_contain_text("已恢复未发送的内容")

    # The session ends on the server (the CSRF cookie stays, as it does in a browser).
    page.context.clear_cookies(name="sessionid")
    page.get_by_label("谈话摘要").fill("反映补偿款未到位。")
    page.get_by_role("button", name="保存谈话").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("button", name="登录")).to_be_visible()
    assert page.evaluate(DRAFTS) == []

    # Signing in again brings nothing back.
    page.get_by_label("用户名").fill("leader")
    page.get_by_label("密码").fill("demo-leader-2026")
    page.get_by_role("button", name="登录").click()
    page.goto(form_url)
    expect(page.get_by_label("谈话对象姓名")).to_have_value("")
    expect(page.locator(".draft-bar")).to_have_count(0)


def test_a_draft_older_than_the_limit_is_gone_on_the_next_page(browse, form_url):
    page = browse("leader", screen=PHONE_SCREEN)
    type_a_draft(page, form_url, "沈秀英")
    (key,) = page.evaluate(DRAFTS)
    # Last typed into thirteen hours ago (the limit is twelve).
    page.evaluate(
        """key => {
            const draft = JSON.parse(localStorage.getItem(key));
            draft.t = Date.now() - 13 * 3600 * 1000;
            localStorage.setItem(key, JSON.stringify(draft));
        }""",
        key,
    )
    page.goto("/team/")
    assert page.evaluate(DRAFTS) == []
    page.goto(form_url)
    expect(page.get_by_label("谈话对象姓名")).to_have_value("")


def test_another_users_draft_is_dropped_on_the_first_page(browse, form_url):
    page = browse("leader", screen=PHONE_SCREEN)
    owner = page.evaluate("document.body.dataset.draftOwner")
    page.evaluate(
        """() => localStorage.setItem("draft:0:team:interview:1:0",
            JSON.stringify({v: {interviewee_name: "顾长根"}, t: Date.now(), pending: true}))"""
    )
    page.goto("/team/")
    assert page.evaluate(DRAFTS) == []
    assert owner and owner != "0"
