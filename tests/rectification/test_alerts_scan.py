"""The alert scan: who gets what at which stage, one digest per recipient, the e-mail."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from findings.choices import ClueStatus
from inspection.choices import AlertStage, UserRole
from inspection.models import DeliveryChannel, DeliveryStatus, Notification, NotificationDelivery
from rectification.alerts import run_alert_scan
from rectification.choices import FeedbackDocument
from rectification.models import Alert
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def county(world):
    """Town A's ledger with one item at each stage; feedback documents already sent."""
    world.officer_a.email = "officer_a@example.cn"
    world.office.email = "office@example.cn"
    for user in (world.officer_a, world.office):
        user.save()
    feedback = world.feedback()
    feedback.plan_submitted_on = feedback.report_submitted_on = feedback.fed_back_on
    feedback.save()
    world.red = world.item(deadline=days(-2), supervising_leader="李督导")
    world.yellow = world.item(deadline=days(5), supervising_leader="李督导")
    world.green = world.item(deadline=days(15))
    world.far = world.item(deadline=days(40))
    return world


def digests(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user))


def items_of(notification: Notification) -> list[tuple[str, int]]:
    return [(entry["stage"], entry["id"]) for entry in notification.payload["items"]]


def scan(capture, on=TODAY):
    with capture(execute=True):
        return run_alert_scan(on=on)


def test_one_digest_per_recipient_listing_all_their_items(
    county, django_capture_on_commit_callbacks
):
    result = scan(django_capture_on_commit_callbacks)
    assert result.by_stage() == {AlertStage.RED: 1, AlertStage.YELLOW: 1, AlertStage.GREEN: 1}
    # Green to the responsible person (no account on the items: the town's officer) …
    (officer_digest,) = digests(county.officer_a)
    assert items_of(officer_digest) == [
        ("red", county.red.pk),
        ("yellow", county.yellow.pk),
        ("green", county.green.pk),
    ]
    # … red also to the office, each member one digest.
    for member in (county.office, county.lead):
        (office_digest,) = digests(member)
        assert items_of(office_digest) == [("red", county.red.pk)]
    # Nobody outside the unit, nor the liaison.
    assert Notification.objects.count() == 3
    assert not Notification.objects.filter(recipient__isnull=True).exists()


def test_the_email_lists_each_item_with_its_deadline_and_stage(
    county, django_capture_on_commit_callbacks
):
    scan(django_capture_on_commit_callbacks)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "office@example.cn",
        "officer_a@example.cn",
    ]
    (message,) = [m for m in mail.outbox if m.to == ["officer_a@example.cn"]]
    assert message.subject == "【三色预警】2026年3月2日：红色预警1条、黄色预警1条、绿色提醒1条"
    body = message.body
    assert body.startswith(f"{county.officer_a.full_name}同志：\n截至2026年3月2日")
    assert "整改时限：2026-02-28（已逾期2天）" in body
    assert "整改时限：2026-03-07（还剩5天）" in body
    assert "整改时限：2026-03-17（还剩15天）" in body
    assert "2026-04-11" not in body  # 40 days away: no alert yet
    assert body.index("【红色预警】") < body.index("【黄色预警】") < body.index("【绿色提醒】")
    assert "责任领导：李督导" in body
    assert f"/api/v1/rectification-items/{county.red.pk}/" in body
    assert body.count("村集体资产租赁合同未经民主程序") == 3
    email = NotificationDelivery.objects.get(
        channel=DeliveryChannel.EMAIL, notification__recipient=county.officer_a
    )
    assert (email.status, email.attempts, email.address) == (
        DeliveryStatus.SENT,
        1,
        "officer_a@example.cn",
    )


def test_the_responsible_account_gets_the_item_instead_of_the_unit(
    county, django_capture_on_commit_callbacks
):
    person = f.UserFactory(role=UserRole.RECTIFICATION_OFFICER, town=county.town_b)
    county.green.responsible_user = person
    county.green.save()
    scan(django_capture_on_commit_callbacks)
    assert [items_of(n) for n in digests(person)] == [[("green", county.green.pk)]]
    assert ("green", county.green.pk) not in items_of(digests(county.officer_a)[0])


def test_a_village_officer_gets_their_village_only(county, django_capture_on_commit_callbacks):
    other_village = f.VillageFactory(town=county.town_a)
    village_officer = f.UserFactory(
        role=UserRole.RECTIFICATION_OFFICER, village=county.assignment_a.village
    )
    elsewhere = f.UserFactory(role=UserRole.RECTIFICATION_OFFICER, village=other_village)
    scan(django_capture_on_commit_callbacks)
    assert len(items_of(digests(village_officer)[0])) == 3
    assert digests(elsewhere) == []
    assert digests(county.officer_b) == []


