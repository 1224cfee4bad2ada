"""The notification centre's filter bar: 类型 a list of the kinds, the read state a
three-way choice that starts at 全部, the dates two labelled date pickers; in English too."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from inspection.models import Notification
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(client):
    user = f.UserFactory()
    Notification.objects.create(recipient=user, title="红色预警提醒", body="正文")
    Notification.objects.create(recipient=user, title="黄色预警提醒", read_at=timezone.now())
    client.force_login(user)
    return user


def page(client, **params):
    return client.get(reverse("inspection:notification_list"), params).content.decode()


def test_the_filters_are_choices_and_date_pickers(client, me):
    text = page(client)
    assert '<select name="kind" id="id_kind">' in text
    assert '<option value="alert_digest">预警提醒</option>' in text
    assert '<select name="unread" id="id_unread">' in text
    assert '<option value="" selected>全部</option>' in text
    assert "未知" not in text
    assert "<legend>时间：</legend>" in text
    assert '<label for="id_created_at_0">从</label>' in text
    assert '<label for="id_created_at_1">至</label>' in text
    assert 'type="date" name="created_at_after"' in text
    assert 'type="date" name="created_at_before"' in text


@pytest.mark.parametrize(
    ("unread", "shown", "hidden"),
    [
        ("true", "红色预警提醒", "黄色预警提醒"),
        ("false", "黄色预警提醒", "红色预警提醒"),
        ("", "红色预警提醒", ""),
    ],
)
def test_the_read_state_filters(client, me, unread, shown, hidden):
    text = page(client, unread=unread)
    assert shown in text
    if hidden:
        assert hidden not in text.split("<tbody>", 1)[1]


def test_an_unknown_kind_lists_nothing(client, me):
    text = page(client, kind="birthday")
    assert "红色预警提醒" not in text


def test_the_filter_bar_reads_in_english(client, me):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = page(client)
    main = text.split("<main", 1)[1]
    for english in ("<legend>Time:</legend>", ">From</label>", ">To</label>", ">Unread</option>"):
        assert english in main
    assert '<option value="" selected>All</option>' in main
    assert "未读" not in main and "时间" not in main
