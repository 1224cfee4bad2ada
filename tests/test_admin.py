"""The admin console: every page answers, workflow records stay read-only, lists have no N+1."""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from findings.models import Clue, Problem
from inspection.choices import ReceivingBody, UserRole
from inspection.models import (
    User,
    Village,
)
from rectification.models import (
    RectificationItem,
)
from rounds.choices import RoundStatus
from rounds.models import (
    Assignment,
    InspectionRound,
)
from tests import factories
from tests.admin_records import BUILDERS, EDITABLE, REGISTERED

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def small_team_numbers():
    # Team.name spells the number in Chinese and breaks from 100 on (see chinese_ordinal);
    # the factory's sequence runs across the whole session, so restart it for each test.
    factories.TeamFactory.reset_sequence()


WITH_STATUS = [m for m in REGISTERED if "status" in {f.name for f in m._meta.fields}]
WITH_HISTORY = [m for m in REGISTERED if hasattr(m._meta, "simple_history_manager_attribute")]


def label(model):
    return model._meta.label


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# --- submitting a change form as a browser would -------------------------------------


class FormData(HTMLParser):
    """The name/value pairs a browser submits for the form with the given id."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self.select = None
        self.textarea = None

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.add(name, attrs.get("value") or "on")
                return
            self.add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            multiple = "multiple" in attrs
            self.select = {"name": name, "multiple": multiple, "first": None, "chosen": False}
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["chosen"] = True
                self.add(self.select["name"], value)
        elif tag == "textarea" and name:
            self.textarea = {"name": name, "text": []}

    def handle_data(self, data):
        if self.textarea:
            self.textarea["text"].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            select = self.select
            if not select["chosen"] and not select["multiple"] and select["first"] is not None:
                self.add(select["name"], select["first"])
            self.select = None
        elif tag == "textarea" and self.textarea:
            text = "".join(self.textarea["text"])
            self.add(self.textarea["name"], text.removeprefix("\r\n").removeprefix("\n"))
            self.textarea = None


def form_data(response, model):
    parser = FormData(f"{model._meta.model_name}_form")
    parser.feed(response.content.decode())
    assert parser.data, "the change form was not found on the page"
    return parser.data


def form_errors(response):
    if response.context is None or "adminform" not in response.context:
        return response.status_code
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    errors = [response.context["adminform"].form.errors]
    errors += [formset.errors for formset in formsets]
    errors += [formset.non_form_errors() for formset in formsets]
    return errors


# --- every page answers --------------------------------------------------------------


def test_every_model_is_registered():
    models = {
        model
        for app in ("inspection", "rounds", "findings", "rectification")
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    }
    assert Village in models
    assert models - set(admin.site._registry) == set()


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_changelist_and_add_pages_answer(admin_client, model):
    BUILDERS[model]()
    assert admin_client.get(url(model, "changelist")).status_code == 200
    # Workflow records are added by the services only: no add page, even for a superuser.
    expected = 200 if model in EDITABLE else 403
    assert admin_client.get(url(model, "add")).status_code == expected


def test_a_superuser_sees_the_sign_in_lock_outs(admin_client):
    assert admin_client.get("/admin/axes/accessattempt/").status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_change_page_answers(admin_client, model):
    obj = BUILDERS[model]()
    assert admin_client.get(url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_changelist_search_answers(admin_client, model):
    BUILDERS[model]()
    response = admin_client.get(url(model, "changelist"), {"q": "测试"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_view_only_staff_can_browse(client, model):
    viewer = factories.UserFactory(is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)
    obj = BUILDERS[model]()
    assert client.get(url(model, "changelist")).status_code == 200
    assert client.get(url(model, "change", obj.pk)).status_code == 200


# --- history is browsable, never reverted --------------------------------------------


@pytest.mark.parametrize("model", WITH_HISTORY, ids=label)
def test_history_is_browsable(admin_client, model):
    assert isinstance(admin.site._registry[model], SimpleHistoryAdmin)
    obj = BUILDERS[model]()
    assert admin_client.get(url(model, "history", obj.pk)).status_code == 200
    version = obj.history.earliest()
    history_form = url(model, "simple_history", obj.pk, version.history_id)
    assert admin_client.get(history_form).status_code == 200


def test_history_cannot_revert_a_status(admin_client):
    round_ = factories.InspectionRoundFactory()
    planning = round_.history.get()
    round_.status = RoundStatus.ON_SITE
    round_.save()
    history_form = url(InspectionRound, "simple_history", round_.pk, planning.history_id)
    response = admin_client.post(history_form, {"title": round_.title, "_save": "1"})
    assert response.status_code == 403
    round_.refresh_from_db()
    assert round_.status == RoundStatus.ON_SITE


# --- workflow fields are read-only ---------------------------------------------------


@pytest.mark.parametrize("model", WITH_STATUS, ids=label)
def test_a_status_cannot_be_posted(admin_client, model):
    """Every model with a status is a workflow record: its page has no form field, and a
    post is refused, superuser or not (the services move a status)."""
    obj = BUILDERS[model]()
    original = obj.status
    other = next(value for value in model._meta.get_field("status").choices if value[0] != original)
    change = url(model, "change", obj.pk)
    page = admin_client.get(change)
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    assert admin_client.post(change, {"status": other[0]}).status_code == 403
    obj.refresh_from_db()
    assert obj.status == original


def test_user_add_form_carries_role_and_checks_its_scope(admin_client):
    add = url(User, "add")
    data = form_data(admin_client.get(add), User)
    data.update(
        username=["liaison1"],
        usable_password=["false"],
        full_name=["钱立新"],
        role=[UserRole.COMMISSION_LIAISON],
    )
    response = admin_client.post(add, data)
    assert response.status_code == 200
    assert "纪委监委联络员必须指定所属受理机关" in response.content.decode()

    data["receiving_body"] = [ReceivingBody.COMMISSION]
    response = admin_client.post(add, data)
    assert response.status_code == 302, form_errors(response)
    user = User.objects.get(username="liaison1")
    assert (user.full_name, user.receiving_body) == ("钱立新", ReceivingBody.COMMISSION)


# --- changelists have no N+1 ---------------------------------------------------------


def changelist_queries(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model):
    for _ in range(2):
        BUILDERS[model]()
    changelist_queries(admin_client, model)  # warm the per-process caches
    few = changelist_queries(admin_client, model)
    for _ in range(8):
        BUILDERS[model]()
    assert changelist_queries(admin_client, model) == few


@pytest.mark.parametrize(
    ("model", "max_queries"),
    [(Problem, 12), (RectificationItem, 12), (Clue, 12), (Assignment, 12)],
    ids=lambda value: label(value) if isinstance(value, type) else str(value),
)
def test_changelist_of_twenty_rows_is_bounded(
    admin_client, django_assert_max_num_queries, model, max_queries
):
    for _ in range(20):
        BUILDERS[model]()
    with django_assert_max_num_queries(max_queries):
        response = admin_client.get(url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count() >= 20
