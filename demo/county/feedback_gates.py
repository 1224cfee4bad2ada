"""The decisions feedback waits for (组内讨论 → 组办会商 → 领导小组审议 → 书记专题会听取),
written straight to the database for every organisation of a round a few days before its
feedback: the office clerk records them, the leading group's and the 书记专题会's signed
by the leadership account. (A later pass records them through the report services.)"""

import datetime

from findings.choices import REPORT_STAGES_OF_A_BODY, DecisionOutcome, ReportStage
from findings.models import InspectionReport, ReportDecision
from rounds.models import Assignment

# Days before the feedback each stage was held.
STAGE_DAYS = {
    ReportStage.GROUP_DISCUSSION: 8,
    ReportStage.OFFICE_CONSULTATION: 6,
    ReportStage.LEADING_GROUP: 4,
    ReportStage.SECRETARY_MEETING: 2,
}


def hear_reports(ctx, round_id: int, fed_back_on: datetime.date) -> None:
    """Every assignment of the round, its report heard by the 书记专题会 before
    ``fed_back_on``."""
    office, leadership = ctx.users["office"], ctx.users["leadership"]
    for assignment in Assignment.objects.filter(round_id=round_id).order_by("pk"):
        report, _ = InspectionReport.objects.get_or_create(
            assignment=assignment, defaults={"created_by": office}
        )
        for stage, days in STAGE_DAYS.items():
            ReportDecision.objects.create(
                report=report,
                stage=stage,
                held_on=fed_back_on - datetime.timedelta(days=days),
                outcome=(
                    DecisionOutcome.HEARD
                    if stage == ReportStage.SECRETARY_MEETING
                    else DecisionOutcome.AGREED
                ),
                opinion=f"{stage.label}：同意巡察组报告。",
                signed_by=leadership if stage in REPORT_STAGES_OF_A_BODY else None,
                recorded_by=office,
            )
