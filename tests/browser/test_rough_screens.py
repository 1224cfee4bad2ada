"""Issue 16's rough screens in the browser. The reports page's dependent selects: choosing
a town fills its villages and choosing a round its teams, with no "更新选项" round trip and
nothing blocked by the content security policy; without the script the button does it.
The statistics account's start page, on a phone, in both languages."""

import pytest
from playwright.sync_api import expect

from inspection.models import Village
from rounds.models import InspectionRound, Team
from tests.browser.conftest import PHONE_SCREEN

TOWN = "西夏墅镇"


def test_a_town_and_a_round_fill_the_villages_and_teams_at_once(browse, snap):
    page = browse("office")
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto("/reports/")
    expect(page.get_by_role("button", name="更新选项")).to_be_hidden()
    village = page.get_by_label("村(社区)")
    expect(village.locator("option")).to_have_count(1)
    expect(page.locator("#id_village_helptext")).to_have_text("先选乡镇(街道)。")

    loads = []
    page.on("load", lambda _page: loads.append(1))
    page.get_by_label("乡镇(街道)").select_option(label=TOWN)
    villages = Village.objects.filter(town__name=TOWN).count()
    expect(village.locator("option")).to_have_count(villages + 1)
    expect(page.locator("#id_village_helptext")).to_be_hidden()

    round_ = InspectionRound.objects.filter(assignments__town__name=TOWN).distinct().first()
    page.get_by_label("巡察轮次").select_option(value=str(round_.pk))
    teams = Team.objects.filter(round=round_).count()
    expect(page.get_by_label("巡察组").locator("option")).to_have_count(teams + 1)
    village.select_option(index=1)
    snap(page, "reports-choices")
    assert loads == []  # no page was loaded to fill them
    assert problems == []

    # Another town: its own villages, the chosen one dropped.
    page.get_by_label("乡镇(街道)").select_option(index=2)
    expect(village).to_have_value("")


def test_without_the_script_the_button_fills_them(browser, site):
    context = browser.new_context(base_url=site, java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill("office")
    page.get_by_label("密码").fill("demo-office-2026")
    page.get_by_role("button", name="登录").click()
    page.goto("/reports/")
    page.get_by_label("乡镇(街道)").select_option(label=TOWN)
    page.get_by_role("button", name="更新选项").click()
    villages = Village.objects.filter(town__name=TOWN).count()
    expect(page.get_by_label("村(社区)").locator("option")).to_have_count(villages + 1)
    context.close()


@pytest.mark.parametrize(
    ("language", "heading", "docs"),
    [
        ("zh-hans", "本账户是统计接口账户", "接口文档（Swagger UI）"),
        ("en", "This is a statistics API account", "API documentation (Swagger UI)"),
    ],
)
def test_the_statistics_account_lands_on_its_start_page(browse, snap, language, heading, docs):
    page = browse("stats", screen=PHONE_SCREEN)
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    assert page.url.endswith("/api-access/")
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    nav = page.get_by_role("navigation", name="主导航" if language != "en" else "Main navigation")
    expect(nav.get_by_role("link")).to_have_count(1)
    expect(page.get_by_role("link", name=docs)).to_have_attribute("href", "/api/docs/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_SCREEN["width"]
    snap(page, f"stats-start-{language}")
