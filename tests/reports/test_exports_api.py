"""Exports through the API: request, follow, download (logged), and the workbook's figures
equal to the statistics API's for the same scope."""

import hashlib
import io
from urllib.parse import quote

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from inspection.models import AccessLog
from reports.models import ExportJob, ExportStatus
from tests.reports.sheets import dict_rows
from tests.stamps import the_mark, xlsx_headers
from tests.world import build_world

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world():
    world = build_world()
    world.export_records()
    return world


def as_user(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def requested(client, callbacks, **scope):
    """POST an export and run what is queued on commit (the build, in-process)."""
    with callbacks(execute=True):
        answer = client.post("/api/v1/exports/", scope, format="json")
    assert answer.status_code == 202, answer.content
    return answer.json()


def workbook_of(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def sheet_rows(sheet):
    return dict_rows(sheet)


# ---------------------------------------------------------------- the same numbers


FIGURE_COLUMNS = {
    "interviews": "谈话人次",
    "questionnaires_distributed": "问卷发放(份)",
    "questionnaires_returned": "问卷回收(份)",
    "problems": "发现问题合计",
    "clues_transferred": "线索移交(件)",
    "persons_transferred": "线索移交(人)",
    "immediate_fixes": "立行立改(个)",
    "items": "整改台账(条)",
    "items_closed": "已销号(条)",
    "rectification_rate": "整改完成率",
    "items_overdue": "逾期(条)",
}


def test_the_workbook_figures_equal_the_statistics_api(world, django_capture_on_commit_callbacks):
    client = as_user(world.office)
    job = requested(client, django_capture_on_commit_callbacks, round=world.round.pk)
    book = workbook_of(client.get(f"/api/v1/exports/{job['id']}/download/"))
    *villages, totals = sheet_rows(book["汇总"])
    query = {"round": world.round.pk, "on": job["as_of"]}

    api_totals = client.get("/api/v1/statistics/", query).json()[0]["figures"]
    for figure, header in FIGURE_COLUMNS.items():
        assert totals[header] == api_totals[figure], header
    assert api_totals["problems"] == 7 and api_totals["items_overdue"] == 2

    def api_problems(grouping) -> dict[str, int]:
        answer = client.get("/api/v1/statistics/problems/", query | {"group_by": grouping})
        return {row["label"]: row["figures"]["problems"] for row in answer.json()}

    # 汇总: a column a focus and a nature, their totals the API's.
    by_focus, by_nature = api_problems("focus"), api_problems("nature")
    assert len(by_focus) == 1 and set(by_nature) == {"一般问题", "违规"}
    for label, count in by_focus.items():
        assert totals[label] == count, label
    for label, count in by_nature.items():
        assert totals[f"性质：{label}"] == count, label
    assert totals["性质：涉嫌违纪违法"] == 0
    # 分类统计: every level of the taxonomy, and the natures, as the API counts them.
    *entries, taxonomy_total = sheet_rows(book["分类统计"])
    sheet = {
        (row["层级"], row["类"] or row["方面"] or row["四个聚焦"]): row["发现问题"]
        for row in entries
    }
    for level, grouping in (("聚焦", "focus"), ("方面", "aspect"), ("类", "class")):
        counted = {name: n for (at, name), n in sheet.items() if at == level and n}
        assert counted == api_problems(grouping), level
    assert {name: n for (at, name), n in sheet.items() if at == "性质" and n} == by_nature
    assert taxonomy_total["发现问题"] == api_totals["problems"]
    assert len(entries) > 50  # the whole catalogue is listed, an entry without problems at 0

    by_village = client.get("/api/v1/statistics/", query | {"group_by": "village"}).json()
    api_villages = {row["label"]: row["figures"] for row in by_village}
    assert len(api_villages) == len(villages) == 3
    for row in villages:
        label = row["村(社区)"] if row["乡镇(街道)"] else "—"
        for figure, header in FIGURE_COLUMNS.items():
            expected = api_villages[label].get(figure)  # absent: nothing of that kind there
            assert row[header] == expected or (expected is None and not row[header]), label


def test_an_officer_export_matches_their_own_statistics(world, django_capture_on_commit_callbacks):
    client = as_user(world.officer_a)
    job = requested(client, django_capture_on_commit_callbacks)
    assert job["town"] == world.town_a.pk and job["scope_label"] == "甲镇"
    book = workbook_of(client.get(f"/api/v1/exports/{job['id']}/download/"))
    totals = sheet_rows(book["汇总"])[-1]
    api = client.get("/api/v1/statistics/", {"on": job["as_of"]}).json()[0]["figures"]
    for figure, header in FIGURE_COLUMNS.items():
        assert totals[header] == api[figure], header


# ------------------------------------------------------------------------ the jobs


def test_request_then_follow_then_download(world, django_capture_on_commit_callbacks):
    client = as_user(world.leader_a)
    job = requested(client, django_capture_on_commit_callbacks, team=world.team_a.pk)
    detail = client.get(f"/api/v1/exports/{job['id']}/").json()
    assert detail["status"] == "done" and detail["progress"] == 100
    assert detail["status_label"] == "已完成"
    assert detail["download_url"].endswith(f"/api/v1/exports/{job['id']}/download/")
    assert detail["file_name"].startswith("统计汇总表-") and detail["file_name"].endswith(".xlsx")

    answer = client.get(f"/api/v1/exports/{job['id']}/download/", HTTP_ACCEPT=XLSX)
    assert answer.status_code == 200
    assert answer["Content-Type"] == XLSX
    disposition = answer["Content-Disposition"]
    assert disposition.startswith('attachment; filename="summary-')
    assert f"filename*=UTF-8''{quote(detail['file_name'])}" in disposition
    content = b"".join(answer.streaming_content)
    # The reader's copy: the stored file (its checksum and size in the detail), stamped.
    assert hashlib.sha256(content).hexdigest() != detail["checksum"]
    assert int(answer["Content-Length"]) == len(content)
    book = load_workbook(io.BytesIO(content))
    assert "线索移交" not in book.sheetnames  # clues are the office's

    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert (log.user, log.object_type, log.object_id) == (
        world.leader_a,
        "reports.exportjob",
        str(job["id"]),
    )
    assert the_mark(right for _left, right, _footer in xlsx_headers(content).values()) == (
        log.watermark
    )


def test_only_the_requester_and_the_office_may_download(world, django_capture_on_commit_callbacks):
    job = requested(
        as_user(world.member_a), django_capture_on_commit_callbacks, team=world.team_a.pk
    )
    url = f"/api/v1/exports/{job['id']}/download/"
    for outsider in (world.leader_a, world.leader_b, world.leadership, world.officer_a):
        answer = as_user(outsider).get(url)
        assert answer.status_code == 404, outsider
        assert as_user(outsider).get(f"/api/v1/exports/{job['id']}/").status_code == 404
    refused = AccessLog.objects.filter(action=AccessLog.Action.REFUSED, object_id=str(job["id"]))
    assert refused.count() == 4
    assert as_user(world.office).get(url).status_code == 200
    assert as_user(world.member_a).get(url).status_code == 200
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 2


def test_a_job_not_done_cannot_be_downloaded_and_an_expired_one_is_gone(
    world, django_capture_on_commit_callbacks
):
    client = as_user(world.office)
    queued = client.post("/api/v1/exports/", {}, format="json").json()  # never built
    answer = client.get(f"/api/v1/exports/{queued['id']}/download/")
    assert answer.status_code == 409 and "尚未完成" in answer.json()["detail"]
    assert queued["status"] == "queued" and queued["download_url"] is None

    done = requested(client, django_capture_on_commit_callbacks)
    ExportJob.objects.filter(pk=done["id"]).update(expires_at=timezone.now())
    gone = client.get(f"/api/v1/exports/{done['id']}/download/")
    assert gone.status_code == 404 and "过期" in gone.json()["detail"]


def test_the_list_shows_your_own_jobs_and_the_office_every_job(world):
    mine = as_user(world.leadership).post("/api/v1/exports/", {}, format="json").json()
    theirs = as_user(world.lead).post("/api/v1/exports/", {}, format="json").json()
    listed = as_user(world.leadership).get("/api/v1/exports/").json()["results"]
    assert [job["id"] for job in listed] == [mine["id"]]
    everyone = as_user(world.office).get("/api/v1/exports/").json()["results"]
    assert {job["id"] for job in everyone} == {mine["id"], theirs["id"]}
    queued = as_user(world.office).get("/api/v1/exports/", {"status": "done"}).json()
    assert queued["results"] == []


def test_who_may_request_what(world):
    assert as_user(world.liaison).post("/api/v1/exports/", {}, format="json").status_code == 403
    no_team = as_user(world.leader_a).post("/api/v1/exports/", {}, format="json")
    assert no_team.status_code == 403 and "本组" in no_team.json()["detail"]
    stats = as_user(world.stats).post("/api/v1/exports/", {}, format="json")
    assert stats.status_code == 202
    bad = as_user(world.office).post(
        "/api/v1/exports/", {"date_from": "2026-05-02", "date_to": "2026-05-01"}, format="json"
    )
    assert bad.status_code == 400 and "date_from" in bad.json()["errors"]
    missing = as_user(world.office).post("/api/v1/exports/", {"town": 999999}, format="json")
    assert missing.status_code == 400 and "town" in missing.json()["errors"]
    assert APIClient().get("/api/v1/exports/").status_code == 401


def test_a_full_export_queue_answers_429_with_retry_after(world, settings):
    """Issue 15, item 4: a full queue answered 400, which clients do not retry."""
    settings.INSPECTION_EXPORT_MAX_PENDING = 1
    client = as_user(world.stats)
    assert client.post("/api/v1/exports/", {}, format="json").status_code == 202
    full = client.post("/api/v1/exports/", {}, format="json")
    assert full.status_code == 429
    assert int(full["Retry-After"]) > 0
    assert full.json() == {"detail": "您已有1个导出正在生成，请等其完成后再申请。"}
    schema = as_user(world.office).get("/api/schema/", {"format": "json"}).json()
    assert "429" in schema["paths"]["/api/v1/exports/"]["post"]["responses"]


def test_a_statistics_client_downloads_the_aggregate_sheet(
    world, django_capture_on_commit_callbacks
):
    client = as_user(world.stats)
    job = requested(client, django_capture_on_commit_callbacks)
    book = workbook_of(client.get(f"/api/v1/exports/{job['id']}/download/"))
    assert book.sheetnames == ["汇总", "分类统计", "说明"]
    assert ExportJob.objects.get(pk=job["id"]).status == ExportStatus.DONE


def test_the_schema_documents_the_exports(world):
    schema = as_user(world.office).get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    assert set(paths["/api/v1/exports/"]) >= {"get", "post"}
    assert "202" in paths["/api/v1/exports/"]["post"]["responses"]
    download = paths["/api/v1/exports/{id}/download/"]["get"]["responses"]
    assert XLSX in download["200"]["content"]
    assert {"404", "409"} <= set(download)


def test_the_list_costs_a_bounded_number_of_queries(
    world, django_assert_max_num_queries, wide_page_queries
):
    scopes = (
        {"round": world.round.pk, "date_from": "2026-01-01"},
        {"town": world.town_a.pk, "village": world.assignment_a.village_id},
        {"team": world.team_a.pk},
    )
    for user in (world.office, world.lead):
        for scope in scopes:
            answer = as_user(user).post("/api/v1/exports/", scope, format="json")
            assert answer.status_code == 202
    client = as_user(world.office)
    with django_assert_max_num_queries(3 + wide_page_queries):
        answer = client.get("/api/v1/exports/")
    assert len(answer.json()["results"]) == 6