def test_named_people_get_their_digest_through_the_webhook_only(
    county, settings, django_capture_on_commit_callbacks, monkeypatch
):
    settings.INSPECTION_WEBHOOK_URL = "http://127.0.0.1:9/unreachable"
    sent = []
    monkeypatch.setattr("rectification.alerts.channels._queue", sent.append)
    scan(django_capture_on_commit_callbacks)
    named = {
        (n.addressee_post, n.addressee_name, n.addressee_unit): items_of(n)
        for n in Notification.objects.filter(recipient__isnull=True)
    }
    assert named == {
        # Yellow and red go to the supervising leader …
        ("责任领导", "李督导", ""): [("red", county.red.pk), ("yellow", county.yellow.pk)],
        # … red also to the responsible unit's party secretary, known by the unit.
        ("党组织书记", "", "村党总支"): [("red", county.red.pk)],
    }
    channels = set(
        NotificationDelivery.objects.filter(notification__recipient__isnull=True).values_list(
            "channel", flat=True
        )
    )
    assert channels == {DeliveryChannel.WEBHOOK}
    # Queued: e-mail for the two users with an address, the webhook for all five digests.
    assert len(sent) == 2 + 5


def test_feedback_documents_alert_the_unit_and_when_late_the_office(
    world, django_capture_on_commit_callbacks
):
    feedback = f.FeedbackFactory(
        assignment=world.assignment_a,
        given_by=world.office,
        fed_back_on=days(-20),
        plan_due_on=days(-5),
        report_due_on=days(40),
    )
    scan(django_capture_on_commit_callbacks)
    (alert,) = Alert.objects.filter(feedback=feedback)
    assert (alert.document, alert.stage, alert.due_on) == (
        FeedbackDocument.PLAN,
        AlertStage.RED,
        days(-5),
    )
    for user in (world.officer_a, world.office):
        (digest,) = digests(user)
        assert [(e["subject"], e["stage"], e["id"]) for e in digest.payload["items"]] == [
            ("plan", "red", feedback.pk)
        ]
        assert "整改方案报送期限：2026-02-25（已逾期5天）" in digest.body
    feedback.plan_submitted_on = TODAY
    feedback.save()
    assert scan(django_capture_on_commit_callbacks, on=days(25)).by_stage() == {AlertStage.GREEN: 1}
    assert Alert.objects.get(feedback=feedback, stage=AlertStage.GREEN).document == "report"


def test_a_late_clue_result_alerts_the_receiving_body_and_the_office(
    world, django_capture_on_commit_callbacks
):
    late = world.clue(status=ClueStatus.RECEIVED, result_due_on=days(-1))
    soon = world.clue(status=ClueStatus.DISPOSING, result_due_on=days(8))
    concluded = world.clue(status=ClueStatus.CONCLUDED, result_due_on=days(-9))
    scan(django_capture_on_commit_callbacks)
    assert set(Alert.objects.filter(clue__isnull=False).values_list("clue_id", "stage")) == {
        (late.pk, AlertStage.RED),
        (soon.pk, AlertStage.YELLOW),
    }
    assert not Alert.objects.filter(clue=concluded).exists()
    (liaison_digest,) = digests(world.liaison)
    assert items_of(liaison_digest) == [("red", late.pk), ("yellow", soon.pk)]
    assert [items_of(n) for n in digests(world.office)] == [[("red", late.pk)]]
    assert digests(world.liaison_org) == []
    # The persons concerned and the summary stay out of every message.
    assert "赵德明" not in liaison_digest.body
    assert "虚报冒领" not in liaison_digest.body
    assert "新巡移〔2026〕1号" in liaison_digest.body


def test_a_second_scan_the_same_day_raises_and_sends_nothing(
    county, django_capture_on_commit_callbacks
):
    first = scan(django_capture_on_commit_callbacks)
    second = scan(django_capture_on_commit_callbacks)
    assert len(first.alerts) == 3
    assert (len(second.alerts), second.notifications) == (0, 0)
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == 2


def test_each_day_a_subject_moves_up_a_stage_only_the_new_stage_is_sent(
    county, django_capture_on_commit_callbacks
):
    scan(django_capture_on_commit_callbacks)
    mail.outbox.clear()
    later = scan(django_capture_on_commit_callbacks, on=days(6))
    # yellow → red for one item, green → yellow for another; the far one is still far.
    assert sorted((a.item_id, a.stage) for a in later.alerts) == sorted(
        [(county.yellow.pk, AlertStage.RED), (county.green.pk, AlertStage.YELLOW)]
    )
    (message,) = [m for m in mail.outbox if m.to == ["officer_a@example.cn"]]
    assert "红色预警1条、黄色预警1条" in message.subject
    assert timezone.is_aware(Notification.objects.latest("created_at").created_at)
