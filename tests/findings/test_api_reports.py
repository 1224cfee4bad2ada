"""``/api/v1/inspection-reports/``: scoped list and detail with decisions, drafting, and
recording decisions (the minutes as a multipart file, leadership signing)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from findings.choices import ReportStage
from tests import factories as f
from tests.findings.reports_kit import report_through
from tests.inspection.documents import media_root  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

URL = "/api/v1/inspection-reports/"
TODAY = timezone.localdate().isoformat()


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def decide(user, report, **data):
    values = {"held_on": TODAY, "outcome": "agreed", "opinion": "同意。"} | data
    return api(user).post(f"{URL}{report.pk}/decide/", values, format="multipart")


def test_the_list_is_scoped_and_carries_the_decisions(world):
    mine = report_through(world.assignment_a, actor=world.office, stage=ReportStage.LEADING_GROUP)
    report_through(world.assignment_b, actor=world.office, stage=ReportStage.GROUP_DISCUSSION)
    rows = api(world.office).get(URL, {"round": world.round.pk}).json()["results"]
    assert len(rows) == 2
    detail = api(world.leader_a).get(f"{URL}{mine.pk}/").json()
    assert detail["waits_for"] == "secretary_meeting"
    assert detail["stage_reached"] == "leading_group"
    assert [d["stage"] for d in detail["decisions"]] == [
        "group_discussion",
        "office_consultation",
        "leading_group",
    ]
    assert detail["decisions"][2]["minutes"].startswith("http://testserver/api/")
    assert [r["id"] for r in api(world.leader_a).get(URL).json()["results"]] == [mine.pk]
    for persona in ("leader_b", "officer_a", "liaison"):
        assert api(world.users[persona]).get(f"{URL}{mine.pk}/").status_code == 404
    assert api(world.stats).get(URL).status_code == 403


def test_the_list_costs_a_fixed_number_of_queries(world):
    report_through(world.assignment_a, actor=world.office)
    client = api(world.office)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for _ in range(5):
        assignment = f.AssignmentFactory(round=world.round, team=world.team_a)
        report_through(assignment, actor=world.office)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(URL).json()["results"]) == 6
    assert len(many) == len(few)


def test_drafting_and_deciding_through_the_api(world):
    answer = api(world.leader_a).post(URL, {"assignment": world.assignment_a.pk}, format="json")
    assert answer.status_code == 201, answer.content
    report = world.assignment_a.inspection_report
    assert decide(world.leader_a, report, stage="group_discussion").status_code == 200
    answer = decide(world.office, report, stage="leading_group")
    assert answer.status_code == 400 and "尚未经组办会商" in answer.json()["detail"]
    assert decide(world.office, report, stage="office_consultation").status_code == 200
    answer = decide(world.office, report, stage="leading_group")
    assert answer.status_code == 400 and "请上传会议纪要" in answer.json()["detail"]
    minutes = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes")
    answer = decide(world.office, report, stage="leading_group", minutes=minutes)
    assert answer.status_code == 200, answer.content
    answer = decide(world.leadership, report, stage="secretary_meeting", outcome="heard")
    assert answer.status_code == 200, answer.content
    last = answer.json()["decisions"][-1]
    assert last["signed_by"] == world.leadership.pk and answer.json()["waits_for"] is None


def test_refusals_through_the_api(world):
    report = report_through(
        world.assignment_a, actor=world.office, stage=ReportStage.GROUP_DISCUSSION
    )
    assert decide(world.leadership, report, stage="office_consultation").status_code == 403
    assert decide(world.leader_b, report, stage="office_consultation").status_code == 404
    answer = decide(world.office, report, stage="final")
    assert answer.status_code == 400
    answer = api(world.member_a).post(URL, {"assignment": world.assignment_b.pk}, format="json")
    assert answer.status_code == 404
