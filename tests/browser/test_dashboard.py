"""The dashboard and the reports page in the browser: the office reads the demo county's
dashboard, whose figures are the statistics API's for the same filter; a bar leads to the
list it counts; an export is requested, followed to done, and downloaded.

The dashboard's screenshot (the first screen at 1366×768) is also the README's.
"""

import re
import shutil

import pytest
from playwright.sync_api import expect

from findings.choices import ClueStatus
from inspection.models import Term
from reports.models import ExportJob, ExportStatus


def bars(page, chart: str) -> dict[str, str]:
    """``data-key`` → ``data-value`` of every bar of a chart, as the page shows them."""
    return page.locator(f'svg[data-chart="{chart}"] [data-key]').evaluate_all(
        "nodes => Object.fromEntries(nodes.map(n => [n.dataset.key, n.dataset.value]))"
    )


def api(page, path: str, **query) -> dict:
    """The statistics API's rows, asked with the page's own session: {key: figures}."""
    answer = page.request.get(f"/api/v1/statistics/{path}", params=query)
    assert answer.ok, answer.text()
    return {row["key"]: row["figures"] for row in answer.json()}


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_the_dashboard_shows_the_apis_figures_and_leads_to_the_lists(browse, snap, readme_shot):
    term = Term.objects.get(is_current=True)
    page = browse("office")
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("工作看板")
    expect(page.locator('svg[data-chart="coverage"]')).to_be_visible()

    coverage = api(page, "coverage/", group_by="town", term=term.pk)
    assert len(coverage) <= 20  # the demo county's towns: all drawn
    assert bars(page, "coverage") == {k: as_text(v["inspected"]) for k, v in coverage.items()}
    for grouping in ("focus", "aspect", "nature"):
        rows = api(page, "problems/", group_by=grouping, term=term.pk)
        assert bars(page, f"problems-{grouping}") == {
            k: as_text(v["problems"]) for k, v in rows.items()
        }
    problems = api(page, "problems/", group_by="class", term=term.pk)
    shown = bars(page, "problems-class")  # the classes with the most problems
    assert len(shown) == min(len(problems), 15)
    assert shown == {k: as_text(problems[k]["problems"]) for k in shown}
    pipeline = api(page, "clue_pipeline/", term=term.pk)[None]
    assert bars(page, "pipeline") == {
        status: as_text(pipeline[f"clues_at_{status}"]) for status in ClueStatus.values
    }
    totals = api(page, "", term=term.pk)[None]
    expect(page.locator('[data-kpi="problems"] .value')).to_have_text(f"{totals['problems']:,}")
    expect(page.locator('[data-stage="red"]')).to_have_attribute(
        "data-value", as_text(totals["items_overdue"])
    )
    expect(page.locator('svg[data-chart="on_time_rate"]')).to_have_attribute(
        "data-value", as_text(totals["on_time_rate"])
    )
    assert totals["problems"] > 0 and totals["items_overdue"] > 0  # not an empty county

    snap(page, "dashboard")
    page.evaluate("window.scrollTo(0, 0)")
    readme_shot(page, "dashboard")  # the first screen, for the README

    # A class's bar leads to the problems of that class.
    top = max(problems, key=lambda key: problems[key]["problems"])
    bar = page.locator(f'svg[data-chart="problems-class"] a[data-key="{top}"]')
    expect(bar).to_have_attribute("href", f"/problems/?term={term.pk}&problem_class={top}")
    bar.focus()
    page.keyboard.press("Enter")  # a bar is a link, reachable by keyboard
    expect(page).to_have_url(re.compile(rf"/problems/\?term={term.pk}&problem_class={top}"))
    page.go_back()

    # A town's bar leads to its villages not yet inspected.
    town = next(key for key, row in coverage.items() if row["inspected"] < row["villages"])
    bar = page.locator(f'svg[data-chart="coverage"] a[data-key="{town}"]')
    expect(bar).to_have_attribute("href", f"/villages/?town={town}&inspected=no&term={term.pk}")
    bar.click()
    expect(page).to_have_url(re.compile(rf"/villages/\?town={town}&inspected=no"))
    uninspected = coverage[town]["villages"] - coverage[town]["inspected"]
    expect(page.locator(".pagination .total")).to_have_text(f"共 {uninspected} 条")


@pytest.fixture
def held_builds(monkeypatch):
    """The worker, played by the exports API: a requested build is not queued (nor run on
    commit); it runs when the page asks for the job's status the second time, so the
    page shows the job queued first and then follows it to done."""
    from reports.api import exports as api_exports
    from reports.exports import services

    polls: list[int] = []
    monkeypatch.setattr(services, "_queue_build", lambda job_id: None)
    retrieve = api_exports.ExportJobViewSet.retrieve

    def retrieve_as_the_worker(self, request, *args, **kwargs):
        job_id = int(kwargs["pk"])
        polls.append(job_id)
        if polls.count(job_id) == 2:
            services.export_build(job_id=job_id)
        return retrieve(self, request, *args, **kwargs)

    monkeypatch.setattr(api_exports.ExportJobViewSet, "retrieve", retrieve_as_the_worker)
    return polls


def test_the_office_requests_an_export_follows_it_and_downloads_it(
    browse, snap, settings, tmp_path, held_builds
):
    settings.MEDIA_ROOT = tmp_path / "media"
    town = "薛家镇"
    page = browse("office")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="统计报表").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("统计报表")

    page.get_by_label("开始日期").fill("2026-05-01")
    page.get_by_label("结束日期").fill("2026-04-01")
    page.get_by_role("button", name="申请导出").click()
    expect(page.locator(".field.has-error .error")).to_have_text("开始日期不能晚于结束日期。")
    page.get_by_label("开始日期").fill("")
    page.get_by_label("结束日期").fill("")

    page.get_by_label("乡镇(街道)").select_option(label=town)
    page.get_by_role("button", name="申请导出").click()
    expect(page.locator(".message.success")).to_contain_text("已提交导出申请")
    job = ExportJob.objects.get(requested_by__username="office")
    row = page.locator(f"#job-{job.pk}")
    expect(row).to_contain_text(town)
    expect(row.locator("[data-role=status]")).to_have_text("排队中")
    snap(page, "reports")

    # The page polls the exports API; the build runs; the page reloads with the file.
    download_link = row.get_by_role("link", name="下载")
    expect(download_link).to_be_visible(timeout=20_000)
    expect(row.locator("[data-role=status]")).to_have_text("已完成")
    expect(row.locator("[data-role=progress]")).to_have_text("100%")
    assert len(held_builds) >= 2
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    snap(page, "reports-done")

    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename.startswith("统计汇总表-")
    assert download.suggested_filename.endswith(".xlsx") and town in download.suggested_filename
    saved = tmp_path / "summary.xlsx"
    download.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"
    shutil.rmtree(tmp_path / "media", ignore_errors=True)
