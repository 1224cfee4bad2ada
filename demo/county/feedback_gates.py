"""The 巡察报告 of each inspected organisation and the decisions feedback waits for
(组内讨论 → 组办会商 → 领导小组审议 → 书记专题会听取), through the report services, each
by whom it belongs to on the day it was held: the team's leader drafts the report two days
after the team left the village and records the 组内讨论; the office records the 组办会商;
the leadership account signs the leading group's and the 书记专题会's decisions — except
for the first report of each round, whose 领导小组审议 the office records with the minutes
attached (a generated PDF). The first report of the closed round shows the loop: the
leading group first asks for changes (修改意见), the team uploads its edited version, and
the leading group agrees it two days later.

``hear_reports`` takes the reports of a batch of organisations up to ``up_to`` (the
书记专题会, or 领导小组审议 for organisations still awaiting it), the stages held the given
number of days before the batch's feedback day."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from demo.county import evidence
from demo.county.clock import travel
from demo.county.common import at
from findings.choices import DecisionOutcome, ReportStage
from findings.models import InspectionReport
from findings.report_selectors import STAGE_ORDER
from findings.services.reports import (
    REPORT_KIND,
    report_draft,
    report_record_decision,
    team_left_on,
)
from inspection.documents.models import Document
from inspection.documents.services import document_upload_version
from rounds.models import Assignment

# Days before the feedback each stage was held; the hour it was recorded.
STAGE_DAYS = {
    ReportStage.GROUP_DISCUSSION: (8, 16),
    ReportStage.OFFICE_CONSULTATION: (6, 15),
    ReportStage.LEADING_GROUP: (4, 17),
    ReportStage.SECRETARY_MEETING: (2, 17),
}
REVISED_DAYS = 2  # the leading group's 修改意见 came this many days before its agreement

OPINIONS = {
    ReportStage.GROUP_DISCUSSION: "巡察组集体讨论，同意报告内容，报巡察办会商。",
    ReportStage.OFFICE_CONSULTATION: "经组办会商，报告问题表述准确、底稿支撑充分，同意提交审议。",
    ReportStage.LEADING_GROUP: "原则同意巡察报告，按程序向书记专题会报告。",
    ReportStage.SECRETARY_MEETING: "要求压实整改主体责任，反馈后抓好问题整改，线索按规定移交。",
}
REVISE_OPINION = "“主要问题”部分典型事例不够具体，请补充底稿编号后重新提交。"


def _draft(actor, assignment: Assignment) -> InspectionReport:
    left = team_left_on(assignment)
    with travel(at(left + datetime.timedelta(days=2), 10, assignment.pk % 50)):
        return report_draft(actor=actor, assignment_id=assignment.pk)


def _upload_edited(actor, report: InspectionReport, moment: datetime.datetime) -> None:
    """The team's edited version of the report, uploaded as its next version."""
    document = Document.objects.get(kind=REPORT_KIND, object_id=report.pk)
    with document.file.open("rb") as stream:
        content = stream.read()
    edited = SimpleUploadedFile(
        "巡察报告（修改稿）.docx",
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    with travel(moment):
        document_upload_version(actor=actor, document_id=document.pk, file=edited)


def hear_reports(
    ctx,
    plan,
    assignments: list[Assignment],
    fed_back_on: datetime.date,
    *,
    up_to: ReportStage = ReportStage.SECRETARY_MEETING,
) -> None:
    """Each organisation's report drafted and decided up to ``up_to`` before ``fed_back_on``."""
    office, leadership = ctx.users["office"], ctx.users["leadership"]
    stages = STAGE_ORDER[: STAGE_ORDER.index(up_to) + 1]
    first_of_round = min(a.pk for a in plan.assignments)
    for assignment in sorted(assignments, key=lambda a: a.pk):
        leader = plan.leaders[assignment.team_id]
        report = _draft(leader, assignment)
        first = assignment.pk == first_of_round
        for stage in stages:
            days, hour = STAGE_DAYS[stage]
            held_on = fed_back_on - datetime.timedelta(days=days)
            actor = {
                ReportStage.GROUP_DISCUSSION: leader,
                ReportStage.OFFICE_CONSULTATION: office,
            }.get(stage, leadership)
            minutes = None
            if stage == ReportStage.LEADING_GROUP and first:
                actor = office  # recorded by the office with the meeting's minutes
                minutes = evidence.document(
                    f"领导小组会议纪要_{assignment.pk}",
                    f"Leading group minutes - report {report.pk}",
                )
                if plan.key == "closed":
                    _revise_then_agree(ctx, report, leader, held_on, hour)
            outcome = (
                DecisionOutcome.HEARD
                if stage == ReportStage.SECRETARY_MEETING
                else DecisionOutcome.AGREED
            )
            with travel(at(held_on, hour, assignment.pk % 50)):
                report_record_decision(
                    actor=actor,
                    report_id=report.pk,
                    stage=stage,
                    held_on=held_on,
                    outcome=outcome,
                    opinion=OPINIONS[stage],
                    minutes=minutes,
                )


def _revise_then_agree(ctx, report, leader, held_on: datetime.date, hour: int) -> None:
    """The leading group's 修改意见 (signed), then the team's edited version."""
    asked_on = held_on - datetime.timedelta(days=REVISED_DAYS)
    with travel(at(asked_on, hour)):
        report_record_decision(
            actor=ctx.users["leadership"],
            report_id=report.pk,
            stage=ReportStage.LEADING_GROUP,
            held_on=asked_on,
            outcome=DecisionOutcome.REVISE,
            opinion=REVISE_OPINION,
        )
    _upload_edited(leader, report, at(asked_on + datetime.timedelta(days=1), 11))
