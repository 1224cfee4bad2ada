"""On-site work: interviews, activities and petitions."""

import datetime

import pytest
from django.utils import timezone

from inspection.errors import ApplicationError, ConflictError, PermissionDeniedError
from rounds import services
from rounds.choices import ActivityKind, IntervieweeCategory, PetitionChannel, RoundStatus
from rounds.models import Activity, Interview, Petition
from rounds.services.onsite import ACTIVITY_WINDOW, INTERVIEW_WINDOW, PETITION_WINDOW
from tests import factories as f
from tests.rounds.helpers import assert_one_new_history_row, field_of, set_round_status

pytestmark = pytest.mark.django_db

VETERAN = IntervieweeCategory.VETERAN_PARTY_MEMBER


def other_statuses(allowed):
    return [status for status in RoundStatus if status not in allowed]


@pytest.fixture
def on_site(world):
    set_round_status(world, RoundStatus.ON_SITE)
    return world


# ------------------------------------------------------------------------ interviews


def test_interview_record_by_a_team_member(on_site):
    world = on_site
    interview = services.interview_record(
        actor=world.member_a,
        assignment_id=world.assignment_a.pk,
        interviewee_category=VETERAN,
        interviewee_name=" 王建国 ",
        interviewee_post="退休村支书",
        place="村委会",
        outline="集体资产出租情况",
        record="反映鱼塘承包未公开招标。",
        problems_raised="鱼塘承包",
        interviewer_ids=[world.member_a.pk, world.leader_a.pk],
    )
    interview.refresh_from_db()
    assert interview.assignment == world.assignment_a
    assert (interview.interviewee_name, interview.recorded_by) == ("王建国", world.member_a)
    assert set(interview.interviewers.all()) == {world.member_a, world.leader_a}
    assert interview.recorder == world.member_a  # the one who typed it, by default
    assert timezone.now() - interview.held_at < datetime.timedelta(minutes=1)


def test_interview_record_with_several_interviewers_at_an_earlier_time(on_site):
    world = on_site
    held_at = timezone.now() - datetime.timedelta(hours=3)
    interview = services.interview_record(
        actor=world.leader_a,
        assignment_id=world.assignment_a.pk,
        interviewee_category=IntervieweeCategory.ENTREPRENEUR,
        interviewee_name="陈老板",
        held_at=held_at,
        interviewer_ids=[world.leader_a.pk, world.member_a.pk],
    )
    assert interview.held_at == held_at
    assert set(interview.interviewers.all()) == {world.leader_a, world.member_a}


@pytest.mark.parametrize("interviewers", [[], ["leader_a"]], ids=["none", "one"])
def test_an_interview_takes_two_interviewers(on_site, interviewers):
    with pytest.raises(ApplicationError) as error:
        services.interview_record(
            actor=on_site.leader_a,
            assignment_id=on_site.assignment_a.pk,
            interviewee_category=VETERAN,
            interviewee_name="王建国",
            interviewer_ids=[getattr(on_site, name).pk for name in interviewers],
        )
    assert field_of(error) == {"interviewers"}
    assert "至少两名谈话人" in str(error.value)
    assert not Interview.objects.exists()


def test_the_recorder_is_a_member_of_the_team(on_site):
    world = on_site
    pair = [world.leader_a.pk, world.member_a.pk]
    with pytest.raises(ApplicationError) as error:
        services.interview_record(
            actor=world.leader_a,
            assignment_id=world.assignment_a.pk,
            interviewee_category=VETERAN,
            interviewee_name="王建国",
            interviewer_ids=pair,
            recorder_id=world.leader_b.pk,
        )
    assert field_of(error) == {"recorder"}
    interview = services.interview_record(
        actor=world.leader_a,
        assignment_id=world.assignment_a.pk,
        interviewee_category=VETERAN,
        interviewee_name="王建国",
        interviewer_ids=pair,
        recorder_id=world.member_a.pk,
    )
    assert (interview.recorder, interview.recorded_by) == (world.member_a, world.leader_a)


