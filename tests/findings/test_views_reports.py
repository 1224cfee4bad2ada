"""The 巡察报告 screens: a round's reports, a report's page with its documents and
decisions, drafting and recording a decision through the page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from findings.choices import ReportStage
from findings.models import InspectionReport
from tests import factories as f
from tests.findings.reports_kit import report_through
from tests.inspection.documents import media_root  # noqa: F401
from tests.rectification.test_views_items import page, post, signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

TODAY = timezone.localdate().isoformat()


def reports_path(world):
    return f"/rounds/{world.round.pk}/reports/"


def report_path(report, action=""):
    return f"/inspection-reports/{report.pk}/{action}"


def test_the_round_page_links_to_its_reports(world):
    answer = page(world.office, f"/rounds/{world.round.pk}/")
    assert reports_path(world) in answer.content.decode()


def test_the_team_page_links_to_the_reports(world):
    answer = page(world.leader_a, f"/team/assignments/{world.assignment_a.pk}/")
    assert reports_path(world) in answer.content.decode()


def test_the_round_list_shows_each_organisation_and_what_it_waits_for(world):
    report_through(world.assignment_b, actor=world.office, stage=ReportStage.OFFICE_CONSULTATION)
    text = page(world.office, reports_path(world)).content.decode()
    assert world.assignment_a.target_name in text and "起草巡察报告" in text
    assert "组办会商" in text and "领导小组审议" in text
    own = page(world.leader_a, reports_path(world)).content.decode()
    assert world.assignment_a.target_name in own
    assert world.assignment_b.target_name not in own


def test_the_list_costs_a_bounded_number_of_queries(world):
    report_through(world.assignment_a, actor=world.office)
    client = signed_in(world.office)
    client.get(reports_path(world))
    with CaptureQueriesContext(connection) as few:
        client.get(reports_path(world))
    for _ in range(4):
        assignment = f.AssignmentFactory(round=world.round, team=world.team_a)
        report_through(assignment, actor=world.office)
    with CaptureQueriesContext(connection) as many:
        client.get(reports_path(world))
    assert len(many) == len(few)


def test_the_leader_drafts_then_records_the_group_discussion(world):
    answer = post(world.leader_a, f"/assignments/{world.assignment_a.pk}/report/")
    report = InspectionReport.objects.get()
    assert answer.status_code == 302 and answer.url == report_path(report)
    text = page(world.leader_a, report_path(report)).content.decode()
    assert "巡察报告" in text and "第1版" in text and "记录组内讨论" in text
    answer = post(
        world.leader_a,
        report_path(report, "decide/"),
        {"held_on": TODAY, "outcome": "agreed", "opinion": "同意上报。"},
    )
    assert answer.status_code == 302
    assert report.decisions.get().stage == ReportStage.GROUP_DISCUSSION


def test_a_clerk_without_minutes_sees_the_refusal_then_attaches_them(world):
    report = report_through(
        world.assignment_a, actor=world.office, stage=ReportStage.OFFICE_CONSULTATION
    )
    data = {"held_on": TODAY, "outcome": "agreed", "opinion": ""}
    answer = post(world.office, report_path(report, "decide/"), data)
    assert answer.status_code == 200
    assert "请上传会议纪要或签批件" in answer.content.decode()
    minutes = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    answer = post(world.office, report_path(report, "decide/"), data | {"minutes": minutes})
    assert answer.status_code == 302
    text = page(world.leadership, report_path(report)).content.decode()
    assert "记录书记专题会听取" in text and "/evidence/report_minutes/" in text
    # Leadership's documents panel has the report, not its sealed annex; the office's both.
    assert "巡察报告密封附件" not in text and "生成巡察报告" not in text
    assert "生成巡察报告密封附件" in page(world.office, report_path(report)).content.decode()


def test_leadership_signs_the_secretary_meeting_and_feedback_may_follow(world):
    report = report_through(world.assignment_a, actor=world.office, stage=ReportStage.LEADING_GROUP)
    answer = post(
        world.leadership,
        report_path(report, "decide/"),
        {"held_on": TODAY, "outcome": "heard", "opinion": "抓好整改落实。"},
    )
    assert answer.status_code == 302
    assert report.decisions.get(stage=ReportStage.SECRETARY_MEETING).signed_by == world.leadership
    assert "可以反馈" in page(world.office, report_path(report)).content.decode()


def test_a_member_reads_the_report_without_a_form_and_others_find_none(world):
    report = report_through(
        world.assignment_a, actor=world.office, stage=ReportStage.GROUP_DISCUSSION
    )
    text = page(world.member_a, report_path(report)).content.decode()
    assert "待组办会商" in text and 'id="action-decide"' not in text
    assert post(world.member_a, report_path(report, "decide/"), {}).status_code == 200
    assert page(world.leader_b, report_path(report)).status_code == 404
    assert post(world.leader_b, report_path(report, "decide/"), {}).status_code == 404
    for persona in ("officer_a", "liaison", "stats"):
        assert page(world.users[persona], report_path(report)).status_code == 403
    assert page(world.office, "/inspection-reports/99999999999999999999/").status_code == 404


def test_a_refused_draft_is_shown_on_the_list(world):
    post(world.leader_a, f"/assignments/{world.assignment_a.pk}/report/")
    answer = signed_in(world.office).post(
        f"/assignments/{world.assignment_a.pk}/report/", follow=True
    )
    assert "巡察报告已起草" in answer.content.decode()
    assert post(world.member_a, f"/assignments/{world.assignment_a.pk}/report/").status_code == 403
