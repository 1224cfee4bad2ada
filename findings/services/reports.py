"""The 巡察报告 and the decisions on it (docs/DOMAIN.md "Report and decision").

``report_draft``: the team's leader (or the office) starts the report of an inspected
organisation; its text is generated from the records as the document ``inspection_report``
(edited copies are uploaded through ``document_upload_version``, each a new version).

``report_record_decision``: the stages in order, 组内讨论 → 组办会商 → 领导小组审议 →
书记专题会听取, each recorded by whom it belongs to (``findings.report_permissions``). A
修改意见 sends the report back to the same stage: a later decision of that stage follows.
The leading group's and the 书记专题会's decisions are the bodies': the office records them
with the minutes attached, or a leading-group account records and signs them; a click
without either is refused.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from findings.choices import REPORT_STAGES_OF_A_BODY, ClueStatus, DecisionOutcome, ReportStage
from findings.models import Clue, InspectionReport, ReportDecision
from findings.report_permissions import stage_action
from findings.report_selectors import STAGE_ORDER, next_stage
from inspection.documents.services import document_generate
from inspection.errors import ConflictError
from inspection.evidence import clean_evidence_files
from inspection.files import written_in_transaction
from inspection.permissions import authorize, is_leadership, visible
from inspection.services.checks import clean_text
from inspection.workflow import lock_visible, require, save_with_history
from rounds.models import Assignment

REPORT_KIND = "inspection_report"
ANNEX_KIND = "inspection_report_annex"

# The outcomes a stage may conclude with: the 书记专题会 hears a report, it does not vote.
OUTCOMES_OF_STAGE = {
    ReportStage.GROUP_DISCUSSION: (DecisionOutcome.AGREED, DecisionOutcome.REVISE),
    ReportStage.OFFICE_CONSULTATION: (DecisionOutcome.AGREED, DecisionOutcome.REVISE),
    ReportStage.LEADING_GROUP: (DecisionOutcome.AGREED, DecisionOutcome.REVISE),
    ReportStage.SECRETARY_MEETING: (DecisionOutcome.HEARD,),
}


def team_left_on(assignment) -> datetime.date | None:
    """The day the team left the organisation: its own, else the round's."""
    return assignment.on_site_until or assignment.round.on_site_until


@transaction.atomic
def report_draft(*, actor, assignment_id: int) -> InspectionReport:
    """Start the 巡察报告 of an inspected organisation and generate its first draft (the
    team's leader or the office), and its sealed annex where the organisation has clues.
    One report per organisation: a new draft of an existing report is a new version
    (regenerate or upload on its page)."""
    assignment = lock_visible(visible(Assignment, actor), assignment_id)
    authorize(actor, "report_draft", assignment)
    require(assignment.team_id, _("该巡察对象尚未安排巡察组，不能起草巡察报告。"))
    if InspectionReport.objects.filter(assignment=assignment).exists():
        raise ConflictError(
            _("%(unit)s的巡察报告已起草，请在报告页重新生成或上传修改稿。")
            % {"unit": assignment.target_name}
        )
    report = InspectionReport(assignment=assignment, created_by=actor)
    save_with_history(report, actor=actor, note=_("起草巡察报告"))
    document_generate(actor=actor, kind=REPORT_KIND, subject_id=report.pk)
    # The clues go in the sealed annex, drafted with the report where there are any.
    if Clue.objects.filter(assignment=assignment).exclude(status=ClueStatus.DECLINED).exists():
        document_generate(actor=actor, kind=ANNEX_KIND, subject_id=report.pk)
    return report


def _stage(value) -> ReportStage:
    require(value in ReportStage.values, _("请选择审议环节。"), field="stage")
    return ReportStage(value)


def _require_in_order(stage: ReportStage, decisions: list) -> None:
    expected = next_stage(decisions)
    if expected is None:
        raise ConflictError(_("书记专题会已听取该巡察报告，审议环节均已完成。"))
    if stage == expected:
        return
    if STAGE_ORDER.index(stage) > STAGE_ORDER.index(expected):
        require(
            False,
            _("该巡察报告尚未经%(missing)s，不能记录%(stage)s。")
            % {"missing": expected.label, "stage": stage.label},
            field="stage",
        )
    raise ConflictError(
        _("该巡察报告已经过%(stage)s，现待%(expected)s。")
        % {"stage": stage.label, "expected": expected.label}
    )


