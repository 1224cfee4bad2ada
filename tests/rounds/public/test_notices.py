"""The 进驻公告: written by the office for a village or a batch of one round, its period
from their on-site dates, its cut-off not before the start; printed with one QR code per
village that decodes to the village's public form; written by render_documents."""

import datetime
import io
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document as open_docx
from PIL import Image

from inspection.documents.services import document_generate
from inspection.errors import ApplicationError, PermissionDeniedError
from rounds import services
from rounds.models import Assignment, EntryNotice
from rounds.public.links import public_url
from tests import factories as f
from tests.inspection.documents import docx_text
from tests.rounds.helpers import village

pytestmark = pytest.mark.django_db


def two_villages(world):
    second = f.AssignmentFactory(
        round=world.round, town=world.assignment_a.town, village=village(world), team=world.team_a
    )
    start = timezone.localdate()
    Assignment.objects.filter(pk__in=[world.assignment_a.pk, second.pk]).update(
        on_site_from=start, on_site_until=start + datetime.timedelta(days=9)
    )
    return [world.assignment_a.pk, second.pk]


def test_the_office_writes_a_notice_for_a_batch_with_one_code_per_village(world):
    ids = two_villages(world)
    notice = services.entry_notice_create(
        actor=world.office, round_id=world.round.pk, assignment_ids=ids, duty_phone="0519-8600123"
    )
    start = timezone.localdate()
    assert (notice.period_from, notice.period_until) == (start, start + datetime.timedelta(days=9))
    assert notice.cutoff_on == notice.period_until
    assert "受理反映" in notice.accepted_scope  # the county's default
    codes = list(notice.targets.values_list("public_code", flat=True))
    assert len(codes) == 2 and len(set(codes)) == 2 and all(len(code) >= 20 for code in codes)
    assert notice.history.get().history_user == world.office


def test_a_village_is_on_one_notice_only_and_keeps_its_code_on_edits(world):
    ids = two_villages(world)
    notice = services.entry_notice_create(
        actor=world.office, round_id=world.round.pk, assignment_ids=ids[:1], duty_phone="110"
    )
    code = notice.targets.get().public_code
    with pytest.raises(ApplicationError, match="已在另一份进驻公告上"):
        services.entry_notice_create(
            actor=world.office, round_id=world.round.pk, assignment_ids=ids, duty_phone="110"
        )
    services.entry_notice_update(
        actor=world.office,
        notice_id=notice.pk,
        data={"duty_phone": "0519-1234567"},
        assignment_ids=ids,
    )
    assert notice.targets.get(assignment_id=ids[0]).public_code == code
    assert notice.targets.count() == 2


def test_the_cut_off_is_not_before_the_start(world):
    ids = two_villages(world)
    with pytest.raises(ApplicationError, match="受理截止日期不能早于巡察起始日期"):
        services.entry_notice_create(
            actor=world.office,
            round_id=world.round.pk,
            assignment_ids=ids,
            duty_phone="110",
            cutoff_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    assert not EntryNotice.objects.exists()


def test_a_team_member_cannot_write_a_notice(world):
    with pytest.raises(PermissionDeniedError):
        services.entry_notice_create(
            actor=world.leader_a,
            round_id=world.round.pk,
            assignment_ids=[world.assignment_a.pk],
            duty_phone="110",
        )


def _decoded_codes(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_the_document_prints_each_villages_qr_and_address(world, notice):
    document = document_generate(actor=world.office, kind="entry_notice", subject_id=notice.pk)
    content = document.file.open("rb").read()
    text = docx_text(content)
    url = public_url(notice.targets.get().public_code)
    assert url.endswith(reverse("public:intake", args=[notice.targets.get().public_code]))
    for fact in (url, notice.duty_phone, notice.mailbox, notice.letterbox, "受理截止"):
        assert fact in text
    images = [
        part.blob
        for part in open_docx(io.BytesIO(content)).part.package.parts
        if part.content_type == "image/png"
    ]
    assert [_decoded_codes(blob) for blob in images] == [[url]]


@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice")
def test_the_qr_is_read_from_the_printed_page(world, notice, tmp_path):
    document = document_generate(actor=world.office, kind="entry_notice", subject_id=notice.pk)
    source = tmp_path / "notice.docx"
    source.write_bytes(document.file.open("rb").read())
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", str(tmp_path / "notice.pdf"), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    found = [
        result.text
        for page in sorted(Path(tmp_path).glob("page*.png"))
        for result in zxingcpp.read_barcodes(Image.open(page))
    ]
    assert found == [public_url(notice.targets.get().public_code)]


def test_render_documents_writes_the_notice(world, notice, tmp_path):
    call_command("render_documents", round=world.round.pk, out=tmp_path)
    names = [path.name for path in tmp_path.iterdir()]
    notices = [name for name in names if name.startswith("进驻公告-")]
    assert len(notices) == 1
    assert world.assignment_a.village.name in notices[0]


def test_dates_left_blank_on_an_edit_take_their_defaults(world):
    ids = two_villages(world)
    notice = services.entry_notice_create(
        actor=world.office, round_id=world.round.pk, assignment_ids=ids, duty_phone="110"
    )
    defaults = (notice.period_from, notice.period_until, notice.cutoff_on)
    later = notice.period_until + datetime.timedelta(days=5)
    services.entry_notice_update(actor=world.office, notice_id=notice.pk, data={"cutoff_on": later})
    services.entry_notice_update(
        actor=world.office,
        notice_id=notice.pk,
        data={"period_from": None, "period_until": None, "cutoff_on": None},
    )
    notice.refresh_from_db()
    assert (notice.period_from, notice.period_until, notice.cutoff_on) == defaults
