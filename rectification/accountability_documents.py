"""The documents of 问责 and 四个一批 (issue 19): 提请问责函, one per proposal, numbered
巡提问〔2026〕N号, sent to the deciding body; 整改评估表, one per evaluation, printing the
figures as they stood when the office judged (the live ones for an evaluation made
before they were stored). Templates: ``rectification/documents/accountability_proposal.docx``
and ``evaluation_form.docx`` (scripts/build_document_templates.py)."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _lazy

from findings.document_kinds import lines, party_organisation
from inspection.documents.registry import document_kind
from inspection.documents.services import chinese_date
from inspection.permissions import visible
from rectification.choices import AccountabilityTarget
from rectification.evaluation_figures import evaluation_figures, shown
from rectification.models import AccountabilityProposal, Evaluation

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def _place(assignment) -> str:
    return f"{assignment.town.name}{assignment.target_name}"


def proposal_context(actor, proposal: AccountabilityProposal) -> dict:
    assignment = proposal.assignment
    person = proposal.target_kind == AccountabilityTarget.PERSON
    items = proposal.items.select_related("problem").order_by("pk")
    return {
        "round_title": assignment.round.title,
        "deciding_body": f"县{proposal.get_deciding_body_display()}"
        if proposal.deciding_body in ("commission", "organisation")
        else proposal.get_deciding_body_display(),
        "organisation": party_organisation(assignment),
        "place": _place(assignment),
        "target": proposal.target,
        "target_kind": proposal.get_target_kind_display(),
        "post": proposal.person_post if person else "—",
        "facts": lines(proposal.facts),
        "items": [item.problem.title or f"台账 #{item.pk}" for item in items] or ["无。"],
        "suggested_form": proposal.get_suggested_form_display(),
        "proposed_on": chinese_date(proposal.proposed_on),
    }


def proposal_sample() -> dict:
    """What an uploaded template is checked with: every field the context supplies."""
    return {
        "classification": "内部",
        "generated_on": "2026年9月8日",
        "number": "巡提问〔2026〕1号",
        "round_title": "县委第三轮巡察",
        "deciding_body": "县纪委监委",
        "organisation": "中共示例镇示例村党组织",
        "place": "示例镇示例村",
        "target": "张三",
        "target_kind": "领导干部",
        "post": "村党组织书记",
        "facts": ["落实巡察整改主体责任不力，4项整改任务未按期完成。"],
        "items": ["低保评定未公示"],
        "suggested_form": "诫勉",
        "proposed_on": "2026年9月8日",
    }


def _proposals_of_round(round_id: int):
    return AccountabilityProposal.objects.filter(assignment__round_id=round_id).order_by("pk")


ACCOUNTABILITY_PROPOSAL = document_kind(
    code="accountability_proposal",
    name=_lazy("提请问责函"),
    model=AccountabilityProposal,
    template=DOCUMENTS / "accountability_proposal.docx",
    context=proposal_context,
    sample=proposal_sample,
    number_format="巡提问〔{year}〕{sequence}号",
    generate_action="accountability_proposal_document_generate",
    read_action="accountability_proposal_document_read",
    readable=lambda user: visible(AccountabilityProposal, user),
    subjects_of_round=_proposals_of_round,
)


def evaluation_context(actor, evaluation: Evaluation) -> dict:
    assignment = evaluation.assignment
    figures = evaluation.figures or evaluation_figures([assignment.pk])[assignment.pk]
    figures = shown(figures)
    return {
        "round_title": assignment.round.title,
        "organisation": party_organisation(assignment),
        "items": str(figures["items"]),
        "closed_rate": (
            f"{figures['closed_rate_shown']}（{figures['items_closed_own']}/{figures['items']}"
            + (
                f"，代录销号{figures['items_closed_by_proxy']}条不计"
                if figures["items_closed_by_proxy"]
                else ""
            )
            + "）"
        ),
        "on_time_rate": (
            f"{figures['on_time_rate_shown']}"
            f"（{figures['items_closed_on_time']}/{figures['items_due']}）"
        ),
        "satisfaction": f"{figures['satisfaction_shown']}（群众评议{figures['assessments']}次）",
        "evidence_rate": (
            f"{figures['evidence_rate_shown']}"
            f"（{figures['items_closed_with_evidence']}/{figures['items_closed_own']}）"
        ),
        "reopened": f"{figures['items_reopened']}条",
        "batch": evaluation.get_batch_display(),
        "note": lines(evaluation.note, "—"),
        "evaluated_on": chinese_date(evaluation.evaluated_on),
        "evaluator": str(evaluation.evaluator),
    }


def evaluation_sample() -> dict:
    return {
        "classification": "内部",
        "generated_on": "2026年9月8日",
        "number": "",
        "round_title": "县委第三轮巡察",
        "organisation": "中共示例镇示例村党组织",
        "items": "12",
        "closed_rate": "91.7%（11/12）",
        "on_time_rate": "81.8%（9/11）",
        "satisfaction": "92.5%（群众评议2次）",
        "evidence_rate": "100.0%（11/11）",
        "reopened": "0条",
        "batch": "对账销号",
        "note": ["整改任务全部完成，经核验对账销号。"],
        "evaluated_on": "2026年9月8日",
        "evaluator": "王五",
    }


def _evaluations_of_round(round_id: int):
    return Evaluation.objects.filter(assignment__round_id=round_id).order_by("pk")


EVALUATION_FORM = document_kind(
    code="evaluation_form",
    name=_lazy("整改评估表"),
    model=Evaluation,
    template=DOCUMENTS / "evaluation_form.docx",
    context=evaluation_context,
    sample=evaluation_sample,
    generate_action="evaluation_form_document_generate",
    read_action="evaluation_form_document_read",
    readable=lambda user: visible(Evaluation, user),
    subjects_of_round=_evaluations_of_round,
)
