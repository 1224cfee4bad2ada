"""码上巡's pages as the public meets them: no account, refusals in plain Chinese, the
rate limits per address and per code, the cut-off, nothing about other reports."""

import datetime
import logging

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rounds.models import Petition
from tests import factories as f
from tests.rounds.public.conftest import photo

pytestmark = pytest.mark.django_db


def url(code):
    return reverse("public:intake", kwargs={"code": code})


def report(client, code, address="203.0.113.7", **fields):
    data = {"mode": "anonymous", "content": "村里修路的钱去向不明。", **fields}
    return client.post(url(code), data, REMOTE_ADDR=address)


def test_the_form_opens_without_an_account_and_links_nowhere_inside(client, code):
    response = client.get(url(code))
    assert response.status_code == 200
    page = response.content.decode()
    assert "码上巡" in page and "匿名反映" in page and "实名反映" in page
    assert "<script" not in page
    assert "/accounts/" not in page and "/rounds/" not in page and "/admin/" not in page


def test_an_anonymous_report_lands_for_the_team_and_the_reporter_sees_only_thanks(
    client, world, code
):
    response = report(client, code, reporter_name="王建国", reporter_phone="13800000000")
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert "提交成功" in thanks.content.decode()
    petition = Petition.objects.get()
    assert petition.assignment == world.assignment_a
    assert (petition.reporter_name, petition.reporter_contact) == ("", "")
    # Nothing counts or lists the reports: a second one thanks alike.
    f.PetitionFactory(assignment=world.assignment_a)
    assert client.get(response["Location"]).content == thanks.content


def test_a_report_by_name_keeps_name_and_phone(client, code):
    response = report(
        client, code, mode="named", reporter_name="王建国", reporter_phone="13800000000"
    )
    assert response.status_code == 302
    assert Petition.objects.get().reporter_name == "王建国"


def test_the_61st_report_from_one_address_is_refused_and_allowed_after_the_window(client, code):
    # At the start of an hour: the sixty-one reports fall in one window of the clock.
    start = timezone.now().replace(minute=0, second=1, microsecond=0)
    with time_machine.travel(start, tick=False):
        for _ in range(60):
            assert report(client, code).status_code == 302
        refused = report(client, code)
        assert refused.status_code == 429
        assert "提交次数过多" in refused.content.decode()
        assert report(client, code, address="198.51.100.9").status_code == 302
    assert Petition.objects.count() == 61
    later = start + datetime.timedelta(seconds=3601)
    with time_machine.travel(later, tick=False):
        assert report(client, code).status_code == 302


def test_a_code_takes_no_more_than_its_limit_from_all_addresses(settings, client, code):
    settings.INSPECTION_PUBLIC_LIMIT_PER_CODE = 3
    settings.INSPECTION_PUBLIC_LIMIT_PER_ADDRESS = 1
    assert report(client, code, address="198.51.100.1").status_code == 302
    # One address flooding the form is refused without using up the village's reports.
    for _ in range(5):
        assert report(client, code, address="198.51.100.1").status_code == 429
    for index in (2, 3):
        assert report(client, code, address=f"198.51.100.{index}").status_code == 302
    assert report(client, code, address="198.51.100.99").status_code == 429
    assert Petition.objects.count() == 3


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(settings, client, code):
    settings.INSPECTION_PUBLIC_PROXY_COUNT = 1
    settings.INSPECTION_PUBLIC_LIMIT_PER_ADDRESS = 1

    def sent(forwarded):
        return client.post(
            url(code),
            {"mode": "anonymous", "content": "反映问题。"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    assert sent("1.2.3.4, 203.0.113.7").status_code == 302
    # A client writing its own X-Forwarded-For entries does not become someone else.
    assert sent("5.6.7.8, 203.0.113.7").status_code == 429
    assert sent("203.0.113.8").status_code == 302


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("x.html", b"<html><script>alert(1)</script></html>"),
        ("照片.jpg", b"plain text named like a photo"),
    ],
)
def test_an_svg_html_or_fake_photo_is_refused_with_a_clear_message(client, code, name, content):
    response = report(client, code, photos=[SimpleUploadedFile(name, content)])
    assert response.status_code == 400
    assert f"「{name}」不是照片，只能上传JPG、PNG或WebP格式的照片。" in response.content.decode()
    assert not Petition.objects.exists()


def test_a_photo_is_accepted(client, code):
    assert report(client, code, photos=[photo()]).status_code == 302
    assert Petition.objects.get().photos.count() == 1


def test_an_oversized_body_is_refused(settings, client, code):
    settings.INSPECTION_PUBLIC_PHOTOS_MAX_BYTES = 1024
    big = SimpleUploadedFile("大.jpg", b"\xff\xd8\xff" + b"0" * 400_000)
    response = report(client, code, photos=[big])
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()
    assert not Petition.objects.exists()


def test_an_empty_report_is_refused_with_the_form_kept(client, code):
    response = report(client, code, content="  ")
    assert response.status_code == 400
    assert "请填写反映的问题" in response.content.decode()


def test_after_the_cut_off_the_page_says_so_and_takes_nothing(client, notice, code):
    after = datetime.datetime.combine(
        notice.cutoff_on + datetime.timedelta(days=1), datetime.time(9)
    )
    with time_machine.travel(timezone.make_aware(after), tick=False):
        page = client.get(url(code))
        assert page.status_code == 200
        assert "已过，码上巡不再受理反映" in page.content.decode()
        assert "<form" not in page.content.decode()
        assert report(client, code).status_code == 403
    assert not Petition.objects.exists()


def test_an_unknown_code_is_a_plain_404(client, code):
    response = client.get(url("nosuchcode"))
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and "/accounts/" not in page and "码上巡" in page


def test_csrf_is_checked(code):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url(code), {"mode": "anonymous", "content": "x"})
    assert response.status_code == 403
    assert not Petition.objects.exists()


def test_the_public_host_serves_only_the_public_pages(settings, client, code):
    settings.ROOT_URLCONF = "inspection.public_urls"
    assert client.get(url(code)).status_code == 200
    for internal in ("/accounts/login/", "/admin/", "/api/v1/", "/rounds/"):
        response = client.get(internal)
        assert response.status_code == 404, internal
        assert "/accounts/" not in response.content.decode()


def test_the_public_hosts_refusals_are_its_own_pages(settings, code):
    settings.ROOT_URLCONF = "inspection.public_urls"
    settings.CSRF_FAILURE_VIEW = "rounds.public.views.csrf_failure"
    response = Client(enforce_csrf_checks=True).post(url(code), {"content": "x"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()


def test_the_senders_address_is_kept_nowhere(client, code, caplog):
    """Not in the petition, its history, the access log or a log line of the application,
    whether the report is taken or refused."""
    from inspection.models import AccessLog

    address = "203.0.113.77"
    caplog.set_level(logging.DEBUG)
    assert report(client, code, address=address).status_code == 302
    assert report(client, code, address=address, content="").status_code == 400
    petition = Petition.objects.get()
    stored = [str(value) for value in Petition.objects.values().get().values()]
    stored += [str(value) for row in petition.history.values() for value in row.values()]
    assert not any(address in value for value in stored)
    assert not AccessLog.objects.filter(ip_address=address).exists()
    assert address not in caplog.text
