"""函调 / 巡前通报 (rounds.services.requests): drafting to a body about the round's
villages, sending (number, dates), filing replies tagged to villages, the derived 逾期,
and who reads the replies."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from inspection.errors import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from inspection.permissions import visible
from rounds.choices import RoundStatus
from rounds.models import DataRequest, DataRequestReply, RequestBody
from rounds.request_choices import DataRequestStatus
from rounds.request_selectors import data_request_replies_for_village, round_data_requests
from rounds.services.requests import (
    data_request_create,
    data_request_reply_record,
    data_request_send,
    data_request_update,
)
from tests import factories as f
from tests.rounds.helpers import set_round_status
from tests.rounds.requests_kit import body, media_root, replied, reply_pdf, sent_request  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def test_the_seven_usual_bodies_are_shipped():
    f.usual_request_body()  # the migration seeds them; a flush by another test removes them
    names = list(RequestBody.objects.filter(is_active=True).values_list("name", flat=True))
    assert names == [
        "县纪委监委",
        "县委组织部",
        "县信访局",
        "县审计局",
        "县农业农村局",
        "县民政局",
        "县公检法机关",
    ]
    assert all(RequestBody.objects.values_list("default_request", flat=True))


def test_a_request_asks_about_every_village_of_the_round_by_default(world):
    request = data_request_create(actor=world.office, round_id=world.round.pk, body_id=body().pk)
    assert request.status == DataRequestStatus.DRAFT
    assert request.number == ""
    assert set(request.villages.all()) == {world.assignment_a.village, world.assignment_b.village}
    assert request.asked == body().default_request
    assert request.history.get().history_user == world.office


def test_a_request_may_ask_about_some_villages_only_of_this_round(world):
    request = data_request_create(
        actor=world.office,
        round_id=world.round.pk,
        body_id=body().pk,
        village_ids=[world.assignment_a.village_id],
        asked="请提供该村低保审批情况。",
    )
    assert list(request.villages.all()) == [world.assignment_a.village]
    assert request.asked == "请提供该村低保审批情况。"
    elsewhere = f.VillageFactory(town=world.town_a)
    with pytest.raises(ApplicationError, match="须是本轮次的巡察对象"):
        data_request_create(
            actor=world.office,
            round_id=world.round.pk,
            body_id=body("县审计局").pk,
            village_ids=[elsewhere.pk],
        )
    with pytest.raises(ApplicationError, match="所选村"):
        data_request_create(
            actor=world.office,
            round_id=world.round.pk,
            body_id=body("县审计局").pk,
            village_ids=["甲一村"],
        )


def test_one_request_per_body_and_round_and_only_to_an_active_body(world):
    data_request_create(actor=world.office, round_id=world.round.pk, body_id=body().pk)
    with pytest.raises(ApplicationError, match="已向县信访局函调"):
        data_request_create(actor=world.office, round_id=world.round.pk, body_id=body().pk)
    retired = body("县档案局", kind="other", is_active=False)
    with pytest.raises(ApplicationError, match="启用的函调单位"):
        data_request_create(actor=world.office, round_id=world.round.pk, body_id=retired.pk)
    with pytest.raises(ApplicationError, match="所选函调单位无效"):
        data_request_create(actor=world.office, round_id=world.round.pk, body_id="x")


def test_a_round_without_villages_has_nothing_to_ask():
    office = f.UserFactory(role="office_staff")
    empty = f.InspectionRoundFactory(status=RoundStatus.PLANNING)
    with pytest.raises(ApplicationError, match="尚未安排巡察村"):
        data_request_create(actor=office, round_id=empty.pk, body_id=body().pk)
    assert not DataRequest.objects.exists()


def test_a_draft_is_corrected_before_it_is_sent_and_not_after(world):
    request = data_request_create(actor=world.office, round_id=world.round.pk, body_id=body().pk)
    with pytest.raises(ApplicationError, match="至少一个"):
        data_request_update(actor=world.office, request_id=request.pk, village_ids=[], asked="x")
    with pytest.raises(ApplicationError, match="须是本轮次的巡察对象"):
        data_request_update(
            actor=world.office,
            request_id=request.pk,
            village_ids=[f.VillageFactory(town=world.town_a).pk],
            asked="x",
        )
    corrected = data_request_update(
        actor=world.office,
        request_id=request.pk,
        village_ids=[world.assignment_b.village_id],
        asked="  请提供该村土地承包纠纷情况。 ",
        note="只问乙一村",
    )
    assert list(corrected.villages.all()) == [world.assignment_b.village]
    assert corrected.asked == "请提供该村土地承包纠纷情况。"
    assert corrected.history.latest().history_change_reason == "只问乙一村"
    data_request_send(actor=world.office, request_id=request.pk)
    with pytest.raises(ConflictError, match="修改函调"):
        data_request_update(
            actor=world.office,
            request_id=request.pk,
            village_ids=[world.assignment_a.village_id],
            asked="改",
        )


def test_sending_numbers_the_letter_and_sets_the_due_date_from_the_body(world):
    bureau = body()
    bureau.reply_days = 5
    bureau.save()
    today = timezone.localdate()
    first = sent_request(world, to=bureau)
    second = sent_request(world, to=body("县审计局"))
    assert first.status == DataRequestStatus.SENT
    assert (first.sent_on, first.due_on) == (today, today + datetime.timedelta(days=5))
    assert first.number == f"巡察函〔{today.year}〕1号"
    assert second.number == f"巡察函〔{today.year}〕2号"
    assert second.due_on == today + datetime.timedelta(days=7)  # the seeded default
    assert first.history.count() == 2
    with pytest.raises(ConflictError):
        data_request_send(actor=world.office, request_id=first.pk)


def test_the_office_may_date_the_letter_and_its_due_date_but_not_due_before_sent(world):
    request = data_request_create(actor=world.office, round_id=world.round.pk, body_id=body().pk)
    today = timezone.localdate()
    with pytest.raises(ApplicationError, match="回复时限不能早于发函日期"):
        data_request_send(
            actor=world.office,
            request_id=request.pk,
            sent_on=today,
            due_on=today - datetime.timedelta(days=1),
        )
    with pytest.raises(ApplicationError, match="发函日期不能晚于今天"):
        data_request_send(
            actor=world.office, request_id=request.pk, sent_on=today + datetime.timedelta(days=1)
        )
    request.refresh_from_db()
    assert request.status == DataRequestStatus.DRAFT and request.sequence is None
    sent = data_request_send(
        actor=world.office,
        request_id=request.pk,
        sent_on=today - datetime.timedelta(days=3),
        due_on=today + datetime.timedelta(days=10),
    )
    assert sent.due_on == today + datetime.timedelta(days=10)


@pytest.mark.parametrize("status", [RoundStatus.REPORTING, RoundStatus.CLOSED])
def test_requests_are_handled_only_until_the_teams_leave(world, status):
    request = sent_request(world)
    set_round_status(world, status)
    with pytest.raises(ConflictError, match="办理函调"):
        data_request_create(
            actor=world.office, round_id=world.round.pk, body_id=body("县审计局").pk
        )
    with pytest.raises(ConflictError, match="办理函调"):
        replied(world, request, world.assignment_a.village)


def test_a_reply_is_filed_with_its_villages_among_those_asked_about(world):
    request = sent_request(world, village_ids=[world.assignment_a.village_id])
    with pytest.raises(ApplicationError, match="须是本函调所问的村"):
        replied(world, request, world.assignment_b.village)
    with pytest.raises(ApplicationError, match="至少一个"):
        replied(world, request)
    with pytest.raises(ApplicationError, match="回复摘要"):
        replied(world, request, world.assignment_a.village, summary="  ")
    with pytest.raises(ApplicationError, match="不是可接受的文件类型"):
        data_request_reply_record(
            actor=world.office,
            request_id=request.pk,
            file=reply_pdf("回复.exe"),
            summary="无。",
            village_ids=[world.assignment_a.village_id],
        )
    assert not DataRequestReply.objects.exists()
    reply = replied(world, request, world.assignment_a.village)
    request.refresh_from_db()
    assert request.status == DataRequestStatus.REPLIED
    assert list(reply.villages.all()) == [world.assignment_a.village]
    assert reply.original_name == "信访局回复.pdf" and reply.file.name.endswith(".pdf")
    assert reply.history.get().history_user == world.office
    again = replied(world, request, world.assignment_a.village, summary="补充：低保一户。")
    assert request.replies.count() == 2 and again.pk != reply.pk


def test_a_reply_comes_after_the_letter_and_not_to_a_draft(world):
    draft = data_request_create(actor=world.office, round_id=world.round.pk, body_id=body().pk)
    with pytest.raises(ConflictError):
        replied(world, draft, world.assignment_a.village)
    sent = data_request_send(actor=world.office, request_id=draft.pk)
    with pytest.raises(ApplicationError, match="收到日期不能早于发函日期"):
        data_request_reply_record(
            actor=world.office,
            request_id=sent.pk,
            file=reply_pdf(),
            summary="无。",
            village_ids=[world.assignment_a.village_id],
            received_on=sent.sent_on - datetime.timedelta(days=1),
        )


def test_overdue_is_derived_from_the_due_date_and_the_replies(world):
    late = sent_request(world)
    answered = sent_request(world, to=body("县审计局"))
    replied(world, answered, world.assignment_a.village)
    draft = data_request_create(
        actor=world.office, round_id=world.round.pk, body_id=body("县民政局").pk
    )
    rows = {r.pk: r.overdue for r in round_data_requests(world.office, world.round)}
    assert rows == {late.pk: False, answered.pk: False, draft.pk: False}
    with time_machine.travel(late.due_on + datetime.timedelta(days=1), tick=False):
        rows = {r.pk: r.overdue for r in round_data_requests(world.office, world.round)}
        assert rows == {late.pk: True, answered.pk: False, draft.pk: False}
        assert list(DataRequest.objects.overdue()) == [late]
        late.refresh_from_db()
        assert late.is_overdue() and late.status == DataRequestStatus.SENT


@pytest.mark.parametrize(
    "persona", ["leader_a", "member_a", "leader_b", "officer_a", "leadership", "liaison"]
)
def test_only_the_office_drafts_sends_and_files(world, persona):
    actor = world.users[persona]
    with pytest.raises((PermissionDeniedError, NotFoundError)):
        data_request_create(actor=actor, round_id=world.round.pk, body_id=body().pk)
    request = sent_request(world)
    with pytest.raises((PermissionDeniedError, NotFoundError)):
        data_request_reply_record(
            actor=actor,
            request_id=request.pk,
            file=reply_pdf(),
            summary="无。",
            village_ids=[world.assignment_a.village_id],
        )


# ------------------------------------------------------------------------- who reads


def test_replies_are_read_by_the_office_leadership_and_the_tagged_villages_team(world):
    request = sent_request(world)
    about_a = replied(world, request, world.assignment_a.village)
    about_both = replied(
        world, request, world.assignment_a.village, world.assignment_b.village, summary="两村"
    )
    village_a, village_b = world.assignment_a.village, world.assignment_b.village
    for persona in ("office", "lead", "leadership"):
        actor = world.users[persona]
        assert set(visible(DataRequestReply, actor)) == {about_a, about_both}
        assert list(data_request_replies_for_village(actor, village_b)) == [about_both]
    for persona in ("leader_a", "member_a"):
        actor = world.users[persona]
        assert set(visible(DataRequestReply, actor)) == {about_a, about_both}
    # Team B inspects 乙一村 only: it reads the reply naming its village, not the other.
    assert list(visible(DataRequestReply, world.leader_b)) == [about_both]
    assert list(data_request_replies_for_village(world.leader_b, village_a)) == [about_both]
    for persona in ("officer_a", "officer_b", "liaison", "reviewer_a", "supervisor_a", "stats"):
        assert not visible(DataRequestReply, world.users[persona]).exists()
        assert not data_request_replies_for_village(world.users[persona], village_a).exists()


def test_a_team_of_another_round_reads_no_reply_of_its_village(world):
    request = sent_request(world)
    reply = replied(world, request, world.assignment_a.village)
    later = f.InspectionRoundFactory(status=RoundStatus.PLANNING)
    team = f.TeamFactory(round=later, number=1)
    stranger = f.UserFactory(role="inspector")
    f.TeamMemberFactory(team=team, user=stranger, role="leader")
    f.AssignmentFactory(
        round=later, team=team, village=world.assignment_a.village, town=world.town_a
    )
    assert not visible(DataRequestReply, stranger).exists()
    assert list(visible(DataRequestReply, world.member_a)) == [reply]


def test_the_round_list_counts_only_the_replies_the_team_reads(world):
    request = sent_request(world)
    replied(world, request, world.assignment_a.village)
    rows_b = list(round_data_requests(world.leader_b, world.round))
    assert [row.pk for row in rows_b] == [request.pk]  # it asks about 乙一村 too
    assert rows_b[0].has_replies is False
    rows_a = list(round_data_requests(world.leader_a, world.round))
    assert rows_a[0].has_replies is True
