"""The documents of a clue's transfer: the 移交审批表 (one clue: the team leader's proposal,
the office's review, the leading group's sign-off box) and the 移交函 (one letter, its
clues listed one by one with their persons concerned, the material sent).

Both carry the persons concerned, so they are read only by who reads a clue's names: the
office, and the liaison of the body the clue went to (the 审批表 travels with the letter).
Leadership reads clues masked on screen and signs there, or signs the printed 审批表 the
office then uploads; it is not given the named papers. 密级: 秘密 by default (clue papers
are above 内部), the county's own through ``INSPECTION_DOCUMENT_CLASSIFICATIONS``.
"""

from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import CLUE_STATUSES_TRANSFERRED, ClueStatus
from findings.document_kinds import lines, party_organisation
from findings.models import Clue, ClueSubject, TransferLetter
from inspection.choices import ReceivingBody
from inspection.documents.choices import Classification
from inspection.documents.registry import document_kind
from inspection.documents.services import chinese_date
from inspection.permissions import is_liaison, is_office, visible
from inspection.workflow import require

DOCUMENTS = Path(__file__).resolve().parent / "documents"

# To whom a letter is addressed, by body.
ADDRESSEES = {
    ReceivingBody.COMMISSION: "县纪委监委",
    ReceivingBody.ORGANISATION: "县委组织部",
}


def _person(subject: ClueSubject) -> str:
    with translation.override("zh-hans"):
        post = subject.get_post_display()
    unit = f"{subject.unit}" if subject.unit else ""
    return f"{subject.name}（{unit}{post}）"


def _persons(clue: Clue) -> str:
    return "、".join(_person(subject) for subject in clue.subjects.all()) or "—"


def _date(value) -> str:
    return chinese_date(value) if value else ""


def _target(clue: Clue) -> str:
    return party_organisation(clue.assignment) if clue.assignment_id else clue.round.title


def _signer(user) -> str:
    return str(user) if user is not None else ""


def clue_approval_number(clue: Clue) -> str:
    require(
        clue.status != ClueStatus.PROPOSED and clue.status != ClueStatus.DECLINED,
        _("线索尚未经巡察办审核，不能生成移交审批表。"),
    )
    return f"线索#{clue.pk}"


def clue_approval_form_context(actor, clue: Clue) -> dict:
    clue = (
        Clue.objects.select_related(
            "round", "assignment__town", "assignment__village", "assignment__team"
        )
        .select_related("proposed_by", "approved_by", "signed_off_by")
        .prefetch_related(Prefetch("subjects", ClueSubject.objects.order_by("id")))
        .get(pk=clue.pk)
    )
    with translation.override("zh-hans"):
        body = clue.get_receiving_body_display() if clue.receiving_body else ""
    signed = clue.signed_off_on is not None
    return {
        "round_title": clue.round.title,
        "team": clue.assignment.team.name if clue.assignment_id and clue.assignment.team_id else "",
        "target": _target(clue),
        "summary": lines(clue.summary),
        "persons": _persons(clue),
        "amount": f"{clue.amount:,.2f}元" if clue.amount else "无",
        "body": body,
        "proposal": f"拟移交{body}。" if body else "拟移交。",
        "proposer": _signer(clue.proposed_by),
        "proposed_on": _date(timezone.localdate(clue.proposed_at)),
        "review_opinion": lines(clue.review_opinion, "同意移交，报领导小组审批。"),
        "reviewer": _signer(clue.approved_by),
        "reviewed_on": _date(timezone.localdate(clue.approved_at) if clue.approved_at else None),
        # The box the leading group signs; filled in once its sign-off is recorded.
        "sign_off_opinion": lines(clue.sign_off_opinion, "同意。") if signed else [""],
        "signer": _signer(clue.signed_off_by) if signed else "",
        "signed_off_on": _date(clue.signed_off_on),
    }


