"""The documents rectification prints: 立行立改通知书, one per written on-site order; the
反馈意见 and the 向主要负责人反馈 of an assignment (rectification.feedback_letters).

The template is ``rectification/documents/immediate_order.docx`` (built by
``scripts/build_document_templates.py``). The notice prints the order's own number
(巡三组立改〔2026〕2号, given when the order was issued), not one of the kind's counter; an
oral order has no notice. It is read by whoever reads the order: the office, the team
and the unit ordered, which receives it and signs for it.
"""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import PROBLEM_STATUSES_SIGNED
from findings.document_kinds import (
    class_path,
    compilation_number,
    lines,
    nature_of,
    party_organisation,
)
from findings.models import Problem
from inspection.documents.registry import document_kind
from inspection.documents.services import chinese_date
from inspection.permissions import is_officer, visible
from inspection.workflow import require
from rectification.choices import OrderForm
from rectification.feedback_letters import feedback_letter_context, feedback_letter_sample
from rectification.models import ImmediateOrder
from rounds.choices import TeamRole
from rounds.models import Assignment
from rounds.models.rounds import chinese_ordinal

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def _leader(order) -> str:
    leader = next(
        (m.user for m in order.team.memberships.all() if m.role == TeamRole.LEADER),
        order.issued_by,
    )
    return str(leader)


def order_number(order: ImmediateOrder) -> str:
    require(order.form == OrderForm.WRITTEN, _("口头交办的立行立改没有通知书。"))
    return order.number


def immediate_order_context(actor, order: ImmediateOrder) -> dict:
    assignment = order.assignment
    items = order.items.select_related("problem__problem_class__aspect__focus").order_by(
        "problem_id"
    )
    problems = [
        {
            "ordinal": chinese_ordinal(index),
            "class_path": class_path(item.problem),
            "nature": nature_of(item.problem),
            "facts": lines(item.problem.facts, "—"),
        }
        for index, item in enumerate(items, start=1)
    ]
    signed = order.signed_for_on is not None
    return {
        "round_title": assignment.round.title,
        "team": order.team.name,
        "leader": _leader(order),
        "addressee": party_organisation(assignment),
        "target": f"{assignment.town.name}{assignment.target_name}",
        "issued_on": chinese_date(order.issued_on),
        "due_on": chinese_date(order.due_on),
        "problems": problems,
        "requirements": lines(order.requirements, "对上述问题立即整改，逐项建立整改台账。"),
        "signer": order.signed_for_by_name if signed else "",
        "signer_post": order.signed_for_post if signed else "",
        "signed_on": chinese_date(order.signed_for_on) if signed else "",
    }


def immediate_order_sample() -> dict:
    """What an uploaded template is checked with: every field the context supplies."""
    return {
        "classification": "内部",
        "generated_on": "2026年4月8日",
        "number": "巡三组立改〔2026〕2号",
        "round_title": "县委第三轮巡察",
        "team": "第三巡察组",
        "leader": "张三",
        "addressee": "中共示例镇示例村党组织",
        "target": "示例镇示例村",
        "issued_on": "2026年4月8日",
        "due_on": "2026年4月15日",
        "problems": [
            {
                "ordinal": "一",
                "class_path": "聚焦群众身边不正之风和腐败问题›惠民惠农政策落实›低保优亲厚友",
                "nature": "违规",
                "facts": ["2025年低保评定结果未张榜公示。"],
            }
        ],
        "requirements": ["立即重新公示低保评定结果。"],
        "signer": "李四",
        "signer_post": "村党支部书记",
        "signed_on": "2026年4月8日",
    }


def _readable(user):
    return visible(ImmediateOrder, user).filter(form=OrderForm.WRITTEN)


def _of_round(round_id: int):
    return ImmediateOrder.objects.filter(
        assignment__round_id=round_id, form=OrderForm.WRITTEN
    ).order_by("team__number", "year", "sequence")


IMMEDIATE_ORDER = document_kind(
    code="immediate_order",
    name=_lazy("立行立改通知书"),
    model=ImmediateOrder,
    template=DOCUMENTS / "immediate_order.docx",
    context=immediate_order_context,
    sample=immediate_order_sample,
    number_of=order_number,
    generate_action="immediate_order_document_generate",
    read_action="immediate_order_document_read",
    readable=_readable,
    subjects_of_round=_of_round,
)


def _readable_letters(user):
    """The office, leadership and the team read them before feedback, to print them for
    the 反馈会; the unit's officers once its feedback is given."""
    assignments = visible(Assignment, user)
    if is_officer(user):
        return assignments.filter(feedback__isnull=False)
    return assignments


def _letters_of_round(round_id: int):
    signed = Problem.objects.filter(status__in=PROBLEM_STATUSES_SIGNED).values("assignment_id")
    return Assignment.objects.filter(round_id=round_id, pk__in=signed).order_by("pk")


FEEDBACK_LETTER = document_kind(
    code="feedback_letter",
    name=_lazy("反馈意见"),
    model=Assignment,
    template=DOCUMENTS / "feedback_letter.docx",
    context=feedback_letter_context,
    sample=feedback_letter_sample,
    number_format="巡反〔{year}〕{sequence}号",
    generate_action="feedback_letter_generate",
    read_action="feedback_letter_read",
    readable=_readable_letters,
    subjects_of_round=_letters_of_round,
)

FEEDBACK_TO_HEAD = document_kind(
    code="feedback_to_head",
    name=_lazy("向主要负责人反馈"),
    model=Assignment,
    template=DOCUMENTS / "feedback_to_head.docx",
    context=feedback_letter_context,
    sample=feedback_letter_sample,
    # Not a 文件 sent out: named by its organisation (一组-戴桥村), as the 底稿汇编 is.
    number_of=compilation_number,
    generate_action="feedback_letter_generate",
    read_action="feedback_letter_read",
    readable=_readable_letters,
    subjects_of_round=_letters_of_round,
)
