"""Issue 22 in the browser: the reader's watermark lies over every confidential screen at
the office's width and the phone's, prints, and lets every click through; the 密级 shows
near the title; and a phone draft leaves the browser's storage once its form is saved,
even when the answer saying so was lost on the way.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from findings.choices import ClueStatus
from findings.models import Clue
from inspection.models import User
from rounds.choices import RoundStatus
from rounds.models import Assignment, EntryNoticeAssignment, Interview
from tests.browser.conftest import ARTIFACTS, PHONE_SCREEN

DRAFTS = "Object.keys(localStorage).filter(k => k.startsWith('draft:'))"
EVERYTHING_STORED = "Object.keys(localStorage).map(k => k + '=' + localStorage.getItem(k)).join()"
MARK = re.compile(r"（(\w+)） \d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


def the_overlay_is_drawn_over_the_page(page) -> str:
    """The overlay covers the viewport, draws the mark, and takes no pointer events."""
    overlay = page.locator(".watermark")
    expect(overlay).to_be_visible()
    box = overlay.bounding_box()
    viewport = page.viewport_size
    assert (box["x"], box["y"]) == (0, 0)
    assert (box["width"], box["height"]) == (viewport["width"], viewport["height"])
    style = page.evaluate(
        """() => {
            const overlay = getComputedStyle(document.querySelector('.watermark'));
            const row = getComputedStyle(document.querySelector('.watermark-row'), '::before');
            return {events: overlay.pointerEvents, z: overlay.zIndex, drawn: row.content};
        }"""
    )
    assert style["events"] == "none"
    assert int(style["z"]) > 1000
    text = overlay.get_attribute("data-watermark")
    assert MARK.search(text)
    assert style["drawn"].count(text) >= 4  # repeated along each row
    return text


@pytest.fixture(scope="module")
def clue_url(site, django_db_blocker) -> str:
    with django_db_blocker.unblock():
        clue = Clue.objects.filter(status=ClueStatus.TRANSFERRED).order_by("pk").first()
    return reverse("findings:clue_detail", args=[clue.pk])


@pytest.fixture(scope="module")
def on_site(site, django_db_blocker) -> Assignment:
    """A village the demo leader's team has on site."""
    with django_db_blocker.unblock():
        return (
            Assignment.objects.filter(
                team__memberships__user__username="leader", round__status=RoundStatus.ON_SITE
            )
            .order_by("pk")
            .first()
        )


def test_the_watermark_lies_over_a_clue_page_and_lets_a_click_through(browse, snap, clue_url):
    page = browse("office")
    page.goto(clue_url)
    text = the_overlay_is_drawn_over_the_page(page)
    assert MARK.search(text).group(1) == "office"
    expect(page.locator(".classification-mark")).to_have_text("密级：秘密")
    snap(page, "watermark-clue-office")

    # The overlay covers the link, yet the link is what a click there reaches.
    crumb = page.locator(".crumbs a").first
    box = crumb.bounding_box()
    at = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a') !== null", at)
    crumb.click()  # Playwright refuses a click another element would intercept
    expect(page).to_have_url(re.compile(r"/clues/$"))
    the_overlay_is_drawn_over_the_page(page)

    # Printed, the mark is on the sheet (the top bar is not); the PDF is kept to look at.
    page.goto(clue_url)
    page.emulate_media(media="print")
    assert MARK.search(the_overlay_is_drawn_over_the_page(page)).group(1) == "office"
    expect(page.locator(".topbar")).to_be_hidden()
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "watermark-clue-print.pdf"))


