"""The 函调 screens of the office (rounds/views/requests.py), the team's village page with
the replies about its village, and the brief editor (rounds/views/briefs.py); each seen as
an attacker would try it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspection.models import AccessLog
from rounds.models import AssignmentBrief, DataRequest, DataRequestReply
from rounds.request_choices import BriefKind, DataRequestStatus
from rounds.services.briefs import assignment_brief_draft
from tests.rounds.requests_kit import body, media_root, replied, reply_pdf, sent_request  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# ---------------------------------------------------------------- the office's screens


def test_the_office_drafts_sends_and_files_a_reply_through_the_screens(world, as_user):
    body()  # the bodies the migration ships (seeded again after another test's flush)
    client = as_user(world.office)
    url = reverse("rounds:round_requests", args=[world.round.pk])
    page = client.get(url)
    assert page.status_code == 200 and "县信访局" in page.content.decode()
    response = client.post(
        url,
        {"body": body().pk, "villages": [world.assignment_a.village_id], "asked": ""},
    )
    request = DataRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rounds:data_request_detail", args=[request.pk])
    assert list(request.villages.all()) == [world.assignment_a.village]
    assert request.asked == body().default_request
    assert "修改拟稿" in client.get(response["Location"]).content.decode()
    response = client.post(
        reverse("rounds:data_request_edit", args=[request.pk]),
        {"villages": [world.assignment_a.village_id, world.assignment_b.village_id], "asked": ""},
    )
    assert response.status_code == 200 and response.context["edit_form"].errors["asked"]
    client.post(
        reverse("rounds:data_request_edit", args=[request.pk]),
        {"villages": [world.assignment_b.village_id], "asked": "请提供低保审批情况。"},
    )
    request.refresh_from_db()
    assert list(request.villages.all()) == [world.assignment_b.village]
    assert request.asked == "请提供低保审批情况。"
    today = timezone.localdate()
    client.post(
        reverse("rounds:data_request_send", args=[request.pk]),
        {"sent_on": f"{today:%Y-%m-%d}", "due_on": ""},
    )
    request.refresh_from_db()
    assert (
        request.status == DataRequestStatus.SENT
        and request.due_on == today + datetime.timedelta(days=7)
    )
    response = client.post(
        reverse("rounds:data_request_reply", args=[request.pk]),
        {
            "file": reply_pdf(),
            "received_on": f"{today:%Y-%m-%d}",
            "summary": "信访3件。",
            "villages": [world.assignment_b.village_id],
        },
    )
    assert response.status_code == 302
    assert DataRequestReply.objects.get().summary == "信访3件。"
    page = client.get(reverse("rounds:data_request_detail", args=[request.pk])).content.decode()
    assert "信访3件。" in page and request.number in page and "信访局回复.pdf" in page


def test_a_reply_tagged_to_a_village_not_asked_about_is_refused_on_the_form(world, as_user):
    request = sent_request(world, village_ids=[world.assignment_a.village_id])
    client = as_user(world.office)
    response = client.post(
        reverse("rounds:data_request_reply", args=[request.pk]),
        {
            "file": reply_pdf(),
            "received_on": f"{timezone.localdate():%Y-%m-%d}",
            "summary": "乙村的情况。",
            "villages": [world.assignment_b.village_id],
        },
    )
    assert response.status_code == 200
    assert response.context["reply_form"].errors["villages"]
    assert not DataRequestReply.objects.exists()


def test_an_overdue_request_is_shown_as_such(world, as_user):
    request = sent_request(world)
    DataRequest.objects.filter(pk=request.pk).update(
        sent_on=timezone.localdate() - datetime.timedelta(days=10),
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    page = as_user(world.office).get(reverse("rounds:round_requests", args=[world.round.pk]))
    text = page.content.decode()
    assert "逾期" in text and "1 份函调已过回复时限仍未回复" in text


def test_the_bodies_list_shows_the_county_data(world, as_user):
    body()
    page = as_user(world.office).get(reverse("rounds:request_bodies")).content.decode()
    assert "县公检法机关" in page and "近三年涉及该村的信访事项" in page


@pytest.mark.parametrize("persona", ["leader_a", "member_a", "officer_a", "liaison", "stats"])
def test_the_office_screens_are_not_for_other_roles(world, as_user, persona):
    request = sent_request(world)
    client = as_user(world.users[persona])
    for url in (
        reverse("rounds:round_requests", args=[world.round.pk]),
        reverse("rounds:data_request_detail", args=[request.pk]),
        reverse("rounds:request_bodies"),
    ):
        assert client.get(url).status_code == 403
    response = client.post(
        reverse("rounds:data_request_reply", args=[request.pk]),
        {"summary": "x", "villages": [world.assignment_a.village_id], "file": reply_pdf()},
    )
    assert response.status_code == 403
    assert not DataRequestReply.objects.exists()


def test_leadership_reads_but_is_offered_no_action(world, as_user):
    request = sent_request(world)
    client = as_user(world.leadership)
    page = client.get(reverse("rounds:round_requests", args=[world.round.pk])).content.decode()
    assert "新建函调" not in page
    detail = client.get(reverse("rounds:data_request_detail", args=[request.pk]))
    assert detail.context["reply_form"] is None and detail.context["send_form"] is None


# ------------------------------------------------------------- the team's village page


def test_the_team_reads_the_replies_about_its_village_on_its_page(world, as_user):
    request = sent_request(world)
    replied(world, request, world.assignment_a.village, summary="甲村低保问题")
    replied(world, request, world.assignment_b.village, summary="乙村土地纠纷")
    page = as_user(world.member_a).get(
        reverse("findings:team_assignment", args=[world.assignment_a.pk])
    )
    text = page.content.decode()
    assert "甲村低保问题" in text and "乙村土地纠纷" not in text
    assert AccessLog.objects.filter(user=world.member_a, object_type="rounds.datarequestreply")


def test_another_team_cannot_reach_a_reply_about_a_village_not_its_own(world, client):
    request = sent_request(world)
    reply = replied(world, request, world.assignment_a.village, summary="甲村线索")
    client.force_login(world.leader_b)
    download = reverse("inspection:evidence_download", args=["data-request-reply", reply.pk])
    assert client.get(download).status_code == 404
    page = client.get(reverse("findings:team_assignment", args=[world.assignment_b.pk]))
    assert "甲村线索" not in page.content.decode()
    assert (
        client.get(reverse("findings:team_assignment", args=[world.assignment_a.pk])).status_code
        == 404
    )
    client.force_login(world.member_a)
    assert client.get(download).status_code == 200


# ------------------------------------------------------------------ the brief editor


def test_the_team_drafts_then_edits_the_checklist_on_its_phone(world, as_user):
    client = as_user(world.member_a)
    url = reverse("rounds:assignment_checklist", args=[world.assignment_a.pk])
    assert "起草个性监督清单" in client.get(url).content.decode()
    client.post(reverse("rounds:assignment_checklist_draft", args=[world.assignment_a.pk]))
    brief = AssignmentBrief.objects.get()
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["lines_0"] = "第二条\n第一条\n新增一条"
    data[f"title_{form.count - 1}"] = "组内补充"
    data[f"lines_{form.count - 1}"] = "查阅会议记录。"
    response = client.post(url, data)
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.sections[0]["lines"] == ["第二条", "第一条", "新增一条"]
    assert brief.sections[-1] == {"title": "组内补充", "lines": ["查阅会议记录。"]}


def test_the_office_reads_the_brief_without_an_editor_and_team_b_finds_none(world, as_user):
    brief = assignment_brief_draft(
        actor=world.member_a, assignment_id=world.assignment_a.pk, kind=BriefKind.OUTLINE
    )
    url = reverse("rounds:assignment_outline", args=[world.assignment_a.pk])
    page = as_user(world.office).get(url)
    assert page.status_code == 200 and page.context["form"] is None
    assert brief.sections[0]["lines"][0] in page.content.decode()
    client = as_user(world.leader_b)
    assert client.get(url).status_code == 404
    assert client.post(url, {"title_0": "x", "lines_0": "y"}).status_code == 404
    assert as_user(world.officer_a).get(url).status_code == 403


# ------------------------------------------------------------ on the village profile


def test_the_village_profile_shows_the_replies_to_those_who_read_them(world, as_user):
    request = sent_request(world)
    replied(world, request, world.assignment_a.village, summary="甲村低保问题")
    profile = reverse("rectification:village_profile", args=[world.assignment_a.village_id])
    for persona in ("office", "leadership", "member_a"):
        page = as_user(getattr(world, persona)).get(profile).content.decode()
        assert "函调回复" in page and "甲村低保问题" in page, persona
    logged = AccessLog.objects.filter(
        object_type="rounds.datarequestreply", detail__contains="村情画像"
    )
    assert logged.filter(user=world.office).exists()
    # The village's own contact reads its profile, never what the bodies said about it.
    page = as_user(world.officer_a).get(profile)
    assert page.status_code == 200
    assert "函调回复" not in page.content.decode()
    assert "甲村低保问题" not in page.content.decode()
