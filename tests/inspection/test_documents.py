"""Documents: generating, numbering, versions, the county's templates, reading them."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document as open_docx

from inspection.documents.choices import DocumentOrigin
from inspection.documents.downloads import document_download
from inspection.documents.models import Document, DocumentCounter, DocumentTemplate
from inspection.documents.services import (
    document_generate,
    document_template_reset,
    document_template_upload,
    document_upload_version,
)
from inspection.errors import ApplicationError, NotFoundError
from inspection.models import AccessLog
from rounds.document_kinds import INTERVIEW_RECORD, interview_record_context
from tests.inspection.documents import docx_text, interview_of_team_a, media_root  # noqa: F401
from tests.stamps import docx_headers, the_mark
from tests.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

KIND = "interview_record"


@pytest.fixture
def world():
    return build_world()


def generate(actor, interview) -> Document:
    return document_generate(actor=actor, kind=KIND, subject_id=interview.pk)


def content_of(document) -> bytes:
    with document.file.open("rb") as stream:
        return stream.read()


def docx_upload(text: str, name="修改稿.docx") -> SimpleUploadedFile:
    document = open_docx()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def shipped_with(old: str, new: str) -> SimpleUploadedFile:
    """The shipped template with one of its texts replaced (a county's edit)."""
    document = open_docx(str(INTERVIEW_RECORD.template))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("本县谈话记录.docx", out.getvalue())


# ------------------------------------------------------------------------ generating


def test_a_generated_record_is_numbered_and_holds_the_interview(world):
    interview = interview_of_team_a(world)
    document = generate(world.member_a, interview)
    year = timezone.localdate().year
    assert (document.number, document.version, document.sequence) == (f"巡察谈〔{year}〕1号", 1, 1)
    assert document.get_classification_display() == "内部"
    assert document.origin == DocumentOrigin.GENERATED
    assert document.created_by == world.member_a
    content = content_of(document)
    assert document.checksum == hashlib.sha256(content).hexdigest()
    text = docx_text(content)
    for fact in (
        document.number,
        "内部",
        "王建国",
        "村党群服务中心谈话室",
        "反映鱼塘承包未公开招标。",
        "村务公开栏长期未更新。",
        f"{world.leader_a}、{world.member_a}",
        world.round.title,
    ):
        assert fact in text, fact
    assert "{{" not in text and "{%" not in text
    assert document.history.get().history_user == world.member_a


def test_regenerating_makes_a_new_version_of_the_same_number(world):
    first_interview, second_interview = interview_of_team_a(world), interview_of_team_a(world)
    first = generate(world.member_a, first_interview)
    again = generate(world.leader_a, first_interview)
    other = generate(world.member_a, second_interview)
    assert (again.number, again.version) == (first.number, 2)
    assert other.sequence == 2 and other.number.endswith(f"〔{other.year}〕2号")
    assert Document.objects.filter(object_id=first_interview.pk).count() == 2
    assert DocumentCounter.objects.get(kind=KIND).last == 2


def test_a_failed_generation_gives_its_number_back(world):
    interview = interview_of_team_a(world)
    broken = DocumentTemplate(kind=KIND, uploaded_by=world.office, checksum="x")
    broken.file.save(
        "broken.docx", shipped_with("三、反映的问题", "{{ no_such_field }}"), save=True
    )
    with pytest.raises(ApplicationError, match="模板有误"):
        generate(world.member_a, interview)
    assert not Document.objects.exists()
    assert not DocumentCounter.objects.filter(last__gt=0).exists()
    broken.delete()
    assert generate(world.member_a, interview).sequence == 1


def test_the_county_sets_the_classification_of_a_kind(world, settings):
    settings.INSPECTION_DOCUMENT_CLASSIFICATIONS = {KIND: "secret"}
    interview = interview_of_team_a(world)
    document = generate(world.member_a, interview)
    assert document.get_classification_display() == "秘密"
    assert docx_text(content_of(document)).startswith("秘密")
    settings.INSPECTION_DOCUMENT_CLASSIFICATIONS = {}
    assert generate(world.member_a, interview).classification == "secret"  # as its first


def test_a_county_template_gone_from_the_disk_is_a_clear_refusal(world):
    own = document_template_upload(
        actor=world.office, kind=KIND, file=shipped_with("三、反映的问题", "三、群众反映的问题")
    )
    own.file.storage.delete(own.file.name)
    with pytest.raises(ApplicationError, match="本县模板文件已不存在"):
        generate(world.member_a, interview_of_team_a(world))
    assert not Document.objects.exists()


def test_the_record_masks_the_interviewee_for_whoever_reads_it_masked(world):
    interview = interview_of_team_a(world)
    assert interview_record_context(world.member_a, interview)["interviewee"] == "王建国"
    masked = interview_record_context(world.leadership, interview)
    assert masked["interviewee"] == "王**"
    assert "鱼塘" not in "".join(masked["record"])


def test_only_the_office_and_the_team_generate(world):
    interview = interview_of_team_a(world)
    generate(world.office, interview)
    with pytest.raises(ApplicationError):
        generate(world.leadership, interview)
    with pytest.raises(NotFoundError):
        generate(world.leader_b, interview)


# ------------------------------------------------------------------- edited versions


def test_an_edited_copy_is_a_new_version_and_the_generated_one_stays(world):
    generated = generate(world.member_a, interview_of_team_a(world))
    edited = document_upload_version(
        actor=world.leader_a,
        document_id=generated.pk,
        file=docx_upload("组长修改后的谈话记录"),
        note="补充了谈话对象签字",
    )
    assert (edited.version, edited.number, edited.origin) == (2, generated.number, "uploaded")
    assert "组长修改后的谈话记录" in docx_text(content_of(edited))
    assert "王建国" in docx_text(content_of(Document.objects.get(pk=generated.pk)))


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("记录.doc", b"\xd0\xcf\x11\xe0 old word"), "另存为.docx"),
        (SimpleUploadedFile("记录.docx", b"not a zip at all"), "不是有效的Word文档"),
    ],
)
def test_an_edited_copy_must_be_a_docx(world, upload, message):
    generated = generate(world.member_a, interview_of_team_a(world))
    with pytest.raises(ApplicationError, match=message):
        document_upload_version(actor=world.member_a, document_id=generated.pk, file=upload)
    assert Document.objects.count() == 1


