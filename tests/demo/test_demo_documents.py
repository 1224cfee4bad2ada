"""The demo's closed round has its documents: one 谈话记录 per interview, numbered in the
order the interviews were held, each file the record it claims to be."""

import hashlib
import io

import pytest
from docx import Document as open_docx

from inspection.documents.models import Document
from rounds.choices import RoundStatus
from rounds.models import InspectionRound, Interview

pytestmark = pytest.mark.django_db


def test_every_interview_of_the_closed_round_has_its_numbered_record(seeded):
    closed = InspectionRound.objects.get(status=RoundStatus.CLOSED)
    interviews = list(Interview.objects.filter(assignment__round=closed).order_by("held_at", "pk"))
    documents = {
        document.object_id: document
        for document in Document.objects.filter(kind="interview_record")
    }
    assert set(documents) == {interview.pk for interview in interviews}
    numbers = [documents[interview.pk].sequence for interview in interviews]
    years = {documents[interview.pk].year for interview in interviews}
    assert len(years) == 1 and numbers == list(range(1, len(interviews) + 1))
    sample = documents[interviews[0].pk]
    assert sample.created_by == interviews[0].recorder
    with sample.file.open("rb") as stream:
        content = stream.read()
    assert hashlib.sha256(content).hexdigest() == sample.checksum
    text = "\n".join(p.text for p in open_docx(io.BytesIO(content)).paragraphs)
    assert sample.number in text
