"""The lean list path writes the same documents as DRF's own (issue 8).

``inspection.api.lean`` replaces DRF's per-row ``to_representation`` for the widest
resources, and ``inspection.api.renderers`` replaces DRF's JSON encoder. On the demo
county, every row of these lists, read by users whose masking differs, must come out
byte for byte as DRF writes it: the same keys, the same values, masked names masked.
"""

import datetime
import json

import pytest
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from inspection.api.lean import LeanRepresentation
from inspection.api.renderers import OrjsonRenderer
from inspection.models import User

pytestmark = pytest.mark.django_db

LISTS = (
    "rectification-items",
    "problems",
    "clues",
    "interviews",
    "activities",
    "petitions",
    "villages",
    "feedback",
    "progress-updates",
    "verifications",
    "alerts",
    "accountabilities",
    "evaluations",
    "rounds",
    "assignments",
)
# The office sees every name; the others read some of them masked, or fewer rows.
READERS = ("office", "member", "leadership", "liaison", "officer")


def every_page(client, resource: str) -> tuple[list[bytes], list]:
    """The list's pages as written (bytes) and as the view answered them (data)."""
    written, answered = [], []
    url = f"/api/v1/{resource}/?page_size=200"
    while url:
        response = client.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, (resource, response.content[:300])
        written.append(response.content)
        answered.append(response.data)
        url = response.data.get("next")
    return written, answered


@pytest.fixture
def reader(seeded, client):
    def sign_in(username: str):
        client.force_login(User.objects.get(username=username))
        return client

    return sign_in


@pytest.mark.parametrize("username", READERS)
def test_lean_rows_are_the_rows_drf_writes(reader, monkeypatch, username):
    client = reader(username)
    lean = {resource: every_page(client, resource) for resource in LISTS}
    monkeypatch.setattr(
        LeanRepresentation, "to_representation", serializers.Serializer.to_representation
    )
    # DRF's own fields, built for each serializer (not copied from the class's first).
    monkeypatch.setattr(
        LeanRepresentation, "get_fields", lambda self: super(LeanRepresentation, self).get_fields()
    )
    rows = 0
    for resource in LISTS:
        drf_written, drf_answered = every_page(client, resource)
        lean_written, _ = lean[resource]
        assert lean_written == drf_written, resource
        rows += sum(len(page["results"]) for page in drf_answered)
    # Not a comparison of empty lists: the demo county fills them, even in a narrow scope.
    assert rows > 100


def test_the_masked_names_stay_masked_on_the_lean_path(reader):
    client = reader("leadership")
    _written, pages = every_page(client, "interviews")
    names = [row["interviewee_name"] for page in pages for row in page["results"]]
    assert names and any(name.endswith("**") for name in names)


def test_orjson_writes_the_bytes_drfs_encoder_writes(reader):
    client = reader("office")
    compared = 0
    for resource in LISTS:
        _written, pages = every_page(client, resource)
        for data in pages:
            assert OrjsonRenderer().render(data) == JSONRenderer().render(data), resource
            compared += 1
    assert compared >= len(LISTS)


def test_what_orjson_cannot_write_is_written_by_drf():
    data = {"big": 2**70, 1: "一", "line": "a\u2028b", "when": datetime.date(2026, 1, 2)}
    assert OrjsonRenderer().render(data) == JSONRenderer().render(data)
    assert json.loads(OrjsonRenderer().render({"s": "a\u2029b"})) == {"s": "a\u2029b"}
    assert OrjsonRenderer().render({"s": "a\u2029b"}) == JSONRenderer().render({"s": "a\u2029b"})
