"""码上巡 on a villager's phone (375×812), from the 进驻公告's QR code, in the browser.

The office puts a village on site and writes its notice (through the services, as on its
screens); the test prints the notice, decodes its QR code as a phone camera would, opens
that address with no account, and sends an anonymous report with a photo: the thank-you
page shows, and the team's petition list holds the report, channel 码上巡, with no name.
"""

import datetime
import io

import pytest
import zxingcpp
from django.utils import timezone
from docx import Document as open_docx
from PIL import Image
from playwright.sync_api import expect

from demo.county.evidence import png_bytes
from inspection.choices import VillageKind
from inspection.documents.services import document_generate
from inspection.models import RecusalDeclaration, User, Village
from rounds.choices import PetitionChannel, RoundMode, TeamRole
from rounds.models import Petition
from rounds.services import (
    assignment_create,
    entry_notice_create,
    round_create,
    round_go_on_site,
    round_prepare,
    team_create,
    team_member_add,
)
from tests.browser.conftest import PHONE_SCREEN
from tests.rounds.helpers import approve_work_plan


@pytest.fixture(scope="module")
def notice(site, django_db_blocker):
    """A village of a town no round has visited, on site today, and its 进驻公告."""
    with django_db_blocker.unblock():
        office = User.objects.get(username="office")
        leader = User.objects.get(username="leader")
        tied = RecusalDeclaration.objects.filter(user=leader)
        village = (
            Village.objects.filter(is_active=True, kind=VillageKind.VILLAGE)
            .exclude(town__assignments__isnull=False)
            .exclude(town__in=tied.values("town"))
            .order_by("-town__code", "code")
            .first()
        )
        today = timezone.localdate()
        inspection_round = round_create(
            actor=office, title="县委第五轮巡察（常规巡察）", mode=RoundMode.REGULAR
        )
        team = team_create(actor=office, round_id=inspection_round.pk)
        team_member_add(actor=office, team_id=team.pk, user_id=leader.pk, role=TeamRole.LEADER)
        assignment = assignment_create(
            actor=office,
            round_id=inspection_round.pk,
            village_id=village.pk,
            team_id=team.pk,
            on_site_from=today,
            on_site_until=today + datetime.timedelta(days=7),
        )
        round_prepare(actor=office, round_id=inspection_round.pk)
        approve_work_plan(inspection_round, office=office)
        round_go_on_site(actor=office, round_id=inspection_round.pk)
        return entry_notice_create(
            actor=office,
            round_id=inspection_round.pk,
            assignment_ids=[assignment.pk],
            duty_phone="0519-86001234",
        )


def qr_of_the_printed_notice(notice) -> str:
    """The address the notice's QR code holds, decoded from the .docx's picture."""
    office = User.objects.get(username="office")
    document = document_generate(actor=office, kind="entry_notice", subject_id=notice.pk)
    package = open_docx(io.BytesIO(document.file.open("rb").read())).part.package
    pictures = [part.blob for part in package.parts if part.content_type == "image/png"]
    assert len(pictures) == 1
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(pictures[0])))
    return found.text


def test_a_villager_reports_anonymously_with_a_photo_from_the_qr_code(
    browse, snap, notice, site, settings, tmp_path
):
    settings.INSPECTION_PUBLIC_BASE_URL = site
    settings.MEDIA_ROOT = tmp_path / "media"
    address = qr_of_the_printed_notice(notice)
    assert address.startswith(site) and address.endswith(f"/{notice.targets.get().public_code}/")

    page = browse(None, screen=PHONE_SCREEN)
    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_contain_text("码上巡")
    expect(page.get_by_label("匿名反映")).to_be_checked()
    expect(page.get_by_label("姓名（实名反映时填写）")).to_be_hidden()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_SCREEN["width"], f"the form scrolls sideways ({width}px)"
    snap(page, "public-intake-form")

    page.get_by_label("反映的问题").fill("村里修路的补助款去向不明，希望巡察组核实。")
    photo = tmp_path / "现场.png"
    photo.write_bytes(png_bytes("public-intake"))
    page.get_by_label("照片（可不传）").set_input_files(str(photo))
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("提交成功")
    expect(page.locator("body")).not_to_contain_text("村里修路")
    snap(page, "public-intake-thanks")

    petition = Petition.objects.get(assignment__entry_notices=notice)
    assert petition.channel == PetitionChannel.ONLINE
    assert petition.is_anonymous
    assert (petition.reporter_name, petition.reporter_contact) == ("", "")
    assert petition.photos.count() == 1

    team = browse("leader", screen=PHONE_SCREEN)
    team.goto(f"/team/assignments/{petition.assignment_id}/")
    petitions = team.locator("li", has_text="村里修路的补助款")
    expect(petitions).to_contain_text("码上巡")
    expect(petitions).to_contain_text("匿名")
