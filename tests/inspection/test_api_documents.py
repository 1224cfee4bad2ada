"""GET /api/v1/documents/: the documents a user may read, and their logged download."""

import pytest
from rest_framework.test import APIClient

from inspection.documents.services import document_generate
from inspection.models import AccessLog
from tests.inspection.documents import interview_of_team_a, media_root  # noqa: F401
from tests.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def as_user(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def generated(world, count=1):
    return [
        document_generate(
            actor=world.member_a, kind="interview_record", subject_id=interview_of_team_a(world).pk
        )
        for _ in range(count)
    ]


def test_the_list_holds_what_the_user_may_read(django_assert_max_num_queries):
    world = build_world()
    documents = generated(world, 5)
    with django_assert_max_num_queries(8):
        answer = as_user(world.leader_a).get("/api/v1/documents/", {"page_size": 100})
    assert answer.status_code == 200
    rows = answer.json()["results"]
    assert {row["id"] for row in rows} == {document.pk for document in documents}
    row = next(row for row in rows if row["id"] == documents[0].pk)
    assert (row["kind_name"], row["number"], row["subject_type"]) == (
        "谈话记录",
        documents[0].number,
        "interview",
    )
    assert row["download_url"].endswith(f"/api/v1/documents/{documents[0].pk}/download/")
    for persona in ("leader_b", "leadership", "officer_a", "liaison"):
        answer = as_user(world.users[persona]).get("/api/v1/documents/")
        assert answer.json()["results"] == [], persona
    assert as_user(world.stats).get("/api/v1/documents/").status_code == 403


def test_the_download_is_logged_and_outside_the_scope_404():
    world = build_world()
    (document,) = generated(world)
    url = f"/api/v1/documents/{document.pk}/download/"
    answer = as_user(world.member_a).get(url, HTTP_ACCEPT="application/json")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content)[:4] == b"PK\x03\x04"
    assert AccessLog.objects.filter(
        action=AccessLog.Action.VIEW, object_id=str(document.pk), user=world.member_a
    ).exists()
    assert as_user(world.leader_b).get(url).status_code == 404
    assert as_user(world.leadership).get(url).status_code == 404
    assert (
        as_user(world.member_a).get(f"/api/v1/documents/{document.pk + 9}/download/").status_code
        == 404
    )
