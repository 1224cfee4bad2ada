"""移交审批表 and 移交函 (findings/clue_document_kinds.py): what they print, their 密级,
``render_documents`` writing them for a round, and who may read them (the office and the
receiving body's liaison; absent to every other role)."""

import pytest
from django.core.management import call_command

from findings.choices import ClueStatus
from inspection.documents.downloads import document_download
from inspection.documents.models import Document
from inspection.documents.services import document_generate
from inspection.errors import ApplicationError, NotFoundError
from inspection.permissions import visible
from tests.findings.clue_chain import sign_off, transfer
from tests.inspection.documents import docx_text, media_root  # noqa: F401
from tests.world import PERSONAS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def text_of(document) -> str:
    with document.file.open("rb") as stream:
        return docx_text(stream.read())


def signed_off_clue(world):
    clue = world.clue(summary="村会计涉嫌虚报冒领补贴资金36000元。", amount=36000)
    sign_off(office=world.office, leadership=world.leadership, clue_id=clue.pk)
    return clue


def test_the_approval_form_holds_the_chain(world):
    clue = signed_off_clue(world)
    document = document_generate(actor=world.office, kind="clue_approval_form", subject_id=clue.pk)
    text = text_of(document)
    assert document.classification == "secret" and "秘密" in text
    assert document.number == f"线索#{clue.pk}"
    for expected in (
        "问题线索移交审批表",
        "赵德明",
        "村会计涉嫌虚报冒领补贴资金36000元。",
        "36,000.00元",
        "拟移交纪委监委。",
        "同意移交",  # the office's review opinion
        str(world.leadership),  # the leading group's signature
        str(world.leader_a),  # the team leader's proposal
    ):
        assert expected in text, expected


def test_a_clue_not_yet_reviewed_has_no_approval_form(world):
    clue = world.clue()
    with pytest.raises(ApplicationError, match="尚未经巡察办审核"):
        document_generate(actor=world.office, kind="clue_approval_form", subject_id=clue.pk)


def test_the_letter_lists_its_clues_one_by_one_with_the_material(world):
    first = world.clue(summary="村会计涉嫌虚报冒领补贴资金。")
    second = world.clue(summary="村书记插手工程发包。")
    letter = transfer(
        office=world.office,
        leadership=world.leadership,
        clue_ids=[first.pk, second.pk],
        material="问题线索移交审批表2份\n谈话记录复印件3份",
    )
    document = document_generate(actor=world.office, kind="transfer_letter", subject_id=letter.pk)
    text = text_of(document)
    assert document.number == letter.number and letter.number in text
    assert "秘密" in text and "县纪委监委：" in text
    assert "问题线索2件（涉及2人）" in text
    assert "村会计涉嫌虚报冒领补贴资金。" in text and "村书记插手工程发包。" in text
    assert text.count("赵德明") == 2
    assert "1. 问题线索移交审批表2份" in text and "2. 谈话记录复印件3份" in text


def test_render_documents_writes_the_forms_and_letters_of_the_round(world, tmp_path):
    letter = transfer(office=world.office, leadership=world.leadership, clue_ids=[world.clue().pk])
    waiting = world.clue(status=ClueStatus.REVIEWED)  # not signed off: no form yet
    call_command("render_documents", round=world.round.pk, out=tmp_path / "out")
    names = {path.name for path in (tmp_path / "out").iterdir()}
    (clue,) = letter.clues.all()
    assert f"问题线索移交审批表-线索#{clue.pk}.docx" in names
    assert f"问题线索移交函-{letter.number}.docx" in names
    assert f"问题线索移交审批表-线索#{waiting.pk}.docx" not in names


# Who reads them: the office and the receiving body's liaison; absent to every other role.
READERS = {"office", "lead", "liaison"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_office_and_the_receiving_liaison_read_them(world, persona):
    letter = transfer(office=world.office, leadership=world.leadership, clue_ids=[world.clue().pk])
    (clue,) = letter.clues.all()
    documents = [
        document_generate(actor=world.office, kind="clue_approval_form", subject_id=clue.pk),
        document_generate(actor=world.office, kind="transfer_letter", subject_id=letter.pk),
    ]
    user = world.users[persona]
    for document in documents:
        if persona in READERS:
            download = document_download(user=user, pk=document.pk)
            download.stream.close()
            assert visible(Document, user).filter(pk=document.pk).exists()
        else:
            with pytest.raises(NotFoundError):
                document_download(user=user, pk=document.pk)
            assert not visible(Document, user).filter(pk=document.pk).exists()


@pytest.mark.parametrize("persona", ["leadership", "leader_a", "liaison", "officer_a"])
def test_only_the_office_generates_them(world, persona):
    clue = signed_off_clue(world)
    with pytest.raises(ApplicationError):
        document_generate(actor=world.users[persona], kind="clue_approval_form", subject_id=clue.pk)
    assert not Document.objects.exists()
