"""The documents rectification prints: 立行立改通知书, one per written on-site order.

The template is ``rectification/documents/immediate_order.docx`` (built by
``scripts/build_document_templates.py``). The notice prints the order's own number
(巡三组立改〔2026〕2号, given when the order was issued), not one of the kind's counter; an
oral order has no notice. It is read by whoever reads the order: the office, the team
and the unit ordered, which receives it and signs for it.
"""

from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.document_kinds import class_path, lines, nature_of, party_organisation
from inspection.documents.registry import document_kind
from inspection.documents.services import chinese_date
from inspection.permissions import visible
from inspection.workflow import require
from rectification.choices import OrderForm
from rectification.models import ImmediateOrder
from rounds.choices import TeamRole
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
