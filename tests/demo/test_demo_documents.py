"""The demo's closed round has its documents: one 谈话记录 per interview, numbered in the
order the interviews were held; one 立行立改通知书 per written order, under the order's
number; one 问题底稿审批单 per signed paper and one 底稿汇编 per village with signed
papers; each file the record it claims to be."""

import hashlib
import io

import pytest
from docx import Document as open_docx

from findings.choices import PROBLEM_STATUSES_SIGNED
from findings.models import Problem
from inspection.documents.models import Document
from rectification.choices import OrderForm
from rectification.models import ImmediateOrder
from rounds.choices import RoundStatus
from rounds.models import InspectionRound, Interview
from tests.inspection.documents import docx_text

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


def test_every_written_order_of_the_closed_round_has_its_signed_notice(seeded):
    closed = InspectionRound.objects.get(status=RoundStatus.CLOSED)
    orders = ImmediateOrder.objects.filter(assignment__round=closed)
    written = {order.pk: order for order in orders if order.form == OrderForm.WRITTEN}
    assert written and len(written) < orders.count()  # some orders were oral: no notice
    notices = Document.objects.filter(kind="immediate_order")
    assert {notice.object_id for notice in notices} == set(written)
    for notice in notices:
        order = written[notice.object_id]
        assert notice.number == order.number and notice.created_by == order.issued_by
        with notice.file.open("rb") as stream:
            text = docx_text(stream.read())
        assert order.number in text and order.signed_for_by_name in text


def test_every_signed_paper_has_its_form_and_every_village_its_compilation(seeded):
    closed = InspectionRound.objects.get(status=RoundStatus.CLOSED)
    signed = Problem.objects.filter(assignment__round=closed, status__in=PROBLEM_STATUSES_SIGNED)
    forms = Document.objects.filter(kind="problem_paper")
    assert sorted(forms.values_list("object_id", flat=True)) == sorted(
        signed.values_list("pk", flat=True)
    )
    paper = signed.select_related("confirmed_by").order_by("pk").first()
    form = forms.get(object_id=paper.pk)
    assert form.number == paper.number and form.created_by == paper.confirmed_by
    with form.file.open("rb") as stream:
        text = docx_text(stream.read())
    assert paper.number in text and paper.facts.splitlines()[0] in text
    assert str(paper.submitted_by) in text and str(paper.reviewed_by) in text
    villages = set(signed.values_list("assignment_id", flat=True))
    compiled = Document.objects.filter(kind="paper_compilation")
    assert set(compiled.values_list("object_id", flat=True)) == villages
