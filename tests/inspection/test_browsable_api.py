"""The browsable API lists nothing beyond the user's scope (issue 14, finding 5).

In production it is off: JSON only. Where it is on (development), its filter forms take
ids (no select of every problem, feedback or user of the county) and it renders no HTML
forms for writes (DRF would make each related field a select of every record).
"""

import html as html_module
import importlib
import re
import sys

import pytest
from rest_framework.test import APIClient
from rest_framework.views import APIView

from findings.models import Problem
from inspection.models import User
from inspection.permissions import visible
from tests.inspection.test_api_filters import ENDPOINTS, record_filters

pytestmark = pytest.mark.django_db

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    sys.modules.pop("inspection.settings.production", None)
    module = importlib.import_module("inspection.settings.production")
    yield module
    sys.modules.pop("inspection.settings.production", None)


def test_production_answers_json_only(production, monkeypatch, seeded):
    renderers = production.REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"]
    assert renderers == ["inspection.api.renderers.OrjsonRenderer"]
    classes = [importlib.import_module(path.rsplit(".", 1)[0]) for path in renderers]
    monkeypatch.setattr(
        APIView, "renderer_classes", [getattr(classes[0], renderers[0].rsplit(".", 1)[1])]
    )
    client = APIClient()
    client.force_login(User.objects.get(username="village_officer"))
    response = client.get("/api/v1/rectification-items/", HTTP_ACCEPT=BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.fixture
def browser(seeded, client):
    def sign_in(username: str):
        client.force_login(User.objects.get(username=username))
        return client

    return sign_in


def test_no_filter_form_offers_a_select_of_records(browser):
    client = browser("village_officer")
    pages = 0
    for prefix, viewset in ENDPOINTS:
        response = client.get(f"/api/v1/{prefix}/", HTTP_ACCEPT=BROWSER)
        if response.status_code == 403:
            continue
        assert response.status_code == 200, prefix
        html = response.content.decode()
        for name, _ in record_filters(viewset):
            assert f'<select name="{name}"' not in html, (prefix, name)
        pages += 1
    assert pages >= 10


def test_the_ledger_page_shows_no_problem_outside_the_officers_scope(browser):
    client = browser("village_officer")
    officer = User.objects.get(username="village_officer")
    html = client.get("/api/v1/rectification-items/", HTTP_ACCEPT=BROWSER).content.decode()
    page = html_module.unescape(html)
    seen_facts = set(visible(Problem, officer).values_list("facts", flat=True))
    hidden = Problem.objects.exclude(pk__in=visible(Problem, officer).values("pk"))
    hidden = [p for p in hidden if p.facts not in seen_facts]  # demo facts repeat
    assert len(hidden) > 100
    assert [p.pk for p in hidden if p.facts in page] == []
    others = User.objects.exclude(pk=officer.pk).values_list("full_name", flat=True)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", html)
    assert not set(options) & set(others)


def test_no_write_form_lists_records(browser):
    client = browser("office")
    html = client.get("/api/v1/api-tokens/", HTTP_ACCEPT=BROWSER).content.decode()
    assert '<select name="user"' not in html
    html = client.get("/api/v1/rounds/", HTTP_ACCEPT=BROWSER).content.decode()
    assert 'id="post-object-form"' not in html  # DRF's form: a select per related field
    assert 'id="post-generic-content-form"' in html  # the raw JSON form stays
