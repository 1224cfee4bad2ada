"""Petition disposal is findings' (it makes problems and clues) but answers where clients
have always found it: /api/v1/petitions/{id}/problem-draft/ and …/dispose/, with the same
operation ids, beside rounds' list and detail of petitions."""

import pytest
import yaml
from rest_framework.test import APIClient

from tests import factories as f

pytestmark = pytest.mark.django_db


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
