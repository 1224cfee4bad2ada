"""Petition disposal is findings' (it makes problems and clues) but answers where clients
have always found it: /api/v1/petitions/{id}/problem-draft/ and …/dispose/, with the same
operation ids, beside rounds' list and detail of petitions."""

import pytest
import yaml
from rest_framework.test import APIClient

from findings.models import Clue
from inspection.models import AccessLog
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db


def as_user(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def errors_of(answer) -> set[str]:
    assert answer.status_code == 400, answer.content
    return set(answer.json()["errors"])


def two_petitions(world):
    return [
        f.PetitionFactory(
            assignment=world.assignment_a, reporter_name="李秀英", reporter_contact="13900001111"
        ),
        f.PetitionFactory(assignment=world.assignment_b, reporter_name="赵四"),
    ]


def test_the_api_root_still_lists_petitions_at_their_list():
    client = APIClient()
    client.force_authenticate(f.UserFactory(role="office_staff"))
    root = client.get("/api/v1/", HTTP_ACCEPT="application/json")
    assert root.status_code == 200, root.content
    assert root.json()["petitions"].endswith("/api/v1/petitions/")
    assert root.json()["problems"].endswith("/api/v1/problems/")


def test_the_disposal_keeps_its_paths_operation_ids_and_tag(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    paths = schema["paths"]
    draft = paths["/api/v1/petitions/{id}/problem-draft/"]["get"]
    dispose = paths["/api/v1/petitions/{id}/dispose/"]["post"]
    assert draft["operationId"] == "v1_petitions_problem_draft_retrieve"
    assert dispose["operationId"] == "v1_petitions_dispose_create"
    listed = paths["/api/v1/petitions/"]["get"]
    assert draft["tags"] == dispose["tags"] == listed["tags"]
    assert dispose["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/PetitionDisposeInputRequest"
    )


def dispose(user, petition, **body):
    return as_user(user).post(f"/api/v1/petitions/{petition.pk}/dispose/", body, format="json")


def test_the_office_disposes_of_a_petition():
    world = build_world()
    petition, _ = two_petitions(world)
    answer = dispose(world.office, petition, disposition="referred", referred_to="县民政局")
    assert answer.status_code == 200, answer.content
    row = answer.json()
    assert (row["status"], row["disposition_display"], row["referred_to"]) == (
        "disposed",
        "转交职能部门",
        "县民政局",
    )
    assert row["disposed_by"] == world.office.pk
    # The answer shows the reporter: its read is logged like any other.
    assert AccessLog.objects.filter(object_id=str(petition.pk), action="view").count() == 1


def test_the_team_leader_turns_a_petition_into_a_clue():
    world = build_world()
    petition, _ = two_petitions(world)
    answer = dispose(
        world.leader_a,
        petition,
        disposition="to_clue",
        summary="村会计涉嫌虚报冒领低保金。",
        subjects=[{"name": "赵德明", "post": "accountant"}],
        amount="12000.50",
    )
    assert answer.status_code == 200, answer.content
    clue = Clue.objects.get(petitions=petition)
    assert (clue.summary, str(clue.amount)) == ("村会计涉嫌虚报冒领低保金。", "12000.50")
    assert [subject.name for subject in clue.subjects.all()] == ["赵德明"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"disposition": "referred"}, "referred_to"),
        ({"disposition": "no_action"}, "note"),
        ({"disposition": "forget"}, "disposition"),
        ({"disposition": "to_clue", "summary": "摘要", "subjects": "赵德明"}, "subjects"),
        ({"disposition": "to_clue", "summary": "摘要", "subjects": [{"name": 7}]}, "subjects"),
        ({"disposition": "to_clue", "summary": "摘要", "subjects": [{"name": "赵"}]}, "subjects"),
        ({"disposition": "to_problem", "nature": "nope"}, "nature"),
        ({"disposition": "to_problem", "problem_class": "x"}, "problem_class"),
        ({"disposition": "to_problem", "nature": "general", "amount": "1e20"}, "amount"),
    ],
)
def test_dispose_names_the_bad_field(body, field):
    world = build_world()
    petition, _ = two_petitions(world)
    answer = dispose(world.leader_a, petition, **body)
    assert field in errors_of(answer)
    # Flat messages: one list of strings per field, as the error schema says.
    assert all(isinstance(message, str) for message in answer.json()["errors"][field])


def test_dispose_refused():
    world = build_world()
    petition, _ = two_petitions(world)
    body = {"disposition": "no_action", "note": "重复举报"}
    assert dispose(world.member_a, petition, **body).status_code == 403
    assert dispose(world.leader_b, petition, **body).status_code == 404
    assert dispose(world.officer_a, petition, **body).status_code == 404
    assert dispose(world.office, petition, **body).status_code == 200
    assert dispose(world.office, petition, **body).status_code == 409
