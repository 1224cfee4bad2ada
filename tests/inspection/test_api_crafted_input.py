"""Crafted input is refused, never a 500 (issue 14, finding 8), on every endpoint it reaches.

A garbage cursor on every list; a NUL byte as the id of every detail route (absent, and
the refused read of a confidential record still logged: PostgreSQL refuses NUL in text);
a lone surrogate in any field of any JSON body; bodies over Django's limits. Each answer
is the API's JSON envelope. Run on PostgreSQL too (DATABASE_URL): NUL behaves differently.
"""

import base64
import json
import re

import pytest
from rest_framework.test import APIClient

from inspection.api.v1 import router
from inspection.models import AccessLog
from reports.api.urls import router as reports_router
from tests.world import build_world

pytestmark = pytest.mark.django_db

REGISTRY = [*router.registry, *reports_router.registry]
LISTS = [prefix for prefix, viewset, _ in REGISTRY if hasattr(viewset, "list")]
CURSOR_MESSAGE = "翻页参数 cursor 无效，请从第一页重新开始。"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


GARBAGE_CURSORS = (
    "cD1hYmM=",  # p=abc: a position that is no id
    "bogus",  # not base64
    b64("p=\x00"),
    b64("p=99999999999999999999999"),  # beyond a bigint
    b64("p=1e400"),
    b64("r=x&p=1"),
    b64("o=abc"),
)


@pytest.fixture
def world():
    return build_world()


