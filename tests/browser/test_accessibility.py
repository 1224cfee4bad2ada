"""Accessibility at WCAG 2.1 AA where a user meets it: the notification centre's filters in
both languages, the date-range filters' names, one id per element on /clues/, the focus
ring's contrast, and on the phone the sticky save bar, the radio groups' names and what is
focused and read out after a form is sent. Each page state is also run through axe-core
(``assert_accessible``: Chinese and English)."""

import hashlib
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspection.models import Notification, User
from tests.browser.accessibility import AXE, assert_accessible
from tests.browser.conftest import PHONE_SCREEN
from tests.browser.test_team_phone import (
    member_name,
    village_on_site,  # noqa: F401 (a fixture)
)

AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"

CONTRAST = """(el) => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  let around = el.parentElement, bg = "rgb(255, 255, 255)";
  while (around) {
    const colour = getComputedStyle(around).backgroundColor;
    const parts = rgb(colour);
    if (parts.length === 3 || (parts.length === 4 && parts[3] > 0)) { bg = colour; break; }
    around = around.parentElement;
  }
  const [a, b] = [lum(rgb(getComputedStyle(el).outlineColor)), lum(rgb(bg))];
  return {ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
          visible: el.matches(":focus-visible"), style: getComputedStyle(el).outlineStyle};
}"""


def test_the_vendored_axe_is_the_one_noted():
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256
    assert "axe v4.14.1" in AXE.read_text(encoding="utf-8")[:200]


def test_the_check_fails_a_page_with_a_violation(browse):
    """The axe pass is not a check that cannot fail: an image without alt text is caught."""
    page = browse("office")
    page.goto("/")
    page.evaluate(
        "() => { const img = document.createElement('img');"
        " img.src = '/static/favicon.ico'; document.querySelector('main').append(img); }"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page, english=False)


def no_dangling_references(page) -> None:
    """One element per id, and every aria-describedby / aria-labelledby / label[for] names
    an element that is there."""
    found = page.evaluate(
        """() => {
      const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
      const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
      const refs = [];
      document.querySelectorAll('[aria-describedby],[aria-labelledby]').forEach(e => {
        for (const a of ['aria-describedby', 'aria-labelledby'])
          (e.getAttribute(a) || '').split(/\\s+/).filter(Boolean).forEach(id => {
            if (!document.getElementById(id)) refs.push(a + '=' + id);
          });
      });
      document.querySelectorAll('label[for]').forEach(l => {
        if (!document.getElementById(l.htmlFor)) refs.push('for=' + l.htmlFor);
      });
      return {twice, refs};
    }"""
    )
    assert found == {"twice": [], "refs": []}, page.url


@pytest.fixture(scope="module")
def officers_notes(site, django_db_blocker):
    """Beside the demo's own digests (the morning scans'), one unread and one read of ours,
    committed for the module (the live server reads its own connection)."""
    with django_db_blocker.unblock():
        officer = User.objects.get(username="officer")
        sent = (
            ("【三色预警】红色预警 1 条（甲）", None),
            ("【三色预警】黄色预警 2 条（乙）", timezone.now()),
        )
        for title, read in sent:
            Notification.objects.create(recipient=officer, title=title, body="正文", read_at=read)