def clue_approval_form_sample() -> dict:
    return {
        "classification": "秘密",
        "generated_on": "2026年4月8日",
        "number": "线索#1",
        "round_title": "县委第三轮巡察",
        "team": "第三巡察组",
        "target": "中共示例镇示例村党组织",
        "summary": ["村会计涉嫌虚报冒领补贴资金。"],
        "persons": "王某（示例村村会计/报账员）",
        "amount": "36,000.00元",
        "body": "纪委监委",
        "proposal": "拟移交纪委监委。",
        "proposer": "张三",
        "proposed_on": "2026年4月3日",
        "review_opinion": ["同意移交，报领导小组审批。"],
        "reviewer": "李四",
        "reviewed_on": "2026年4月5日",
        "sign_off_opinion": ["同意。"],
        "signer": "王五",
        "signed_off_on": "2026年4月7日",
    }


def transfer_letter_number(letter: TransferLetter) -> str:
    return letter.number


def transfer_letter_context(actor, letter: TransferLetter) -> dict:
    clues = (
        Clue.objects.filter(letter=letter)
        .select_related("round", "assignment__town", "assignment__village")
        .prefetch_related(Prefetch("subjects", ClueSubject.objects.order_by("id")))
        .order_by("id")
    )
    with translation.override("zh-hans"):
        body = letter.get_body_display()
    listed = [
        {
            "ordinal": index,
            "target": _target(clue),
            "persons": _persons(clue),
            "summary": " ".join(lines(clue.summary)),
            "amount": f"{clue.amount:,.2f}元" if clue.amount else "无",
        }
        for index, clue in enumerate(clues, start=1)
    ]
    return {
        "addressee": letter.unit or ADDRESSEES.get(letter.body, body),
        "body": body,
        "count": len(listed),
        "persons_count": sum(len(clue.subjects.all()) for clue in clues),
        "clues": listed,
        "material": [
            f"{index}. {item}" for index, item in enumerate(letter.material_items, start=1)
        ]
        or ["无。"],
        "sent_on": chinese_date(letter.sent_on),
        "due_days": settings.INSPECTION_CLUE_RESULT_DUE_DAYS,
    }


def transfer_letter_sample() -> dict:
    return {
        "classification": "秘密",
        "generated_on": "2026年4月8日",
        "number": "巡察移〔2026〕1号",
        "addressee": "县纪委监委",
        "body": "纪委监委",
        "count": 1,
        "persons_count": 1,
        "clues": [
            {
                "ordinal": 1,
                "target": "中共示例镇示例村党组织",
                "persons": "王某（示例村村会计/报账员）",
                "summary": "村会计涉嫌虚报冒领补贴资金。",
                "amount": "36,000.00元",
            }
        ],
        "material": ["1. 问题线索移交审批表", "2. 谈话记录复印件3份"],
        "sent_on": "2026年4月8日",
        "due_days": 90,
    }


def _readable_clues(user):
    clues = visible(Clue, user)
    if is_office(user):
        return clues.exclude(status__in=(ClueStatus.PROPOSED, ClueStatus.DECLINED))
    if is_liaison(user):
        return clues.filter(status__in=CLUE_STATUSES_TRANSFERRED)
    return clues.none()


def _readable_letters(user):
    if is_office(user) or is_liaison(user):
        return visible(TransferLetter, user)
    return TransferLetter.objects.none()


def _signed_off_of_round(round_id: int):
    return Clue.objects.filter(round_id=round_id, signed_off_on__isnull=False).order_by("pk")


def _letters_of_round(round_id: int):
    return TransferLetter.objects.filter(clues__round_id=round_id).distinct().order_by("pk")


CLUE_APPROVAL_FORM = document_kind(
    code="clue_approval_form",
    name=_lazy("问题线索移交审批表"),
    model=Clue,
    template=DOCUMENTS / "clue_approval_form.docx",
    context=clue_approval_form_context,
    sample=clue_approval_form_sample,
    number_of=clue_approval_number,
    generate_action="clue_approval_form_generate",
    read_action="clue_approval_form_read",
    readable=_readable_clues,
    subjects_of_round=_signed_off_of_round,
    classification=Classification.SECRET,
)

TRANSFER_LETTER = document_kind(
    code="transfer_letter",
    name=_lazy("问题线索移交函"),
    model=TransferLetter,
    template=DOCUMENTS / "transfer_letter.docx",
    context=transfer_letter_context,
    sample=transfer_letter_sample,
    number_of=transfer_letter_number,
    generate_action="transfer_letter_generate",
    read_action="transfer_letter_read",
    readable=_readable_letters,
    subjects_of_round=_letters_of_round,
    classification=Classification.SECRET,
)
