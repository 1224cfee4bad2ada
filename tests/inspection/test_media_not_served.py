"""Uploads are never public: the system check refuses a MEDIA_ROOT that a static folder
publishes or a route that answers MEDIA_URL, every stored file has a logged download, and
the clue evidence scope is the SQL twin of who reads a clue's persons concerned."""

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models
from django.test import override_settings
from django.urls import path, reverse

from findings.choices import ClueStatus
from findings.models import ClueEvidence
from findings.permissions import sees_clue_subjects
from inspection.attachments import CONTENT_TYPES, evidence_kinds
from inspection.checks import check_media_not_served
from inspection.documents.models import Document, DocumentTemplate
from inspection.evidence import EVIDENCE_EXTENSIONS
from inspection.permissions import visible
from inspection.urls import urlpatterns
from reports.models import ExportJob
from reports.upward.models import StatisticsReport, StatisticsTemplate
from tests.world import PERSONAS, build_world


def error_ids() -> list[str]:
    return [error.id for error in check_media_not_served()]


def test_the_project_settings_pass():
    assert error_ids() == []


@pytest.mark.parametrize("inside", ["static", "var/staticfiles", "var/staticfiles/media"])
def test_media_inside_a_static_folder_is_an_error(settings, inside):
    settings.STATIC_ROOT = settings.BASE_DIR / "var" / "staticfiles"
    settings.MEDIA_ROOT = settings.BASE_DIR / inside
    assert error_ids() == ["inspection.E102"]


def test_a_static_folder_inside_media_is_an_error(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STATICFILES_DIRS = [tmp_path / "static"]
    assert "inspection.E102" in error_ids()


def test_a_route_serving_media_url_is_an_error(settings, tmp_path):
    from django.views.static import serve

    serving = [*urlpatterns, path("media/<path:path>", serve, {"document_root": tmp_path})]
    module = type("urls", (), {"urlpatterns": serving})
    with override_settings(ROOT_URLCONF=module):
        assert error_ids() == ["inspection.E103"]


def test_every_stored_file_has_a_logged_download():
    """A FileField nobody can download through a permission check would be read through
    MEDIA_URL: every one is an evidence kind, or the export job's or a document's (each
    its own download: a document's through ``document_download``, a county's template on
    the office's template page, an upward table's and its city template on the office's
    统计报送 pages, logged)."""
    served = {(kind.model, kind.field) for kind in evidence_kinds().values()}
    with_history = (Document, DocumentTemplate, StatisticsReport, StatisticsTemplate)
    own_download = {ExportJob, *with_history}
    own_download |= {model.history.model for model in with_history}
    fields = {
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField) and model not in own_download
    }
    assert fields <= served
    assert {kind.slug for kind in evidence_kinds().values()} >= {
        "problem",
        "clue",
        "progress",
        "verification",
    }


def test_every_accepted_upload_kind_is_served_with_its_type():
    assert set(CONTENT_TYPES) >= EVIDENCE_EXTENSIONS


@pytest.mark.django_db
def test_clue_evidence_is_seen_exactly_by_who_reads_the_persons_concerned():
    world = build_world()
    clues = [
        world.clue(),
        world.clue(status=ClueStatus.TRANSFERRED),
        world.clue(status=ClueStatus.RECEIVED, body="organisation"),
        world.clue(assignment=None),
        world.clue(assignment=world.assignment_b, proposed_by=world.leader_b),
    ]
    for clue in clues:
        ClueEvidence.objects.create(clue=clue, file="evidence/x.pdf", uploaded_by=world.office)
    for persona in PERSONAS:
        user = getattr(world, persona)
        seen = set(visible(ClueEvidence, user).values_list("clue_id", flat=True))
        expected = {
            clue.pk
            for clue in clues
            if visible(type(clue), user).filter(pk=clue.pk).exists()
            and sees_clue_subjects(user, clue)
        }
        assert seen == expected, persona


@pytest.mark.django_db
def test_the_admin_links_current_files_to_the_download(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    item = world.item()
    evidence = f_evidence(item.problem, world.office)
    feedback = world.feedback()
    feedback.letter_file.save("反馈意见书.pdf", ContentFile(b"%PDF-1.7"))
    pages = {
        reverse("admin:findings_problemevidence_change", args=[evidence.pk]): "problem",
        reverse("admin:findings_problem_change", args=[item.problem_id]): "problem",
        reverse("admin:rectification_feedback_change", args=[feedback.pk]): "feedback-letter",
    }
    for page, kind in pages.items():
        html = admin_client.get(page).content.decode()
        obj = feedback if kind == "feedback-letter" else evidence
        assert f'href="/evidence/{kind}/{obj.pk}/"' in html, page
        assert "/media/" not in html, page


def f_evidence(problem, user):
    from findings.models import ProblemEvidence

    return ProblemEvidence.objects.create(
        problem=problem,
        file=ContentFile(b"%PDF-1.7", name="x.pdf"),
        original_name="租赁合同.pdf",
        uploaded_by=user,
    )
