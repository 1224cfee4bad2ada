"""Reports and their decisions, written straight to the database for tests that need an
organisation cleared for feedback (the services' own tests go through the services)."""

import datetime

from django.core.files.base import ContentFile

from findings.choices import DecisionOutcome, ReportStage
from findings.models import InspectionReport, ReportDecision

STAGES = tuple(ReportStage)


def report_through(assignment, *, actor, stage=ReportStage.SECRETARY_MEETING, on=None):
    """``assignment``'s report with every stage up to ``stage`` passed (原则同意 / 已听取),
    the bodies' stages with their minutes. Returns the report."""
    on = on or assignment.round.on_site_until or datetime.date(2026, 1, 1)
    report, _ = InspectionReport.objects.get_or_create(
        assignment=assignment, defaults={"created_by": actor}
    )
    for position, current in enumerate(STAGES[: STAGES.index(stage) + 1]):
        decision = ReportDecision(
            report=report,
            stage=current,
            held_on=on,
            outcome=(
                DecisionOutcome.HEARD
                if current == ReportStage.SECRETARY_MEETING
                else DecisionOutcome.AGREED
            ),
            opinion=f"{current.label}意见",
            recorded_by=actor,
        )
        if current in (ReportStage.LEADING_GROUP, ReportStage.SECRETARY_MEETING):
            decision.minutes.save(
                f"纪要{position}.pdf", ContentFile(b"%PDF-1.4 minutes"), save=False
            )
        decision.save()
    return report


def clear_for_feedback(inspection_round, *, actor, on=None):
    """Every assignment of ``inspection_round`` heard by the 书记专题会."""
    for assignment in inspection_round.assignments.all():
        report_through(assignment, actor=actor, on=on)
