"""The demo ledger's trail is true: each item's history follows its dates and names the
people its page names, the evidence the text speaks of is on disk, and the morning's
alerts are in the users' notification centres.
"""

import datetime
import itertools
import os

import pytest
from django.utils import timezone

from demo.county.common import HISTORY_REASON
from inspection.models import (
    DeliveryChannel,
    DeliveryStatus,
    Notification,
    NotificationDelivery,
    User,
)
from rectification.choices import ItemStatus, VerificationResult
from rectification.models import (
    AccountabilityDecision,
    AccountabilityProposal,
    Alert,
    Evaluation,
    Feedback,
    FirstFormMeasure,
    ProgressEvidence,
    ProgressUpdate,
    RectificationItem,
    Verification,
    VerificationEvidence,
)
from rounds.choices import RoundStatus
from rounds.models import InspectionRound

pytestmark = pytest.mark.django_db

UPLOADED = "佐证材料已上传"
OFFICE = ("office", "lead")


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def histories(model) -> dict[int, list]:
    """Each record's history rows, oldest first, with their users."""
    rows = model.history.select_related("history_user").order_by("history_date", "history_id")
    found: dict[int, list] = {}
    for row in rows:
        found.setdefault(row.id, []).append(row)
    return found


def test_every_item_history_follows_its_dates_and_names_its_people(seeded):
    now = timezone.now()
    items = RectificationItem.objects.select_related(
        "feedback", "order__issued_by", "responsible_user", "submitted_by"
    ).prefetch_related("verifications__verifier", "progress_updates__author")
    assert items.count() > 300
    history = histories(RectificationItem)
    for item in items:
        rows = history[item.pk]
        dates = [row.history_date for row in rows]
        assert rows and all(date < now for date in dates), item.pk
        assert rows[0].history_type == "+", item.pk
        if item.order:  # 巡中立行立改: in the ledger from the order, by its leader
            assert rows[0].history_date == item.order.issued_at, item.pk
            assert rows[0].history_user == item.order.issued_by
        else:
            assert local_day(rows[0].history_date) == item.feedback.fed_back_on, item.pk
            assert rows[0].history_user.username == "office"
        assert all(row.history_change_reason != HISTORY_REASON for row in rows)
        officer = item.responsible_user
        for update in item.progress_updates.all():
            assert update.author == officer, item.pk
            assert update.created_at >= rows[0].history_date
        if item.submitted_at:
            assert item.submitted_by == officer
            submitted = [row for row in rows if row.status == ItemStatus.SUBMITTED]
            assert submitted[0].history_date == item.submitted_at
            assert submitted[0].history_user == officer
        for row in rows:
            if (
                row.status in (ItemStatus.IN_PROGRESS, ItemStatus.SUBMITTED)
                and row.history_type == "~"
            ):
                previous = rows[rows.index(row) - 1]
                if previous.status == ItemStatus.CLOSED:
                    # 反弹回潮: reopened by the look-back team's verdict (demo.county.look_back).
                    check = item.look_back_checks.get(reopened=True)
                    assert item.reopened_by_round_id == check.assignment.round_id, item.pk
                    assert row.history_user == check.checked_by, item.pk
                    assert row.history_date == check.checked_at, item.pk
                elif previous.status != row.status:
                    assert row.history_user == officer, (item.pk, row.status)
        verifications = list(item.verifications.all())
        for verification in verifications:
            # An on-site order's item is verified by the team's leader, before it leaves.
            if item.order:
                assert verification.verifier == item.order.issued_by, item.pk
                assert local_day(verification.verified_at) <= item.order.due_on, item.pk
            else:
                assert verification.verifier.username in OFFICE
            assert verification.verifier != item.submitted_by
            assert item.submitted_at < verification.verified_at
        if item.status == ItemStatus.CLOSED:
            passed = [v for v in verifications if v.result == VerificationResult.PASSED]
            assert passed and item.closed_at == passed[-1].verified_at
            assert rows[-1].status == ItemStatus.CLOSED
            # The move to closed (an on-site order's item is carried into the ledger after).
            closing = [
                row
                for before, row in itertools.pairwise(rows)
                if row.status == ItemStatus.CLOSED != before.status
            ][-1]
            assert closing.history_user == passed[-1].verifier
            assert closing.history_date == item.closed_at
        if item.status == ItemStatus.RETURNED:
            assert rows[-1].history_user.username in OFFICE
            assert item.return_reason
        assert rows[-1].status == item.status


