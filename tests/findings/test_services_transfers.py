"""领导小组签批 on a clue's 移交审批表, and the 移交函 that sends signed-off clues (一函多件)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from findings.choices import ClueStatus
from findings.models import Clue, TransferLetter
from findings.services import clue_sign_off, transfer_letter_send
from findings.services.transfers import CLUE_SIGN_OFF
from inspection.choices import ReceivingBody
from inspection.errors import ConflictError, NotFoundError, PermissionDeniedError
from inspection.permissions import can
from rounds.choices import RoundStatus
from tests.findings.helpers import assert_one_new_history_row, refused
from tests.world import build_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def scan() -> SimpleUploadedFile:
    return SimpleUploadedFile("移交审批表.pdf", b"%PDF-1.4 signed", content_type="application/pdf")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def send(world, clues, **changes):
    values = {
        "actor": world.office,
        "clue_ids": [clue.pk for clue in clues],
        "receiving_body": ReceivingBody.COMMISSION,
        "sent_on": TODAY(),
        "receiving_unit": "县纪委监委第三纪检监察室",
        "material": "问题线索移交审批表\n谈话记录复印件3份",
    } | changes
    return transfer_letter_send(**values)


# ------------------------------------------------------------------------ clue_sign_off


def test_leadership_signs_off_itself(world):
    clue = world.clue(status=ClueStatus.REVIEWED)
    clue_sign_off(
        actor=world.leadership,
        clue_id=clue.pk,
        signed_off_on=TODAY(),
        opinion="同意移交县纪委监委",
        note="领导小组签批",
    )
    clue.refresh_from_db()
    assert clue.status == ClueStatus.APPROVED
    assert clue.signed_off_by == world.leadership
    assert clue.sign_off_recorded_by == world.leadership
    assert clue.signed_off_on == TODAY()
    assert clue.sign_off_opinion == "同意移交县纪委监委"
    assert not clue.sign_off_form
    assert_one_new_history_row(clue, before=1, actor=world.leadership, note="领导小组签批")


def test_the_office_records_a_sign_off_only_with_the_signed_form(world, media):
    clue = world.clue(status=ClueStatus.REVIEWED)
    message = refused(
        lambda: clue_sign_off(actor=world.office, clue_id=clue.pk, signed_off_on=TODAY()),
        "sign_off_form",
    )
    assert "签批的移交审批表" in message.message
    clue.refresh_from_db()
    assert clue.status == ClueStatus.REVIEWED

    clue_sign_off(actor=world.office, clue_id=clue.pk, signed_off_on=TODAY(), sign_off_form=scan())
    clue.refresh_from_db()
    assert clue.status == ClueStatus.APPROVED
    assert clue.signed_off_by is None
    assert clue.sign_off_recorded_by == world.office
    assert clue.sign_off_form.name.endswith(".pdf")


def test_a_form_that_is_not_a_document_is_refused(world, media):
    clue = world.clue(status=ClueStatus.REVIEWED)
    bad = SimpleUploadedFile("审批表.exe", b"MZ\x90", content_type="application/octet-stream")
    refused(
        lambda: clue_sign_off(
            actor=world.office, clue_id=clue.pk, signed_off_on=TODAY(), sign_off_form=bad
        ),
        "sign_off_form",
    )


def test_a_clue_not_yet_reviewed_names_the_missing_review(world):
    clue = world.clue(status=ClueStatus.PROPOSED)
    with pytest.raises(ConflictError) as caught:
        clue_sign_off(actor=world.leadership, clue_id=clue.pk, signed_off_on=TODAY())
    assert caught.value.message == "尚未经巡察办审核，不能报领导小组签批。"


@pytest.mark.parametrize(
    "status",
    [s for s in ClueStatus.values if s not in (*CLUE_SIGN_OFF.sources, ClueStatus.PROPOSED)],
)
def test_sign_off_refused_in_other_states(world, status):
    extra = {"outcome": "no_issue"} if status == ClueStatus.CONCLUDED else {}
    clue = world.clue(status=status, **extra)
    with pytest.raises(ConflictError, match="不能领导小组签批"):
        clue_sign_off(actor=world.leadership, clue_id=clue.pk, signed_off_on=TODAY())


def test_sign_off_not_before_the_review_nor_in_the_future(world):
    clue = world.clue(status=ClueStatus.REVIEWED)
    message = refused(
        lambda: clue_sign_off(
            actor=world.leadership,
            clue_id=clue.pk,
            signed_off_on=TODAY() - datetime.timedelta(days=1),
        ),
        "signed_off_on",
    )
    assert "巡察办审核日期" in message.message
    refused(
        lambda: clue_sign_off(
            actor=world.leadership,
            clue_id=clue.pk,
            signed_off_on=TODAY() + datetime.timedelta(days=1),
        ),
        "signed_off_on",
    )


@pytest.mark.parametrize("persona", ["leader_a", "member_a"])
def test_the_team_cannot_sign_off(world, persona):
    clue = world.clue(status=ClueStatus.REVIEWED)
    assert not can(world.users[persona], "clue_sign_off", clue)
    with pytest.raises(PermissionDeniedError):
        clue_sign_off(actor=world.users[persona], clue_id=clue.pk, signed_off_on=TODAY())


@pytest.mark.parametrize("persona", ["liaison", "officer_a", "stats"])
def test_others_do_not_see_the_clue_to_sign_off(world, persona):
    clue = world.clue(status=ClueStatus.REVIEWED)
    with pytest.raises(NotFoundError):
        clue_sign_off(actor=world.users[persona], clue_id=clue.pk, signed_off_on=TODAY())


# ------------------------------------------------------------------- transfer_letter_send


def test_one_letter_sends_several_clues(world, settings):
    settings.INSPECTION_CLUE_RESULT_DUE_DAYS = 30
    first = world.clue(status=ClueStatus.APPROVED)
    second = world.clue(status=ClueStatus.APPROVED)

    letter = send(world, [first, second], note="一函多件")

    year = TODAY().year
    assert letter.number == f"巡察移〔{year}〕1号"
    assert (letter.year, letter.sequence) == (year, 1)
    assert letter.body == ReceivingBody.COMMISSION
    assert letter.unit == "县纪委监委第三纪检监察室"
    assert letter.material_items == ["问题线索移交审批表", "谈话记录复印件3份"]
    assert letter.created_by == world.office
    assert letter.history.count() == 1
    for clue in (first, second):
        clue.refresh_from_db()
        assert clue.status == ClueStatus.TRANSFERRED
        assert clue.letter == letter
        assert clue.letter_number == letter.number
        assert clue.transferred_on == TODAY()
        assert clue.receiving_unit == letter.unit
        assert clue.transferred_on_site is True  # the round is on site
        assert clue.result_due_on == TODAY() + datetime.timedelta(days=30)
        assert_one_new_history_row(clue, before=1, actor=world.office, note="一函多件")


def test_letters_are_numbered_in_the_year(world):
    one = send(world, [world.clue(status=ClueStatus.APPROVED)])
    two = send(world, [world.clue(status=ClueStatus.APPROVED)])
    assert (one.sequence, two.sequence) == (1, 2)
    assert two.number == f"巡察移〔{TODAY().year}〕2号"


def test_after_the_team_left_it_is_not_a_quick_transfer():
    world = build_world(round_status=RoundStatus.REPORTING)
    clue = world.clue(status=ClueStatus.APPROVED)
    send(world, [clue])
    clue.refresh_from_db()
    assert clue.transferred_on_site is False


@pytest.mark.parametrize("status", [ClueStatus.PROPOSED, ClueStatus.REVIEWED])
def test_a_clue_not_signed_off_is_not_sent(world, status):
    signed = world.clue(status=ClueStatus.APPROVED)
    waiting = world.clue(status=status)
    with pytest.raises(ConflictError) as caught:
        send(world, [signed, waiting])
    assert "尚未经领导小组签批，不能移交" in caught.value.message
    assert f"#{waiting.pk}" in caught.value.message
    assert not TransferLetter.objects.exists()
    signed.refresh_from_db()
    assert signed.status == ClueStatus.APPROVED


def test_one_letter_never_mixes_bodies(world):
    commission = world.clue(status=ClueStatus.APPROVED)
    organisation = world.clue(status=ClueStatus.APPROVED, body=ReceivingBody.ORGANISATION)
    message = refused(lambda: send(world, [commission, organisation]), "clue_ids")
    assert "经签批移交组织部，不能与移交纪委监委的线索同函移交" in message.message
    assert not TransferLetter.objects.exists()
    assert Clue.objects.filter(status=ClueStatus.TRANSFERRED).count() == 0


def test_a_department_receives_no_clue(world):
    clue = world.clue(status=ClueStatus.APPROVED)
    message = refused(
        lambda: send(world, [clue], receiving_body=ReceivingBody.DEPARTMENT), "receiving_body"
    )
    assert "交办事项" in message.message


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"clue_ids": []}, "clue_ids"),
        ({"receiving_body": ""}, "receiving_body"),
        ({"sent_on": None}, "sent_on"),
        ({"receiving_unit": "单" * 101}, "receiving_unit"),
    ],
)
def test_send_refuses_missing_or_invalid_input(world, changes, field):
    clue = world.clue(status=ClueStatus.APPROVED)
    refused(lambda: send(world, [clue], **changes), field)
    assert not TransferLetter.objects.exists()


def test_the_letter_is_not_dated_before_the_sign_off(world):
    clue = world.clue(status=ClueStatus.APPROVED)
    message = refused(
        lambda: send(world, [clue], sent_on=TODAY() - datetime.timedelta(days=1)), "sent_on"
    )
    assert "领导小组签批日期" in message.message


@pytest.mark.parametrize("persona", ["leadership", "leader_a", "liaison"])
def test_only_the_office_sends_letters(world, persona):
    clue = world.clue(status=ClueStatus.APPROVED)
    with pytest.raises(PermissionDeniedError):
        send(world, [clue], actor=world.users[persona])


def test_the_signed_form_names_the_persons_and_is_not_leaderships_to_download(world, media):
    """The scan shows the persons concerned by name: leadership, which reads the clue
    masked, finds it absent (and is offered no link); the office and the proposing team
    download it."""
    from django.test import Client

    from inspection.attachments import evidence_download

    clue = world.clue(status=ClueStatus.REVIEWED)
    clue_sign_off(actor=world.office, clue_id=clue.pk, signed_off_on=TODAY(), sign_off_form=scan())
    for reader in (world.office, world.leader_a):
        download = evidence_download(user=reader, kind="clue-sign-off", pk=clue.pk)
        assert download.stream.read() == b"%PDF-1.4 signed"
        download.stream.close()
    with pytest.raises(NotFoundError):
        evidence_download(user=world.leadership, kind="clue-sign-off", pk=clue.pk)
    client = Client()
    client.force_login(world.leadership)
    page = client.get(f"/clues/{clue.pk}/").content.decode()
    assert "/evidence/clue-sign-off/" not in page


def test_a_clue_approved_before_sign_offs_named_no_body_and_is_reviewed_again(world):
    """findings 0013 made the office's earlier approvals 巡察办已审核, some without a body:
    the sign-off asks the office to name it first, and a second review does."""
    from findings.services import clue_review

    clue = world.clue(status=ClueStatus.REVIEWED)
    Clue.objects.filter(pk=clue.pk).update(receiving_body="")
    message = refused(
        lambda: clue_sign_off(actor=world.leadership, clue_id=clue.pk, signed_off_on=TODAY()),
        field="receiving_body",
    )
    assert "请巡察办重新审核并确定受理机关" in message.message
    clue_review(actor=world.office, clue_id=clue.pk, receiving_body=ReceivingBody.ORGANISATION)
    clue_sign_off(actor=world.leadership, clue_id=clue.pk, signed_off_on=TODAY())
    letter = send(world, [clue], receiving_body=ReceivingBody.ORGANISATION)
    assert list(letter.clues.all()) == [Clue.objects.get(pk=clue.pk)]
