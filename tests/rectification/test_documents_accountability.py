"""提请问责函 and 整改评估表 (rectification/accountability_documents.py): what they print,
who generates and reads them; ``render_documents`` writes them."""

import pytest
from django.core.management import call_command

from inspection.documents.downloads import document_download
from inspection.documents.models import Document
from inspection.documents.services import document_generate
from inspection.errors import NotFoundError, PermissionDeniedError
from rectification.choices import EvaluationBatch, ItemStatus
from rectification.services import evaluation_record
from rounds.choices import RoundStatus
from tests.inspection.documents import docx_text, media_root  # noqa: F401
from tests.rectification.accountability_kit import organisation_proposal, proposal
from tests.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def world():
    return build_world(round_status=RoundStatus.RECTIFICATION)


def text_of(document) -> str:
    with document.file.open("rb") as stream:
        return docx_text(stream.read())


def test_the_proposal_letter_names_the_target_facts_and_suggested_form(world):
    item = world.item()
    filed = proposal(world, facts="四项整改任务逾期未完成。")
    filed.items.add(item)
    document = document_generate(
        actor=world.office, kind="accountability_proposal", subject_id=filed.pk
    )
    text = text_of(document)
    for fact in (
        "关于提请对张卫东进行问责的函",
        "县纪委监委：",
        "四项整改任务逾期未完成。",
        "村党总支书记",
        "建议予以诫勉",
        "《中国共产党问责条例》",
    ):
        assert fact in text, fact
    assert document.number.startswith("巡提问〔")
    other = organisation_proposal(world)
    text = text_of(
        document_generate(actor=world.office, kind="accountability_proposal", subject_id=other.pk)
    )
    assert "甲一村党总支" in text and "责令检查（党组织）" in text


def test_the_proposal_letter_is_the_offices_and_the_bodies(world):
    filed = proposal(world)
    for persona in ("leadership", "supervisor_a", "officer_a"):
        with pytest.raises((PermissionDeniedError, NotFoundError)):
            document_generate(
                actor=getattr(world, persona), kind="accountability_proposal", subject_id=filed.pk
            )
    document = document_generate(
        actor=world.office, kind="accountability_proposal", subject_id=filed.pk
    )
    for persona in ("leadership", "supervisor_a"):
        document_download(user=getattr(world, persona), pk=document.pk).stream.close()
    for persona in ("officer_a", "supervisor_b", "leader_a"):  # not yet decided: not the unit's
        with pytest.raises((NotFoundError, PermissionDeniedError)):
            document_download(user=getattr(world, persona), pk=document.pk)


def test_the_evaluation_form_prints_the_figures_as_judged(world):
    world.evidenced_item(status=ItemStatus.CLOSED)
    world.item()
    evaluation = evaluation_record(
        actor=world.office,
        assignment_id=world.assignment_a.pk,
        batch=EvaluationBatch.REMINDER,
        note="部分任务滞后，发函提醒。",
    )
    world.item(status=ItemStatus.CLOSED)  # after judging: not on the form
    document = document_generate(
        actor=world.office, kind="evaluation_form", subject_id=evaluation.pk
    )
    text = text_of(document)
    for fact in ("巡察整改评估表", "50.0%（1/2）", "100.0%（1/1）", "发函提醒", "部分任务滞后"):
        assert fact in text, fact
    document_download(user=world.officer_a, pk=document.pk).stream.close()
    with pytest.raises(NotFoundError):
        document_download(user=world.officer_b, pk=document.pk)


def test_render_documents_writes_both(world, tmp_path):
    filed = proposal(world)
    evaluation = evaluation_record(
        actor=world.office, assignment_id=world.assignment_a.pk, batch=EvaluationBatch.CLOSE
    )
    call_command("render_documents", round=world.round.pk, out=tmp_path)
    kinds = dict(Document.objects.values_list("kind", "object_id"))
    assert kinds["accountability_proposal"] == filed.pk
    assert kinds["evaluation_form"] == evaluation.pk
    names = [path.name for path in tmp_path.iterdir()]
    assert any(name.startswith("提请问责函") for name in names), names
    assert any(name.startswith("整改评估表") for name in names), names
