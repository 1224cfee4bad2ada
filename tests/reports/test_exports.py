"""The statistics workbook and its export jobs, on a hand-built world (tests/world.py).

The API (requests, downloads) is in test_exports_api.py; the real worker in
test_exports_worker.py.
"""

import datetime
import hashlib
import io
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from openpyxl import load_workbook

from findings.choices import ProblemStatus
from findings.models import Problem
from inspection.errors import ApplicationError, PermissionDeniedError
from reports.exports import cells, services
from reports.exports.scope import Audience, audience_for
from reports.exports.services import (
    export_build,
    export_purge_expired,
    export_request,
)
from reports.exports.workbook import build_workbook
from reports.models import ExportJob, ExportKind, ExportStatus
from reports.statistics import StatisticsFilter
from tests.reports.sheets import data_rows, first_row, header_and_rows, headers_of
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world():
    world = build_world()
    world.export_records()
    return world


def built(audience: Audience, filters: StatisticsFilter, tmp_path: Path, **options):
    path = tmp_path / "summary.xlsx"
    build_workbook(
        audience=audience, filters=filters, on=timezone.localdate(), path=path, **options
    )
    return load_workbook(path)


def column(sheet, header):
    headers, rows = header_and_rows(sheet)
    index = headers.index(header)
    return [row[index] for row in rows]


# ------------------------------------------------------------------------- the workbook


def test_the_office_workbook_has_every_sheet_with_frozen_filtered_headers(world, tmp_path):
    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    assert book.sheetnames == ["汇总", "分类统计", "问题清单", "整改台账", "逾期预警", "说明"]
    for sheet in book.worksheets:
        header = first_row(sheet) - 1
        assert sheet.freeze_panes in ("A4", "A5")  # below a header of one or two rows
        assert sheet.auto_filter.ref.startswith(f"A{header}:")
        assert sheet.column_dimensions["A"].width > 0
    ledger = book["整改台账"]
    # The official columns of a 整改台账, in their order; more may follow.
    assert headers_of(ledger)[:12] == [
        "序号",
        "反馈问题",
        "具体表现",
        "整改目标",
        "整改措施",
        "责任领导",
        "责任单位",
        "责任人",
        "整改时限",
        "完成情况",
        "佐证材料",
        "备注",
    ]
    assert ledger[f"I{first_row(ledger)}"].number_format == "yyyy-mm-dd"
    summary = book["汇总"]
    total_row = summary.max_row
    assert summary.cell(total_row, 1).value == "合计"
    assert summary.cell(total_row, 1).font.b
    # The filter covers the village rows, not the totals row.
    assert summary.auto_filter.ref.endswith(str(total_row - 1))
    rate_column = headers_of(summary).index("整改完成率") + 1
    assert summary.cell(total_row, rate_column).number_format == "0.0%"


def test_list_sheets_have_as_many_rows_as_their_figures_count(world, tmp_path):
    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    headers, rows = header_and_rows(book["汇总"])
    totals = dict(zip(headers, rows[-1], strict=True))
    assert data_rows(book["问题清单"]) == totals["发现问题合计"] == 7  # the draft is not
    assert data_rows(book["整改台账"]) == totals["整改台账(条)"] == 4
    assert data_rows(book["逾期预警"]) == totals["逾期(条)"] == 2
    clues = built(
        audience_for(world.office),
        StatisticsFilter(round_id=world.round.pk),
        tmp_path,
        kind=ExportKind.CLUES,
    )
    assert data_rows(clues["线索移交"]) == totals["线索移交(件)"] == 1


def test_the_village_rows_add_up_to_the_totals_row(world, tmp_path):
    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    headers, rows = header_and_rows(book["汇总"])
    *villages, totals = rows
    assert [row[1] for row in villages] == ["甲一村", "乙一村", "乡镇党委及未关联村(社区)"]
    assert villages[0][2] == "第一巡察组"
    for index, header in enumerate(headers):
        if index < 3 or header in ("整改完成率", "立行立改如期率"):  # rates do not add up
            continue
        assert sum(row[index] or 0 for row in villages) == totals[index], header