def test_feedback_evaluations_and_accountability_are_dated_by_their_records(seeded):
    feedback_history = histories(Feedback)
    for feedback in Feedback.objects.all():
        rows = feedback_history[feedback.pk]
        assert local_day(rows[0].history_date) == feedback.fed_back_on
        if feedback.plan_submitted_on:
            assert any(local_day(row.history_date) == feedback.plan_submitted_on for row in rows)
    evaluation_history = histories(Evaluation)
    for evaluation in Evaluation.objects.all():
        (row,) = evaluation_history[evaluation.pk]
        assert local_day(row.history_date) == evaluation.evaluated_on
        assert row.history_user == evaluation.evaluator
    proposal_history = histories(AccountabilityProposal)
    for proposal in AccountabilityProposal.objects.all():
        rows = proposal_history[proposal.pk]
        assert local_day(rows[0].history_date) == proposal.proposed_on
    decision_history = histories(AccountabilityDecision)
    for decision in AccountabilityDecision.objects.all():
        (row,) = decision_history[decision.pk]
        assert local_day(row.history_date) == decision.decided_on
        assert row.history_user == decision.signed_by  # the body's own account
    measure_history = histories(FirstFormMeasure)
    for measure in FirstFormMeasure.objects.all():
        (row,) = measure_history[measure.pk]
        assert local_day(row.history_date) == measure.conducted_on
    closed = InspectionRound.objects.get(status=RoundStatus.CLOSED)
    (archived,) = closed.history.filter(status=RoundStatus.CLOSED, history_type="~").order_by(
        "history_date"
    )[:1]
    assert archived.history_user.username == "lead"
    # Every item was closed when the round was archived; the 回头看 reopened some since.
    items = RectificationItem.objects.filter(problem__assignment__round=closed)
    reopened = items.exclude(reopened_by_round=None)
    assert all(item.reopened_at > archived.history_date for item in reopened)
    items = items.filter(reopened_by_round=None)
    closed_at = max(items.values_list("closed_at", flat=True))
    assert closed_at < archived.history_date < timezone.now()
    assert set(items.values_list("status", flat=True)) == {ItemStatus.CLOSED}


def test_evidence_the_ledger_speaks_of_is_on_disk(seeded):
    for update in ProgressUpdate.objects.filter(text__contains=UPLOADED).prefetch_related(
        "evidence"
    ):
        files = list(update.evidence.all())
        assert files, update.pk
        assert all(os.path.isfile(evidence.file.path) for evidence in files)
    asked = RectificationItem.objects.exclude(submitted_at=None)
    waiting = (ItemStatus.SUBMITTED, ItemStatus.TOWN_REVIEWED)  # for the town or the office
    assert asked.filter(status__in=waiting).count() > 10
    assert asked.filter(status=ItemStatus.TOWN_REVIEWED).exists()
    for item in asked:
        assert ProgressEvidence.objects.filter(update__item=item).exists(), item.pk
    for evidence in VerificationEvidence.objects.all():
        assert os.path.isfile(evidence.file.path)
    assert VerificationEvidence.objects.count() == Verification.objects.count()
    with ProgressEvidence.objects.filter(file__endswith=".pdf").first().file.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def todays_unread(username: str) -> list:
    today = timezone.localdate()
    unread = Notification.objects.filter(recipient__username=username, read_at=None)
    return [n for n in unread if local_day(n.created_at) == today]


def test_office_and_officer_find_todays_alerts_unread(seeded, client):
    for username in ("office", "officer"):
        todays = todays_unread(username)
        assert todays, username
        client.force_login(User.objects.get(username=username))
        page = client.get("/notifications/").content.decode()
        assert all(notification.title in page for notification in todays)
    # In-app digests are delivered as they are written; no other channel is set up.
    deliveries = NotificationDelivery.objects.all()
    assert set(deliveries.values_list("channel", "status")) == {
        (DeliveryChannel.IN_APP, DeliveryStatus.SENT)
    }
    # Delivered at the morning of the scan that wrote them, not when the seed committed.
    for delivery in deliveries.select_related("notification"):
        assert delivery.sent_at - delivery.notification.created_at < datetime.timedelta(minutes=1)


def test_liaison_finds_todays_clue_alerts_unread(seeded):
    assert todays_unread("liaison")


def test_alerts_were_raised_by_the_morning_scans(seeded):
    """Each alert is a scan's: raised at 07:30 of a day (today's possibly earlier), with its
    digest in a notification centre."""
    today = timezone.localdate()
    for alert in Alert.objects.all():
        moment = timezone.localtime(alert.created_at)
        assert alert.scan is not None
        if moment.date() < today:
            assert (moment.hour, moment.minute) == (7, 30)
    assert Notification.objects.filter(created_at__date__lt=today).exists()
