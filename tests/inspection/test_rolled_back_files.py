"""Files of an action that rolled back do not stay on disk: a photo saved by a service
whose transaction then fails is removed when the request (or task) ends; a photo of an
action that committed stays."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished
from django.db import transaction

from demo.county.evidence import png_bytes
from findings.models import Problem, ProblemEvidence
from findings.services import problem_record
from inspection.errors import ApplicationError
from tests.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def photo() -> SimpleUploadedFile:
    return SimpleUploadedFile("账册照片.png", png_bytes("ledger"), content_type="image/png")


def stored(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def record(world):
    return problem_record(
        actor=world.member_a,
        assignment_id=world.assignment_a.pk,
        facts="低保金发放名单与公示不一致。",
        source="documents",
        evidence=[photo()],
    )


def end_of_request() -> None:
    request_finished.send(sender=WSGIHandler)


def test_the_photo_of_an_action_that_rolled_back_is_removed(media):
    world = build_world()
    # One action of several steps: the photo is written, then a later step refuses.
    with pytest.raises(ApplicationError), transaction.atomic():
        record(world)
        assert len(stored(media)) == 1
        raise ApplicationError("后一步被拒绝。")
    assert not Problem.objects.exists()
    end_of_request()
    assert stored(media) == []


def test_the_photo_of_an_action_that_committed_stays(media):
    world = build_world()
    problem = record(world)
    end_of_request()
    (evidence,) = ProblemEvidence.objects.filter(problem=problem)
    assert stored(media) == [Path(evidence.file.path)]


def test_a_photo_named_by_a_row_is_never_removed(media):
    """Even when its commit went unseen (another on-commit callback failed first)."""
    world = build_world()
    with transaction.atomic():
        problem = record(world)
        transaction.get_connection().run_on_commit.clear()  # the callbacks were cut short
    end_of_request()
    assert stored(media) == [Path(problem.evidence.get().file.path)]


def test_files_wait_while_the_database_cannot_answer(media, on_postgres):
    """The database that failed the action may still be down when the request ends: the
    files stay on probation (no error from the end of the request) and go once it answers."""
    from django.db import connection

    world = build_world()
    with pytest.raises(ApplicationError), transaction.atomic():
        record(world)
        raise ApplicationError("后一步被拒绝。")
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there: a real refused connection
    try:
        end_of_request()
        assert len(stored(media)) == 1
    finally:
        connection.close()
        connection.settings_dict.update(saved)
    end_of_request()
    assert stored(media) == []


def test_the_file_of_an_insert_that_failed_is_removed(media):
    """The file is stored before its row is inserted: an insert the database refuses (here a
    missing uploader, NOT NULL) must not leave it on disk, unnamed by any row."""
    from django.db import IntegrityError

    from inspection.evidence import save_evidence

    world = build_world()
    problem = record(world)
    end_of_request()
    kept = stored(media)
    with pytest.raises(IntegrityError), transaction.atomic():
        save_evidence(ProblemEvidence, [photo()], actor=None, problem=problem)
    end_of_request()
    assert stored(media) == kept