def client_of(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def assert_refused(response, status: int):
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    return body


# ---------------------------------------------------------------------------------- cursors


def test_a_garbage_cursor_is_a_400_on_every_list_endpoint(world):
    client = client_of(world.office)
    assert len(LISTS) >= 25
    for prefix in LISTS:
        for cursor in GARBAGE_CURSORS:
            response = client.get(f"/api/v1/{prefix}/", {"cursor": cursor})
            body = assert_refused(response, 400)
            assert body["errors"] == {"cursor": [CURSOR_MESSAGE]}, (prefix, cursor)


def test_a_garbage_cursor_is_a_400_under_any_ordering(world):
    client = client_of(world.office)
    for ordering in ("held_at", "-held_at", "created_at", "id"):
        for cursor in GARBAGE_CURSORS:
            params = {"cursor": cursor, "ordering": ordering}
            assert_refused(client.get("/api/v1/interviews/", params), 400)


# Positions of a date-and-time ordering at the calendar's ends: valid as written, out of
# range once moved to UTC, where the database keeps them.
EDGE_TIMES = (
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00",  # read as Shanghai time: eight hours before the year 1
    "9999-12-31T23:59:59-14:00",
)


def test_a_time_at_the_calendar_s_end_in_a_cursor_is_a_400_not_a_500(world):
    client = client_of(world.office)
    for prefix, ordering in (("problems", "created_at"), ("notifications", "-created_at")):
        for time in EDGE_TIMES:
            cursor = b64(f'p=["{time}",1]')
            params = {"cursor": cursor, "ordering": ordering}
            response = client.get(f"/api/v1/{prefix}/", params)
            assert response.status_code in (200, 400), (prefix, time, response.content[:300])
            if response.status_code == 400:
                assert response.json()["errors"] == {"cursor": [CURSOR_MESSAGE]}


def test_a_cursor_the_api_wrote_still_pages(world):
    from tests import factories as f

    for _ in range(3):
        f.InterviewFactory(assignment=world.assignment_a)
    client = client_of(world.office)
    first = client.get("/api/v1/interviews/", {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 1


def test_a_nul_in_any_query_parameter_is_a_400(world):
    client = client_of(world.office)
    for prefix in LISTS:
        for params in ({"search": "a\x00b"}, {"status": "\x00"}, {"ordering": "\x00"}):
            assert_refused(client.get(f"/api/v1/{prefix}/", params), 400)


# ----------------------------------------------------------------------- NUL as a detail id


def detail_routes() -> list[tuple[str, set[str]]]:
    """Every detail route of the API with ``%00`` as its id, and its methods."""
    routes = []
    for prefix, viewset, _ in REGISTRY:
        for route in router.get_routes(viewset):
            if "{lookup}" not in route.url:
                continue
            methods = {m for m, action in route.mapping.items() if hasattr(viewset, action)}
            if not methods:
                continue
            path = route.url.replace("{prefix}", prefix).replace("{lookup}", "%00")
            path = path.replace("{trailing_slash}", "/").strip("^$")
            routes.append((f"/api/v1/{path}", methods))
    return routes


DETAIL_ROUTES = detail_routes()


def test_every_detail_route_has_been_found():
    paths = {path for path, _ in DETAIL_ROUTES}
    assert {"/api/v1/clues/%00/", "/api/v1/interviews/%00/", "/api/v1/petitions/%00/"} <= paths
    assert "/api/v1/rectification-items/%00/verify/" in paths
    assert len(DETAIL_ROUTES) >= 55
    assert not [path for path, _ in DETAIL_ROUTES if re.search(r"[{}()^$]", path)]


def test_a_nul_byte_as_a_detail_id_is_answered_as_absent(world):
    """As an id that exists nowhere: a 404 for a read; for an action, whatever it answers
    an unknown id (some check their input first), never a 500."""
    client = client_of(world.office)
    for path, methods in DETAIL_ROUTES:
        unknown = path.replace("%00", str(2**62))
        for method in methods:
            response = getattr(client, method)(path, {}, format="json")
            expected = getattr(client, method)(unknown, {}, format="json")
            body = assert_refused(response, expected.status_code)
            if method == "get":
                assert response.status_code == 404
                assert body == expected.json(), path


@pytest.mark.parametrize("resource", ["clues", "interviews", "petitions"])
def test_the_refused_read_of_a_nul_id_is_logged(world, resource):
    refused = AccessLog.objects.filter(action=AccessLog.Action.REFUSED)
    before = refused.count()
    assert_refused(client_of(world.leader_b).get(f"/api/v1/{resource}/%00/"), 404)
    assert refused.count() == before + 1
    row = refused.latest("pk")
    assert row.user == world.leader_b and row.object_id == "\\x00"


# ------------------------------------------------------------------------- lone surrogates

# What a client can send and Python keeps: JSON's escape of half a surrogate pair.
SURROGATE = '"\\ud800"'


def post_json(client, path: str, text: str, method: str = "post"):
    return getattr(client, method)(path, data=text, content_type="application/json")


def test_a_lone_surrogate_in_a_choice_field_is_a_400_naming_it(world):
    client = client_of(world.member_a)
    for path, field in (
        ("/api/v1/activities/", "kind"),
        ("/api/v1/interviews/", "interviewee_category"),
        ("/api/v1/petitions/", "channel"),
    ):
        text = f'{{"assignment": {world.assignment_a.pk}, "{field}": {SURROGATE}}}'
        body = assert_refused(post_json(client, path, text), 400)
        assert list(body["errors"]) == [field]
        assert "U+D800" in body["errors"][field][0]


def test_a_lone_surrogate_anywhere_in_a_body_is_a_400_on_every_route(world):
    """Every route that takes a body: the surrogate in a text, a nested list, a key."""
    client = client_of(world.office)
    item = world.item()
    paths = []
    for prefix, viewset, _ in REGISTRY:
        for route in router.get_routes(viewset):
            writes = {m for m, a in route.mapping.items() if hasattr(viewset, a)}
            writes &= {"post", "put", "patch"}
            if not writes:
                continue
            path = route.url.replace("{prefix}", prefix).replace("{lookup}", str(item.pk))
            path = "/api/v1/" + path.replace("{trailing_slash}", "/").strip("^$")
            paths += [(path, method) for method in writes]
    assert len(paths) >= 40
    bodies = (
        f'{{"note": {SURROGATE}}}',
        f'{{"milestones": [{{"title": "x"}}, {{"title": {SURROGATE}}}]}}',
        '{"\\udfff": 1}',
    )
    refused = 0
    for path, method in paths:
        for text in bodies:
            response = post_json(client, path, text, method)
            # A route that never reads the body (read-all), refuses the record first (an
            # item's id on another resource: 404), or takes multipart only (415).
            if response.status_code != 400:
                assert response.status_code in (200, 404, 415), (path, response.content)
                continue
            body = assert_refused(response, 400)
            assert "U+D" in json.dumps(body["errors"], ensure_ascii=False), (path, body)
            refused += 1
    assert refused >= 3 * 30


def test_a_lone_surrogate_sent_in_a_query_string_is_refused_plainly(world):
    """Percent-encoded, it is not UTF-8: Django reads it as U+FFFD, an unknown choice."""
    client = client_of(world.office)
    response = client.get("/api/v1/problems/", QUERY_STRING="status=%ED%A0%80")
    assert_refused(response, 400)


# ------------------------------------------------------------------------ oversized bodies


def test_a_json_body_over_the_limit_is_a_413(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    text = json.dumps({"assignment": world.assignment_a.pk, "note": "x" * 2000})
    response = post_json(client_of(world.member_a), "/api/v1/activities/", text)
    body = assert_refused(response, 413)
    assert body["detail"] == "提交的内容过大（上限 1000\xa0字节）。"


def test_a_multipart_body_over_the_limit_is_a_413(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    item = world.item()
    path = f"/api/v1/rectification-items/{item.pk}/post-progress/"
    response = client_of(world.office).post(path, {"text": "x" * 2000}, format="multipart")
    assert assert_refused(response, 413)["detail"] == "提交的内容过大（上限 1000\xa0字节）。"


def test_too_many_fields_is_a_400(world, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    item = world.item()
    path = f"/api/v1/rectification-items/{item.pk}/post-progress/"
    fields = {f"field{number}": "x" for number in range(10)}
    response = client_of(world.office).post(path, fields, format="multipart")
    assert assert_refused(response, 400)["detail"] == "提交的字段或文件过多。"
    # Writes take JSON (multipart where files are sent): a form body is not even read.
    form = "&".join(f"field{number}=x" for number in range(10))
    response = client_of(world.office).post(
        "/api/v1/exports/", form, content_type="application/x-www-form-urlencoded"
    )
    assert assert_refused(response, 415)["detail"] == (
        "不支持请求中的媒体类型 “application/x-www-form-urlencoded”。"
    )


def test_a_body_that_is_not_json_is_a_400_saying_where(world):
    client = client_of(world.member_a)
    response = post_json(client, "/api/v1/activities/", '{"kind": ')
    assert assert_refused(response, 400)["detail"] == "请求内容不是有效的 JSON（第1行第10列）。"
    for text in ("[" * 100_000, '{"amount": NaN}', b"\xff\xfe"):
        assert_refused(post_json(client, "/api/v1/activities/", text), 400)
