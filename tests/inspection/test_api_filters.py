"""A filter never tells whether a record exists (issue 14, finding 5).

Every list endpoint of the API, every filter naming a record, as several personas of the
demo county: an id that exists outside the user's scope is answered exactly as an id that
exists nowhere — an empty page, status and body identical. A malformed id is a 400 with
the same message on every endpoint. No filter offers a select of records: the API's take
ids, and a screen's select offers only what ``visible()`` lets the user see.
"""

import django_filters
import pytest
from django.test import RequestFactory
from django.urls import get_resolver
from rest_framework.test import APIClient

from findings.models import ProblemAspect, ProblemClass, ProblemFocus
from inspection.api.filtering import FilterBackend
from inspection.api.v1 import router
from inspection.filtersets import IdFilter, related_model
from inspection.models import Term, Town, User, Village
from inspection.permissions import scoped_models, visible
from reports.api.urls import router as reports_router

pytestmark = pytest.mark.django_db

# Narrow scopes (a team member, a village's officer, the commission's liaison), a
# county-wide reader (nothing is out of scope: unknown ids only), and the statistics client.
PERSONAS = ("member", "village_officer", "liaison", "office", "stats")
UNKNOWN = 2**62  # a well-formed id no table reaches
EMPTY = {"next": None, "previous": None, "results": []}
# Read by every persona: an id of one is only ever unknown, never out of scope.
REGISTERS = {Town, Village, Term, ProblemFocus, ProblemAspect, ProblemClass}


def list_endpoints() -> list[tuple[str, type]]:
    registered = [*router.registry, *reports_router.registry]
    return [(prefix, viewset) for prefix, viewset, _ in registered if hasattr(viewset, "list")]


def filterset_of(viewset):
    view = viewset()
    return FilterBackend().get_filterset_class(view, viewset.queryset)


def record_filters(viewset) -> list[tuple[str, type]]:
    """(query parameter, model) of each filter of the endpoint that names a record."""
    filterset = filterset_of(viewset)
    if filterset is None:
        return []
    model = viewset.queryset.model
    found = []
    for name, declared in filterset.base_filters.items():
        target = related_model(model, declared.field_name or "")
        if target is not None and declared.lookup_expr == "exact":
            found.append((name, target))
    return found


def out_of_scope_id(model, user) -> int | None:
    if model not in scoped_models():
        return None
    hidden = model._default_manager.exclude(pk__in=visible(model, user).values("pk"))
    return hidden.order_by("pk").values_list("pk", flat=True).first()


@pytest.fixture(scope="module")
def clients(seeded, django_db_blocker):
    with django_db_blocker.unblock():
        signed_in = {}
        for username in PERSONAS:
            client = APIClient()
            client.force_authenticate(User.objects.get(username=username))
            signed_in[username] = client
        yield signed_in


def answer(client, url: str, params: dict):
    response = client.get(url, params, HTTP_ACCEPT="application/json")
    return response.status_code, response.json()


ENDPOINTS = list_endpoints()


def test_every_list_endpoint_has_its_record_filters_walked():
    walked = {prefix: record_filters(viewset) for prefix, viewset in ENDPOINTS}
    assert len(walked) >= 25
    assert sum(len(filters) for filters in walked.values()) >= 100
    assert {"round", "problem", "feedback", "responsible_user"} <= {
        name for name, _ in walked["rectification-items"]
    }


@pytest.mark.parametrize(("prefix", "viewset"), ENDPOINTS, ids=[p for p, _ in ENDPOINTS])
def test_an_out_of_scope_id_is_answered_as_an_unknown_one(clients, prefix, viewset):
    url = f"/api/v1/{prefix}/"
    compared = 0
    for username, client in clients.items():
        user = client.handler._force_user
        for name, model in record_filters(viewset):
            unknown = answer(client, url, {name: UNKNOWN})
            if unknown[0] == 200:
                assert unknown[1] == EMPTY, (username, name)
            else:
                assert unknown[0] == 403, (username, name, unknown)
            hidden = out_of_scope_id(model, user)
            if hidden is not None:
                assert answer(client, url, {name: hidden}) == unknown, (username, name, hidden)
                compared += 1
    # Towns, villages, terms and the taxonomy are read by every persona (the statistics
    # client too, issue 15): an id of one is only ever unknown, never out of scope.
    if any(model not in REGISTERS for _, model in record_filters(viewset)):
        assert compared, f"{prefix}: no out-of-scope record to compare with"


def test_a_malformed_id_is_the_same_400_on_every_endpoint(clients):
    client = clients["office"]
    bodies = set()
    for prefix, viewset in ENDPOINTS:
        for name, _ in record_filters(viewset):
            status, body = answer(client, f"/api/v1/{prefix}/", {name: "abc"})
            assert status == 400, (prefix, name)
            assert set(body["errors"]) == {name}
            bodies.add((body["detail"], *body["errors"][name]))
    assert bodies == {("提交的数据有误，请按提示修改。", "输入整数。")}


# ------------------------------------------------------------------ filter forms and selects


def every_filterset() -> list[type]:
    assert get_resolver().url_patterns  # imports every view module, hence every filterset
    found, pending = [], [django_filters.FilterSet]
    while pending:
        klass = pending.pop()
        pending.extend(klass.__subclasses__())
        project = klass.__module__.split(".")[0] in {
            "inspection",
            "rounds",
            "findings",
            "rectification",
            "reports",
        }
        if project and klass._meta.model is not None:
            found.append(klass)
    return found


def test_the_api_filters_records_by_id_only():
    for prefix, viewset in ENDPOINTS:
        filterset = filterset_of(viewset)
        for name, declared in (filterset.base_filters if filterset else {}).items():
            assert not isinstance(declared, django_filters.ModelChoiceFilter), (prefix, name)
            assert not isinstance(declared, django_filters.ModelMultipleChoiceFilter)
        for name, _ in record_filters(viewset):
            assert isinstance(filterset.base_filters[name], IdFilter), (prefix, name)


def test_every_select_of_records_offers_only_what_the_user_sees(clients):
    filtersets = every_filterset()
    assert len(filtersets) >= 25
    selects = 0
    for username, client in clients.items():
        request = RequestFactory().get("/")
        request.user = client.handler._force_user
        for klass in filtersets:
            filterset = klass(None, queryset=klass._meta.model.objects.all(), request=request)
            for name, declared in filterset.filters.items():
                if not isinstance(declared, django_filters.ModelChoiceFilter):
                    continue
                choices = declared.get_queryset(request)
                seen = visible(choices.model, request.user).values("pk")
                assert not choices.exclude(pk__in=seen).exists(), (username, klass, name)
                selects += 1
    assert selects >= 10
