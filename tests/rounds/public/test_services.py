"""码上巡 received as petitions: anonymous reports keep no name, photos are checked on
their content and stored without their metadata, the intake closes at the cut-off."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from inspection.errors import ApplicationError, NotFoundError
from rounds.choices import PetitionChannel, PetitionStatus, RoundStatus
from rounds.models import Petition, PetitionPhoto
from rounds.services.public_intake import petition_receive_public
from tests.rounds.helpers import set_round_status
from tests.rounds.public.conftest import photo

pytestmark = pytest.mark.django_db


def send(code, **fields):
    fields.setdefault("content", "村里低保评定没有公示，村干部亲属优先。")
    fields.setdefault("is_anonymous", True)
    return petition_receive_public(code=code, **fields)


def test_an_anonymous_report_stores_no_name_phone_or_recorder(world, code):
    petition = send(code, reporter_name="王建国", reporter_phone="13800000000")
    petition.refresh_from_db()
    assert petition.channel == PetitionChannel.ONLINE
    assert petition.get_channel_display() == "码上巡"
    assert petition.status == PetitionStatus.RECEIVED
    assert petition.assignment == world.assignment_a
    assert petition.is_anonymous
    assert (petition.reporter_name, petition.reporter_contact) == ("", "")
    assert petition.recorded_by is None
    for row in petition.history.all():
        assert (row.reporter_name, row.reporter_contact, row.history_user_id) == ("", "", None)


def test_a_report_by_name_stores_the_name_and_phone(code):
    petition = send(
        code, is_anonymous=False, reporter_name=" 王建国 ", reporter_phone="13800000000"
    )
    petition.refresh_from_db()
    assert not petition.is_anonymous
    assert (petition.reporter_name, petition.reporter_contact) == ("王建国", "13800000000")


def test_a_report_by_name_needs_the_name_and_a_phone(code):
    with pytest.raises(ApplicationError, match="实名反映请填写姓名"):
        send(code, is_anonymous=False, reporter_phone="13800000000")
    with pytest.raises(ApplicationError, match="联系电话"):
        send(code, is_anonymous=False, reporter_name="王建国", reporter_phone="电话")
    assert not Petition.objects.exists()


def test_empty_or_too_long_text_is_refused(settings, code):
    with pytest.raises(ApplicationError, match="请填写反映的问题"):
        send(code, content="   ")
    settings.INSPECTION_PUBLIC_TEXT_MAX_CHARS = 10
    with pytest.raises(ApplicationError, match="超过了10字的上限"):
        send(code, content="反" * 11)
    assert not Petition.objects.exists()


def test_photos_are_stored_re_encoded_without_their_gps_position_or_file_name(code):
    sent = [photo("IMG_20261205_张三家门口.jpg", exif_gps=True), photo("图.png", kind="PNG")]
    petition = send(code, photos=sent)
    stored = list(PetitionPhoto.objects.filter(petition=petition).order_by("pk"))
    assert [row.uploaded_by_id for row in stored] == [None, None]
    # A phone's file name may carry a time or a name: each photo is stored as 照片N.
    assert [row.original_name for row in stored] == ["照片1.jpg", "照片2.png"]
    assert all("张三" not in row.file.name for row in stored)
    with stored[0].file.open("rb") as stream:
        image = Image.open(stream)
        image.load()
        assert image.format == "JPEG"
        assert not image.getexif()
    assert b"PhoneMaker" not in stored[0].file.open("rb").read()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("x.html", b"<html><body><script>alert(1)</script></body></html>"),
        ("照片.jpg", b"this is text pretending to be a photo"),
        ("动图.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ],
)
def test_anything_but_a_jpeg_png_or_webp_photo_is_refused(code, name, content):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ApplicationError, match=f"「{name}」不是照片"):
        send(code, photos=[upload])
    assert not Petition.objects.exists()
    assert not PetitionPhoto.objects.exists()


def test_oversized_photos_and_too_many_are_refused(settings, code):
    settings.INSPECTION_PUBLIC_PHOTO_MAX_BYTES = 100
    with pytest.raises(ApplicationError, match="超过了每张"):
        send(code, photos=[photo(size=(400, 300))])
    settings.INSPECTION_PUBLIC_MAX_PHOTOS = 1
    with pytest.raises(ApplicationError, match="最多上传1张"):
        send(code, photos=[photo(), photo()])
    assert not Petition.objects.exists()


def test_the_intake_closes_after_the_cut_off_date(notice, code):
    cutoff = timezone.localdate() + datetime.timedelta(days=2)
    notice.cutoff_on = cutoff
    notice.save()
    send(code)
    after = datetime.datetime.combine(cutoff + datetime.timedelta(days=1), datetime.time(9))
    with (
        time_machine.travel(timezone.make_aware(after), tick=False),
        pytest.raises(ApplicationError, match=r"受理截止日期.*已过"),
    ):
        send(code)
    assert Petition.objects.count() == 1


def test_the_intake_closes_when_the_team_left(world, code):
    set_round_status(world, RoundStatus.REPORTING)
    with pytest.raises(ApplicationError, match="结束进驻"):
        send(code)


def test_the_intake_says_a_round_still_being_planned_has_not_begun(world, code):
    set_round_status(world, RoundStatus.PLANNING)
    with pytest.raises(ApplicationError, match="尚未开始"):
        send(code)
    assert not Petition.objects.exists()


def test_an_unknown_code_is_not_found(code):
    with pytest.raises(NotFoundError):
        send(code[:-1] + ("A" if code[-1] != "A" else "B"))
