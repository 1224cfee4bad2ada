"""Verify, return and reopen ledger items (rectification/services/verification.py)."""

import datetime

import pytest
from django.utils import timezone

from inspection.errors import ConflictError, PermissionDeniedError
from inspection.permissions import can
from rectification.choices import ItemStatus, VerificationMethod, VerificationResult
from rectification.services import (
    item_reopen,
    item_return,
    item_submit,
    item_town_review,
    item_verify,
)
from rectification.services.verification import REOPEN, RETURN, VERIFY_PASSED
from rounds.choices import RoundMode, RoundStatus
from tests import factories as f
from tests.rectification.helpers import assert_one_new_history_row, refused, upload

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def not_in(statuses):
    return [s for s in ItemStatus.values if s not in statuses]


def verify(world, item, actor=None, **changes):
    values = {
        "actor": actor or world.office,
        "item_id": item.pk,
        "method": VerificationMethod.ON_SITE,
        "result": VerificationResult.PASSED,
        "evidence": [upload("核验照片.jpg")],
        "note": "现场核验，合同已公示。",
    } | changes
    return item_verify(**values)


# ---------------------------------------------------------------------------- item_verify


def test_passed_verification_closes_the_item(world):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    before = item.history.count()

    verification = verify(world, item)

    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED
    assert item.closed_at == verification.verified_at
    assert_one_new_history_row(
        item, before=before, actor=world.office, note="现场核验，合同已公示。"
    )
    assert verification.item == item
    assert verification.verifier == world.office
    assert verification.result == VerificationResult.PASSED
    assert [e.original_name for e in verification.evidence.all()] == ["核验照片.jpg"]


def test_failed_verification_returns_the_item_with_the_reason(world):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    before = item.history.count()

    verification = verify(world, item, result=VerificationResult.FAILED, note="群众反映仍未公示。")

    item.refresh_from_db()
    assert item.status == ItemStatus.RETURNED
    assert item.return_reason == "群众反映仍未公示。"
    assert item.closed_at is None
    assert verification.result == VerificationResult.FAILED
    assert_one_new_history_row(item, before=before, actor=world.office, note="群众反映仍未公示。")


def test_failed_verification_needs_a_reason(world):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    with refused("note", match="核验不通过须填写"):
        verify(world, item, result=VerificationResult.FAILED, note=" ")


def test_public_assessment_records_satisfaction(world):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    verification = verify(world, item, method=VerificationMethod.PUBLIC_ASSESSMENT, satisfaction=92)
    assert verification.satisfaction == 92


@pytest.mark.parametrize("satisfaction", [None, -1, 101, "90"])
def test_public_assessment_needs_a_satisfaction_score(world, satisfaction):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    with refused("satisfaction", match="满意度"):
        verify(
            world,
            item,
            method=VerificationMethod.PUBLIC_ASSESSMENT,
            satisfaction=satisfaction,
        )


def test_verification_needs_its_own_evidence(world):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    with refused("evidence", match="核验须附核验材料"):
        verify(world, item, evidence=[])


@pytest.mark.parametrize(("field", "value"), [("method", "guess"), ("result", "maybe")])
def test_verification_choices_are_checked(world, field, value):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    with refused(field):
        verify(world, item, **{field: value})


@pytest.mark.parametrize("status", not_in(VERIFY_PASSED.sources))
def test_verify_from_a_forbidden_state(world, status):
    item = world.evidenced_item(status=status)
    with pytest.raises(ConflictError):
        verify(world, item)


def test_who_submitted_cannot_verify(world):
    item = world.evidenced_item()
    item_submit(actor=world.office, item_id=item.pk)  # 代录
    item_town_review(actor=world.reviewer_a, item_id=item.pk, passed=True)
    item.refresh_from_db()

    assert item.submitted_on_behalf
    assert not can(world.office, "item_verify", item)
    assert can(world.lead, "item_verify", item)
    with pytest.raises(PermissionDeniedError, match="申请销号的人不能核验同一条目"):
        verify(world, item, actor=world.office)
    verify(world, item, actor=world.lead)


# ---------------------------------------------------------------------------- item_return


def test_return(world):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    before = item.history.count()

    item = item_return(actor=world.office, item_id=item.pk, reason="佐证材料不全。")

    item.refresh_from_db()
    assert item.status == ItemStatus.RETURNED
    assert item.return_reason == "佐证材料不全。"
    assert_one_new_history_row(item, before=before, actor=world.office, note="佐证材料不全。")