def test_interviewers_are_on_the_team(on_site):
    world = on_site
    with pytest.raises(ApplicationError) as error:
        services.interview_record(
            actor=world.leader_a,
            assignment_id=world.assignment_a.pk,
            interviewee_category=VETERAN,
            interviewee_name="王建国",
            interviewer_ids=[world.leader_a.pk, world.leader_b.pk],
        )
    assert field_of(error) == {"interviewers"}
    assert "第一巡察组" in str(error.value)
    assert not Interview.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"interviewee_category": "stranger"}, "interviewee_category"),
        ({"interviewee_name": "  "}, "interviewee_name"),
        ({"interviewee_name": "名" * 51}, "interviewee_name"),
        ({"held_at": timezone.now() + datetime.timedelta(hours=1)}, "held_at"),
    ],
    ids=["category", "name", "name-too-long", "future"],
)
def test_interview_record_refuses_missing_inputs(on_site, values, field):
    values = {"interviewee_category": VETERAN, "interviewee_name": "王建国"} | values
    values = {"interviewer_ids": [on_site.leader_a.pk, on_site.member_a.pk]} | values
    with pytest.raises(ApplicationError) as error:
        services.interview_record(
            actor=on_site.member_a, assignment_id=on_site.assignment_a.pk, **values
        )
    assert field_of(error) == {field}


def test_interviews_are_recorded_while_writing_the_report(on_site):
    set_round_status(on_site, RoundStatus.REPORTING)
    services.interview_record(
        actor=on_site.member_a,
        assignment_id=on_site.assignment_a.pk,
        interviewee_category=VETERAN,
        interviewee_name="王建国",
        interviewer_ids=[on_site.leader_a.pk, on_site.member_a.pk],
    )


@pytest.mark.parametrize("status", other_statuses(INTERVIEW_WINDOW.statuses))
def test_interviews_are_recorded_on_site_only(world, status):
    set_round_status(world, status)
    with pytest.raises(ConflictError):
        services.interview_record(
            actor=world.member_a,
            assignment_id=world.assignment_a.pk,
            interviewee_category=VETERAN,
            interviewee_name="王建国",
            interviewer_ids=[world.leader_a.pk, world.member_a.pk],
        )


def test_an_assignment_without_a_team_takes_no_interviews(on_site):
    unteamed = f.AssignmentFactory(round=on_site.round, team=None, village__town=on_site.town_a)
    with pytest.raises(PermissionDeniedError):
        services.interview_record(
            actor=on_site.office,
            assignment_id=unteamed.pk,
            interviewee_category=VETERAN,
            interviewee_name="王建国",
            interviewer_ids=[on_site.leader_a.pk, on_site.member_a.pk],
        )


# ------------------------------------------------------------------------ activities


@pytest.mark.parametrize(
    "values",
    [
        {"kind": ActivityKind.SYMPOSIUM, "people_reached": 14, "topic": "党员代表座谈"},
        {"kind": ActivityKind.POOR_HOUSEHOLD_VISIT, "households": 30, "people_reached": 52},
        {"kind": ActivityKind.NIGHT_VISIT, "households": 6},
        {"kind": ActivityKind.NIGHT_VISIT},
        {
            "kind": ActivityKind.QUESTIONNAIRE,
            "questionnaires_distributed": 240,
            "questionnaires_returned": 236,
        },
    ],
    ids=["symposium", "poor-households", "night-visit", "night-visit-no-count", "questionnaire"],
)
def test_activity_record(on_site, values):
    activity = services.activity_record(
        actor=on_site.leader_a, assignment_id=on_site.assignment_a.pk, note="情况良好", **values
    )
    activity.refresh_from_db()
    assert activity.recorded_by == on_site.leader_a
    assert activity.held_on == timezone.localdate()
    assert activity.note == "情况良好"
    for name, value in values.items():
        assert getattr(activity, name) == value


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "picnic"}, "kind"),
        ({"people_reached": -1}, "people_reached"),
        ({"people_reached": "12"}, "people_reached"),
        ({"held_on": timezone.localdate() + datetime.timedelta(days=7)}, "held_on"),
        ({"questionnaires_distributed": 10}, "questionnaires_distributed"),
        ({"households": 3}, "households"),
        ({"kind": ActivityKind.HOUSEHOLD_VISIT}, "households"),
        ({"kind": ActivityKind.QUESTIONNAIRE}, "questionnaires_distributed"),
        (
            {
                "kind": ActivityKind.QUESTIONNAIRE,
                "questionnaires_distributed": 100,
                "questionnaires_returned": 101,
            },
            "questionnaires_returned",
        ),
        ({"topic": "题" * 201}, "topic"),
    ],
    ids=[
        "kind",
        "negative",
        "not-a-number",
        "future",
        "questionnaires-at-a-symposium",
        "households-at-a-symposium",
        "visit-without-households",
        "empty-batch",
        "more-returned",
        "topic-too-long",
    ],
)
def test_activity_record_refuses_invalid_inputs(on_site, values, field):
    values = {"kind": ActivityKind.SYMPOSIUM} | values
    with pytest.raises(ApplicationError) as error:
        services.activity_record(
            actor=on_site.member_a, assignment_id=on_site.assignment_a.pk, **values
        )
    assert field_of(error) == {field}
    assert not Activity.objects.exists()


