"""The 巡察报告 and its decisions (findings/services/reports.py): the stages in order, who
records each, the bodies' minutes or signature, the 修改意见 loop, dates."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from findings.choices import DecisionOutcome, ReportStage
from findings.models import InspectionReport, ReportDecision
from findings.report_selectors import missing_decisions, next_stage
from findings.services import report_draft, report_record_decision
from inspection.documents.models import Document
from inspection.errors import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from tests.inspection.documents import media_root  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

TODAY = timezone.localdate()
GROUP, OFFICE, LEADING, SECRETARY = (
    ReportStage.GROUP_DISCUSSION,
    ReportStage.OFFICE_CONSULTATION,
    ReportStage.LEADING_GROUP,
    ReportStage.SECRETARY_MEETING,
)


def minutes(name="纪要.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 minutes", content_type="application/pdf")


def record(actor, report, stage, outcome=DecisionOutcome.AGREED, **extra):
    values = {"held_on": TODAY, "opinion": "同意。"} | extra
    return report_record_decision(
        actor=actor, report_id=report.pk, stage=stage, outcome=outcome, **values
    )


@pytest.fixture
def report(world):
    return report_draft(actor=world.leader_a, assignment_id=world.assignment_a.pk)


def test_the_leader_drafts_the_report_with_its_first_version(world, report):
    assert report.assignment == world.assignment_a
    document = Document.objects.get(kind="inspection_report", object_id=report.pk)
    assert document.version == 1
    assert document.number == "一组-" + world.assignment_a.target_name + "-报告"
    assert report.history.count() == 1
    assert not Document.objects.filter(kind="inspection_report_annex").exists()  # no clue


def test_an_organisation_with_clues_gets_its_sealed_annex_drafted_too(world):
    world.clue()
    report = report_draft(actor=world.leader_a, assignment_id=world.assignment_a.pk)
    annex = Document.objects.get(kind="inspection_report_annex", object_id=report.pk)
    assert annex.classification == "secret"


def test_a_second_draft_is_refused_and_the_office_drafts_too(world, report):
    with pytest.raises(ConflictError, match="已起草"):
        report_draft(actor=world.office, assignment_id=world.assignment_a.pk)
    other = report_draft(actor=world.office, assignment_id=world.assignment_b.pk)
    assert other.created_by == world.office


def test_a_member_may_not_draft_and_another_team_finds_no_assignment(world):
    with pytest.raises(PermissionDeniedError):
        report_draft(actor=world.member_a, assignment_id=world.assignment_a.pk)
    with pytest.raises(NotFoundError):
        report_draft(actor=world.leader_b, assignment_id=world.assignment_a.pk)
    with pytest.raises(PermissionDeniedError):
        report_draft(actor=world.leadership, assignment_id=world.assignment_a.pk)


def test_the_four_stages_in_order_clear_the_organisation_for_feedback(world, report):
    record(world.leader_a, report, GROUP)
    record(world.office, report, OFFICE, opinion="组办会商：原则同意，补充典型事例。")
    record(world.office, report, LEADING, minutes=minutes())
    decision = record(
        world.leadership, report, SECRETARY, DecisionOutcome.HEARD, opinion="要抓好整改。"
    )
    assert decision.signed_by == world.leadership
    assert next_stage(report.decisions.all()) is None
    assert world.assignment_a.pk not in missing_decisions([world.assignment_a])
    assert decision.history.get().history_change_reason == "书记专题会听取：已听取"


def test_a_stage_out_of_order_is_refused_naming_the_missing_decision(world, report):
    record(world.leader_a, report, GROUP)
    with pytest.raises(ApplicationError, match="尚未经组办会商，不能记录领导小组审议"):
        record(world.office, report, LEADING, minutes=minutes())
    with pytest.raises(ConflictError, match="已经过组内讨论"):
        record(world.leader_a, report, GROUP)
    assert missing_decisions([world.assignment_a])[world.assignment_a.pk].endswith(
        "尚未经组办会商，不能反馈。"
    )


def test_a_clerk_without_minutes_is_refused_leadership_signs_without(world, report):
    record(world.leader_a, report, GROUP)
    record(world.office, report, OFFICE)
    with pytest.raises(ApplicationError, match="请上传会议纪要或签批件") as refused:
        record(world.office, report, LEADING)
    assert "minutes" in refused.value.errors
    decision = record(world.leadership, report, LEADING)
    assert decision.signed_by == world.leadership and not decision.minutes
    office = record(world.office, report, SECRETARY, DecisionOutcome.HEARD, minutes=minutes())
    assert office.signed_by is None and office.minutes.name.endswith(".pdf")


def test_leadership_records_only_the_bodies_stages(world, report):
    with pytest.raises(PermissionDeniedError):
        record(world.leadership, report, GROUP)
    record(world.leader_a, report, GROUP)
    with pytest.raises(PermissionDeniedError):
        record(world.leadership, report, OFFICE)
    with pytest.raises(PermissionDeniedError):
        record(world.leader_a, report, OFFICE)


def test_a_revision_sends_the_report_back_to_the_same_stage(world, report):
    record(world.leader_a, report, GROUP)
    record(world.office, report, OFFICE)
    revise = DecisionOutcome.REVISE
    with pytest.raises(ApplicationError, match="请填写修改意见"):
        record(world.leadership, report, LEADING, revise, opinion="")
    record(world.leadership, report, LEADING, revise, opinion="补充三资问题的典型事例。")
    assert next_stage(report.decisions.all()) == LEADING
    with pytest.raises(ApplicationError, match="尚未经领导小组审议"):
        record(world.leadership, report, SECRETARY, DecisionOutcome.HEARD)
    record(world.leadership, report, LEADING)
    assert next_stage(report.decisions.all()) == SECRETARY
    assert report.decisions.filter(stage=LEADING).count() == 2


def test_outcomes_of_each_stage(world, report):
    with pytest.raises(ApplicationError, match="组内讨论的结论只能是：原则同意、修改意见"):
        record(world.leader_a, report, GROUP, DecisionOutcome.HEARD)
    for stage, actor in (
        (GROUP, world.leader_a),
        (OFFICE, world.office),
        (LEADING, world.leadership),
    ):
        record(actor, report, stage)
    with pytest.raises(ApplicationError, match="书记专题会听取的结论只能是：已听取"):
        record(world.leadership, report, SECRETARY, DecisionOutcome.AGREED)
    with pytest.raises(ApplicationError, match="请填写书记专题会主要意见"):
        record(world.leadership, report, SECRETARY, DecisionOutcome.HEARD, opinion=" ")


def test_dates_follow_the_team_leaving_and_the_stage_before(world, report):
    left = TODAY - datetime.timedelta(days=10)
    world.assignment_a.on_site_until = left
    world.assignment_a.save()
    with pytest.raises(ApplicationError, match="不能早于巡察组撤离"):
        record(world.leader_a, report, GROUP, held_on=left - datetime.timedelta(days=1))
    record(world.leader_a, report, GROUP, held_on=left + datetime.timedelta(days=3))
    with pytest.raises(ApplicationError, match="不能早于上一次审议（组内讨论"):
        record(world.office, report, OFFICE, held_on=left + datetime.timedelta(days=2))
    with pytest.raises(ApplicationError, match="不能晚于今天"):
        record(world.office, report, OFFICE, held_on=TODAY + datetime.timedelta(days=1))
    with pytest.raises(ApplicationError, match="请填写会议日期"):
        record(world.office, report, OFFICE, held_on=None)


def test_unknown_stage_and_out_of_scope_report(world, report):
    with pytest.raises(ApplicationError, match="请选择审议环节"):
        record(world.office, report, "final")
    for persona in ("leader_b", "officer_a", "liaison", "stats"):
        with pytest.raises(NotFoundError):
            record(world.users[persona], report, GROUP)
    assert ReportDecision.objects.count() == 0


def test_a_body_decision_after_the_last_is_refused(world, report):
    for stage, actor in (
        (GROUP, world.leader_a),
        (OFFICE, world.office),
        (LEADING, world.leadership),
    ):
        record(actor, report, stage)
    record(world.leadership, report, SECRETARY, DecisionOutcome.HEARD)
    with pytest.raises(ConflictError, match="审议环节均已完成"):
        record(world.leadership, report, SECRETARY, DecisionOutcome.HEARD)
    assert InspectionReport.objects.get().decisions.count() == 4
