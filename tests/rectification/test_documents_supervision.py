"""督办函 / 提示函 as printed: the letter's own number, the unit's party organisation, its
items with deadline and days overdue, the reply due date and the 签收 stub; read by whoever
reads the letter (rectification/supervision_documents.py)."""

import pytest
from django.utils import timezone

from inspection.documents.downloads import document_download
from inspection.documents.models import Document
from inspection.documents.services import document_generate
from inspection.errors import NotFoundError
from rectification.services import supervision_letter_sign_for
from rectification.supervision_choices import LetterKind
from tests.inspection.documents import docx_text
from tests.rectification.supervision_kit import letter, red_item, yellow_item

pytestmark = pytest.mark.django_db

KIND = "supervision_letter"


def generate(actor, sent) -> Document:
    return document_generate(actor=actor, kind=KIND, subject_id=sent.pk)


def text_of(document) -> str:
    with document.file.open("rb") as stream:
        return docx_text(stream.read())


def test_the_letter_prints_its_number_addressee_items_and_reply_date(world):
    first = red_item(world, facts="村集体资金坐支三万元。")
    sent = letter(world, first, requirements="五日内完成退款并公示。")
    document = generate(world.office, sent)
    assert document.number == sent.number and document.sequence is None
    text = text_of(document)
    due = sent.reply_due_on
    for fact in (
        "督办函",
        sent.number,
        "中共甲镇甲一村党组织：",
        "下列1项整改事项已超过整改时限仍未完成整改",
        "村集体资金坐支三万元。",
        f"{first.deadline:%Y.%m.%d}",
        "3天",
        "五日内完成退款并公示。",
        f"请于{due.year}年{due.month}月{due.day}日前",
        "签  收  回  执",
    ):
        assert fact in text, fact


def test_a_reminder_says_so_and_the_stub_fills_once_signed_for(world):
    sent = letter(world, yellow_item(world), kind=LetterKind.REMIND)
    # Not signed for yet: the 签收回执 names nobody (not the template's sample either).
    assert str(world.officer_a) not in text_of(generate(world.office, sent))
    assert "李四" not in text_of(generate(world.office, sent))
    assert "提示函" in text_of(generate(world.office, sent))
    assert "未逾期" in text_of(generate(world.office, sent))
    supervision_letter_sign_for(
        actor=world.officer_a, letter_id=sent.pk, signed_on=timezone.localdate()
    )
    text = text_of(generate(world.office, sent))
    assert str(world.officer_a) in text
    today = timezone.localdate()
    assert f"{today.year}年{today.month}月{today.day}日" in text


def test_the_unit_and_its_supervisor_read_it_the_other_town_does_not(world):
    document = generate(world.office, letter(world))
    for persona in ("officer_a", "supervisor_a", "reviewer_a", "leadership"):
        assert document_download(user=world.users[persona], pk=document.pk)
    for persona in ("officer_b", "supervisor_b", "reviewer_b"):
        with pytest.raises(NotFoundError):
            document_download(user=world.users[persona], pk=document.pk)
