"""The scan at scale: a digest lists at most the limit and counts the rest, and a scan's
queries do not grow with the number of alerts it raises."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspection.choices import AlertStage
from inspection.models import Notification
from rectification.alerts import run_alert_scan
from rectification.models import Alert

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def ledger(world):
    """Town A's ledger, the feedback documents sent: items are added by the tests."""
    feedback = world.feedback()
    feedback.plan_submitted_on = feedback.report_submitted_on = feedback.fed_back_on
    feedback.save()
    return world


def add_items(world, count: int) -> list:
    """``count`` items, half overdue (red), half due within ten days (yellow)."""
    deadlines = [days(-1 - n % 30) if n % 2 else days(n % 10) for n in range(count)]
    return [world.item(deadline=due, supervising_leader="李督导") for due in deadlines]


def scan_queries(on=TODAY) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        raised = len(run_alert_scan(on=on).alerts)
    return raised, len(queries)


def test_a_scan_of_a_hundred_items_takes_the_queries_of_ten(ledger, settings):
    settings.INSPECTION_WEBHOOK_URL = "http://127.0.0.1:9/unreachable"  # named people too
    settings.INSPECTION_ALERT_EMAIL = True
    add_items(ledger, 10)
    raised, queries = scan_queries()
    assert raised == 10
    add_items(ledger, 100)
    raised_more, queries_more = scan_queries()
    assert raised_more == 100
    # The same digests (officer, office, lead, the leader, the secretary), ten times the
    # alerts: the same statements.
    assert Notification.objects.count() == 2 * 5
    assert queries_more == queries


def test_a_digest_lists_the_limit_reddest_first_and_counts_the_rest(ledger, settings):
    settings.INSPECTION_ALERT_DIGEST_LIMIT = 3
    red = [ledger.item(deadline=days(-n)) for n in (1, 5)]  # soonest due first: 5 days late
    yellow = [ledger.item(deadline=days(n)) for n in (2, 6)]
    green = ledger.item(deadline=days(15))
    run_alert_scan(on=TODAY)

    digest = Notification.objects.get(recipient=ledger.officer_a)
    listed = [(entry["stage"], entry["id"]) for entry in digest.payload["items"]]
    assert listed == [("red", red[1].pk), ("red", red[0].pk), ("yellow", yellow[0].pk)]
    assert (digest.payload["more"], digest.payload["counts"]) == (
        2,
        {"red": 2, "yellow": 2, "green": 1},
    )
    assert digest.title == "【三色预警】2026年3月2日：红色预警2条、黄色预警2条、绿色提醒1条"
    assert "另有2条预警未逐条列出" in digest.body
    assert f"/rectification-items/{green.pk}/" not in digest.body


def test_an_office_member_responsible_for_an_item_gets_it_in_the_office_digest(ledger, settings):
    settings.INSPECTION_ALERT_DIGEST_LIMIT = 2
    overdue = [ledger.item(deadline=days(-n)) for n in (1, 2, 3)]
    own = ledger.item(deadline=days(15), responsible_user=ledger.office)
    run_alert_scan(on=TODAY)

    office = Notification.objects.get(recipient=ledger.office)
    assert office.payload["counts"] == {"red": 3, "yellow": 0, "green": 1}
    assert [e["id"] for e in office.payload["items"]] == [overdue[2].pk, overdue[1].pk]
    assert office.payload["more"] == 2
    lead = Notification.objects.get(recipient=ledger.lead)
    assert lead.payload["counts"] == {"red": 3, "yellow": 0, "green": 0}
    # The responsible account, not the unit's officer, gets the green item.
    officer = Notification.objects.get(recipient=ledger.officer_a)
    assert officer.payload["counts"] == {"red": 3, "yellow": 0, "green": 0}
    assert Alert.objects.get(item=own).stage == AlertStage.GREEN
