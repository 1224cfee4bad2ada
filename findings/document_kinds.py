"""The documents findings prints: the 问题底稿审批单 of a paper and the 底稿汇编 of an
inspected organisation (an assignment).

The templates are ``findings/documents/problem_paper.docx`` and ``paper_compilation.docx``
(built by ``scripts/build_document_templates.py``). The 审批单 prints the paper's own
number (三组-戴桥村-007), with its three signatures (承办人 submits, 副组长 reviews, 组长
signs) as far as they are given; the 汇编 gathers every signed paper of the organisation
in number order, behind a cover and a table of contents. Both are the team's working
papers: read by the office, leadership and the paper's team only, never by the unit or a
clue's receiving liaison (who see some papers on screen).
"""

from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import PROBLEM_STATUSES_SIGNED, ProblemStatus
from findings.models import Problem
from findings.paper_selectors import paper_for, paper_materials
from inspection.documents.registry import document_kind
from inspection.documents.services import chinese_date
from inspection.models import VillagePartyOrganisation
from inspection.permissions import is_inspector, reads_all, visible
from inspection.workflow import require
from rounds.membership import membership_exists
from rounds.models import Assignment
from rounds.models.rounds import chinese_ordinal

DOCUMENTS = Path(__file__).resolve().parent / "documents"

# A document's own words are Chinese whatever the generating user's language: it is the
# county's paper, not a screen.


def party_organisation(assignment) -> str:
    """被巡察党组织: the village's 党组织 as its profile names it (村情画像: 甲一村党总支 →
    中共甲镇甲一村党总支), else generically; the 党委 of a town inspected as a whole."""
    if assignment.village_id:
        recorded = VillagePartyOrganisation.objects.filter(village_id=assignment.village_id)
        name = recorded.values_list("name", flat=True).first()
        if name:
            return name if name.startswith("中共") else f"中共{assignment.town.name}{name}"
        return f"中共{assignment.town.name}{assignment.village.name}党组织"
    return f"中共{assignment.town.name}委员会"


def class_path(problem) -> str:
    """聚焦›方面›类 of a problem (未分类 for one without its class)."""
    problem_class = problem.problem_class
    if problem_class is None:
        return "未分类"
    aspect = problem_class.aspect
    return "›".join((aspect.focus.name, aspect.name, problem_class.name))


def nature_of(problem) -> str:
    with translation.override("zh-hans"):
        return problem.get_nature_display() or "未定性"


def lines(text: str, empty: str = "无。") -> list[str]:
    """A text's paragraphs (one a line; ``empty`` when there is none)."""
    found = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return found or [empty]


def _signature(person, moment) -> dict:
    if person is None or moment is None:
        return {"name": "", "date": ""}
    return {"name": str(person), "date": chinese_date(timezone.localdate(moment))}


def _basis(problem) -> list[str]:
    found = [str(problem.basis)] if problem.basis_id else []
    if problem.basis_text.strip():
        found += lines(problem.basis_text)
    return found or ["无。"]


def _amount(problem) -> str:
    return f"{problem.amount:,.2f}元" if problem.amount else "无"


def paper_fields(problem: Problem) -> dict:
    """One paper as its 审批单 prints it (``problem`` fetched by ``paper_for``)."""
    with translation.override("zh-hans"):
        materials = [f"{m.kind}：{m.label}" for m in paper_materials(problem)]
    responsible = " ".join(
        part for part in (problem.responsible_post, problem.responsible_name) if part
    )
    occurred = "，".join(part for part in (problem.occurred_period, problem.occurred_place) if part)
    return {
        "number": problem.number,
        "title": problem.title or problem.facts[:30],
        "class_path": class_path(problem),
        "nature": nature_of(problem),
        "occurred": occurred or "—",
        "responsible": responsible or "—",
        "facts": lines(problem.facts),
        "basis": _basis(problem),
        "amount": _amount(problem),
        "materials": [f"{index}. {label}" for index, label in enumerate(materials, 1)] or ["无。"],
        "submitted": _signature(problem.submitted_by, problem.submitted_at),
        # A signature in the product is consent: the opinion a county writes by hand.
        "reviewed": _signature(problem.reviewed_by, problem.reviewed_at),
        "review_opinion": "同意，报组长审签。" if problem.reviewed_at else "",
        "confirmed": _signature(problem.confirmed_by, problem.confirmed_at),
        "sign_opinion": "同意。" if problem.confirmed_at else "",
    }


def _heading(assignment) -> dict:
    return {
        "round_title": assignment.round.title,
        "team": assignment.team.name if assignment.team_id else "",
        "organisation": party_organisation(assignment),
    }


