"""The 巡察报告 of an inspected organisation and its 密封附件 (documents of an
``InspectionReport``; templates ``findings/documents/inspection_report.docx`` and
``inspection_report_annex.docx``, built by ``scripts/build_document_templates.py``).

The report is drafted from the records: 基本情况 with the on-site figures (the same
aggregates the statistics API sums: ``rounds.figures``), 主要问题 grouped 四个聚焦 → 方面
with typical facts and their 底稿 numbers (problems past draft, as 发现问题 counts them),
问题线索 as counts only (件 and 人), and 意见建议 a paragraph per aspect for the team to
rewrite. The clues themselves are listed only in the sealed annex, whose 密级 is higher and
which only the office and the team's leader read (``findings.report_permissions``).
"""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import CLUE_STATUSES_TRANSFERRED, ClueStatus, ProblemStatus, ReportStage
from findings.document_kinds import DOCUMENTS, party_organisation
from findings.models import Clue, ClueSubject, InspectionReport, Problem
from findings.report_permissions import annex_readable, visible_reports
from findings.report_selectors import STAGE_ORDER, stage_reached
from inspection.documents.choices import Classification
from inspection.documents.registry import document_kind
from inspection.documents.services import chinese_date
from inspection.permissions import visible
from inspection.workflow import require
from rounds.figures import onsite_figures_of
from rounds.models.rounds import chinese_ordinal

TYPICAL_FACTS = 3  # typical facts quoted per aspect; every paper's number is listed


def report_frozen(report: InspectionReport) -> str:
    """Once the leading group agreed the report (原则同意), its text is the one decided on:
    no new version, generated or uploaded."""
    reached = stage_reached(report.decisions.all())
    if reached is not None and STAGE_ORDER.index(reached) >= STAGE_ORDER.index(
        ReportStage.LEADING_GROUP
    ):
        return _("巡察报告已经领导小组审议原则同意，不能再生成或上传新的版本。")
    return ""


def report_number(report: InspectionReport) -> str:
    """三组-戴桥村-报告: the organisation's papers' prefix, then 报告."""
    assignment = report.assignment
    require(assignment.team_id, _("该巡察对象尚未安排巡察组，没有巡察报告。"))
    return f"{chinese_ordinal(assignment.team.number)}组-{assignment.target_name}-报告"


def _period(assignment) -> str:
    start = assignment.on_site_from or assignment.round.on_site_from
    end = assignment.on_site_until or assignment.round.on_site_until
    if start and end:
        return f"于{chinese_date(start)}至{chinese_date(end)}"
    return ""  # dates not recorded: the sentence reads without them


def basics_lines(figures: dict) -> list[str]:
    return [
        "巡察期间，巡察组共开展个别谈话{interviews}人次，召开座谈会{symposia}次，"
        "发放调查问卷{questionnaires_distributed}份、回收{questionnaires_returned}份，"
        "走访群众{households_visited}户（其中脱贫户、监测户{poor_households_visited}户），"
        "开展调研{research_activities}次、查阅资料{document_reviews}次、夜访{night_visits}次，"
        "受理信访举报{petitions}件（已处置{petitions_disposed}件）。".format(**figures)
    ]


def _typical(problem) -> str:
    facts = next((line.strip() for line in problem.facts.splitlines() if line.strip()), "")
    text = problem.title or facts[:60]
    if problem.title and facts:
        text = f"{problem.title}：{facts}"
    return f"{text}（底稿{problem.number}）"


def problem_groups(problems) -> list[dict]:
    """四个聚焦 → 方面, in the taxonomy's order; each aspect with its count, its first
    ``TYPICAL_FACTS`` facts and every paper's number. Unclassified papers come last."""
    focuses: dict = {}
    for problem in problems:
        problem_class = problem.problem_class
        aspect = problem_class.aspect if problem_class else None
        focus = aspect.focus if aspect else None
        focus_key = (focus.order, focus.pk) if focus else (10**6, 0)
        aspect_key = (aspect.order, aspect.pk) if aspect else (10**6, 0)
        entry = focuses.setdefault(
            focus_key, {"name": focus.name if focus else "未分类问题", "aspects": {}}
        )
        entry["aspects"].setdefault(
            aspect_key, {"name": aspect.name if aspect else "其他", "problems": []}
        )["problems"].append(problem)
    groups = []
    for position, focus_key in enumerate(sorted(focuses), 1):
        focus = focuses[focus_key]
        aspects = []
        for number, aspect_key in enumerate(sorted(focus["aspects"]), 1):
            aspect = focus["aspects"][aspect_key]
            found = aspect["problems"]
            aspects.append(
                {
                    "ordinal": number,
                    "name": aspect["name"],
                    "count": len(found),
                    "facts": [_typical(p) for p in found[:TYPICAL_FACTS]],
                    "numbers": "、".join(p.number for p in found),
                }
            )
        groups.append(
            {"ordinal": chinese_ordinal(position), "name": focus["name"], "aspects": aspects}
        )
    return groups


def reported_problems(actor, assignment):
    """The organisation's problems past draft, in number order (as 发现问题 counts them)."""
    return (
        visible(Problem, actor)
        .filter(assignment=assignment)
        .exclude(status=ProblemStatus.DRAFT)
        .select_related("problem_class__aspect__focus")
        .order_by("sequence")
    )


def reported_clues(assignment):
    """The organisation's clues not declined: what the report counts and the annex lists."""
    return Clue.objects.filter(assignment=assignment).exclude(status=ClueStatus.DECLINED)


