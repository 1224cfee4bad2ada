"""/api/v1/unit-submissions/: every version of a unit's plan and reports, scoped as its
feedback; uploading (multipart; the office's marked 代录) and the two reviews."""

import pytest

from rectification.choices import FeedbackDocument, SubmissionStatus
from rectification.models import UnitSubmission
from tests import factories as f
from tests.rectification.action_specs import pdf, submission
from tests.rectification.test_api import HUGE, as_user, listed_ids, ok, refused

pytestmark = pytest.mark.django_db
PATH = "/api/v1/unit-submissions/"


def test_each_role_reads_the_versions_of_its_reach(world):
    version = submission(world)
    for persona in ("office", "leadership", "officer_a", "reviewer_a", "supervisor_a", "leader_a"):
        client = as_user(world.users[persona])
        assert version.pk in listed_ids(client, "unit-submissions"), persona
    for persona in ("officer_b", "reviewer_b", "supervisor_b", "leader_b", "liaison"):
        client = as_user(world.users[persona])
        assert version.pk not in listed_ids(client, "unit-submissions"), persona
        refused(client.get(f"{PATH}{version.pk}/"), 404)
    refused(as_user(world.office).get(f"{PATH}{HUGE}/"), 404)


def test_upload_then_town_then_office_through_the_api(world):
    feedback = world.feedback()
    row = ok(
        as_user(world.officer_a).post(
            PATH,
            {"feedback": feedback.pk, "kind": "plan", "file": pdf(), "note": "初稿"},
            format="multipart",
        ),
        201,
    )
    assert (row["kind"], row["version"], row["by_proxy"], row["status"]) == (
        "plan",
        1,
        False,
        "submitted",
    )
    assert row["file"].endswith(f"/submission/{row['id']}/")
    # The office cannot take it before the town.
    refused(
        as_user(world.office).post(
            f"{PATH}{row['id']}/office-review/", {"decision": "approve"}, format="json"
        ),
        409,
    )
    town = ok(
        as_user(world.reviewer_a).post(
            f"{PATH}{row['id']}/town-review/", {"decision": "approve"}, format="json"
        )
    )
    assert town["status"] == "town_reviewed"
    assert town["town_reviewed_by"] == world.reviewer_a.pk
    refused(
        as_user(world.office).post(
            f"{PATH}{row['id']}/office-review/", {"decision": "return"}, format="json"
        ),
        400,
        "reason",
    )
    done = ok(
        as_user(world.office).post(
            f"{PATH}{row['id']}/office-review/", {"decision": "approve"}, format="json"
        )
    )
    assert done["status"] == "approved"
    refused(
        as_user(world.officer_a).post(
            PATH, {"feedback": feedback.pk, "kind": "plan", "file": pdf()}, format="multipart"
        ),
        409,
    )


def test_proxy_upload_is_marked_and_filterable(world):
    feedback = world.feedback()
    row = ok(
        as_user(world.office).post(
            PATH,
            {"feedback": feedback.pk, "kind": "head", "file": pdf("报告.pdf")},
            format="multipart",
        ),
        201,
    )
    assert row["by_proxy"] is True
    office = as_user(world.office)
    assert listed_ids(office, "unit-submissions", by_proxy="true") == {row["id"]}
    assert listed_ids(office, "unit-submissions", by_proxy="false") == set()
    detail = ok(office.get(f"/api/v1/feedback/{feedback.pk}/"))
    assert detail["head_report_submitted_on"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "plan"}, "file"),
        ({"kind": "budget", "file": "x"}, "kind"),
    ],
)
def test_bad_uploads_are_refused(world, body, field):
    body = {"feedback": world.feedback().pk} | body
    if body.get("file") == "x":
        body["file"] = pdf()
    refused(as_user(world.officer_a).post(PATH, body, format="multipart"), 400, field)
    assert not UnitSubmission.objects.exists()


def test_the_list_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for index in range(30):
        village = f.VillageFactory(town=world.town_a, name=f"甲{index}村")
        assignment = f.AssignmentFactory(
            round=world.round, team=world.team_a, village=village, town=world.town_a
        )
        submission(
            world,
            feedback=world.feedback(assignment=assignment),
            kind=FeedbackDocument.REPORT,
            status=SubmissionStatus.TOWN_REVIEWED,
        )
    for persona in ("office", "reviewer_a", "officer_a"):
        client = as_user(world.users[persona])
        with django_assert_max_num_queries(6):
            page = ok(client.get(PATH, {"page_size": 100}))
        assert len(page["results"]) == 30