def test_the_watermark_on_the_phone_and_the_team_can_still_tap(browse, snap, on_site):
    page = browse("leader", screen=PHONE_SCREEN)
    with_interview = Interview.objects.filter(assignment=on_site).order_by("pk").first()
    page.goto(reverse("rounds:interview_detail", args=[with_interview.pk]))
    text = the_overlay_is_drawn_over_the_page(page)
    assert MARK.search(text).group(1) == "leader"
    expect(page.locator(".classification-mark")).to_have_text("密级：内部")
    snap(page, "watermark-interview-phone")
    page.locator(".crumbs a").first.click()
    expect(page).to_have_url(re.compile(rf"/team/assignments/{on_site.pk}/$"))
    the_overlay_is_drawn_over_the_page(page)


def test_the_public_intake_page_has_no_watermark(browse):
    code = EntryNoticeAssignment.objects.order_by("pk").values_list("public_code", flat=True)[0]
    page = browse(None, screen=PHONE_SCREEN)
    page.goto(reverse("public:intake", kwargs={"code": code}))
    expect(page.locator("main")).to_be_visible()
    expect(page.locator(".watermark")).to_have_count(0)


# --------------------------------------------------------------- phone drafts once sent


def type_an_interview(page, on_site, name: str) -> None:
    page.goto(reverse("findings:team_interview_new", args=[on_site.pk]))
    page.get_by_label("普通群众").check()
    page.get_by_label("谈话对象姓名").fill(name)
    page.get_by_label("谈话摘要").fill(f"{name}反映村里修路的钱去向不明。")
    member = User.objects.get(username="member").full_name
    page.get_by_label(member, exact=True).check()  # the second interviewer
    page.wait_for_function(
        f"() => {DRAFTS}.some(k => localStorage.getItem(k).includes('去向不明'))"
    )


def test_a_saved_interview_leaves_nothing_in_the_phones_storage(browse, on_site):
    page = browse("leader", screen=PHONE_SCREEN)
    type_an_interview(page, on_site, "钱秀珍")
    # A page with errors keeps the draft (nothing is saved yet) …
    page.get_by_label("谈话对象姓名").fill("")
    page.get_by_role("button", name="保存谈话").click()
    expect(page.locator(".has-error")).not_to_have_count(0)
    assert "去向不明" in page.evaluate(EVERYTHING_STORED)
    # … and the sending that saves it leaves nothing.
    page.get_by_label("谈话对象姓名").fill("钱秀珍")
    page.get_by_role("button", name="保存谈话").click()
    expect(page.locator(".message.success")).to_contain_text("谈话已登记。")
    assert Interview.objects.filter(interviewee_name="钱秀珍").count() == 1
    assert page.evaluate(DRAFTS) == []
    stored = page.evaluate(EVERYTHING_STORED)
    assert "钱秀珍" not in stored and "去向不明" not in stored


def test_a_draft_goes_once_saved_even_when_the_answer_was_lost(browse, on_site):
    page = browse("leader", screen=PHONE_SCREEN)
    type_an_interview(page, on_site, "孙立平")
    form = reverse("findings:team_interview_new", args=[on_site.pk])

    def saved_then_lost(route):
        route.fetch()  # the server saves the interview …
        route.abort("connectionreset")  # … and its answer never reaches the phone

    page.route(re.compile(re.escape(form) + "$"), saved_then_lost)
    page.get_by_role("button", name="保存谈话").click()
    expect(page.locator(".draft-bar.warning")).to_contain_text("网络中断")
    page.unroute(re.compile(re.escape(form) + "$"))
    assert Interview.objects.filter(interviewee_name="孙立平").count() == 1
    # The phone still holds it (it cannot know) until the next page says it was saved.
    assert "孙立平" in page.evaluate(EVERYTHING_STORED)
    page.goto("/team/")
    assert page.evaluate(DRAFTS) == []
    assert "孙立平" not in page.evaluate(EVERYTHING_STORED)
    # The form opens empty, and nothing is recorded twice.
    page.goto(form)
    expect(page.get_by_label("谈话对象姓名")).to_have_value("")
    expect(page.locator(".draft-bar")).to_have_count(0)
    assert Interview.objects.filter(interviewee_name="孙立平").count() == 1
