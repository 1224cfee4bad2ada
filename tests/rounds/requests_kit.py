"""Builders the 函调 and brief tests share."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rounds.models import RequestBody
from rounds.services.requests import (
    data_request_create,
    data_request_reply_record,
    data_request_send,
)
from tests import factories as f


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def body(name="县信访局", **extra) -> RequestBody:
    """One of the seven bodies the migration seeds, or a new one of ``extra``."""
    if not extra:
        return f.usual_request_body(name)
    values = {"kind": "other", "default_request": "有关情况。", **extra}
    found, _ = RequestBody.objects.get_or_create(name=name, defaults=values)
    return found


def reply_pdf(name="信访局回复.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 reply", content_type="application/pdf")


def sent_request(world, *, to=None, actor=None, **extra):
    """A request of the world's round to ``to`` (the petitions bureau), sent today."""
    actor = actor or world.office
    request = data_request_create(
        actor=actor, round_id=world.round.pk, body_id=(to or body()).pk, **extra
    )
    return data_request_send(actor=actor, request_id=request.pk)


def replied(world, request, *villages, summary="该村近三年信访5件，反映低保评定不公。"):
    return data_request_reply_record(
        actor=world.office,
        request_id=request.pk,
        file=reply_pdf(),
        summary=summary,
        village_ids=[village.pk for village in villages],
    )
