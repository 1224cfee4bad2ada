"""The 函调通知 and the 个性监督清单 / 谈话提纲 as documents: ``render_documents`` writes each
letter sent (under its number) and each drafted brief; the letter prints the villages it
asks about; who generates and reads them."""

import shutil
import subprocess

import pytest
from django.core.management import call_command

from inspection.documents.downloads import document_download
from inspection.documents.services import document_generate
from inspection.errors import NotFoundError, PermissionDeniedError
from rounds.request_choices import BriefKind
from rounds.services.briefs import assignment_brief_draft, assignment_brief_save
from rounds.services.requests import data_request_create
from tests.inspection.documents import docx_text
from tests.rounds.requests_kit import body, media_root, replied, sent_request  # noqa: F401
from tests.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def prepared():
    """A round being prepared: two letters sent, one drafted, 甲一村's checklist edited."""
    world = build_world(round_status="preparation")
    world.petitions = sent_request(world)
    world.audit = sent_request(
        world, to=body("县审计局"), village_ids=[world.assignment_a.village_id]
    )
    world.draft = data_request_create(
        actor=world.office, round_id=world.round.pk, body_id=body("县民政局").pk
    )
    replied(world, world.petitions, world.assignment_a.village)
    brief = assignment_brief_draft(
        actor=world.member_a, assignment_id=world.assignment_a.pk, kind=BriefKind.CHECKLIST
    )
    assignment_brief_save(
        actor=world.member_a,
        brief_id=brief.pk,
        sections=[*brief.sections, {"title": "组内补充", "lines": ["查阅2025年村级账目。"]}],
    )
    assignment_brief_draft(
        actor=world.leader_a, assignment_id=world.assignment_a.pk, kind=BriefKind.OUTLINE
    )
    return world


def test_render_documents_writes_each_letter_sent_and_each_brief(prepared, tmp_path):
    world = prepared
    out = tmp_path / "out"
    call_command("render_documents", round=world.round.pk, out=out)
    names = sorted(path.name for path in out.iterdir())
    year = world.petitions.year
    assert names == sorted(
        [
            f"函调通知-巡察函〔{year}〕1号.docx",
            f"函调通知-巡察函〔{year}〕2号.docx",
            "个性监督清单-一组-甲一村.docx",
            "谈话提纲-一组-甲一村.docx",
            # The round's 工作方案, which render_documents writes with the round's papers.
            f"巡察工作方案-巡办发〔{year}〕1号.docx",
        ]
    )
    letter = docx_text((out / f"函调通知-巡察函〔{year}〕1号.docx").read_bytes())
    assert "县信访局：" in letter and f"巡察函〔{year}〕1号" in letter
    assert "甲一村" in letter and "乙一村" in letter and "甲镇" in letter
    assert world.petitions.asked in letter
    assert "县委巡察工作领导小组办公室" in letter
    audit = docx_text((out / f"函调通知-巡察函〔{year}〕2号.docx").read_bytes())
    assert "甲一村" in audit and "乙一村" not in audit
    checklist = docx_text((out / "个性监督清单-一组-甲一村.docx").read_bytes())
    assert "甲一村个性监督清单" in checklist and "查阅2025年村级账目。" in checklist
    assert "反映低保评定不公" in checklist  # the reply, as a point to check
    outline = docx_text((out / "谈话提纲-一组-甲一村.docx").read_bytes())
    assert "谈话对象：老党员" in outline and '谈话对象：村"两委"干部' in outline


def test_a_draft_letter_is_not_printed_until_sent(prepared):
    world = prepared
    with pytest.raises(PermissionDeniedError):
        document_generate(actor=world.office, kind="data_request_letter", subject_id=world.draft.pk)
    letter = document_generate(
        actor=world.office, kind="data_request_letter", subject_id=world.petitions.pk
    )
    assert letter.number == world.petitions.number
    for persona in ("office", "lead", "leadership"):
        document_download(user=world.users[persona], pk=letter.pk)
    for persona in ("leader_a", "leader_b", "officer_a", "liaison"):
        with pytest.raises(NotFoundError):
            document_download(user=world.users[persona], pk=letter.pk)


def test_the_briefs_are_printed_by_the_team_or_the_office_and_read_by_them(prepared):
    world = prepared
    subject = world.assignment_a.pk
    document = document_generate(actor=world.member_a, kind="interview_outline", subject_id=subject)
    document_generate(actor=world.office, kind="supervision_checklist", subject_id=subject)
    for persona in ("office", "leadership", "leader_a", "member_a"):
        document_download(user=world.users[persona], pk=document.pk)
    for persona in ("leader_b", "officer_a", "reviewer_a"):
        with pytest.raises(NotFoundError):
            document_download(user=world.users[persona], pk=document.pk)
    with pytest.raises(PermissionDeniedError):
        document_generate(actor=world.officer_a, kind="interview_outline", subject_id=subject)


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdftotext")),
    reason="LibreOffice and poppler-utils are not installed",
)
def test_the_letter_prints_with_its_villages(prepared, tmp_path):
    world = prepared
    call_command("render_documents", round=world.round.pk, out=tmp_path / "docx")
    letter = tmp_path / "docx" / f"函调通知-{world.petitions.number}.docx"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(letter),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "pdf" / letter.with_suffix(".pdf").name
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = "".join(text.split())  # LibreOffice spaces a digit from the characters around it
    for expected in (
        "关于协助提供巡察对象有关情况的函",
        world.petitions.number,
        "甲一村",
        "乙一村",
    ):
        assert expected in text