def clue_counts(assignment) -> dict[str, int]:
    """问题线索 in 件 and 人 (each person concerned once per clue), and how many of them
    were transferred."""
    clues = reported_clues(assignment)
    transferred = clues.filter(status__in=CLUE_STATUSES_TRANSFERRED)
    subjects = ClueSubject.objects.filter(clue__in=clues)
    return {
        "clues": clues.count(),
        "clue_persons": subjects.count(),
        "clues_transferred": transferred.count(),
        "clue_persons_transferred": subjects.filter(clue__in=transferred).count(),
    }


def report_context(actor, report: InspectionReport) -> dict:
    assignment = report.assignment
    figures = onsite_figures_of(assignment)
    groups = problem_groups(reported_problems(actor, assignment))
    counts = clue_counts(assignment)
    problems = sum(a["count"] for g in groups for a in g["aspects"])
    clue_lines = [
        f"巡察中发现问题线索{counts['clues']}件，涉及{counts['clue_persons']}人；"
        f"其中已移交{counts['clues_transferred']}件{counts['clue_persons_transferred']}人。"
        + ("具体情况见密封附件。" if counts["clues"] else "")
    ]
    suggestions = [
        f"针对{aspect['name']}方面的问题（底稿{aspect['numbers']}），建议……（请巡察组修改）"
        for group in groups
        for aspect in group["aspects"]
    ] or ["（请巡察组填写意见建议。）"]
    return {
        "round_title": assignment.round.title,
        "team": assignment.team.name if assignment.team_id else "",
        "organisation": party_organisation(assignment),
        "period": _period(assignment),
        "figures": figures,
        "basics": basics_lines(figures),
        "problem_count": problems,
        "focuses": groups,
        "problem_summary": [
            f"巡察发现{problems}个问题，按四个聚焦分述如下。" if problems else "巡察未发现问题。"
        ],
        **counts,
        "clue_lines": clue_lines,
        "suggestions": suggestions,
    }


def annex_context(actor, report: InspectionReport) -> dict:
    assignment = report.assignment
    clues = list(
        reported_clues(assignment)
        .annotate(persons=Count("subjects"))
        .prefetch_related("subjects")
        .order_by("pk")
    )
    rows = []
    for index, clue in enumerate(clues, 1):
        rows.append(
            {
                "ordinal": index,
                "number": str(clue),
                "summary": clue.summary,
                "persons": "、".join(str(s) for s in clue.subjects.all()) or "—",
                "status": str(clue.get_status_display()),
            }
        )
    return {
        "round_title": assignment.round.title,
        "team": assignment.team.name if assignment.team_id else "",
        "organisation": party_organisation(assignment),
        "count": len(rows),
        "persons": sum(clue.persons for clue in clues),
        "clues": rows,
    }


def _sample_heading() -> dict:
    return {
        "classification": "内部",
        "generated_on": "2026年4月8日",
        "number": "三组-示例村-报告",
        "round_title": "县委第三轮巡察",
        "team": "第三巡察组",
        "organisation": "中共示例镇示例村党组织",
    }


def report_sample() -> dict:
    aspect = {
        "ordinal": 1,
        "name": "村级集体“三资”管理",
        "count": 1,
        "facts": ["村集体鱼塘发包未经民主程序（底稿三组-示例村-001）"],
        "numbers": "三组-示例村-001",
    }
    return {
        **_sample_heading(),
        "period": "于2026年3月2日至2026年3月13日",
        "basics": ["巡察期间，巡察组共开展个别谈话20人次。"],
        "problem_summary": ["巡察发现1个问题，按四个聚焦分述如下。"],
        "focuses": [
            {"ordinal": "一", "name": "聚焦群众身边不正之风和腐败问题", "aspects": [aspect]}
        ],
        "clue_lines": ["巡察中发现问题线索1件，涉及1人。具体情况见密封附件。"],
        "suggestions": ["针对村级集体“三资”管理方面的问题，建议……"],
    }


def annex_sample() -> dict:
    clue = {
        "ordinal": 1,
        "number": "线索 #1",
        "summary": "村会计虚报冒领补贴。",
        "persons": "张某（村会计）",
        "status": "拟移交",
    }
    return {**_sample_heading(), "count": 1, "persons": 1, "clues": [clue]}


def _reports_of_round(round_id: int):
    return InspectionReport.objects.filter(assignment__round_id=round_id).order_by("pk")


def _reports_with_clues_of_round(round_id: int):
    """The annex is printed where there are clues to list."""
    clued = Clue.objects.exclude(status=ClueStatus.DECLINED).values("assignment_id")
    return _reports_of_round(round_id).filter(assignment_id__in=clued)


INSPECTION_REPORT = document_kind(
    code="inspection_report",
    name=_lazy("巡察报告"),
    model=InspectionReport,
    template=DOCUMENTS / "inspection_report.docx",
    context=report_context,
    sample=report_sample,
    number_of=report_number,
    generate_action="inspection_report_generate",
    read_action="inspection_report_read",
    readable=visible_reports,
    subjects_of_round=_reports_of_round,
    frozen=report_frozen,
)

INSPECTION_REPORT_ANNEX = document_kind(
    code="inspection_report_annex",
    name=_lazy("巡察报告密封附件（问题线索）"),
    model=InspectionReport,
    template=DOCUMENTS / "inspection_report_annex.docx",
    context=annex_context,
    sample=annex_sample,
    number_of=lambda report: report_number(report) + "-附件",
    generate_action="inspection_report_annex_generate",
    read_action="inspection_report_annex_read",
    readable=annex_readable,
    subjects_of_round=_reports_with_clues_of_round,
    classification=Classification.SECRET,
)
