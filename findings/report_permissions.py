"""Who sees the 巡察报告 and its decisions, and who records each stage.

Scopes, as for problems: the office and leadership read every report; an inspector reads
the reports of their team's organisations; nobody else has one (the unit, the liaisons
and the statistics client find none: absent, never refused).

Each stage is its own action (``report_<stage>``), so the permission matrix says for each
who records it: 组内讨论 the team's leader; 组办会商 the office; 领导小组审议 and 书记专题会听取
the office (with the minutes attached: the service checks) or a leading-group account,
which signs. These two are the only writes leadership has here.

The report's documents: the 巡察报告 itself is the team's and the office's (read by
leadership); its 密封附件 (the list of clues: names of persons concerned) is read only by
the office and the leader of the organisation's team. Leadership reads clues masked on
screen, but a .docx cannot be masked once downloaded, so leadership is not given the
annex; the counts in the report are what it decides on.
"""

import rules
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import ReportStage
from findings.models import InspectionReport, ReportDecision
from inspection.attachments import evidence_kind
from inspection.permissions import (
    action,
    is_inspector,
    is_leadership,
    is_office,
    reads_all,
    scope_of,
)
from rounds.membership import led_team_ids_of, membership_exists, team_ids_of


@scope_of(InspectionReport)
def visible_reports(user):
    reports = InspectionReport.objects.all()
    if reads_all(user):
        return reports
    if is_inspector(user):
        return reports.filter(membership_exists(user, "assignment__team_id"))
    return reports.none()


@scope_of(ReportDecision)
def visible_report_decisions(user):
    return ReportDecision.objects.filter(report__in=visible_reports(user))


# The minutes of a decision: whoever sees the decision downloads them.
evidence_kind("report_minutes", ReportDecision, field="minutes")


def annex_readable(user):
    """The reports whose sealed annex ``user`` reads (SQL): the office's, and those of
    the organisations whose team ``user`` leads."""
    reports = InspectionReport.objects.all()
    if is_office(user):
        return reports
    if is_inspector(user):
        return reports.filter(assignment__team_id__in=led_team_ids_of(user))
    return reports.none()


@rules.predicate
def on_report_team(user, subject) -> bool:
    """``subject``: a report or an assignment."""
    assignment = getattr(subject, "assignment", subject)
    return assignment is not None and assignment.team_id in team_ids_of(user)


@rules.predicate
def leads_report_team(user, subject) -> bool:
    assignment = getattr(subject, "assignment", subject)
    return assignment is not None and assignment.team_id in led_team_ids_of(user)


def stage_action(stage: str) -> str:
    """The action that records a decision at ``stage``."""
    return f"report_{stage}"


action("report_draft", _lazy("起草巡察报告"), is_office | (is_inspector & leads_report_team))
action(
    stage_action(ReportStage.GROUP_DISCUSSION),
    _lazy("记录组内讨论"),
    is_inspector & leads_report_team,
)
action(stage_action(ReportStage.OFFICE_CONSULTATION), _lazy("记录组办会商"), is_office)
action(
    stage_action(ReportStage.LEADING_GROUP), _lazy("记录领导小组审议"), is_office | is_leadership
)
action(
    stage_action(ReportStage.SECRETARY_MEETING),
    _lazy("记录书记专题会听取"),
    is_office | is_leadership,
)
action(
    "inspection_report_generate",
    _lazy("生成巡察报告"),
    is_office | (is_inspector & on_report_team),
)
action("inspection_report_read", _lazy("查阅巡察报告"), reads_all | (is_inspector & on_report_team))
action(
    "inspection_report_annex_generate",
    _lazy("生成巡察报告密封附件"),
    is_office | (is_inspector & leads_report_team),
)
action(
    "inspection_report_annex_read",
    _lazy("查阅巡察报告密封附件"),
    is_office | (is_inspector & leads_report_team),
)
