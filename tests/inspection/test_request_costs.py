"""What every request costs, kept down (issue 23): the session read without a query, the
serializers' fields built once per class, the security policy header built once; and
what must not change with them: a role change, a deactivation or a sign-out takes effect
on the very next request, and every answer carries the header django-csp would write.
"""

import pytest
from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework import serializers

from inspection.api import lean
from inspection.api.urls import DOCS_POLICY
from inspection.choices import UserRole
from inspection.models import User
from rectification.api.serializers import RectificationItemSerializer
from rounds.api.serializers import RoundSerializer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CACHED_SESSIONS = "inspection.sessions"  # Django's cached_db, the cache down tolerated
RECORDS = "/api/v1/problems/"
FIGURES = "/api/v1/statistics/"


@pytest.fixture
def office(client, settings):
    """A client signed in as office staff, its session in the cache (as with Redis)."""
    settings.SESSION_ENGINE = CACHED_SESSIONS
    user = UserFactory(role=UserRole.OFFICE_STAFF)
    client.force_login(user)
    return client, user


def _get(client, path):
    return client.get(path, HTTP_ACCEPT="application/json")


def test_a_signed_in_request_reads_its_session_without_a_query(office):
    client, _user = office
    assert _get(client, FIGURES).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert _get(client, FIGURES).status_code == 200
    statements = [query["sql"] for query in queries.captured_queries]
    assert not [sql for sql in statements if "django_session" in sql]
    # The user is still read from the database on every request (see the next tests).
    assert len([sql for sql in statements if '"inspection_user"' in sql]) == 1


def test_the_production_settings_cache_sessions_only_in_a_shared_cache():
    shared = "redis" in django_settings.CACHES["default"]["BACKEND"].lower()
    assert (django_settings.SESSION_ENGINE == CACHED_SESSIONS) is shared


def test_a_role_change_takes_effect_on_the_next_request(office):
    client, user = office
    assert _get(client, RECORDS).status_code == 200
    # Written past every model method, as a bulk update or a restore would write it.
    User.objects.filter(pk=user.pk).update(role=UserRole.STATISTICS_CLIENT)
    assert _get(client, RECORDS).status_code == 403
    assert _get(client, FIGURES).status_code == 200
    User.objects.filter(pk=user.pk).update(role=UserRole.OFFICE_STAFF)
    assert _get(client, RECORDS).status_code == 200


def test_a_deactivated_user_is_refused_on_the_next_request(office):
    client, user = office
    assert _get(client, RECORDS).status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert _get(client, RECORDS).status_code in (401, 403)
    assert _get(client, FIGURES).status_code in (401, 403)


def test_a_signed_out_session_is_refused_though_it_was_cached(office):
    client, _user = office
    assert _get(client, RECORDS).status_code == 200
    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    client.logout()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = key
    assert _get(client, RECORDS).status_code in (401, 403)


def test_a_password_change_ends_the_other_sessions(office):
    client, user = office
    assert _get(client, RECORDS).status_code == 200
    user.set_password("another-horse-battery")
    user.save()
    assert _get(client, RECORDS).status_code in (401, 403)


def test_with_the_cache_down_sessions_are_read_from_the_database(client, settings):
    """Redis down: a signed-in request is answered from the database's session (Django's
    cached_db put it back in the cache unguarded: 500), and a sign-out still signs out."""
    settings.SESSION_ENGINE = CACHED_SESSIONS
    client.force_login(UserFactory(role=UserRole.OFFICE_STAFF))
    settings.CACHES = {  # Django's setting_changed handler makes the caches again
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
        }
    }
    assert _get(client, RECORDS).status_code == 200
    key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    client.logout()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = key
    assert _get(client, RECORDS).status_code in (401, 403)


# ------------------------------------------------------------------- serializer fields


def test_a_serializers_fields_are_built_once_per_class(monkeypatch):
    built = []
    build_field = serializers.ModelSerializer.build_field

    def counting(self, *args, **kwargs):
        built.append(type(self).__name__)
        return build_field(self, *args, **kwargs)

    monkeypatch.setattr(serializers.ModelSerializer, "build_field", counting)
    monkeypatch.setattr(lean, "_PROTOTYPES", {})
    first = RectificationItemSerializer(many=True, context={}).child
    assert first.fields and built
    built.clear()
    second = RectificationItemSerializer(many=True, context={}).child
    assert second.fields.keys() == first.fields.keys()
    assert built == []
    # Each serializer has fields of its own, bound to it (a request's context never
    # reaches another request's serializer).
    for name, field in second.fields.items():
        assert field is not first.fields[name]
        assert field.parent is second
        assert first.fields[name].parent is first


def test_a_serializer_made_from_the_copied_fields_writes_what_drf_builds(monkeypatch):
    """The copy is DRF's own fields: same names, same classes, same sources and options."""
    monkeypatch.setattr(lean, "_PROTOTYPES", {})
    RoundSerializer().fields  # noqa: B018 — the first one fills the prototype
    copied = RoundSerializer().fields
    built = serializers.ModelSerializer.get_fields(RoundSerializer())
    assert list(copied) == list(built)
    for name, field in built.items():
        # A field's repr is its class and every argument it was made with.
        assert repr(copied[name]) == repr(field), name


# ------------------------------------------------------------------------------- CSP


def test_every_answer_carries_the_policy_django_csp_builds(office):
    client, _user = office
    expected = build_policy()
    for path in ("/", RECORDS, FIGURES, "/accounts/login/", "/healthz"):
        response = client.get(path)
        assert response[HEADER] == expected, path


def test_the_api_documentation_keeps_its_own_relaxed_policy(office):
    client, _user = office
    for path in ("/api/docs/", "/api/redoc/"):
        assert client.get(path)[HEADER] == build_policy(update=DOCS_POLICY), path
    assert build_policy(update=DOCS_POLICY) != build_policy()


def test_a_changed_policy_is_built_anew(office, settings):
    client, _user = office
    assert "'self'" in client.get(RECORDS)[HEADER]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert client.get(RECORDS)[HEADER] == "default-src 'none'"
