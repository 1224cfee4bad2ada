"""乡镇初审: the town party committee first-reviews its villages' requests for closing; the
office verifies a village's request only after that; a town committee's own item and an
on-site order's item verified by the team skip it."""

import datetime

import pytest
from django.utils import timezone

from inspection.errors import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from inspection.permissions import can
from rectification.choices import ItemStatus, VerificationMethod, VerificationResult
from rectification.models import RectificationItem
from rectification.selectors import items_overdue
from rectification.services import item_submit, item_town_review, item_verify
from reports.statistics import StatisticsFilter
from reports.statistics import figures as fig
from rounds.choices import RoundStatus
from tests import factories as f
from tests.rectification.action_specs import photo
from tests.rectification.orders_kit import submitted_order_item

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def verify(actor, item):
    return item_verify(
        actor=actor,
        item_id=item.pk,
        method=VerificationMethod.ON_SITE,
        result=VerificationResult.PASSED,
        evidence=[photo()],
        note="现场核验属实。",
    )


def town_item(world, **extra):
    """A submitted item of town A's party committee inspected as such (no village)."""
    committee = f.AssignmentFactory(
        round=world.round, team=world.team_a, town=world.town_a, village=None
    )
    return world.evidenced_item(status=ItemStatus.SUBMITTED, assignment=committee, **extra)


def test_the_town_passes_a_village_request_on_to_the_office(world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    before = item.history.count()

    item_town_review(actor=world.reviewer_a, item_id=item.pk, passed=True)

    item.refresh_from_db()
    assert item.status == ItemStatus.TOWN_REVIEWED
    assert item.town_reviewed_by == world.reviewer_a and item.town_reviewed_at is not None
    assert item.history.count() == before + 1
    assert item.history.latest().history_user == world.reviewer_a
    verify(world.office, item)
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED


def test_the_town_returns_a_request_with_its_reason_for_the_village(world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)

    item_town_review(
        actor=world.reviewer_a, item_id=item.pk, passed=False, reason="会议记录缺少签到表。"
    )

    item.refresh_from_db()
    assert (item.status, item.return_reason) == (ItemStatus.RETURNED, "会议记录缺少签到表。")
    assert item.history.latest().history_change_reason == "会议记录缺少签到表。"


def test_a_return_needs_a_reason_and_nothing_is_written_without_one(world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    with pytest.raises(ApplicationError, match="初审退回须说明理由") as refused:
        item_town_review(actor=world.reviewer_a, item_id=item.pk, passed=False, reason="  ")
    assert "reason" in refused.value.errors
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED


def test_another_town_does_not_see_the_request_and_others_may_not_review(world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    with pytest.raises(NotFoundError):
        item_town_review(actor=world.reviewer_b, item_id=item.pk, passed=True)
    for persona in ("office", "supervisor_a", "officer_a", "leadership"):
        with pytest.raises(PermissionDeniedError):
            item_town_review(actor=getattr(world, persona), item_id=item.pk, passed=True)
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED


@pytest.mark.parametrize("status", [ItemStatus.IN_PROGRESS, ItemStatus.TOWN_REVIEWED])
def test_only_a_request_waiting_for_the_town_is_reviewed(world, status):
    item = world.evidenced_item(status=status)
    with pytest.raises(ConflictError):
        item_town_review(actor=world.reviewer_a, item_id=item.pk, passed=True)


def test_the_office_cannot_verify_a_village_request_the_town_has_not_reviewed(world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    with pytest.raises(ConflictError, match="须先经乡镇党委初审通过"):
        verify(world.office, item)
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED and not item.verifications.exists()


def test_a_town_committees_own_item_goes_straight_to_the_office(world):
    item = town_item(world)
    assert not can(world.reviewer_a, "item_town_review", item)
    with pytest.raises(PermissionDeniedError):
        item_town_review(actor=world.reviewer_a, item_id=item.pk, passed=True)
    verify(world.office, item)
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED


def test_an_on_site_order_item_is_verified_by_the_team_without_the_town(world):
    world.round.status = RoundStatus.ON_SITE
    world.round.save(update_fields=["status"])
    item = submitted_order_item(world)
    assert not can(world.reviewer_a, "item_town_review", item)
    verify(world.leader_a, item)
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED


def test_a_new_request_after_a_return_waits_for_the_town_again(world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    item_town_review(actor=world.reviewer_a, item_id=item.pk, passed=True)
    RectificationItem.objects.filter(pk=item.pk).update(
        status=ItemStatus.RETURNED, return_reason="核验不通过"
    )
    item_submit(actor=world.officer_a, item_id=item.pk)
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED and item.town_reviewed_by is None
    with pytest.raises(ConflictError):
        verify(world.office, item)


def test_a_reviewed_request_is_neither_overdue_nor_open_in_the_figures(world):
    today = timezone.localdate()
    late = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED, deadline=today - 5 * DAY)
    world.item(status=ItemStatus.IN_PROGRESS, deadline=today - 5 * DAY)
    world.item(status=ItemStatus.SUBMITTED, deadline=today - 5 * DAY)

    assert not late.is_overdue()
    overdue = items_overdue(RectificationItem.objects.all())
    assert late not in overdue and overdue.count() == 1
    row = fig.rectification(StatisticsFilter(round_id=world.round.pk))[None]
    assert row["items"] == 3
    assert row["items_overdue"] == 1
    assert row["items_submitted"] == 1 and row["items_town_reviewed"] == 1
    assert row["items_closed"] == 0
