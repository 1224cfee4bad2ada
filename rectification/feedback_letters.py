"""What the 反馈意见 (to the organisation's 班子) and the 向主要负责人反馈 (to its head)
print: the assignment's numbered 反馈问题 with their 具体表现, and the plan and report
due dates (the feedback's once given, else the days the settings allow).

The issues are those prepared for the assignment; a signed paper put in none is printed
as an issue of its own after them, as feedback will enter it in the ledger; a paper
left out (behind a sealed clue) and an unsigned one are never printed.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from findings.choices import PROBLEM_STATUSES_SIGNED
from findings.document_kinds import lines, party_organisation
from findings.models import Problem
from inspection.documents.services import chinese_date
from inspection.workflow import require
from rectification.issue_selectors import issues_of_assignment
from rectification.models import Feedback, FeedbackIssueProblem
from rounds.models import Assignment
from rounds.models.rounds import chinese_ordinal


def _paper(problem) -> dict:
    return {"number": problem.number, "facts": " ".join(lines(problem.facts, ""))}


def letter_issues(assignment: Assignment) -> list[dict]:
    """The issues to print, numbered 1…n, each with its signed papers (four queries)."""
    issues = []
    for issue in issues_of_assignment(assignment.pk):
        papers = [
            _paper(p.problem) for p in issue.placed if p.problem.status in PROBLEM_STATUSES_SIGNED
        ]
        if papers:
            issues.append({"title": issue.title, "summary": issue.text, "problems": papers})
    unplaced = (
        Problem.objects.filter(assignment=assignment, status__in=PROBLEM_STATUSES_SIGNED)
        .filter(~Exists(FeedbackIssueProblem.objects.filter(problem=OuterRef("pk"))))
        .select_related("problem_class")
        .order_by("sequence", "pk")
    )
    for problem in unplaced:
        issues.append(
            {
                "title": problem.title or problem.class_name,
                "summary": "",
                "problems": [_paper(problem)],
            }
        )
    for number, issue in enumerate(issues, start=1):
        issue |= {
            "number": number,
            "ordinal": chinese_ordinal(number),
            "summary": lines(issue["summary"], "") if issue["summary"] else [],
        }
    return issues


def _dues(assignment: Assignment) -> dict:
    feedback = Feedback.objects.filter(assignment=assignment).first()
    if feedback is not None:
        return {
            "fed_back_on": chinese_date(feedback.fed_back_on),
            "plan_due": f"{chinese_date(feedback.plan_due_on)}前",
            "report_due": f"{chinese_date(feedback.report_due_on)}前",
        }
    return {
        "fed_back_on": chinese_date(timezone.localdate()),
        "plan_due": _("反馈之日起%(days)s日内") % {"days": settings.INSPECTION_PLAN_DUE_DAYS},
        "report_due": _("反馈之日起%(days)s日内") % {"days": settings.INSPECTION_REPORT_DUE_DAYS},
    }


def feedback_letter_context(actor, assignment: Assignment) -> dict:
    issues = letter_issues(assignment)
    require(issues, _("该巡察对象还没有已审签的底稿，不能生成反馈意见。"))
    return {
        "round_title": assignment.round.title,
        "team": assignment.team.name if assignment.team_id else "",
        "addressee": party_organisation(assignment),
        "organisation": party_organisation(assignment),
        "target": f"{assignment.town.name}{assignment.target_name}",
        "count": len(issues),
        "issues": issues,
        **_dues(assignment),
    }


def feedback_letter_sample() -> dict:
    """What an uploaded template is checked with: every field the context supplies."""
    return {
        "classification": "内部",
        "generated_on": "2026年6月8日",
        "number": "巡反〔2026〕3号",
        "round_title": "县委第三轮巡察",
        "team": "第三巡察组",
        "addressee": "中共示例镇示例村党组织",
        "organisation": "中共示例镇示例村党组织",
        "target": "示例镇示例村",
        "count": 1,
        "issues": [
            {
                "number": 1,
                "ordinal": "一",
                "title": "农村集体“三资”管理不规范",
                "summary": ["集体资产发包租赁未经民主程序。"],
                "problems": [
                    {"number": "三组-示例村-001", "facts": "2024年村集体鱼塘发包未经村民代表会议。"}
                ],
            }
        ],
        "fed_back_on": "2026年6月8日",
        "plan_due": "2026年6月23日前",
        "report_due": "2026年8月7日前",
    }
