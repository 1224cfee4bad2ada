"""Delivering digests: the signed webhook against a local HTTP server, retries with backoff,
channels independent of each other, nothing marked sent that was not."""

import datetime
import json
import smtplib
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.utils import timezone

from inspection.models import DeliveryChannel, DeliveryStatus, Notification, NotificationDelivery
from rectification.alerts import run_alert_scan
from rectification.alerts.channels import (
    DELIVERY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    webhook_signature_valid,
)
from rectification.tasks import notification_deliver

pytestmark = pytest.mark.django_db

SECRET = "巡察办-webhook-secret"


class Receiver:
    """The office's messaging system: answers 503 to the first ``failures`` POSTs."""

    def __init__(self, failures: int):
        self.failures = failures
        self.requests: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                failing = len(receiver.requests) <= receiver.failures
                self.send_response(503 if failing else 200)
                self.end_headers()
                self.wfile.write(b"busy" if failing else b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/alerts"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver(failures=2)
    yield server
    server.close()


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/hooks/alerts"


@pytest.fixture
def one_digest(world, settings):
    """One yellow item of town A: one digest, to officer_a (who has an e-mail address)."""
    settings.INSPECTION_WEBHOOK_SECRET = SECRET
    world.officer_a.email = "officer_a@example.cn"
    world.officer_a.save()
    feedback = world.feedback()
    feedback.plan_submitted_on = feedback.report_submitted_on = feedback.fed_back_on
    feedback.save()
    world.item(deadline=timezone.localdate() + datetime.timedelta(days=3))
    return world


def scan(capture):
    with capture(execute=True):
        return run_alert_scan()


def delivery(channel) -> NotificationDelivery:
    return NotificationDelivery.objects.get(channel=channel)


def test_the_webhook_fails_twice_then_delivers_once_signed(
    one_digest, receiver, settings, django_capture_on_commit_callbacks
):
    settings.INSPECTION_WEBHOOK_URL = receiver.url
    scan(django_capture_on_commit_callbacks)

    assert len(receiver.requests) == 3
    hook = delivery(DeliveryChannel.WEBHOOK)
    assert (hook.status, hook.attempts, hook.address) == (DeliveryStatus.SENT, 3, receiver.url)
    assert hook.sent_at is not None
    assert hook.last_error.startswith("HTTP 503")
    # The same message each time, for the receiver to recognise a repeat.
    assert {headers[DELIVERY_HEADER] for headers, _ in receiver.requests} == {str(hook.pk)}
    assert len({body for _, body in receiver.requests}) == 1

    headers, body = receiver.requests[-1]
    timestamp, signature = headers[TIMESTAMP_HEADER], headers[SIGNATURE_HEADER]
    assert signature.startswith("sha256=")
    assert webhook_signature_valid(SECRET, timestamp, body, signature)
    assert not webhook_signature_valid(SECRET, timestamp, body + b" ", signature)
    assert not webhook_signature_valid("another secret", timestamp, body, signature)

    message = json.loads(body)
    notification = Notification.objects.get()
    assert message["event"] == "alert.digest"
    assert message["text"] == notification.body  # stored once, in the body
    assert (message["notification"], message["delivery"]) == (notification.pk, hook.pk)
    assert message["recipient"]["username"] == "officer_a"
    assert [item["stage"] for item in message["items"]] == ["yellow"]
    assert message["items"][0]["url"].startswith("http://127.0.0.1:8000/api/v1/")
    # The other channels went out once each.
    assert len(mail.outbox) == 1
    assert delivery(DeliveryChannel.IN_APP).status == DeliveryStatus.SENT


def test_a_webhook_that_stays_down_stops_neither_email_nor_in_app(
    one_digest, settings, django_capture_on_commit_callbacks
):
    settings.INSPECTION_WEBHOOK_URL = closed_port_url()
    result = scan(django_capture_on_commit_callbacks)  # the scan itself does not fail

    assert result.notifications == 1
    assert [m.to for m in mail.outbox] == [["officer_a@example.cn"]]
    assert delivery(DeliveryChannel.EMAIL).status == DeliveryStatus.SENT
    assert delivery(DeliveryChannel.IN_APP).status == DeliveryStatus.SENT
    hook = delivery(DeliveryChannel.WEBHOOK)
    assert hook.status == DeliveryStatus.FAILED
    assert hook.sent_at is None
    assert hook.attempts == settings.INSPECTION_DELIVERY_MAX_RETRIES + 1
    assert "Connection refused" in hook.last_error or "URLError" in hook.last_error


def test_a_failing_mail_server_stops_neither_the_webhook_nor_in_app(
    one_digest, receiver, settings, django_capture_on_commit_callbacks, monkeypatch
):
    receiver.failures = 0
    settings.INSPECTION_WEBHOOK_URL = receiver.url

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    scan(django_capture_on_commit_callbacks)

    email = delivery(DeliveryChannel.EMAIL)
    assert (email.status, email.sent_at) == (DeliveryStatus.FAILED, None)
    assert "SMTPServerDisconnected" in email.last_error
    assert delivery(DeliveryChannel.WEBHOOK).status == DeliveryStatus.SENT
    assert len(receiver.requests) == 1


def test_without_a_secret_nothing_is_sent_unsigned(
    one_digest, receiver, settings, django_capture_on_commit_callbacks
):
    settings.INSPECTION_WEBHOOK_URL = receiver.url
    settings.INSPECTION_WEBHOOK_SECRET = ""
    scan(django_capture_on_commit_callbacks)
    hook = delivery(DeliveryChannel.WEBHOOK)
    assert hook.status == DeliveryStatus.FAILED
    assert "INSPECTION_WEBHOOK_SECRET" in hook.last_error
    assert receiver.requests == []


def test_a_repeated_task_does_not_send_a_sent_delivery_again(
    one_digest, receiver, settings, django_capture_on_commit_callbacks
):
    receiver.failures = 0
    settings.INSPECTION_WEBHOOK_URL = receiver.url
    scan(django_capture_on_commit_callbacks)
    hook = delivery(DeliveryChannel.WEBHOOK)
    assert notification_deliver.delay(hook.pk).get() == "skipped"
    assert notification_deliver.delay(delivery(DeliveryChannel.EMAIL).pk).get() == "skipped"
    assert len(receiver.requests) == 1
    assert len(mail.outbox) == 1
