"""Interviewee names and petition reporters: who reads them, masked for whom, each read logged."""

import pytest
from django.test import RequestFactory

from inspection.errors import NotFoundError
from inspection.models import AccessLog
from rounds.selectors import (
    interview_get_for_user,
    interviewee_name_for,
    petition_get_for_user,
    reporter_for,
)
from tests import factories as f
from tests.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

READ_NAMES = {"office", "lead", "leader_a", "member_a"}
READ_MASKED = {"leadership"}


def request_from(address):
    return RequestFactory().get("/", REMOTE_ADDR=address)


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_interview_read_by_each_persona(persona):
    world = build_world()
    interview = f.InterviewFactory(assignment=world.assignment_a, interviewee_name="王建国")
    user = world.users[persona]
    if persona in READ_NAMES | READ_MASKED:
        read = interview_get_for_user(
            user=user, interview_id=interview.pk, request=request_from("10.0.0.7")
        )
        expected = "王建国" if persona in READ_NAMES else "王**"
        assert interviewee_name_for(user, read) == expected
        action = AccessLog.Action.VIEW
    else:
        with pytest.raises(NotFoundError):
            interview_get_for_user(
                user=user, interview_id=interview.pk, request=request_from("10.0.0.7")
            )
        action = AccessLog.Action.REFUSED
    row = AccessLog.objects.get()
    assert (row.user, row.action, row.object_type, row.object_id, row.ip_address) == (
        user,
        action,
        "rounds.interview",
        str(interview.pk),
        "10.0.0.7",
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_petition_reporter_read_by_each_persona(persona):
    world = build_world()
    petition = f.PetitionFactory(
        assignment=world.assignment_a, reporter_name="李秀英", reporter_contact="13900001111"
    )
    user = world.users[persona]
    if persona in READ_NAMES | READ_MASKED:
        read = petition_get_for_user(user=user, petition_id=petition.pk)
        expected = ("李秀英", "13900001111") if persona in READ_NAMES else ("李**", "***")
        assert reporter_for(user, read) == expected
        assert AccessLog.objects.get().action == AccessLog.Action.VIEW
    else:
        with pytest.raises(NotFoundError):
            petition_get_for_user(user=user, petition_id=petition.pk)
        assert AccessLog.objects.get().action == AccessLog.Action.REFUSED


def test_a_missing_record_is_refused_like_a_hidden_one():
    world = build_world()
    with pytest.raises(NotFoundError):
        interview_get_for_user(user=world.office, interview_id=999999)
    with pytest.raises(NotFoundError):
        petition_get_for_user(user=world.office, petition_id="abc")
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count() == 2
