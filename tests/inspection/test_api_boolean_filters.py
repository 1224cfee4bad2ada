"""Issue 15, item 2: every yes/no filter answers one way.

Nine of sixteen boolean filters ignored a value they did not understand
(``villages/?is_active=0`` listed every village, ``assignments/?is_key=yes`` every
assignment). Now each filter of each list endpoint (enumerated from the router) takes
``true`` or ``false``, refuses anything else with a 400 naming the two, and the schema
lists the two values.
"""

import django_filters
import pytest
from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from inspection.filtersets import BooleanFilter
from tests.inspection.test_api_filters import filterset_of, list_endpoints
from tests.world import build_world

pytestmark = pytest.mark.django_db


def boolean_filters() -> list[tuple[str, str]]:
    found = []
    for prefix, viewset in list_endpoints():
        filterset = filterset_of(viewset)
        for name, declared in (filterset.base_filters if filterset else {}).items():
            if isinstance(declared, django_filters.BooleanFilter):
                found.append((prefix, name))
    return found


BOOLEANS = boolean_filters()


def test_every_boolean_filter_is_walked_and_is_the_strict_one():
    assert len(BOOLEANS) >= 16
    assert {("villages", "is_active"), ("assignments", "is_key"), ("clues", "late")} <= set(
        BOOLEANS
    )
    for prefix, viewset in list_endpoints():
        filterset = filterset_of(viewset)
        for name, declared in (filterset.base_filters if filterset else {}).items():
            if isinstance(declared, django_filters.BooleanFilter):
                assert isinstance(declared, BooleanFilter), (prefix, name)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_boolean_filter_refuses_what_it_does_not_understand(language):
    world = build_world()
    client = APIClient()
    client.force_authenticate(world.office)
    if language == "en":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    expected = {"zh-hans": "请填写 true 或 false。", "en": "Enter true or false."}[language]
    for prefix, name in BOOLEANS:
        url = f"/api/v1/{prefix}/"
        for value in ("yes", "maybe", "0", "1"):
            answer = client.get(url, {name: value}, HTTP_ACCEPT="application/json")
            assert answer.status_code == 400, (prefix, name, value, answer.content)
            assert answer.json()["errors"] == {name: [expected]}, (prefix, name, value)
        for value in ("true", "false", "True", "FALSE", ""):
            answer = client.get(url, {name: value}, HTTP_ACCEPT="application/json")
            assert answer.status_code == 200, (prefix, name, value, answer.content)


def test_a_boolean_filter_filters():
    world = build_world()
    client = APIClient()
    client.force_authenticate(world.office)
    village = world.assignment_a.village
    village.is_active = False
    village.save(update_fields=["is_active"])
    listed = {
        value: {
            row["id"]
            for row in client.get("/api/v1/villages/", {"is_active": value}).json()["results"]
        }
        for value in ("true", "false")
    }
    assert listed["false"] == {village.pk}
    assert village.pk not in listed["true"] and listed["true"]


def test_the_schema_lists_the_values_of_every_boolean_filter():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    parameters = {}
    for path, operations in schema["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            parameters[(path, parameter["name"])] = parameter["schema"]
    for prefix, name in BOOLEANS:
        described = parameters[(f"/api/v1/{prefix}/", name)]
        assert described["type"] == "boolean", (prefix, name, described)
        assert sorted(described["enum"]) == [False, True], (prefix, name, described)
