"""The office's bulk moves of clues as services and API verbs (findings/services/
clues_bulk.py, transfers.py): review several, send several with one letter (一函多件);
all or nothing, the refusal naming the clue and the reason."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from findings import services
from findings.choices import ClueStatus
from findings.models import Clue
from inspection.errors import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from inspection.models import AccessLog

pytestmark = pytest.mark.django_db

APPROVE = "/api/v1/clues/review-bulk/"
TRANSFER = "/api/v1/transfer-letters/"


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def statuses(clues) -> list[str]:
    return [Clue.objects.get(pk=clue.pk).status for clue in clues]


def letter(**extra) -> dict:
    return {
        "receiving_body": "commission",
        "sent_on": timezone.localdate().isoformat(),
        **extra,
    }


def review_bulk(actor, ids):
    return services.clues_review_bulk(actor=actor, clue_ids=ids, receiving_body="commission")


# ------------------------------------------------------------------------------ services


def test_approving_in_bulk_moves_every_clue_with_its_history(world):
    clues = [world.clue() for _ in range(3)]
    done = review_bulk(world.office, [c.pk for c in clues])
    assert [clue.pk for clue in done] == [clue.pk for clue in clues]
    assert statuses(clues) == [ClueStatus.REVIEWED] * 3
    for clue in clues:
        assert clue.history.latest().history_user == world.office


def test_one_refused_clue_approves_none_and_is_named(world):
    proposed, approved, last = world.clue(), world.clue(status=ClueStatus.APPROVED), world.clue()
    with pytest.raises(ConflictError) as refused:
        review_bulk(world.office, [proposed.pk, approved.pk, last.pk])
    message = refused.value.message
    assert message.startswith(f"未作任何更改：第2条线索（#{approved.pk}）：")
    assert "不能巡察办审核" in message
    assert statuses([proposed, last]) == [ClueStatus.PROPOSED] * 2
    assert proposed.history.count() == 1


def test_bulk_approval_keeps_the_separation_of_duties(world):
    own = world.clue(proposed_by=world.office)
    other = world.clue()
    with pytest.raises(PermissionDeniedError) as refused:
        review_bulk(world.office, [other.pk, own.pk])
    assert f"第2条线索（#{own.pk}）" in refused.value.message
    assert "提出该线索的人不能审核同一线索。" in refused.value.message
    assert statuses([other]) == [ClueStatus.PROPOSED]


def test_an_unknown_clue_is_answered_as_absent(world):
    clue = world.clue()
    with pytest.raises(NotFoundError) as refused:
        review_bulk(world.office, [clue.pk, 999_999])
    assert "第2条线索（#999999）" in refused.value.message
    assert statuses([clue]) == [ClueStatus.PROPOSED]


@pytest.mark.parametrize("persona", ["leader_a", "leadership", "liaison", "officer_a"])
def test_only_the_office_moves_clues_in_bulk(world, persona):
    clue = world.clue()
    with pytest.raises(PermissionDeniedError):
        review_bulk(world.users[persona], [clue.pk])
    assert statuses([clue]) == [ClueStatus.PROPOSED]


def test_a_bad_letter_sends_none_and_says_why_next_to_the_field(world):
    clue = world.clue(status=ClueStatus.APPROVED)
    with pytest.raises(ApplicationError) as refused:
        services.transfer_letter_send(
            actor=world.office,
            clue_ids=[clue.pk],
            receiving_body="commission",
            sent_on=None,
        )
    assert refused.value.errors["sent_on"] == ["请填写移交日期。"]
    assert statuses([clue]) == [ClueStatus.APPROVED]


# ----------------------------------------------------------------------------------- API


def test_the_api_approves_in_bulk_and_logs_one_read(world):
    clues = [world.clue() for _ in range(2)]
    before = AccessLog.objects.count()
    answer = as_user(world.office).post(
        APPROVE, {"clue_ids": [c.pk for c in clues], "receiving_body": "commission"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    assert [row["id"] for row in answer.json()] == [c.pk for c in clues]
    assert {row["status"] for row in answer.json()} == {ClueStatus.REVIEWED}
    assert AccessLog.objects.count() == before + 1


def test_the_api_refuses_the_whole_bulk_with_the_message(world):
    ready, proposed = world.clue(status=ClueStatus.APPROVED), world.clue()
    answer = as_user(world.office).post(
        TRANSFER, letter(clue_ids=[ready.pk, proposed.pk]), format="json"
    )
    assert answer.status_code == 409, answer.content
    assert answer.json()["detail"].startswith(f"未作任何更改：第2条线索（#{proposed.pk}）：")
    assert "尚未经领导小组签批，不能移交" in answer.json()["detail"]
    assert statuses([ready]) == [ClueStatus.APPROVED]


def test_the_api_transfers_with_one_letter(world):
    clues = [world.clue(status=ClueStatus.APPROVED) for _ in range(2)]
    answer = as_user(world.office).post(
        TRANSFER, letter(clue_ids=[c.pk for c in clues]), format="json"
    )
    assert answer.status_code == 201, answer.content
    number = answer.json()["number"]
    assert answer.json()["clues"] == sorted(c.pk for c in clues)
    assert {c.letter_number for c in Clue.objects.filter(pk__in=answer.json()["clues"])} == {number}


def test_the_api_answers_400_for_an_empty_or_bad_list(world):
    client = as_user(world.office)
    answer = client.post(APPROVE, {"clue_ids": [], "receiving_body": "commission"}, format="json")
    assert answer.status_code == 400
    assert answer.json()["detail"] == "请至少勾选一条线索。"
    answer = client.post(
        APPROVE, {"clue_ids": ["x"], "receiving_body": "commission"}, format="json"
    )
    assert answer.status_code == 400 and "clue_ids" in answer.json()["errors"]
    answer = client.post(TRANSFER, {"clue_ids": [1]}, format="json")
    assert answer.status_code == 400 and "sent_on" in answer.json()["errors"]


@pytest.mark.parametrize("persona", ["leader_a", "leadership", "liaison", "liaison_org"])
def test_the_api_refuses_bulk_moves_to_other_roles(world, persona):
    clue = world.clue()
    body = {"clue_ids": [clue.pk], "receiving_body": "commission"}
    answer = as_user(world.users[persona]).post(APPROVE, body, format="json")
    assert answer.status_code == 403
    answer = as_user(world.users[persona]).post(TRANSFER, letter(clue_ids=[clue.pk]), format="json")
    assert answer.status_code == 403
    assert statuses([clue]) == [ClueStatus.PROPOSED]


def test_the_api_answers_an_unknown_clue_as_absent(world):
    clue = world.clue()
    body = {"clue_ids": [clue.pk, 2**62], "receiving_body": "commission"}
    answer = as_user(world.office).post(APPROVE, body, format="json")
    assert answer.status_code == 404
    assert f"第2条线索（#{2**62}）" in answer.json()["detail"]
    assert statuses([clue]) == [ClueStatus.PROPOSED]
