"""The documents on common problems: 专题报告 (to the leading group) and 巡察建议书 (to a
department, with the reply due), one kind each, of a ``ThematicReport`` of that kind.

The templates are ``findings/documents/thematic_report.docx`` and
``recommendation_letter.docx`` (built by ``scripts/build_document_templates.py``). Each
prints the record's text and the common problems it covers, grouped by 四个聚焦 › 方面 ›
类 with the 底稿 numbers and the organisations where they were found. Read by the office
and leadership (findings.matter_permissions).
"""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import ThematicReportKind
from findings.document_kinds import class_path, lines
from findings.models import ThematicReport
from inspection.documents.registry import document_kind
from inspection.documents.services import chinese_date
from inspection.permissions import reads_all, visible
from inspection.workflow import require
from rounds.models.rounds import chinese_ordinal

DOCUMENTS = Path(__file__).resolve().parent / "documents"
LEADING_GROUP = "县委巡察工作领导小组"


def _covered(report: ThematicReport) -> list[dict]:
    """The common problems, one entry per class path, each with its papers."""
    problems = report.problems.select_related(
        "problem_class__aspect__focus", "assignment__town", "assignment__village"
    ).order_by(
        "problem_class__aspect__focus__order",
        "problem_class__aspect__order",
        "problem_class__order",
        "pk",
    )
    groups: dict[str, list] = {}
    for problem in problems:
        groups.setdefault(class_path(problem), []).append(
            f"{problem.number or f'#{problem.pk}'}（{problem.assignment.target_name}）"
            f"{problem.title or problem.facts[:40]}"
        )
    return [
        {"ordinal": chinese_ordinal(index), "class_path": path, "papers": papers}
        for index, (path, papers) in enumerate(groups.items(), start=1)
    ]


def _context(report: ThematicReport, kind: str) -> dict:
    require(
        report.kind == kind,
        _("「%(title)s」不是%(kind)s。")
        % {"title": report.title, "kind": ThematicReportKind(kind).label},
    )
    return {
        "round_title": report.round.title,
        "title": report.title,
        "addressee": report.addressee or LEADING_GROUP,
        "body": lines(report.body),
        "problems": _covered(report),
        "problem_count": report.problems.count(),
        "issued_on": chinese_date(report.issued_on),
        "reply_due_on": chinese_date(report.reply_due_on) if report.reply_due_on else "",
    }


def thematic_report_context(actor, report: ThematicReport) -> dict:
    return _context(report, ThematicReportKind.THEMATIC_REPORT)


def recommendation_letter_context(actor, report: ThematicReport) -> dict:
    return _context(report, ThematicReportKind.RECOMMENDATION)


def _sample(**extra) -> dict:
    return {
        "classification": "内部",
        "number": "县巡专〔2026〕1号",
        "generated_on": "2026年6月1日",
        "round_title": "县委第三轮巡察",
        "title": "关于村级集体“三资”管理共性问题的专题报告",
        "addressee": LEADING_GROUP,
        "body": ["本轮巡察发现，部分村集体资产资源发包未经民主程序。"],
        "problems": [
            {
                "ordinal": "一",
                "class_path": "聚焦群众身边不正之风和腐败问题›村级集体“三资”管理›资产资源发包",
                "papers": ["三组-示例村-001（示例村）鱼塘发包未经民主程序"],
            }
        ],
        "problem_count": 1,
        "issued_on": "2026年6月1日",
        "reply_due_on": "",
        **extra,
    }


def thematic_report_sample() -> dict:
    return _sample()


def recommendation_letter_sample() -> dict:
    return _sample(
        number="县巡建〔2026〕1号",
        title="关于加强农村集体资产管理的巡察建议书",
        addressee="县农业农村局",
        reply_due_on="2026年7月1日",
    )


def _readable(kind: str):
    def readable(user):
        if not reads_all(user):
            return ThematicReport.objects.none()
        return visible(ThematicReport, user).filter(kind=kind)

    return readable


def _of_round(kind: str):
    def subjects(round_id: int):
        return ThematicReport.objects.filter(round_id=round_id, kind=kind).order_by("pk")

    return subjects


THEMATIC_REPORT = document_kind(
    code="thematic_report",
    name=_lazy("专题报告"),
    model=ThematicReport,
    template=DOCUMENTS / "thematic_report.docx",
    context=thematic_report_context,
    sample=thematic_report_sample,
    number_format="县巡专〔{year}〕{sequence}号",
    generate_action="thematic_report_generate",
    read_action="thematic_report_read",
    readable=_readable(ThematicReportKind.THEMATIC_REPORT),
    subjects_of_round=_of_round(ThematicReportKind.THEMATIC_REPORT),
)

RECOMMENDATION_LETTER = document_kind(
    code="recommendation_letter",
    name=_lazy("巡察建议书"),
    model=ThematicReport,
    template=DOCUMENTS / "recommendation_letter.docx",
    context=recommendation_letter_context,
    sample=recommendation_letter_sample,
    number_format="县巡建〔{year}〕{sequence}号",
    generate_action="recommendation_letter_generate",
    read_action="recommendation_letter_read",
    readable=_readable(ThematicReportKind.RECOMMENDATION),
    subjects_of_round=_of_round(ThematicReportKind.RECOMMENDATION),
)
