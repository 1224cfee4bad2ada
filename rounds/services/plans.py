"""The leading group's decision on a round's 工作方案, and what it gates: going on site.

The decision is the body's: a leadership account signs it, or the office records it with
the minutes (or signed form) the body produced, as for a report (findings.services.reports).
It is taken on the plan as last generated or uploaded, and holds only while the round's
arrangement is what that version printed (``rounds.plan_document.plan_basis``).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.documents.models import Document
from inspection.evidence import clean_evidence_files
from inspection.files import written_in_transaction
from inspection.permissions import authorize, is_leadership, visible
from inspection.services.checks import clean_choice, clean_date, clean_text
from inspection.workflow import StatusWindow, lock_visible, require, save_with_history
from rounds.choices import BEFORE_ON_SITE, PlanOutcome
from rounds.models import InspectionRound, WorkPlanDecision
from rounds.plan_document import WORK_PLAN, plan_basis

PLAN_DECIDE_WINDOW = StatusWindow(BEFORE_ON_SITE, _lazy("审议工作方案"))


def latest_plan(inspection_round: InspectionRound) -> Document | None:
    """The 工作方案 as last generated or uploaded, or None."""
    return (
        Document.objects.filter(kind=WORK_PLAN.code, object_id=inspection_round.pk)
        .order_by("-version")
        .first()
    )


def agreed_plan(inspection_round: InspectionRound) -> WorkPlanDecision | None:
    """The leading group's latest decision on the plan if it agreed (原则同意), else None
    (a round that went on site before decisions were recorded has none)."""
    decision = (
        inspection_round.plan_decisions.select_related("document")
        .order_by("-held_on", "-pk")
        .first()
    )
    return decision if decision and decision.outcome == PlanOutcome.APPROVED else None


def plan_gap(inspection_round: InspectionRound) -> str:
    """Why the round may not go on site for its plan, or "" when the leading group agreed
    to the plan as the round now stands."""
    decision = agreed_plan(inspection_round)
    if decision is None:
        if latest_plan(inspection_round) is None:
            return _("尚未生成工作方案并报领导小组审议")
        return _("工作方案尚未经领导小组审议同意")
    if decision.document.basis != plan_basis(inspection_round):
        return _(
            "工作方案经领导小组审议同意后，巡察对象、巡察组、时间安排或监督重点有变动："
            "请重新生成工作方案并报领导小组审议"
        )
    return ""


@transaction.atomic
def round_plan_decide(
    *,
    actor,
    round_id: int,
    held_on: datetime.date,
    outcome: str,
    opinion: str = "",
    minutes=None,
) -> WorkPlanDecision:
    """领导小组审议工作方案: 原则同意, or 修改意见 (which the office meets with a new
    version). Taken on the latest version, which must still print the round as it stands."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "round_plan_decide", inspection_round)
    PLAN_DECIDE_WINDOW.check(inspection_round)
    document = latest_plan(inspection_round)
    require(
        document is not None,
        _("请先生成工作方案：领导小组审议的是生成的工作方案。"),
    )
    require(
        document.basis == plan_basis(inspection_round),
        _(
            "工作方案生成后，巡察对象、巡察组、时间安排或监督重点有变动："
            "请重新生成工作方案后再审议。"
        ),
    )
    outcome = clean_choice(outcome, PlanOutcome, field="outcome", label=_("审议结论"))
    decision = WorkPlanDecision(
        round=inspection_round,
        document=document,
        held_on=clean_date(
            held_on,
            field="held_on",
            label=_("审议日期"),
            not_before=timezone.localdate(document.created_at),
            not_before_label=_("工作方案生成日期"),
        ),
        outcome=outcome,
        opinion=clean_text(
            opinion,
            field="opinion",
            label=_("修改意见") if outcome == PlanOutcome.REVISE else _("审议意见"),
            max_length=4000,
            required=outcome == PlanOutcome.REVISE,
        ),
        recorded_by=actor,
    )
    if is_leadership(actor):
        decision.signed_by = actor
    else:
        require(
            minutes is not None,
            _("工作方案由领导小组审议：请上传会议纪要或签批件，或由领导小组成员签批。"),
            field="minutes",
        )
    if minutes is not None:
        (upload,) = clean_evidence_files([minutes], field="minutes")
        decision.minutes.save(upload.name, upload, save=False)
        written_in_transaction(decision.minutes)
    save_with_history(
        decision,
        actor=actor,
        note=_("领导小组审议工作方案（第%(version)s版）：%(outcome)s")
        % {"version": document.version, "outcome": PlanOutcome(outcome).label},
    )
    return decision