@pytest.mark.parametrize("status", other_statuses(ACTIVITY_WINDOW.statuses))
def test_activities_are_recorded_on_site_only(world, status):
    set_round_status(world, status)
    with pytest.raises(ConflictError):
        services.activity_record(
            actor=world.member_a, assignment_id=world.assignment_a.pk, kind=ActivityKind.RESEARCH
        )


# ------------------------------------------------------------------------- petitions


def test_petition_record_anonymous(on_site):
    petition = services.petition_record(
        actor=on_site.member_a,
        round_id=on_site.round.pk,
        channel=PetitionChannel.MAILBOX,
        content=" 反映村里低保评定不公开。 ",
        is_anonymous=True,
        note="举报邮箱收到",
    )
    petition.refresh_from_db()
    assert (petition.round, petition.assignment, petition.is_anonymous) == (
        on_site.round,
        None,
        True,
    )
    assert petition.content == "反映村里低保评定不公开。"
    assert petition.recorded_by == on_site.member_a
    assert_one_new_history_row(petition, before=0, actor=on_site.member_a, note="举报邮箱收到")


def test_petition_record_with_a_reporter_at_an_assignment(on_site):
    received_at = timezone.now() - datetime.timedelta(days=1)
    petition = services.petition_record(
        actor=on_site.leader_a,
        round_id=on_site.round.pk,
        assignment_id=on_site.assignment_a.pk,
        channel=PetitionChannel.VISIT,
        content="反映鱼塘承包问题。",
        received_at=received_at,
        reporter_name="李秀英",
        reporter_contact="13800000000",
    )
    assert (petition.assignment, petition.reporter_name) == (on_site.assignment_a, "李秀英")
    assert petition.received_at == received_at


def test_the_office_records_petitions_of_any_assignment(on_site):
    petition = services.petition_record(
        actor=on_site.office,
        round_id=on_site.round.pk,
        assignment_id=on_site.assignment_b.pk,
        channel=PetitionChannel.LETTER,
        content="反映问题。",
        is_anonymous=True,
    )
    assert petition.assignment == on_site.assignment_b


def test_an_inspector_ties_petitions_to_their_own_team_s_assignments_only(on_site):
    other_round = f.AssignmentFactory()
    for assignment in (on_site.assignment_a, other_round):
        with pytest.raises(ApplicationError) as error:
            services.petition_record(
                actor=on_site.leader_b,
                round_id=on_site.round.pk,
                assignment_id=assignment.pk,
                channel=PetitionChannel.LETTER,
                content="反映问题。",
                is_anonymous=True,
            )
        assert field_of(error) == {"assignment"}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"channel": "pigeon"}, "channel"),
        ({"content": " "}, "content"),
        ({"received_at": timezone.now() + datetime.timedelta(hours=2)}, "received_at"),
        ({"reporter_name": ""}, "reporter_name"),
        ({"is_anonymous": True}, "reporter_name"),
        ({"is_anonymous": True, "reporter_name": "", "reporter_contact": "138"}, "reporter_name"),
        ({"reporter_contact": "1" * 101}, "reporter_contact"),
    ],
    ids=[
        "channel",
        "content",
        "future",
        "no-reporter",
        "anonymous-with-name",
        "anonymous-with-contact",
        "contact-too-long",
    ],
)
def test_petition_record_refuses_missing_inputs(on_site, values, field):
    values = {
        "channel": PetitionChannel.PHONE,
        "content": "反映问题。",
        "reporter_name": "李秀英",
    } | values
    with pytest.raises(ApplicationError) as error:
        services.petition_record(actor=on_site.office, round_id=on_site.round.pk, **values)
    assert field_of(error) == {field}
    assert not Petition.objects.exists()


@pytest.mark.parametrize("status", PETITION_WINDOW.statuses)
def test_petitions_are_received_until_the_round_closes(world, status):
    set_round_status(world, status)
    services.petition_record(
        actor=world.office,
        round_id=world.round.pk,
        channel=PetitionChannel.LETTER,
        content="反映问题。",
        is_anonymous=True,
    )


@pytest.mark.parametrize("status", other_statuses(PETITION_WINDOW.statuses))
def test_a_closed_round_receives_no_petitions(world, status):
    set_round_status(world, status)
    with pytest.raises(ConflictError):
        services.petition_record(
            actor=world.office,
            round_id=world.round.pk,
            channel=PetitionChannel.LETTER,
            content="反映问题。",
            is_anonymous=True,
        )
