"""What every answer tells the browser, and what production settings add (issue 9, part 1).

The deployment check itself runs in CI (`.ci/run`); here the headers a user's browser
receives, and that production settings really send HSTS and secure cookies over HTTPS.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in (item.strip() for item in policy.split(";"))
        if part
    }


def test_pages_forbid_foreign_and_inline_scripts_framing_and_sniffing(client):
    response = client.get(reverse("inspection:login"))
    assert response.status_code == 200
    csp = _csp(response)
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_session_cookie_is_not_readable_by_scripts(client):
    user = UserFactory(username="cookie-check")
    user.set_password("a-long-enough-passphrase-2026")
    user.save()
    response = client.post(
        reverse("inspection:login"),
        {"username": "cookie-check", "password": "a-long-enough-passphrase-2026"},
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


@pytest.mark.parametrize(
    ("password", "complaint"),
    [("12345678", "只包含数字"), ("abc", "密码太短"), ("password123", "太常见")],
)
def test_weak_new_passwords_are_refused_in_chinese(client, password, complaint):
    user = UserFactory(username="weak-check")
    user.set_password("a-long-enough-passphrase-2026")
    user.save()
    client.force_login(user)
    response = client.post(
        reverse("inspection:password_change"),
        {
            "old_password": "a-long-enough-passphrase-2026",
            "new_password1": password,
            "new_password2": password,
        },
    )
    assert response.status_code == 200
    assert complaint in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("a-long-enough-passphrase-2026")


PRODUCTION_PROBE = """
import django, json
django.setup()
from django.test import Client
client = Client(raise_request_exception=True)
plain = client.get("/accounts/login/", HTTP_HOST="xuncha.example.gov.cn")
secure = client.get("/accounts/login/", HTTP_HOST="xuncha.example.gov.cn",
                    HTTP_X_FORWARDED_PROTO="https")
from django.conf import settings
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
    "secure_status": secure.status_code,
    "hsts": secure.headers.get("Strict-Transport-Security", ""),
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "debug": settings.DEBUG,
}))
"""


def test_production_redirects_to_https_and_sends_hsts_and_secure_cookies():
    """Production settings in their own process (they read the environment at import)."""
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "inspection.settings.production",
        "DJANGO_SECRET_KEY": "test-" + "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "xuncha.example.gov.cn",
        # The probe only renders the sign-in page: no database query is made.
        "DATABASE_URL": "sqlite:///:memory:",
    }
    environment.pop("DJANGO_DEBUG", None)
    output = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert output.returncode == 0, output.stderr[-2000:]
    probe = json.loads(output.stdout.strip().splitlines()[-1])
    assert probe["plain_status"] == 301
    assert probe["plain_location"].startswith("https://xuncha.example.gov.cn/")
    assert probe["secure_status"] == 200
    assert "max-age=31536000" in probe["hsts"]
    assert "includeSubDomains" in probe["hsts"]
    assert probe["csrf_cookie_secure"] and probe["session_cookie_secure"]
    assert probe["debug"] is False
