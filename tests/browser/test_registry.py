"""The village registry in the browser: the office finds a town's uninspected villages,
opens a village's page, and imports a registry file (first with errors, then clean)."""

import re

from django.db.models import Count
from playwright.sync_api import expect

from inspection.choices import AttentionClass
from inspection.models import Town, Village
from reports.statistics import figures
from reports.statistics.scope import StatisticsFilter


def town_with_uninspected_villages() -> Town:
    for town in Town.objects.order_by("code"):
        coverage = figures.coverage(StatisticsFilter(town_id=town.pk))[None]
        if 0 < coverage["villages"] - coverage["inspected"] <= 30:
            return town
    raise AssertionError("the demo county has no town with uninspected villages")


def test_office_filters_a_towns_uninspected_villages_and_opens_a_village(browse, snap):
    town = town_with_uninspected_villages()
    coverage = figures.coverage(StatisticsFilter(town_id=town.pk))[None]
    uninspected = coverage["villages"] - coverage["inspected"]
    page = browse("office")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="村(社区)").click()
    expect(page.get_by_role("heading", name="村(社区)名册")).to_be_visible()
    page.get_by_label("乡镇(街道)").select_option(label=town.name)
    page.get_by_label("巡察情况").select_option(label="未巡察")
    page.get_by_role("button", name="筛选").click()

    expect(page).to_have_url(re.compile(rf"town={town.pk}.*inspected=no"))
    expect(page.locator(".pagination .total")).to_have_text(f"共 {uninspected} 条")
    rows = page.locator("#villages tbody tr")
    expect(rows).to_have_count(uninspected)
    for text in rows.locator("td:nth-child(3)").all_inner_texts():
        assert text == town.name
    snap(page, "registry-uninspected-villages")

    village = (
        Village.objects.annotate(problems=Count("assignments__problems"))
        .filter(problems__gt=0)
        .select_related("town")
        .order_by("-problems", "code")
        .first()
    )
    page.get_by_label("搜索").fill(village.name)
    page.get_by_label("乡镇(街道)").select_option(label=village.town.name)
    page.get_by_label("巡察情况").select_option(label="已巡察")
    page.get_by_role("button", name="筛选").click()
    page.get_by_role("link", name=village.name, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(village.name)
    # The village's inspection that found them (a 回头看 of it finds none of its own).
    assignment = village.assignments.filter(problems__isnull=False).select_related("round").first()
    expect(page.locator("#inspections")).to_contain_text(assignment.round.title)
    problem = assignment.problems.first()
    expect(page.locator("#problems")).to_contain_text(problem.class_name)
    expect(page.locator("#problems tbody tr")).to_have_count(min(village.problems, 50))
    snap(page, "registry-village-page")


def test_office_sees_every_row_error_then_imports_a_clean_file(browse, snap, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    town = Town.objects.order_by("code").first()
    known = town.villages.order_by("code").first()
    hazard = known.attention_class != AttentionClass.KEY_HAZARD
    label, attention = ("重点", AttentionClass.KEY_HAZARD) if hazard else ("一般", "general")
    headers = "乡镇,村(社区),村代码,人口,关注类别\n"
    bad = headers + (
        f"{town.name},{known.name},{known.code},abc,重点\n"
        f"{town.name},浏览器新村,{town.code}9,100,一般\n"
        f"{town.name},浏览器新村,{town.code}998,100,很高\n"
    )
    good = headers + (
        f"{town.name},{known.name},{known.code},{known.population + 1},{label}\n"
        f"{town.name},浏览器新村,{town.code}998,100,一般\n"
    )
    before = Village.objects.count()
    page = browse("office")
    page.goto("/villages/")
    page.get_by_role("link", name="导入名册").click()

    page.locator("input[type=file]").set_input_files(
        {"name": "名册.csv", "mimeType": "text/csv", "buffer": bad.encode("utf-8-sig")}
    )
    page.get_by_role("button", name="上传并校验").click()

    expect(page.locator("#import-refused")).to_contain_text("发现4处错误，未写入任何数据")
    errors = page.locator("#import-errors tbody tr")
    expect(errors).to_have_count(4)
    expect(errors.nth(0)).to_contain_text("人口")
    expect(page.locator("#import-errors")).to_contain_text("应为12位数字")
    expect(page.locator("#import-errors")).to_contain_text("与第3行重复")
    assert Village.objects.count() == before
    snap(page, "registry-import-errors")

    page.locator("input[type=file]").set_input_files(
        {"name": "名册.csv", "mimeType": "text/csv", "buffer": good.encode("utf-8-sig")}
    )
    page.get_by_role("button", name="上传并校验").click()

    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("如导入，将新增1个、更新1个")
    expect(page.locator("#import-rows")).to_contain_text("浏览器新村")
    expect(page.locator("#import-rows")).to_contain_text(f"人口：{known.population}")
    assert Village.objects.count() == before
    snap(page, "registry-import-preview")

    preview.get_by_role("button", name=re.compile("确认导入")).click()

    expect(page.locator(".message.success")).to_contain_text("导入完成：新增1个、更新1个")
    assert Village.objects.count() == before + 1
    known.refresh_from_db()
    assert known.attention_class == attention
    assert Village.objects.get(code=f"{town.code}998").name == "浏览器新村"
    snap(page, "registry-import-done")
