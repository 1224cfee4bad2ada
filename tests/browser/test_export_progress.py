"""An export on the embedded default (no broker, INSPECTION_TASKS_IN_PROCESS="thread"): the
request answers at once, the workbook builds in the served process's background thread,
and the reports page shows the progress bar move — queued at 0, part-way, done at 100 —
before the download. The build is held part-way until the page has shown it (a gate,
not a clock), then let go. The test runs last in its module: its transactional teardown
empties the database."""

import re
import threading

import pytest
from playwright.sync_api import expect

from inspection import embedded
from reports.exports import services
from reports.models import ExportJob, ExportStatus


@pytest.fixture
def build_held_part_way(monkeypatch):
    """The build waits after its first progress write between 0 and 100 until the
    test sets the event (at most a minute: a failing test does not hang)."""
    shown = threading.Event()
    write = services._Progress.__call__

    def write_then_wait(self, percent: int) -> None:
        write(self, percent)
        if 0 < self.written < 100 and not shown.is_set():
            shown.wait(timeout=60)

    monkeypatch.setattr(services._Progress, "__call__", write_then_wait)
    yield shown
    shown.set()
    embedded.background_tasks_finished()


def bar_value(row) -> int:
    return row.locator("progress").evaluate("bar => bar.value")


# Committed as served: the build runs in another thread, on its own connection, and reads
# the job the request saved (the demo county is committed for the module).
@pytest.mark.django_db(transaction=True)
def test_an_export_builds_in_the_background_and_its_progress_bar_moves(
    browse, settings, tmp_path, build_held_part_way
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INSPECTION_TASKS_IN_PROCESS = "thread"
    page = browse("office")
    page.goto("/reports/")
    page.get_by_role("button", name="申请导出").click()
    expect(page.locator(".message.success")).to_have_text("已提交导出申请，生成完成后即可下载。")
    job = ExportJob.objects.get(requested_by__username="office")
    row = page.locator(f"#job-{job.pk}")
    percent = row.locator("[data-role=progress]")

    part_way = re.compile(r"^[1-9][0-9]?%$")
    expect(percent).to_have_text(part_way, timeout=30_000)
    expect(row.locator("[data-role=status]")).to_have_text("生成中")
    seen = bar_value(row)
    assert 0 < seen < 100
    assert not row.get_by_role("link", name="下载").count()
    build_held_part_way.set()

    download_link = row.get_by_role("link", name="下载")
    expect(download_link).to_be_visible(timeout=60_000)
    expect(percent).to_have_text("100%")
    assert bar_value(row) == 100
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    with page.expect_download() as info:
        download_link.click()
    assert info.value.suggested_filename.endswith(".xlsx")