def test_text_that_looks_like_a_formula_reads_back_as_text(world, tmp_path):
    world.problem(status=ProblemStatus.CONFIRMED, facts="=SUM(A1)")
    world.item(measures="+86 联系镇纪委", responsible_unit="@村委", responsible_person="-")
    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    problems = book["问题清单"]
    at = headers_of(problems).index("问题描述")
    facts = [row[at] for row in problems.iter_rows(min_row=first_row(problems))]
    escaped = next(cell for cell in facts if cell.value == "=SUM(A1)")
    assert escaped.data_type == "s" and escaped.quotePrefix
    ledger = book["整改台账"]
    for header, text in (("整改措施", "+86 联系镇纪委"), ("责任单位", "@村委"), ("责任人", "-")):
        index = headers_of(ledger).index(header)
        rows = ledger.iter_rows(min_row=first_row(ledger))
        cell = next(row[index] for row in rows if row[index].value == text)
        assert cell.data_type == "s" and cell.quotePrefix, header


def test_control_characters_are_dropped_not_fatal(world, tmp_path):
    world.problem(status=ProblemStatus.CONFIRMED, facts="账目\x0b不清\x1f")
    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    assert "账目不清" in column(book["问题清单"], "问题描述")


def test_times_are_shanghai_wall_clock_without_a_zone(world, tmp_path):
    problem = world.problem(status=ProblemStatus.CONFIRMED, facts="深夜录入的问题")
    utc = datetime.datetime(2026, 6, 30, 20, 30, tzinfo=datetime.UTC)
    Problem.objects.filter(pk=problem.pk).update(created_at=utc)
    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    headers, rows = header_and_rows(book["问题清单"])
    row = next(row for row in rows if row[headers.index("问题描述")] == "深夜录入的问题")
    assert row[headers.index("记录时间")] == datetime.datetime(2026, 7, 1, 4, 30)


def test_leadership_reads_masked_names_and_no_clues(world, tmp_path):
    clues = built(audience_for(world.office), StatisticsFilter(), tmp_path, kind=ExportKind.CLUES)
    assert "赵德明（村会计/报账员）" in column(clues["线索移交"], "被反映人")
    office = built(audience_for(world.office), StatisticsFilter(), tmp_path)
    assert "张卫东" in column(office["整改台账"], "责任人")
    book = built(audience_for(world.leadership), StatisticsFilter(), tmp_path)
    assert "线索移交" not in book.sheetnames
    assert set(column(book["整改台账"], "责任人")) == {"张**"}
    assert set(column(book["逾期预警"], "责任人")) == {"张**"}


def test_a_statistics_client_gets_the_aggregate_sheet_only(world, tmp_path):
    book = built(audience_for(world.stats), StatisticsFilter(), tmp_path)
    assert book.sheetnames == ["汇总", "分类统计", "说明"]


def test_the_notes_define_the_ledger_by_its_entry_day_and_the_orders(world, tmp_path):
    book = built(audience_for(world.stats), StatisticsFilter(), tmp_path)
    notes = dict(header_and_rows(book["说明"])[1])
    assert "巡中立行立改的按交办日期" in notes["口径：整改台账、已销号、整改完成率"]
    assert "如期率 = 如期 / 已到期或已如期的通知" in notes["口径：立行立改通知、如期率"]


def test_the_liaison_may_not_export(world):
    with pytest.raises(PermissionDeniedError):
        audience_for(world.liaison)
    with pytest.raises(PermissionDeniedError):
        export_request(actor=world.liaison)


def test_constant_memory_mode_and_chunks(world, tmp_path, settings, monkeypatch):
    """The workbook keeps one row of a sheet in memory (XlsxWriter's constant_memory) and
    the rows come from the database a chunk at a time."""
    settings.INSPECTION_EXPORT_CHUNK_SIZE = 2
    modes = []
    real = cells.xlsxwriter.Workbook

    def recording(path, options):
        modes.append(options)
        return real(path, options)

    monkeypatch.setattr(cells.xlsxwriter, "Workbook", recording)
    book = built(audience_for(world.office), StatisticsFilter(), tmp_path)
    assert [options["constant_memory"] for options in modes] == [True]
    assert data_rows(book["问题清单"]) == 7  # all rows, two at a time