# --------------------------------------------------------------------------- templates


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (shipped_with("三、反映的问题", "{{ place | no_such_filter }}"), "语法错误"),
        (shipped_with("三、反映的问题", "{{ 1 / 0 }}"), "无法生成文书"),
        (shipped_with("三、反映的问题", "{{ secret_field }}"), "不提供的字段"),
        (shipped_with("三、反映的问题", "{% for %}"), "语法错误"),
        (shipped_with("三、反映的问题", "{{ place.__class__.__mro__ }}"), "不允许的标记"),
        (SimpleUploadedFile("模板.docx", b"PK\x03\x04 broken zip"), "不是有效的Word文档"),
        (SimpleUploadedFile("模板.txt", b"hello"), ".docx"),
    ],
    ids=[
        "unknown-filter",
        "fails-to-render",
        "unknown-field",
        "bad-block",
        "python-internals",
        "broken-zip",
        "not-docx",
    ],
)
def test_a_broken_template_is_refused_and_the_old_one_still_renders(world, upload, message):
    document_template_upload(
        actor=world.office, kind=KIND, file=shipped_with("三、反映的问题", "三、群众反映的问题")
    )
    with pytest.raises(ApplicationError, match=message) as error:
        document_template_upload(actor=world.lead, kind=KIND, file=upload)
    assert "仍使用原模板" in str(error.value) or ".docx" in str(error.value)
    assert DocumentTemplate.objects.get().uploaded_by == world.office
    text = docx_text(content_of(generate(world.member_a, interview_of_team_a(world))))
    assert "群众反映的问题" in text and "王建国" in text


def test_the_county_template_is_used_until_reset(world):
    interview = interview_of_team_a(world)
    own = document_template_upload(
        actor=world.office, kind=KIND, file=shipped_with("三、反映的问题", "三、群众反映的问题")
    )
    assert own.original_name == "本县谈话记录.docx"
    assert "群众反映的问题" in docx_text(content_of(generate(world.member_a, interview)))
    document_template_reset(actor=world.office, kind=KIND)
    assert not DocumentTemplate.objects.exists()
    assert "三、反映的问题" in docx_text(content_of(generate(world.member_a, interview)))
    with pytest.raises(ApplicationError, match="已在使用默认模板"):
        document_template_reset(actor=world.office, kind=KIND)
    changes = DocumentTemplate.history.order_by("history_date")
    assert [row.history_type for row in changes] == ["+", "-"]
    assert {row.history_user for row in changes} == {world.office}


def test_only_the_office_manages_templates(world):
    with pytest.raises(ApplicationError, match="管理文书模板"):
        document_template_upload(
            actor=world.leader_a,
            kind=KIND,
            file=shipped_with("三、反映的问题", "三、群众反映的问题"),
        )


# ----------------------------------------------------------------------------- reading


def test_a_download_is_logged_and_outside_the_scope_it_is_not_found(world):
    document = generate(world.member_a, interview_of_team_a(world))
    download = document_download(user=world.leader_a, pk=document.pk)
    copy = download.stream.read()
    # The reader's copy: the document as stored, its header naming the reader.
    assert docx_text(copy) == docx_text(content_of(document))
    assert download.name == f"谈话记录-{document.number}-第1版.docx"
    read = AccessLog.objects.get(action=AccessLog.Action.VIEW)
    assert (read.user, read.object_id) == (world.leader_a, str(document.pk))
    assert the_mark(docx_headers(copy)) == read.watermark
    for persona in ("leader_b", "leadership", "officer_a", "liaison", "stats"):
        with pytest.raises(NotFoundError) as refused:
            document_download(user=world.users[persona], pk=document.pk)
        with pytest.raises(NotFoundError) as missing:
            document_download(user=world.users[persona], pk=document.pk + 1000)
        assert refused.value.message == missing.value.message
    assert AccessLog.objects.filter(action=AccessLog.Action.REFUSED).count() == 10


def test_the_download_screen(client, world):
    document = generate(world.member_a, interview_of_team_a(world))
    url = reverse("inspection:document_file", args=[document.pk])
    client.force_login(world.member_a)
    answer = client.get(url)
    assert answer.status_code == 200
    copy = b"".join(answer.streaming_content)
    assert docx_text(copy) == docx_text(content_of(document))
    level = document.get_classification_display()
    assert the_mark(docx_headers(copy)).startswith(f"密级：{level}　　阅读人：")
    assert answer["Content-Disposition"].startswith('attachment; filename="document-')
    assert answer["Cache-Control"] == "private, no-store"
    client.force_login(world.leader_b)
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("inspection:document_file", args=[document.pk + 99])).status_code == 404
    )
