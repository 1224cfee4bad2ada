"""Assertions and inputs shared by the rectification service tests."""

from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inspection.errors import ApplicationError

# The first bytes of each kind of evidence file (inspection.evidence checks them).
HEADS = {".pdf": b"%PDF-1.4 ", ".jpg": b"\xff\xd8\xff\xe0 jpeg", ".png": b"\x89PNG\r\n\x1a\n"}


def upload(name: str = "整改照片.jpg", content: bytes | None = None):
    """An evidence file whose content starts like the kind its name claims."""
    if content is None:
        content = HEADS.get(name[name.rfind(".") :].lower(), b"") + b"evidence"
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def assert_one_new_history_row(obj, *, before: int, actor, note: str) -> None:
    """Exactly one history row was written by the move, naming the actor and the note."""
    assert obj.history.count() == before + 1
    row = obj.history.latest()
    assert row.history_user == actor
    assert row.history_change_reason == note


@contextmanager
def refused(field: str, match: str | None = None):
    """Expect a refused input: an ApplicationError (400, not a subclass) naming ``field``."""
    with pytest.raises(ApplicationError, match=match) as info:
        yield info
    assert type(info.value) is ApplicationError, f"a 400 was expected, got {info.value!r}"
    assert field in info.value.errors, f"{field} not in {info.value.errors}"


def feed_back_all(inspection_round, *, actor) -> None:
    """Every organisation of ``inspection_round`` fed back in one batch (rows written
    straight to the database): what starting rectification asks for."""
    from tests import factories as f

    batch = f.FeedbackBatchFactory(round=inspection_round, given_by=actor)
    for assignment in inspection_round.assignments.filter(feedback__isnull=True):
        f.FeedbackFactory(
            assignment=assignment, batch=batch, fed_back_on=batch.fed_back_on, given_by=actor
        )
