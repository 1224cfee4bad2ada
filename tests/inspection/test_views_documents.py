"""The documents' screens: an interview's documents panel and the office's template page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as open_docx

from inspection.documents.models import Document, DocumentTemplate
from inspection.documents.services import document_generate
from inspection.models import AccessLog
from rounds.document_kinds import INTERVIEW_RECORD
from tests.inspection.documents import interview_of_team_a, media_root  # noqa: F401
from tests.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def world():
    return build_world()


def page_of(interview) -> str:
    return reverse("rounds:interview_detail", args=[interview.pk])


def docx_bytes(text: str) -> bytes:
    document = open_docx()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_team_generates_and_revises_the_record_from_the_interview_page(client, world):
    interview = interview_of_team_a(world)
    client.force_login(world.member_a)
    page = client.get(page_of(interview)).content.decode()
    assert "王建国" in page and "生成谈话记录" in page
    generate = reverse("inspection:document_generate", args=["interview_record", interview.pk])
    answer = client.post(generate, {"next": page_of(interview)})
    assert answer.status_code == 302 and answer.url == page_of(interview)
    document = Document.objects.get()
    page = client.get(answer.url).content.decode()
    assert "文书已生成" in page and document.number in page
    assert reverse("inspection:document_file", args=[document.pk]) in page
    upload = SimpleUploadedFile("改.docx", docx_bytes("组长改过的记录"))
    answer = client.post(
        reverse("inspection:document_upload", args=[document.pk]),
        {"file": upload, "note": "补签字", "next": page_of(interview)},
    )
    assert answer.status_code == 302
    assert list(Document.objects.order_by("version").values_list("version", "note")) == [
        (1, ""),
        (2, "补签字"),
    ]
    assert "补签字" in client.get(page_of(interview)).content.decode()


def test_a_refused_upload_is_told_on_the_page(client, world):
    interview = interview_of_team_a(world)
    document = document_generate(
        actor=world.member_a, kind="interview_record", subject_id=interview.pk
    )
    client.force_login(world.member_a)
    answer = client.post(
        reverse("inspection:document_upload", args=[document.pk]),
        {"file": SimpleUploadedFile("改.docx", b"not a docx"), "next": page_of(interview)},
        follow=True,
    )
    assert "不是有效的Word文档" in answer.content.decode()
    assert Document.objects.count() == 1


def test_leadership_reads_the_interview_masked_and_without_its_documents(client, world):
    interview = interview_of_team_a(world)
    document_generate(actor=world.member_a, kind="interview_record", subject_id=interview.pk)
    client.force_login(world.leadership)
    page = client.get(page_of(interview)).content.decode()
    assert "王**" in page and "王建国" not in page and "鱼塘" not in page
    assert 'id="documents-title"' not in page
    client.force_login(world.leader_b)
    assert client.get(page_of(interview)).status_code == 404
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).exists()


def test_a_generate_outside_the_scope_is_404(client, world):
    interview = interview_of_team_a(world)
    client.force_login(world.leader_b)
    generate = reverse("inspection:document_generate", args=["interview_record", interview.pk])
    assert client.post(generate).status_code == 404
    client.force_login(world.leadership)
    assert client.post(generate).status_code == 403
    assert not Document.objects.exists()


def test_next_leads_back_to_this_site_only(client, world):
    interview = interview_of_team_a(world)
    client.force_login(world.member_a)
    generate = reverse("inspection:document_generate", args=["interview_record", interview.pk])
    assert client.post(generate, {"next": "https://evil.example/"}).url == "/"


def test_the_interview_page_reads_its_versions_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    interview = interview_of_team_a(world)
    client.force_login(world.member_a)
    client.get(page_of(interview))
    for _ in range(6):
        document_generate(actor=world.member_a, kind="interview_record", subject_id=interview.pk)
    with django_assert_max_num_queries(16):
        page = client.get(page_of(interview)).content.decode()
    assert page.count("第6版") == 1


def test_the_office_manages_the_templates(client, world):
    client.force_login(world.office)
    page = client.get(reverse("inspection:document_templates")).content.decode()
    assert "谈话记录" in page and "默认模板" in page
    shipped = client.get(reverse("inspection:document_template_file", args=["interview_record"]))
    assert shipped.status_code == 200
    assert shipped.content == INTERVIEW_RECORD.template.read_bytes()
    upload = reverse("inspection:document_template_upload", args=["interview_record"])
    broken = SimpleUploadedFile("坏模板.docx", docx_bytes("{{ 不存在的字段 }}"))
    page = client.post(upload, {"file": broken}, follow=True).content.decode()
    assert "模板未通过检查" in page
    assert not DocumentTemplate.objects.exists()
    good = SimpleUploadedFile(
        "本县模板.docx", docx_bytes("谈话记录 {{ number }} {{ interviewee }}")
    )
    page = client.post(upload, {"file": good}, follow=True).content.decode()
    assert "本县模板.docx" in page and "恢复默认模板" in page
    reset = reverse("inspection:document_template_reset", args=["interview_record"])
    page = client.post(reset, follow=True).content.decode()
    assert "已恢复默认模板" in page
    assert not DocumentTemplate.objects.exists()


def test_the_template_page_is_the_offices(client, world):
    for persona in ("leader_a", "leadership", "officer_a"):
        client.force_login(world.users[persona])
        assert client.get(reverse("inspection:document_templates")).status_code == 403
        upload = reverse("inspection:document_template_upload", args=["interview_record"])
        assert client.post(upload, {}).status_code == 403