def test_the_notification_centre_filters_by_choices_in_both_languages(browse, officers_notes):
    page = browse("officer")
    page.goto("/notifications/")

    kind = page.get_by_label("类型")
    expect(kind).to_have_js_property("tagName", "SELECT")
    expect(kind.locator("option:checked")).to_have_text("全部")
    expect(kind.locator("option")).to_have_text(["全部", "预警提醒"])
    state = page.locator("#id_unread")
    expect(state).to_have_accessible_name(re.compile(r"^状态"))
    expect(state.locator("option")).to_have_text(["全部", "未读", "已读"])
    expect(state.locator("option:checked")).to_have_text("全部")
    period = page.get_by_role("group", name="时间")
    expect(period.get_by_label("从")).to_have_attribute("type", "date")
    expect(period.get_by_label("至")).to_have_attribute("type", "date")
    no_dangling_references(page)
    assert_accessible(page)

    state.select_option(label="未读")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"unread=true"))
    rows = page.locator("table.table tbody tr")
    expect(rows.filter(has_text="红色预警 1 条（甲）")).to_have_count(1)
    expect(rows.filter(has_text="黄色预警 2 条（乙）")).to_have_count(0)
    period.get_by_label("从").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="筛选").click()
    expect(rows.filter(has_text="红色预警 1 条（甲）")).to_have_count(1)
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#id_unread")).to_have_accessible_name(re.compile(r"^Status"))
    expect(page.locator("#id_unread option")).to_have_text(["All", "Unread", "Read"])
    expect(page.get_by_label("Type").locator("option:checked")).to_have_text("All")
    english_period = page.get_by_role("group", name="Time")
    expect(english_period.get_by_label("From")).to_have_attribute("type", "date")
    expect(english_period.get_by_label("To")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(re.compile("未读|时间|全部"))
    page.get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")


@pytest.mark.parametrize("path", ["/problems/", "/clues/", "/letters/", "/villages/", "/items/"])
def test_the_office_lists_have_named_filters_and_whole_references(browse, path):
    page = browse("office")
    page.goto(path)
    for picker in page.locator(".filters input[type=date]").all():
        name = picker.evaluate("(e) => e.labels.length ? e.labels[0].textContent.trim() : ''")
        assert name, f"{path}: a date picker without its label"
    no_dangling_references(page)
    assert_accessible(page)


def test_the_problems_date_range_is_a_named_group(browse):
    page = browse("office")
    page.goto("/problems/")
    recorded = page.get_by_role("group", name="记录日期")
    expect(recorded.get_by_label("从")).to_have_attribute("type", "date")
    expect(recorded.get_by_label("至")).to_have_attribute("type", "date")


def test_the_bulk_transfer_label_focuses_its_own_field(browse):
    page = browse("office")
    page.goto("/clues/")
    bulk = page.locator("details.bulk-transfer")
    if not bulk.count():
        pytest.skip("no clue awaiting a bulk action in the demo")
    bulk.locator("summary").click()
    bulk.locator("label", has_text="受理机关").click()
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("bulk_"), focused
    no_dangling_references(page)


def test_the_focus_ring_stands_out_on_the_page_and_on_the_top_bar(browse):
    page = browse("office")
    page.goto("/problems/")
    page.get_by_label("搜索").focus()
    page.keyboard.press("Tab")
    ring = page.evaluate_handle("document.activeElement").evaluate(CONTRAST)
    assert ring["visible"] and ring["style"] == "solid"
    assert ring["ratio"] >= 3, ring
    page.locator(".brand").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # back on the brand link, by keyboard
    ring = page.evaluate_handle("document.activeElement").evaluate(CONTRAST)
    assert ring["visible"] and ring["ratio"] >= 3, ring


def sticky_top(page) -> float:
    return page.locator(".formactions.sticky").bounding_box()["y"]


def test_on_the_phone_the_save_bar_never_covers_the_focused_field_and_the_answer_is_read_out(
    browse,
    village_on_site,  # noqa: F811
):
    page = browse("leader", screen=PHONE_SCREEN)
    page.goto(f"/team/assignments/{village_on_site.pk}/interviews/new/")
    expect(page.get_by_role("group", name="谈话对象类别")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("谈话对象姓名").fill("沈秀英")
    page.get_by_label("谈话摘要").focus()
    page.keyboard.press("Tab")
    raised = page.get_by_label("反映的问题")
    expect(raised).to_be_focused()
    box = raised.bounding_box()
    assert box["y"] + min(box["height"], 44) <= sticky_top(page), "the save bar covers 反映的问题"

    # Sent without a category: focus lands on the field in error, its error an alert.
    page.get_by_role("button", name="保存谈话").click()
    expect(page.locator(".has-error").first).to_be_visible()
    focused = page.evaluate("document.activeElement.closest('.has-error') !== null")
    assert focused, "focus stayed on " + page.evaluate("document.activeElement.tagName")
    expect(page.locator(".has-error .error[role=alert]").first).to_be_visible()
    assert_accessible(page, english=False)

    page.get_by_label("普通群众").check()
    page.get_by_label("谈话摘要").fill("反映村务公开不及时。")
    page.get_by_label(member_name(), exact=True).check()  # an interview takes two
    page.get_by_role("button", name="保存谈话").click()
    saved = page.locator(".messages")
    expect(saved).to_contain_text("谈话已登记")
    expect(saved).to_be_focused()
    expect(saved).to_have_attribute("role", "alert")
    assert_accessible(page)


def test_on_the_phone_the_problem_and_petition_choices_are_named_groups(
    browse,
    village_on_site,  # noqa: F811
):
    page = browse("leader", screen=PHONE_SCREEN)
    page.goto(f"/team/assignments/{village_on_site.pk}/problems/new/")
    expect(page.get_by_role("group", name="严重程度")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/team/assignments/{village_on_site.pk}/petitions/new/")
    expect(page.get_by_role("group", name="渠道")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(("switch", "plural"), [(None, None), ("English", "Problems found")])
def test_the_dashboard_labels_start_inside_their_charts(browse, switch, plural):
    """No category label runs off the chart's left edge ("elfare and agricultural…")."""
    page = browse("office")
    page.goto("/")
    if switch:
        page.get_by_role("button", name=switch).click()
        expect(page.locator('[data-kpi="problems"] .label')).to_have_text(plural)
    outside = page.evaluate(
        """() => [...document.querySelectorAll('svg[data-chart] text.label')]
          .filter(t => t.getBBox().x < 0).map(t => t.textContent)"""
    )
    assert outside == []
    labels = page.locator('svg[data-chart="problems-class"] text.label')
    expect(labels.first).to_be_visible()
    assert_accessible(page, english=False)


def test_the_phone_village_page_reads_in_english(browse, village_on_site):  # noqa: F811
    """Short dates in English (not 12月6日), figures with their plural, no Chinese colon."""
    page = browse("leader", screen=PHONE_SCREEN)
    page.goto(f"/team/assignments/{village_on_site.pk}/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    head = page.locator("main").inner_text()
    assert not re.search(r"\d+月\d+日", head)
    assert re.search(r"\b[A-Z][a-z]{2} \d{1,2}\b", head), head[:300]
    assert "：" not in head
    figure = page.locator(".kpis .kpi").first
    count = int(figure.locator(".value").inner_text())
    expect(figure.locator(".label")).to_have_text(
        "Individual interview" if count == 1 else "Individual interviews"
    )
    assert_accessible(page, english=False)
