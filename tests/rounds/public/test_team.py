"""What the team and the office do with 码上巡: the report is a petition of the village's
team (its photos read only where its reporter is), and the office writes the notice on
its screens."""

import pytest
from django.urls import reverse

from inspection.attachments import evidence_download
from inspection.errors import NotFoundError
from inspection.permissions import visible
from rounds.models import EntryNotice, Petition
from rounds.services.public_intake import petition_receive_public
from tests.rounds.public.conftest import photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(code):
    return petition_receive_public(
        code=code, content="村集体鱼塘承包未公开招标。", is_anonymous=True, photos=[photo()]
    )


def test_the_villages_team_and_the_office_see_the_report_no_one_else(world, sent):
    for persona in ("office", "leader_a", "member_a", "leadership"):
        assert visible(Petition, world.users[persona]).filter(pk=sent.pk).exists(), persona
    for persona in ("leader_b", "officer_a", "liaison", "reviewer_a", "supervisor_a", "stats"):
        assert not visible(Petition, world.users[persona]).filter(pk=sent.pk).exists(), persona


def test_the_team_reads_it_on_its_village_page_as_码上巡(client, world, sent):
    client.force_login(world.leader_a)
    page = client.get(reverse("findings:team_assignment", args=[world.assignment_a.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "码上巡" in text and "鱼塘承包" in text


def test_the_photo_is_read_where_the_reporter_is_and_logged(world, sent):
    photo_row = sent.photos.get()
    download = evidence_download(user=world.leader_a, kind="petition-photo", pk=photo_row.pk)
    assert download.obj == photo_row
    for persona in ("leadership", "leader_b", "officer_a"):
        with pytest.raises(NotFoundError):
            evidence_download(user=world.users[persona], kind="petition-photo", pk=photo_row.pk)


def test_the_office_writes_a_notice_on_the_rounds_page(client, world):
    client.force_login(world.office)
    round_page = client.get(reverse("rounds:round_detail", args=[world.round.pk]))
    assert "编写进驻公告" in round_page.content.decode()
    response = client.post(
        reverse("rounds:notice_create", args=[world.round.pk]),
        {
            "assignments": [world.assignment_a.pk],
            "duty_phone": "0519-86001234",
            "mailbox": "xcz1@example.gov.cn",
            "letterbox": "村党群服务中心门口",
            "accepted_scope": "主要受理反映村党组织领导班子及其成员的问题。",
            "period_from": "2026-12-01",
            "period_until": "2026-12-10",
            "cutoff_on": "2026-12-08",
        },
    )
    notice = EntryNotice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rounds:notice_detail", args=[notice.pk])
    page = client.get(response["Location"]).content.decode()
    assert notice.targets.get().public_code in page
    assert "生成进驻公告" in page


def test_a_cut_off_before_the_start_is_named_on_the_form(client, world):
    client.force_login(world.office)
    response = client.post(
        reverse("rounds:notice_create", args=[world.round.pk]),
        {
            "assignments": [world.assignment_a.pk],
            "duty_phone": "110",
            "accepted_scope": "受理范围",
            "period_from": "2026-12-01",
            "period_until": "2026-12-10",
            "cutoff_on": "2026-11-30",
        },
    )
    assert response.status_code == 200
    assert "受理截止日期不能早于巡察起始日期" in response.content.decode()
    assert not EntryNotice.objects.exists()


def test_the_team_cannot_write_a_notice(client, world):
    client.force_login(world.leader_a)
    assert client.get(reverse("rounds:notice_create", args=[world.round.pk])).status_code == 403
