"""Reading a clue: who sees it, who reads the names, and the access log of every read."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from findings.choices import ClueStatus
from findings.selectors import clue_get_for_user, clue_subjects_for_user
from inspection.errors import NotFoundError
from inspection.models import AccessLog
from tests.world import PERSONAS

pytestmark = pytest.mark.django_db

# A clue of scope A, transferred to the commission: what each persona gets.
NAMES, MASKED, NOT_FOUND = "names", "masked", "404"
READS = {
    "office": NAMES,
    "lead": NAMES,
    "leader_a": NAMES,
    "member_a": NAMES,
    "leader_b": NOT_FOUND,
    "liaison": NAMES,
    "liaison_org": NOT_FOUND,
    "officer_a": NOT_FOUND,
    "officer_b": NOT_FOUND,
    "leadership": MASKED,
    "stats": NOT_FOUND,
    # Rectification's readers of town A (issue 19) read no clue.
    "reviewer_a": NOT_FOUND,
    "reviewer_b": NOT_FOUND,
    "supervisor_a": NOT_FOUND,
    "supervisor_b": NOT_FOUND,
}


def request_from(address: str):
    return RequestFactory().get("/clues/", REMOTE_ADDR=address)


def test_every_persona_is_listed():
    assert set(READS) == set(PERSONAS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_a_transferred_clue(world, persona):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    clue.subjects.update(note="曾任村会计十年")
    user = world.users[persona]
    expected = READS[persona]

    if expected == NOT_FOUND:
        with pytest.raises(NotFoundError):
            clue_get_for_user(user=user, clue_id=clue.pk, request=request_from("10.0.0.7"))
        log = AccessLog.objects.get()
        assert log.action == AccessLog.Action.REFUSED
    else:
        read = clue_get_for_user(user=user, clue_id=clue.pk, request=request_from("10.0.0.7"))
        assert read == clue
        log = AccessLog.objects.get()
        assert log.action == AccessLog.Action.VIEW
        (subject,) = clue_subjects_for_user(user, read)
        assert subject.post == "accountant" and subject.post_label == "村会计/报账员"
        if expected == NAMES:
            assert (subject.name, subject.note, subject.masked) == (
                "赵德明",
                "曾任村会计十年",
                False,
            )
        else:
            assert (subject.name, subject.note, subject.masked) == ("赵**", "", True)
    assert log.user == user
    assert log.ip_address == "10.0.0.7"
    assert (log.object_type, log.object_id) == ("findings.clue", str(clue.pk))


@pytest.mark.parametrize("status", [ClueStatus.PROPOSED, ClueStatus.APPROVED])
@pytest.mark.parametrize("persona", ["liaison", "liaison_org"])
def test_a_clue_not_yet_transferred_is_invisible_to_liaisons(world, status, persona):
    clue = world.clue(status=status)
    with pytest.raises(NotFoundError):
        clue_get_for_user(user=world.users[persona], clue_id=clue.pk)
    log = AccessLog.objects.get()
    assert (log.action, log.user, log.ip_address) == (
        AccessLog.Action.REFUSED,
        world.users[persona],
        None,
    )


def test_a_missing_clue_is_answered_like_a_hidden_one(world):
    with pytest.raises(NotFoundError) as missing:
        clue_get_for_user(user=world.office, clue_id=987654)
    clue = world.clue()
    with pytest.raises(NotFoundError) as hidden:
        clue_get_for_user(user=world.officer_a, clue_id=clue.pk)
    assert missing.value.message == hidden.value.message
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count() == 2


@pytest.mark.parametrize("clue_id", ["abc", None, ""])
def test_a_malformed_id_is_refused_and_logged(world, clue_id):
    with pytest.raises(NotFoundError):
        clue_get_for_user(user=world.office, clue_id=clue_id)
    assert AccessLog.objects.get().action == AccessLog.Action.REFUSED


def test_an_anonymous_read_is_refused_and_logged_without_a_user(world):
    clue = world.clue()
    with pytest.raises(NotFoundError):
        clue_get_for_user(user=AnonymousUser(), clue_id=clue.pk, request=request_from("::1"))
    log = AccessLog.objects.get()
    assert (log.action, log.user, log.ip_address) == (AccessLog.Action.REFUSED, None, "::1")


def test_subjects_of_a_clue_outside_the_scope_are_not_returned(world):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    assert clue_subjects_for_user(world.officer_a, clue) == []
    assert clue_subjects_for_user(world.stats, clue) == []
