"""The JSON export of a sent 统计报送: read by the office and by a statistics client's
token; every other role, and a table not sent yet for the client, is answered 404."""

import pytest
from rest_framework.test import APIClient

from inspection.services import api_token_issue
from reports.upward import services
from tests.clock import today_is
from tests.reports.upward_kit import (
    AFTER_Q3,
    media_root,  # noqa: F401
    sent_report,
    third_quarter,
    upload_sample,
)
from tests.world import PERSONAS

pytestmark = pytest.mark.django_db


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_snapshot_is_exported_to_the_office_and_a_statistics_client():
    world = third_quarter()
    with today_is(AFTER_Q3):
        template = upload_sample(world)
        report = sent_report(world, template, "2026Q3")
        draft = services.statistics_report_create(
            actor=world.office, template_id=template.pk, period="2026-09"
        )
        _token, key = api_token_issue(actor=world.office, user_id=world.stats.pk, name="市级平台")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = f"/api/v1/statistics-reports/{report.pk}/snapshot/"
    answer = client.get(url)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["period"]["code"] == "2026Q3"
    assert body["period"]["date_to"] == "2026-09-30"
    assert body["as_of"] == "2026-09-30"
    assert set(body["county"]) == {"name", "code"}
    assert body["figures"]["problems"]["value"] == 4
    assert body["figures"]["items_overdue"]["ids"] == [world.q3_item.pk]
    assert body["previous"] is None
    assert body["changes"]["problems"]["previous"] is None
    assert as_user(world.office).get(url).json() == body
    listed = client.get("/api/v1/statistics-reports/").json()["results"]
    assert [row["id"] for row in listed] == [report.pk]  # the draft is not the client's
    assert client.get(f"/api/v1/statistics-reports/{draft.pk}/").status_code == 404
    office_draft = as_user(world.office).get(f"/api/v1/statistics-reports/{draft.pk}/snapshot/")
    assert office_draft.status_code == 409
    for persona in PERSONAS:
        if persona in ("office", "lead", "stats"):
            continue
        refused = as_user(world.users[persona]).get(url)
        assert refused.status_code == 404, persona
        assert (
            as_user(world.users[persona]).get("/api/v1/statistics-reports/").json()["results"] == []
        ), persona