def paper_number(problem: Problem) -> str:
    require(problem.status != ProblemStatus.DRAFT, _("底稿尚未提交，不能生成审批单。"))
    return problem.number


def problem_paper_context(actor, problem: Problem) -> dict:
    paper = paper_for(actor, Problem.objects.filter(pk=problem.pk)).get()
    return {**_heading(paper.assignment), "paper": paper_fields(paper)}


def signed_papers(actor, assignment):
    """The organisation's signed papers in number order, fetched for printing."""
    papers = Problem.objects.filter(assignment=assignment, status__in=PROBLEM_STATUSES_SIGNED)
    return paper_for(actor, papers).order_by("sequence")


def compilation_number(assignment: Assignment) -> str:
    """三组-戴桥村: what the numbers of the organisation's papers begin with."""
    require(assignment.team_id, _("该巡察对象尚未安排巡察组，没有底稿汇编。"))
    return f"{chinese_ordinal(assignment.team.number)}组-{assignment.target_name}"


def paper_compilation_context(actor, assignment: Assignment) -> dict:
    papers = [paper_fields(problem) for problem in signed_papers(actor, assignment)]
    require(papers, _("该巡察对象还没有已审签的底稿，不能生成底稿汇编。"))
    return {**_heading(assignment), "count": len(papers), "papers": papers}


def _sample_paper() -> dict:
    signature = {"name": "张三", "date": "2026年4月3日"}
    return {
        "number": "三组-示例村-001",
        "title": "村集体鱼塘发包未经民主程序",
        "class_path": "聚焦群众身边不正之风和腐败问题›村级集体“三资”管理›资产资源发包",
        "nature": "违规",
        "occurred": "2025年3月，示例村",
        "responsible": "村党支部书记 王某",
        "facts": ["2025年3月，村集体鱼塘发包未经村民代表会议讨论。"],
        "basis": ["《村民委员会组织法》第二十四条"],
        "amount": "12,000.00元",
        "materials": ["1. 谈话记录：村民代表 · 2026-04-02", "2. 佐证文件：发包合同.pdf"],
        "submitted": signature,
        "reviewed": signature,
        "review_opinion": "同意，报组长审签。",
        "confirmed": signature,
        "sign_opinion": "同意。",
    }


def _sample_heading() -> dict:
    return {
        "classification": "内部",
        "generated_on": "2026年4月8日",
        "round_title": "县委第三轮巡察",
        "team": "第三巡察组",
        "organisation": "中共示例镇示例村党组织",
    }


def problem_paper_sample() -> dict:
    return {**_sample_heading(), "number": "三组-示例村-001", "paper": _sample_paper()}


def paper_compilation_sample() -> dict:
    return {**_sample_heading(), "number": "三组-示例村", "count": 1, "papers": [_sample_paper()]}


def _team_or_reads_all(user, queryset, team_path: str):
    if reads_all(user):
        return queryset
    if is_inspector(user):
        return queryset.filter(membership_exists(user, team_path))
    return queryset.none()


def _readable_papers(user):
    return _team_or_reads_all(user, visible(Problem, user), "assignment__team_id")


def _readable_assignments(user):
    return _team_or_reads_all(user, visible(Assignment, user), "team_id")


def _signed_of_round(round_id: int):
    return Problem.objects.filter(
        assignment__round_id=round_id, status__in=PROBLEM_STATUSES_SIGNED
    ).order_by("assignment_id", "sequence")


def _compiled_of_round(round_id: int):
    signed = Problem.objects.filter(status__in=PROBLEM_STATUSES_SIGNED).values("assignment_id")
    return Assignment.objects.filter(round_id=round_id, pk__in=signed).order_by("pk")


PROBLEM_PAPER = document_kind(
    code="problem_paper",
    name=_lazy("问题底稿审批单"),
    model=Problem,
    template=DOCUMENTS / "problem_paper.docx",
    context=problem_paper_context,
    sample=problem_paper_sample,
    number_of=paper_number,
    generate_action="problem_document_generate",
    read_action="problem_document_read",
    readable=_readable_papers,
    subjects_of_round=_signed_of_round,
)

PAPER_COMPILATION = document_kind(
    code="paper_compilation",
    name=_lazy("底稿汇编"),
    model=Assignment,
    template=DOCUMENTS / "paper_compilation.docx",
    context=paper_compilation_context,
    sample=paper_compilation_sample,
    number_of=compilation_number,
    generate_action="paper_compilation_generate",
    read_action="paper_compilation_read",
    readable=_readable_assignments,
    subjects_of_round=_compiled_of_round,
)