def test_return_needs_a_reason(world):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    with refused("reason", match="退回须说明理由"):
        item_return(actor=world.office, item_id=item.pk, reason="")


@pytest.mark.parametrize("status", not_in(RETURN.sources))
def test_return_from_a_forbidden_state(world, status):
    item = world.evidenced_item(status=status)
    with pytest.raises(ConflictError):
        item_return(actor=world.office, item_id=item.pk, reason="不全")


def test_who_submitted_cannot_return(world):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED, submitted_by=world.office)
    assert not can(world.office, "item_return", item)
    with pytest.raises(PermissionDeniedError, match="申请销号的人不能退回同一条目"):
        item_return(actor=world.office, item_id=item.pk, reason="撤回")


# ---------------------------------------------------------------------------- item_reopen


def reopen(world, item, **changes):
    values = {
        "actor": world.office,
        "item_id": item.pk,
        "look_back_round_id": world.look_back_round().pk,
        "reason": "回头看发现合同再次未经民主程序。",
    } | changes
    return item_reopen(**values)


def test_look_back_reopens_a_closed_item(world):
    item = world.item(status=ItemStatus.CLOSED)
    look_back = world.look_back_round(status=RoundStatus.REPORTING)
    before = item.history.count()

    item = reopen(world, item, look_back_round_id=look_back.pk)

    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    assert item.closed_at is None
    assert item.reopened_by_round == look_back
    assert item.reopened_at is not None
    assert item.reopen_reason == "回头看发现合同再次未经民主程序。"
    assert_one_new_history_row(
        item, before=before, actor=world.office, note="回头看发现合同再次未经民主程序。"
    )
    assert item.history.earliest().closed_at is not None  # when it was closed stays on record
    assert look_back.reopened_items.get() == item


def test_reopen_may_set_a_new_deadline(world):
    item = world.item(status=ItemStatus.CLOSED, deadline=TODAY() - 10 * DAY)
    item = reopen(world, item, deadline=TODAY() + 30 * DAY)
    assert item.deadline == TODAY() + 30 * DAY


def test_reopen_deadline_not_in_the_past(world):
    item = world.item(status=ItemStatus.CLOSED)
    with refused("deadline", match="不能早于今天"):
        reopen(world, item, deadline=TODAY() - DAY)


def test_reopen_needs_a_reason(world):
    item = world.item(status=ItemStatus.CLOSED)
    with refused("reason", match="须说明理由"):
        reopen(world, item, reason=" ")


def test_reopen_needs_a_look_back_round(world):
    item = world.item(status=ItemStatus.CLOSED)
    with refused("look_back_round", match="请选择"):
        reopen(world, item, look_back_round_id=0)


def test_reopen_refuses_a_round_that_is_not_a_look_back(world):
    item = world.item(status=ItemStatus.CLOSED)
    regular = f.InspectionRoundFactory(mode=RoundMode.REGULAR, status=RoundStatus.ON_SITE)
    with refused("look_back_round", match="不是对本条目所在轮次的回头看"):
        reopen(world, item, look_back_round_id=regular.pk)


def test_reopen_refuses_a_look_back_of_another_round(world):
    item = world.item(status=ItemStatus.CLOSED)
    elsewhere = world.look_back_round(revisits=f.InspectionRoundFactory())
    with refused("look_back_round", match="不是对本条目所在轮次的回头看"):
        reopen(world, item, look_back_round_id=elsewhere.pk)


@pytest.mark.parametrize(
    "status", [RoundStatus.PLANNING, RoundStatus.PREPARATION, RoundStatus.CLOSED]
)
def test_reopen_refuses_a_look_back_not_on_site_or_archived(world, status):
    item = world.item(status=ItemStatus.CLOSED)
    look_back = world.look_back_round(status=status)
    with refused("look_back_round", match="须已进驻且未归档"):
        reopen(world, item, look_back_round_id=look_back.pk)


@pytest.mark.parametrize("status", not_in(REOPEN.sources))
def test_reopen_from_a_forbidden_state(world, status):
    item = world.item(status=status)
    with pytest.raises(ConflictError):
        reopen(world, item)