def _require_dated(held_on, report: InspectionReport, decisions: list) -> datetime.date:
    require(isinstance(held_on, datetime.date), _("请填写会议日期。"), field="held_on")
    require(
        held_on <= timezone.localdate(),
        _("会议日期不能晚于今天。"),
        field="held_on",
    )
    left = team_left_on(report.assignment)
    require(
        left is None or held_on >= left,
        _("会议日期不能早于巡察组撤离（%(date)s）。") % {"date": left},
        field="held_on",
    )
    if decisions:
        last = max(decisions, key=lambda d: (d.held_on, d.pk))
        require(
            held_on >= last.held_on,
            _("会议日期不能早于上一次审议（%(stage)s，%(date)s）。")
            % {"stage": last.get_stage_display(), "date": last.held_on},
            field="held_on",
        )
    return held_on


def _opinion(stage: ReportStage, outcome: str, opinion: str) -> str:
    """A 修改意见 says what to change; the office's opinion and the 书记专题会's main
    remarks are what those stages record."""
    required = outcome == DecisionOutcome.REVISE or stage in (
        ReportStage.OFFICE_CONSULTATION,
        ReportStage.SECRETARY_MEETING,
    )
    label = {
        ReportStage.OFFICE_CONSULTATION: _("组办会商意见"),
        ReportStage.SECRETARY_MEETING: _("书记专题会主要意见"),
    }.get(stage, _("修改意见") if outcome == DecisionOutcome.REVISE else _("意见内容"))
    return clean_text(opinion, field="opinion", label=label, max_length=4000, required=required)


@transaction.atomic
def report_record_decision(
    *,
    actor,
    report_id: int,
    stage: str,
    held_on: datetime.date,
    outcome: str,
    opinion: str = "",
    minutes=None,
) -> ReportDecision:
    """Record the decision of ``stage`` on a report: the stage it waits for, by whom it
    belongs to, dated no earlier than the team left and the decision before it."""
    report = lock_visible(visible(InspectionReport, actor), report_id)
    stage = _stage(stage)
    authorize(actor, stage_action(stage), report)
    decisions = list(report.decisions.all())
    _require_in_order(stage, decisions)
    require(
        outcome in OUTCOMES_OF_STAGE[stage],
        _("%(stage)s的结论只能是：%(allowed)s。")
        % {
            "stage": stage.label,
            "allowed": "、".join(str(DecisionOutcome(o).label) for o in OUTCOMES_OF_STAGE[stage]),
        },
        field="outcome",
    )
    decision = ReportDecision(
        report=report,
        stage=stage,
        held_on=_require_dated(held_on, report, decisions),
        outcome=outcome,
        opinion=_opinion(stage, outcome, opinion),
        recorded_by=actor,
    )
    if stage in REPORT_STAGES_OF_A_BODY:
        _minutes_or_signature(decision, actor, minutes)
    elif minutes is not None:
        _attach(decision, minutes)
    save_with_history(
        decision,
        actor=actor,
        note=f"{stage.label}：{DecisionOutcome(outcome).label}",
    )
    return decision


def _minutes_or_signature(decision: ReportDecision, actor, minutes) -> None:
    """A body's decision: a leading-group account signs it; the office attaches the
    minutes (or the signed form) the body produced."""
    if is_leadership(actor):
        decision.signed_by = actor
        if minutes is not None:
            _attach(decision, minutes)
        return
    require(
        minutes is not None,
        _("%(stage)s是领导小组（书记专题会）的决定：请上传会议纪要或签批件，或由领导小组成员签批。")
        % {"stage": decision.get_stage_display()},
        field="minutes",
    )
    _attach(decision, minutes)


def _attach(decision: ReportDecision, minutes) -> None:
    (upload,) = clean_evidence_files([minutes], field="minutes")
    decision.minutes.save(upload.name, upload, save=False)
    written_in_transaction(decision.minutes)