def test_progress_rises_and_stops_short_of_done(world, tmp_path):
    seen = []
    built(audience_for(world.office), StatisticsFilter(), tmp_path, progress=seen.append)
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert seen[-1] == 99


# ---------------------------------------------------------------------------- the jobs


def request_and_build(world, actor, django_capture_on_commit_callbacks, **scope):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_request(actor=actor, **scope)
    job.refresh_from_db()
    return job


def test_a_job_is_built_on_commit_with_checksum_size_and_expiry(
    world, media, django_capture_on_commit_callbacks
):
    before = timezone.now()
    job = request_and_build(
        world, world.office, django_capture_on_commit_callbacks, round_id=world.round.pk
    )
    assert job.status == ExportStatus.DONE and job.progress == 100
    assert job.attempts == 1 and job.failure_reason == ""
    path = Path(job.file.path)
    assert path.is_relative_to(media / "exports")
    content = path.read_bytes()
    assert job.checksum == hashlib.sha256(content).hexdigest()
    assert job.size == len(content)
    assert before <= job.started_at <= job.finished_at
    assert job.expires_at == job.finished_at + datetime.timedelta(days=7)
    assert job.as_of == timezone.localdate()
    assert load_workbook(path).sheetnames[0] == "汇总"


def test_the_scope_is_stored_as_the_requester_may_see_it(world):
    job = export_request(actor=world.officer_a, round_id=world.round.pk, town_id=world.town_b.pk)
    assert (job.round_id, job.town_id) == (world.round.pk, world.town_a.pk)
    with pytest.raises(PermissionDeniedError, match="本组"):
        export_request(actor=world.leader_a, round_id=world.round.pk)
    mine = export_request(actor=world.leader_a, team_id=world.team_a.pk)
    assert mine.team_id == world.team_a.pk
    with pytest.raises(ApplicationError) as refused:
        export_request(actor=world.office, round_id=999999)
    assert "round" in refused.value.errors


def test_an_officer_workbook_covers_their_unit_only(
    world, media, django_capture_on_commit_callbacks
):
    job = request_and_build(world, world.officer_a, django_capture_on_commit_callbacks)
    book = load_workbook(job.file.path)
    towns = set(column(book["汇总"], "乡镇(街道)")) - {"合计"}
    assert towns == {"甲镇"}
    assert set(column(book["整改台账"], "乡镇(街道)")) == {"甲镇"}


def test_pending_exports_are_limited_per_user(world, settings):
    settings.INSPECTION_EXPORT_MAX_PENDING = 2
    export_request(actor=world.office)
    export_request(actor=world.office)
    with pytest.raises(ApplicationError, match="正在生成"):
        export_request(actor=world.office)
    export_request(actor=world.lead)  # someone else's queue


def test_a_retried_build_of_a_done_job_does_nothing(
    world, media, django_capture_on_commit_callbacks
):
    job = request_and_build(world, world.office, django_capture_on_commit_callbacks)
    again = export_build(job_id=job.pk)
    assert (again.status, again.attempts, again.finished_at) == (
        ExportStatus.DONE,
        1,
        job.finished_at,
    )
    assert again.checksum == job.checksum
    assert list((media / "exports").rglob("*.xlsx")) == [Path(job.file.path)]


def test_a_build_running_elsewhere_is_left_alone(world):
    job = export_request(actor=world.office)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, attempts=1, started_at=timezone.now()
    )
    assert export_build(job_id=job.pk).attempts == 1
    job.refresh_from_db()
    assert job.status == ExportStatus.RUNNING and job.file.name == ""


def test_a_crashed_build_is_rebuilt_into_exactly_one_file(
    world, media, django_capture_on_commit_callbacks
):
    job = request_and_build(world, world.office, django_capture_on_commit_callbacks)
    stored = Path(job.file.path)
    stored.write_bytes(b"half a workbook")  # what a dying build might leave
    dead = timezone.now() - services.stale_after() - datetime.timedelta(minutes=1)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, started_at=dead, progress=40
    )
    rebuilt = export_build(job_id=job.pk)
    assert rebuilt.status == ExportStatus.DONE and rebuilt.attempts == 2
    files = list((media / "exports").rglob("*"))
    assert [path for path in files if path.is_file()] == [stored]
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == rebuilt.checksum
    load_workbook(stored)


