"""The reports page: request the Excel summary, follow the jobs, download the file (the
requester's own, logged), and every bad input answered on the form in Chinese."""

import datetime

import pytest
from django.test import Client

from inspection.models import AccessLog
from reports.models import ExportJob, ExportStatus
from tests import factories as f
from tests.stamps import xlsx_headers
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


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def request_export(client, callbacks, **scope):
    """POST the form and run what is queued on commit (the build, in-process)."""
    with callbacks(execute=True):
        return client.post("/reports/", scope)


# ------------------------------------------------------------------- who may open it


@pytest.mark.parametrize("persona", ["office", "lead", "leadership"])
def test_readers_of_the_county_open_the_reports_page(world, persona):
    answer = signed_in(getattr(world, persona)).get("/reports/")
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "导出统计汇总表" in html and "还没有导出记录" in html


@pytest.mark.parametrize("persona", ["leader_a", "liaison", "officer_a"])
def test_other_roles_are_refused(world, persona):
    assert signed_in(getattr(world, persona)).get("/reports/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in():
    answer = Client().get("/reports/")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")


# ------------------------------------------------------------------- request and follow


def test_a_request_creates_a_job_that_completes_and_is_listed(
    world, django_capture_on_commit_callbacks
):
    client = signed_in(world.office)
    answer = request_export(
        client,
        django_capture_on_commit_callbacks,
        term=world.round.term_id,
        town=world.town_a.pk,
    )
    job = ExportJob.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/reports/#job-{job.pk}"
    assert job.requested_by == world.office
    assert (job.term_id, job.town_id, job.round_id) == (world.round.term_id, world.town_a.pk, None)
    assert job.status == ExportStatus.DONE
    html = client.get("/reports/").content.decode()
    assert "已提交导出申请" in html
    assert f'id="job-{job.pk}"' in html and "已完成" in html
    assert f'href="/reports/{job.pk}/download/"' in html
    assert "甲镇" in html  # the scope, in words


def test_a_running_job_is_followed_through_the_exports_api(world):
    job = ExportJob.objects.create(
        requested_by=world.office, status=ExportStatus.RUNNING, progress=40
    )
    client = signed_in(world.office)
    html = client.get("/reports/").content.decode()
    assert f'data-poll="/api/v1/exports/{job.pk}/"' in html
    assert 'value="40"' in html and "40%" in html
    assert "js/reports.js" in html
    status = client.get(f"/api/v1/exports/{job.pk}/").json()  # what the script reads
    assert (status["status"], status["progress"]) == ("running", 40)


def test_only_ones_own_jobs_are_listed(world):
    ExportJob.objects.create(requested_by=world.lead)
    mine = ExportJob.objects.create(requested_by=world.office)
    html = signed_in(world.office).get("/reports/").content.decode()
    assert html.count('data-job="') == 1 and f'data-job="{mine.pk}"' in html


def test_the_list_filters_by_status_and_its_query_count_is_bounded(
    world, django_assert_max_num_queries
):
    for _ in range(25):
        ExportJob.objects.create(
            requested_by=world.office, round=world.round, town=world.town_a, team=world.team_a
        )
    ExportJob.objects.create(
        requested_by=world.office, status=ExportStatus.FAILED, failure_reason="生成超时"
    )
    client = signed_in(world.office)
    with django_assert_max_num_queries(14):
        html = client.get("/reports/").content.decode()
    assert html.count('data-job="') == 20  # a page
    failed = client.get("/reports/", {"status": "failed"}).content.decode()
    assert failed.count('data-job="') == 1 and "生成超时" in failed


# ------------------------------------------------------------------- download


def test_the_requester_downloads_the_file_and_the_download_is_logged(
    world, django_capture_on_commit_callbacks
):
    client = signed_in(world.leadership)
    request_export(client, django_capture_on_commit_callbacks, round=world.round.pk)
    job = ExportJob.objects.get()
    answer = client.get(f"/reports/{job.pk}/download/")
    assert answer.status_code == 200
    assert answer["Content-Type"] == XLSX
    assert "filename*=UTF-8''" in answer["Content-Disposition"]
    body = b"".join(answer.streaming_content)
    assert body[:2] == b"PK" and len(body) == int(answer["Content-Length"])
    log = AccessLog.objects.get(
        user=world.leadership, action=AccessLog.Action.EXPORT, object_id=str(job.pk)
    )
    assert log.watermark.startswith("密级：内部　　阅读人：")
    assert log.watermark in xlsx_headers(body)["汇总"][1]


def test_another_users_file_is_refused_as_not_found(world, django_capture_on_commit_callbacks):
    request_export(signed_in(world.lead), django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    answer = signed_in(world.leadership).get(f"/reports/{job.pk}/download/")
    assert answer.status_code == 404
    assert AccessLog.objects.filter(
        user=world.leadership, action=AccessLog.Action.REFUSED, object_id=str(job.pk)
    ).exists()
    assert signed_in(world.leadership).get("/reports/999999/download/").status_code == 404
    assert signed_in(world.office).get(f"/reports/{2**64}/download/").status_code == 404


def test_a_job_not_done_goes_back_to_the_list_with_why(world):
    job = ExportJob.objects.create(requested_by=world.office)
    client = signed_in(world.office)
    answer = client.get(f"/reports/{job.pk}/download/")
    assert answer.status_code == 302 and answer["Location"] == "/reports/"
    assert "导出尚未完成（排队中）" in client.get("/reports/").content.decode()


# ------------------------------------------------------------------- bad input


def test_a_backwards_date_range_is_a_form_error(world):
    answer = signed_in(world.office).post(
        "/reports/", {"date_from": "2026-05-01", "date_to": "2026-04-01"}
    )
    assert answer.status_code == 200
    assert "开始日期不能晚于结束日期。" in answer.content.decode()
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize(
    "scope",
    [
        {"term": "abc"},
        {"round": "999999"},
        {"town": str(2**70)},
        {"date_from": "2026-13-45"},
        {"village": "1"},  # no town chosen: no village may be
    ],
)
def test_malformed_or_unknown_scope_is_a_form_error(world, scope):
    answer = signed_in(world.office).post("/reports/", scope)
    assert answer.status_code == 200
    html = answer.content.decode()
    assert 'class="error"' in html
    assert "选择一个有效的选项" in html or "请输入有效的日期，如 2026-05-01。" in html
    assert not ExportJob.objects.exists()


def test_too_many_pending_jobs_is_a_form_error(world, settings):
    settings.INSPECTION_EXPORT_MAX_PENDING = 2
    for _ in range(2):
        ExportJob.objects.create(requested_by=world.office)
    answer = signed_in(world.office).post("/reports/", {"term": world.round.term_id})
    assert answer.status_code == 200
    assert "您已有2个导出正在生成，请等其完成后再申请。" in answer.content.decode()
    assert ExportJob.objects.count() == 2


def test_updating_the_choices_offers_the_towns_villages_and_requests_nothing(world):
    other = f.VillageFactory(town=world.town_b, name="乙二村")
    client = signed_in(world.office)
    html = client.get("/reports/").content.decode()
    assert "甲一村" not in html
    answer = client.post(
        "/reports/", {"town": world.town_a.pk, "round": world.round.pk, "refresh": "1"}
    )
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "甲一村" in html and other.name not in html
    assert "第一巡察组" in html
    assert not ExportJob.objects.exists()


def test_a_village_and_team_narrow_the_job(world, django_capture_on_commit_callbacks):
    village = world.assignment_a.village
    request_export(
        signed_in(world.office),
        django_capture_on_commit_callbacks,
        town=world.town_a.pk,
        village=village.pk,
        round=world.round.pk,
        team=world.team_a.pk,
        date_from=datetime.date(2026, 1, 1).isoformat(),
    )
    job = ExportJob.objects.get()
    assert (job.village_id, job.team_id, job.date_from) == (
        village.pk,
        world.team_a.pk,
        datetime.date(2026, 1, 1),
    )


# ----------------------------------------------- the dependent selects, without a trip


def choices(client, **query):
    answer = client.get("/reports/choices/", query)
    assert answer.status_code == 200
    return answer.json()


def test_the_choices_follow_the_town_and_the_round_within_the_scope(world):
    other = f.VillageFactory(town=world.town_b, name="乙二村")
    client = signed_in(world.office)

    assert choices(client)["village"] == [["", "不限"]]
    assert choices(client)["team"] == [["", "不限"]]
    found = choices(client, town=world.town_a.pk, round=world.round.pk)
    villages = [label for _value, label in found["village"]]
    assert any("甲一村" in label for label in villages) and other.name not in villages
    assert [label for _value, label in found["team"]][1:] == ["第一巡察组", "第二巡察组"]
    # Exactly what the no-script form offers after "更新选项".
    html = client.post(
        "/reports/", {"town": world.town_a.pk, "round": world.round.pk, "refresh": "1"}
    ).content.decode()
    for value, label in found["village"][1:] + found["team"][1:]:
        assert f'<option value="{value}">{label}</option>' in html


def test_a_round_of_another_term_offers_no_teams(world):
    later = f.TermFactory(
        name="2016—2021届",
        starts_on=datetime.date(2016, 10, 1),
        ends_on=datetime.date(2021, 9, 30),
        is_current=False,
    )
    found = choices(signed_in(world.office), term=later.pk, round=world.round.pk)
    assert found["round"] == [["", "不限"]]
    assert found["team"] == [["", "不限"]]


@pytest.mark.parametrize("persona", ["leader_a", "member_a", "liaison", "officer_a", "stats"])
def test_the_choices_are_refused_outside_the_reports_readers(world, persona):
    client = signed_in(getattr(world, persona))
    answer = client.get("/reports/choices/", {"town": world.town_a.pk, "round": world.round.pk})
    assert answer.status_code == 403
    assert "甲一村" not in answer.content.decode()


def test_an_unknown_or_malformed_id_offers_nothing(world):
    client = signed_in(world.office)
    for town in ("987654", "x", "-1", "99999999999999999999"):
        assert choices(client, town=town)["village"] == [["", "不限"]]


def test_the_page_loads_the_script_and_keeps_the_button_for_no_script(world):
    html = signed_in(world.office).get("/reports/").content.decode()
    assert 'data-choices="/reports/choices/"' in html
    assert 'data-depends-on="town"' in html and 'data-depends-on="round"' in html
    assert "/static/js/choices.js" in html
    assert 'name="refresh"' in html
