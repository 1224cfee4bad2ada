"""What stays on a shared computer: no answer that shows confidential records is kept by
the browser's cache or a proxy (Cache-Control: no-store), pages, API answers, evidence
files and workbooks alike."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from findings.choices import ClueStatus
from findings.models import ProblemEvidence
from reports.models import ExportJob
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world():
    return build_world()


def no_store(answer) -> bool:
    directives = {part.strip() for part in answer.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_page_for_a_signed_in_user_says_no_store(world):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    problem = world.problem()
    office, leader = signed_in(world.office), signed_in(world.leader_a)
    pages = [
        (office, "/"),
        (office, reverse("findings:clue_list")),
        (office, reverse("findings:clue_detail", args=[clue.pk])),
        (office, reverse("findings:problem_detail", args=[problem.pk])),
        (office, reverse("findings:clue_detail", args=[2**40])),  # a 404 page too
        (leader, reverse("findings:team_assignment", args=[world.assignment_a.pk])),
        (leader, reverse("findings:team_interview_new", args=[world.assignment_a.pk])),
    ]
    for client, path in pages:
        answer = client.get(path)
        assert answer.status_code in (200, 404), path
        assert no_store(answer), (path, answer.get("Cache-Control"))


def test_every_api_answer_says_no_store_signed_in_or_not(world):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    api = APIClient()
    api.force_login(world.office)
    for path in ("/api/v1/clues/", f"/api/v1/clues/{clue.pk}/", "/api/v1/interviews/"):
        answer = api.get(path, HTTP_ACCEPT="application/json")
        assert answer.status_code == 200, path
        assert no_store(answer), path
    refused = APIClient().get("/api/v1/clues/", HTTP_ACCEPT="application/json")
    assert refused.status_code == 401
    assert no_store(refused)


def test_evidence_files_and_workbooks_say_no_store(world, django_capture_on_commit_callbacks):
    world.export_records()
    evidence = ProblemEvidence.objects.create(
        problem=world.problem(),
        file=ContentFile(b"%PDF-1.7 secret", name="upload.pdf"),
        original_name="材料.pdf",
        uploaded_by=world.member_a,
    )
    office = signed_in(world.office)
    answer = office.get(reverse("inspection:evidence_download", args=["problem", evidence.pk]))
    assert answer.status_code == 200
    assert no_store(answer)
    leadership = signed_in(world.leadership)
    with django_capture_on_commit_callbacks(execute=True):
        leadership.post("/reports/", {"round": world.round.pk})
    job = ExportJob.objects.get()
    for path in (f"/reports/{job.pk}/download/", "/reports/"):
        answer = leadership.get(path)
        assert answer.status_code == 200, path
        assert no_store(answer), path
