"""The notification centre API: one's own notifications only, the unread count, mark read."""

import pytest
from django.urls import include, path
from django.utils import timezone
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

from inspection.api import notifications
from inspection.choices import UserRole
from inspection.models import Notification
from tests import factories as f

# The notification centre on its own router, as inspection/api/v1.py registers it.
router = DefaultRouter()
notifications.register(router)
urlpatterns = [path("api/v1/", include(router.urls))]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

URL = "/api/v1/notifications/"


def notify(user, title="【三色预警】2026年3月2日：黄色预警1条", **extra) -> Notification:
    item = {
        "alert": 1,
        "stage": "yellow",
        "stage_label": "黄色预警",
        "subject": "item",
        "id": 7,
        "title": '"三资"管理：村集体资产租赁合同未经民主程序。',
        "place": "甲镇甲一村",
        "unit": "村党总支",
        "responsible_person": "张卫东",
        "supervising_leader": "",
        "due_label": "整改时限",
        "due_on": "2026-03-07",
        "days_left": 5,
        "remaining": "还剩5天",
        "link": "/api/v1/rectification-items/7/",
        "url": "http://127.0.0.1:8000/api/v1/rectification-items/7/",
    }
    values = {"recipient": user, "title": title, "body": "…", "payload": {"items": [item]}}
    return Notification.objects.create(**values | extra)


@pytest.fixture
def officer():
    return f.UserFactory(role=UserRole.RECTIFICATION_OFFICER, town=f.TownFactory())


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_user_lists_their_own_notifications_only(officer):
    mine = [notify(officer), notify(officer, title="第二份")]
    notify(f.UserFactory())
    notify(None, addressee_post="督导领导", addressee_name="李督导")
    response = client_of(officer).get(URL)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [n.pk for n in reversed(mine)]
    row = rows[-1]
    assert (row["is_read"], row["read_at"]) == (False, None)
    assert row["items"][0]["link"] == "/api/v1/rectification-items/7/"
    assert row["items"][0]["due_on"] == "2026-03-07"
    assert "url" not in row["items"][0]  # the API answers with its own relative links


def test_someone_elses_notification_is_not_found():
    theirs = notify(f.UserFactory())
    client = client_of(f.UserFactory())
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert client.post(f"{URL}{theirs.pk}/read/").status_code == 404
    assert client.post(f"{URL}not-a-number/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_unread_count_mark_read_and_mark_all_read(officer):
    first, second, third = notify(officer), notify(officer), notify(officer)
    other = notify(f.UserFactory())
    client = client_of(officer)
    assert client.get(f"{URL}unread-count/").json() == {"unread": 3}

    response = client.post(f"{URL}{first.pk}/read/")
    assert response.status_code == 200
    assert response.json()["is_read"] is True
    read_at = response.json()["read_at"]
    # Marking it again changes nothing.
    assert client.post(f"{URL}{first.pk}/read/").json()["read_at"] == read_at
    assert client.get(f"{URL}unread-count/").json() == {"unread": 2}
    assert [row["id"] for row in client.get(URL, {"unread": "true"}).json()["results"]] == [
        third.pk,
        second.pk,
    ]

    assert client.post(f"{URL}read-all/").json() == {"marked": 2}
    assert client.get(f"{URL}unread-count/").json() == {"unread": 0}
    other.refresh_from_db()
    assert other.read_at is None


def test_a_notification_read_long_ago_keeps_its_time(officer):
    earlier = timezone.now() - timezone.timedelta(days=3)
    old = notify(officer, read_at=earlier)
    assert client_of(officer).post(f"{URL}read-all/").json() == {"marked": 0}
    old.refresh_from_db()
    assert old.read_at == earlier


def test_the_statistics_client_and_anonymous_get_no_notifications():
    stats = f.UserFactory(role=UserRole.STATISTICS_CLIENT)
    notify(stats)
    assert client_of(stats).get(URL).status_code == 403
    assert client_of(stats).get(f"{URL}unread-count/").status_code == 403
    assert APIClient().get(URL).status_code == 401