def test_a_failure_is_recorded_with_a_reason(world, monkeypatch):
    def broken(**options):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "build_workbook", broken)
    job = export_request(actor=world.office)
    failed = export_build(job_id=job.pk)
    assert failed.status == ExportStatus.FAILED
    assert "RuntimeError" in failed.failure_reason and failed.finished_at
    assert failed.file.name == ""
    assert export_build(job_id=job.pk).attempts == 1  # a failed job stays failed


def test_a_requester_who_lost_the_right_gets_a_failed_job_with_the_reason(world):
    job = export_request(actor=world.officer_a)
    world.officer_a.role = "commission_liaison"
    world.officer_a.receiving_body = "commission"
    world.officer_a.save()
    failed = export_build(job_id=job.pk)
    assert failed.status == ExportStatus.FAILED
    assert failed.failure_reason == "该账号不能导出统计汇总表。"


def test_a_requester_moved_to_another_unit_gets_a_failed_job(world):
    job = export_request(actor=world.officer_a)
    world.officer_a.town = world.town_b
    world.officer_a.save()
    failed = export_build(job_id=job.pk)
    assert failed.status == ExportStatus.FAILED and "范围已改变" in failed.failure_reason


def test_a_build_of_no_job_does_nothing(db):
    assert export_build(job_id=424242) is None


def test_purge_deletes_expired_files_and_fails_dead_builds(
    world, media, django_capture_on_commit_callbacks
):
    job = request_and_build(world, world.office, django_capture_on_commit_callbacks)
    dead = export_request(actor=world.lead)
    ExportJob.objects.filter(pk=dead.pk).update(
        status=ExportStatus.RUNNING, started_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert export_purge_expired() == (0, 1)
    assert Path(job.file.path).exists()
    later = job.expires_at + datetime.timedelta(seconds=1)
    assert export_purge_expired(now=later) == (1, 0)
    assert not Path(job.file.path).exists()
    dead.refresh_from_db()
    assert dead.status == ExportStatus.FAILED and "中断" in dead.failure_reason


# ------------------------------------------------------------------ the management command


def test_the_command_writes_a_workbook_openpyxl_reopens(world, tmp_path):
    out = tmp_path / "第一轮.xlsx"
    stdout = io.StringIO()
    call_command("build_summary", "--round", str(world.round.pk), "--out", str(out), stdout=stdout)
    assert "已生成" in stdout.getvalue()
    book = load_workbook(out)
    assert "线索移交" not in book.sheetnames  # the clues are a workbook of their own
    call_command("build_summary", "--round", str(world.round.pk), "--clues", "--out", str(out))
    assert load_workbook(out).sheetnames == ["线索移交", "说明"]
    call_command(
        "build_summary", "--town", str(world.town_a.pk), "--user", "leadership", "--out", str(out)
    )
    book = load_workbook(out)
    assert set(column(book["汇总"], "乡镇(街道)")) - {"合计"} == {"甲镇"}


def test_the_command_refuses_a_scope_that_does_not_exist(db, tmp_path):
    with pytest.raises(CommandError, match="不存在"):
        call_command("build_summary", "--round", "999999", "--out", str(tmp_path / "x.xlsx"))


@pytest.mark.django_db(transaction=True)
def test_two_builds_of_one_job_at_once_make_one_file(on_postgres, media, monkeypatch):
    """A redelivered message while the first build runs: the row lock lets one build in."""
    world = build_world()
    world.export_records()
    job = ExportJob.objects.create(requested_by=world.office)  # queued, not yet built
    builds = []
    real = services.build_workbook

    def slow_build(**options):
        builds.append(threading.get_ident())
        time.sleep(0.5)  # the other build arrives meanwhile
        return real(**options)

    monkeypatch.setattr(services, "build_workbook", slow_build)
    start = threading.Barrier(2)
    answers = []

    def build():
        start.wait()
        try:
            answers.append(export_build(job_id=job.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=build) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(builds) == 1 and len(answers) == 2
    job.refresh_from_db()
    assert (job.status, job.attempts) == (ExportStatus.DONE, 1)
    assert [path.name for path in (media / "exports").rglob("*.xlsx")] == [f"summary-{job.pk}.xlsx"]
