"""How many problems a round has found, for rounds' screens (hooks in ``rounds.figures``,
registered when the app is ready). Past draft, as the statistics count them (docs/DOMAIN.md)."""

from django.db.models import Count, OuterRef, Q

from findings.choices import PROBLEM_STATUSES_UNSIGNED, ProblemStatus, ReportStage
from findings.models import InspectionReport, Problem, ReportDecision
from rounds.figures import counted, round_column, round_figures


@round_column("problem_count")
def problems_past_draft():
    problems = Problem.objects.filter(assignment__round_id=OuterRef("pk"))
    return counted(problems.exclude(status=ProblemStatus.DRAFT), "assignment__round_id")


@round_figures
def problem_figures(inspection_round) -> dict[str, int]:
    return Problem.objects.filter(assignment__round=inspection_round).aggregate(
        problems=Count("pk", filter=~Q(status=ProblemStatus.DRAFT)),
        confirmed=Count("pk", filter=Q(status=ProblemStatus.CONFIRMED)),
        drafts=Count("pk", filter=Q(status=ProblemStatus.DRAFT)),
        # Drafts and papers awaiting review or signature: each blocks feedback.
        unsigned=Count("pk", filter=Q(status__in=PROBLEM_STATUSES_UNSIGNED)),
    )


@round_figures
def report_figures(inspection_round) -> dict[str, int]:
    """巡察报告 heard by the 书记专题会 (the organisations that may be given feedback)."""
    heard = ReportDecision.objects.filter(stage=ReportStage.SECRETARY_MEETING)
    reports = InspectionReport.objects.filter(assignment__round=inspection_round)
    return {"reports_heard": reports.filter(pk__in=heard.values("report_id")).count()}
