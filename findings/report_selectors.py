"""Where a 巡察报告 stands: the decision it waits for, and whether feedback may follow.

Feedback to an organisation may be given only after the 书记专题会 heard its report
(docs/DOMAIN.md "Report and decision"). The stages come in order; a 修改意见 sends the
report back to the same stage. ``missing_decisions`` says, per assignment, what is
missing in words the office reads; the feedback service refuses with that message.
"""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from findings.choices import DecisionOutcome, ReportStage
from findings.models import InspectionReport, ReportDecision

STAGE_ORDER = tuple(ReportStage)


def stage_reached(decisions: Iterable[ReportDecision]) -> ReportStage | None:
    """The last stage passed by ``decisions`` (one report's, in any order): a stage passes
    when its latest decision is not 修改意见 and every stage before it passed."""
    latest = {}
    for decision in sorted(decisions, key=lambda d: (d.held_on, d.pk or 0)):
        latest[decision.stage] = decision.outcome
    reached = None
    for stage in STAGE_ORDER:
        if stage not in latest or latest[stage] == DecisionOutcome.REVISE:
            break
        reached = stage
    return reached


def next_stage(decisions: Iterable[ReportDecision]) -> ReportStage | None:
    """The stage the report waits for, or None once the 书记专题会 heard it."""
    reached = stage_reached(decisions)
    if reached is None:
        return STAGE_ORDER[0]
    position = STAGE_ORDER.index(reached)
    return STAGE_ORDER[position + 1] if position + 1 < len(STAGE_ORDER) else None


def heard_on(assignments) -> dict[int, datetime.date]:
    """Assignment id → the day the 书记专题会 heard its report (the latest hearing); one
    query. Feedback may not be dated before it."""
    rows = (
        ReportDecision.objects.filter(
            report__assignment__in=[a.pk for a in assignments],
            stage=ReportStage.SECRETARY_MEETING,
        )
        .values_list("report__assignment_id", "held_on")
        .order_by("held_on")
    )
    return dict(rows)


def missing_decisions(assignments) -> dict[int, str]:
    """Assignment id → why feedback may not yet be given to it (no entry: it may).

    Two queries whatever the number of assignments."""
    assignments = list(assignments)
    reports = {
        report.assignment_id: report
        for report in InspectionReport.objects.filter(
            assignment__in=[a.pk for a in assignments]
        ).prefetch_related("decisions")
    }
    missing = {}
    for assignment in assignments:
        report = reports.get(assignment.pk)
        if report is None:
            missing[assignment.pk] = _("%(unit)s的巡察报告尚未起草，不能反馈。") % {
                "unit": assignment.target_name
            }
            continue
        stage = next_stage(report.decisions.all())
        if stage is not None:
            missing[assignment.pk] = _("%(unit)s的巡察报告尚未经%(stage)s，不能反馈。") % {
                "unit": assignment.target_name,
                "stage": stage.label,
            }
    return missing
