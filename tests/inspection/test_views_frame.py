"""The frame every screen shares: signing in, the start page of each role, the
navigation, the notification centre, password change, the error pages."""

import pytest
from django.conf import settings
from django.urls import reverse

from inspection.models import Notification
from inspection.navigation import entries_for
from tests import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def sign_in(client, user):
    client.force_login(user)
    return client


def test_anonymous_visitors_are_sent_to_sign_in(client):
    answer = client.get(reverse("inspection:notification_list"))
    assert answer.status_code == 302
    assert answer.url.startswith(reverse("inspection:login"))


def test_a_wrong_password_is_refused_in_chinese(client):
    f.UserFactory(username="office")
    page = client.post(reverse("inspection:login"), {"username": "office", "password": "x"})
    assert page.status_code == 200
    assert "请输入一个正确的" in page.content.decode()


def test_signing_in_lands_on_the_start_page_of_the_role(client):
    f.UserFactory(username="office")
    answer = client.post(reverse("inspection:login"), {"username": "office", "password": PASSWORD})
    assert answer.status_code == 302
    assert client.get(answer.url, follow=True).status_code == 200


def test_a_signed_in_user_sees_name_role_and_sign_out(client):
    user = f.UserFactory(full_name="王晓东")
    page = sign_in(client, user).get(reverse("inspection:notification_list"))
    text = page.content.decode()
    assert "王晓东 · 巡察办工作人员" in text
    assert reverse("inspection:logout") in text


def test_signing_out_takes_a_post(client):
    sign_in(client, f.UserFactory())
    answer = client.post(reverse("inspection:logout"))
    assert answer.status_code == 302
    assert client.get(reverse("inspection:notification_list")).status_code == 302


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("office_staff", "整改核验", "线索办理"),
        ("leadership", "问题线索", "整改核验"),
        ("commission_liaison", "线索办理", "问题线索"),
        ("rectification_officer", "整改台账", "巡察轮次"),
    ],
)
def test_the_navigation_shows_what_the_role_may_open(role, shown, hidden, monkeypatch):
    from inspection import navigation

    monkeypatch.setattr(navigation, "reverse", lambda name: f"/{name}/")
    user = f.UserFactory.build(role=role)
    labels = [str(entry["label"]) for entry in entries_for(user, "/")]
    assert shown in labels
    assert hidden not in labels


def test_password_change_validates_next_to_the_field_and_then_works(client):
    user = f.UserFactory()
    sign_in(client, user)
    url = reverse("inspection:password_change")
    page = client.post(
        url, {"old_password": "wrong", "new_password1": "123", "new_password2": "456"}
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "你的旧密码不正确" in text
    answer = client.post(
        url,
        {
            "old_password": PASSWORD,
            "new_password1": "qiu-shui-2026-Wan",
            "new_password2": "qiu-shui-2026-Wan",
        },
    )
    assert answer.status_code == 302
    user.refresh_from_db()
    assert user.check_password("qiu-shui-2026-Wan")


class TestNotificationCentre:
    def notify(self, user, title="【三色预警】测试"):
        return Notification.objects.create(recipient=user, title=title, body="正文")

    def test_lists_only_ones_own_and_counts_the_unread(self, client):
        me, other = f.UserFactory(), f.UserFactory()
        self.notify(me, "给我的")
        self.notify(other, "给别人的")
        text = sign_in(client, me).get(reverse("inspection:notification_list")).content.decode()
        assert "给我的" in text
        assert "给别人的" not in text
        assert '<span class="count"' in text

    def test_opening_one_marks_it_read(self, client):
        me = f.UserFactory()
        notification = self.notify(me)
        page = sign_in(client, me).get(
            reverse("inspection:notification_detail", args=[notification.pk])
        )
        assert page.status_code == 200
        notification.refresh_from_db()
        assert notification.read_at is not None

    def test_another_users_notification_is_not_found(self, client):
        notification = self.notify(f.UserFactory())
        sign_in(client, f.UserFactory())
        url = reverse("inspection:notification_detail", args=[notification.pk])
        assert client.get(url).status_code == 404
        read = reverse("inspection:notification_read", args=[notification.pk])
        assert client.post(read).status_code == 404
        notification.refresh_from_db()
        assert notification.read_at is None

    def test_mark_all_read(self, client):
        me = f.UserFactory()
        for _ in range(3):
            self.notify(me)
        page = sign_in(client, me).post(reverse("inspection:notification_read_all"), follow=True)
        assert "已将 3 条通知标为已读。" in page.content.decode()
        assert not Notification.objects.filter(recipient=me, read_at__isnull=True).exists()

    def test_the_list_takes_a_bounded_number_of_queries(
        self, client, django_assert_max_num_queries
    ):
        me = f.UserFactory()
        for index in range(30):
            self.notify(me, f"通知{index}")
        sign_in(client, me)
        with django_assert_max_num_queries(8):
            assert client.get(reverse("inspection:notification_list")).status_code == 200

    def test_a_bad_filter_does_not_break_the_list(self, client):
        sign_in(client, f.UserFactory())
        url = reverse("inspection:notification_list")
        assert client.get(url, {"unread": "maybe", "page": "x"}).status_code == 200
        assert client.get(url, {"page": "99999"}).status_code == 200


def test_a_huge_id_is_not_found_not_a_server_error(client):
    sign_in(client, f.UserFactory())
    assert client.get("/notifications/99999999999999999999/").status_code == 404


def test_error_pages_speak_chinese(client):
    sign_in(client, f.UserFactory())
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert "页面不存在" in page.content.decode()


def test_the_language_switch_turns_the_frame_english(client):
    sign_in(client, f.UserFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("inspection:notification_list"))
    assert page["Content-Language"] == "en"
    assert 'lang="en"' in page.content.decode()
