"""问题底稿审批单 and 底稿汇编 (findings/document_kinds.py): the paper's number, facts,
class, basis, materials and three signatures; the organisation's signed papers in number
order behind a cover and contents; read by the office, leadership and the team only."""

import datetime
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from findings.choices import ClueStatus, ProblemStatus
from findings.document_kinds import class_path
from findings.models import Problem, ProblemBasis
from inspection.documents.downloads import document_download
from inspection.documents.models import Document, DocumentCounter
from inspection.documents.registry import kind_of
from inspection.documents.services import document_generate, document_template_upload
from inspection.errors import ApplicationError, NotFoundError
from inspection.permissions import visible
from rounds.choices import RoundStatus
from tests.inspection.documents import docx_text, interview_of_team_a, media_root  # noqa: F401
from tests.rectification.test_views_items import page
from tests.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

DAY = datetime.timedelta(days=1)


def basis():
    """One rule, however many papers cite it."""
    return ProblemBasis.objects.get_or_create(title="甲县村级集体资产管理办法", article="第九条")[0]


@pytest.fixture
def world():
    return build_world(round_status=RoundStatus.ON_SITE)


def text_of(document) -> str:
    with document.file.open("rb") as stream:
        return docx_text(stream.read())


def signed_paper(world, **fields):
    """A signed paper of 甲一村: submitted by member_a, reviewed by the office lead (a name
    of its own in the form), signed by leader_a, on three days."""
    start = timezone.now() - 3 * DAY
    values = {
        "status": ProblemStatus.CONFIRMED,
        "title": "鱼塘发包未经民主程序",
        "facts": "2025年3月，村集体鱼塘发包未经村民代表会议讨论。",
        "occurred_period": "2025年3月",
        "responsible_post": "村党支部书记",
        "responsible_name": "王某",
        "basis": basis(),
        "basis_text": "《甲镇村级小微权力清单》第五条",
        "amount": 12000,
        "submitted_by": world.member_a,
        "submitted_at": start,
        "reviewed_by": world.lead,
        "reviewed_at": start + DAY,
        "confirmed_by": world.leader_a,
        "confirmed_at": start + 2 * DAY,
    }
    return world.problem(**values | fields)


def generate(actor, kind, subject) -> Document:
    return document_generate(actor=actor, kind=kind, subject_id=subject.pk)


def chinese(moment) -> str:
    day = timezone.localdate(moment)
    return f"{day.year}年{day.month}月{day.day}日"


def test_the_approval_form_holds_the_paper_and_its_three_signatures(world):
    problem = signed_paper(world)
    problem.interviews.add(interview_of_team_a(world))

    document = generate(world.leader_a, "problem_paper", problem)

    assert document.number == problem.number and document.sequence is None
    assert not DocumentCounter.objects.exists()
    text = text_of(document)
    for fact in (
        "问题底稿审批单",
        "第一巡察组",
        "中共甲镇甲一村党组织",
        problem.number,
        "鱼塘发包未经民主程序",
        class_path(problem),
        "违规",
        "2025年3月，村集体鱼塘发包未经村民代表会议讨论。",
        "村党支部书记 王某",
        "《甲县村级集体资产管理办法》第九条",
        "《甲镇村级小微权力清单》第五条",
        "12,000.00元",
        "1. 谈话记录：",
        f"签名：{world.member_a}　　日期：{chinese(problem.submitted_at)}",
        f"签名：{world.lead}　　日期：{chinese(problem.reviewed_at)}",
        f"签名：{world.leader_a}　　日期：{chinese(problem.confirmed_at)}",
    ):
        assert fact in text, fact
    assert "王建国" not in text  # the interview is listed, its interviewee is not named


def test_a_paper_under_review_prints_with_blank_signatures_and_a_draft_none(world):
    submitted = world.problem(status=ProblemStatus.SUBMITTED)
    text = text_of(generate(world.member_a, "problem_paper", submitted))
    assert f"签名：{world.member_a}" in text and "同意" not in text
    assert "签名：　　日期：" in text

    draft = world.problem()
    with pytest.raises(ApplicationError, match="底稿尚未提交，不能生成审批单"):
        generate(world.member_a, "problem_paper", draft)
    response = page(world.member_a, f"/team/papers/{draft.pk}/")
    assert "生成问题底稿审批单" not in response.content.decode()


def test_the_compilation_gathers_the_signed_papers_in_number_order(world):
    papers = [signed_paper(world, title=f"第{n}个问题") for n in (1, 2, 3)]
    papers[1].status = ProblemStatus.REVIEWED  # not signed yet: left out
    papers[1].confirmed_by = papers[1].confirmed_at = None
    papers[1].save()
    signed_paper(world, assignment=world.assignment_b, title="乙村的问题")

    document = generate(world.member_a, "paper_compilation", world.assignment_a)

    assert document.number == "一组-甲一村"
    text = text_of(document)
    for fact in ("巡察问题底稿汇编", "中共甲镇甲一村党组织", "共2份底稿", "目  录"):
        assert fact in text, fact
    assert "第2个问题" not in text and "乙村的问题" not in text
    first, third = papers[0].number, papers[2].number
    assert text.index(f"1．{first}") < text.index(f"2．{third}")  # the contents
    bodies = [line for line in text.splitlines() if line in (first, third)]
    assert bodies == [first, third]  # each paper's form, in number order


def test_no_compilation_without_a_signed_paper(world):
    world.problem(status=ProblemStatus.REVIEWED)
    with pytest.raises(ApplicationError, match="还没有已审签的底稿"):
        generate(world.office, "paper_compilation", world.assignment_a)
    assert not Document.objects.exists()


def test_the_papers_stay_with_the_team_not_the_unit_nor_the_clues_liaison(world):
    problem = signed_paper(world, status=ProblemStatus.FED_BACK)
    clue = world.clue(status=ClueStatus.RECEIVED)
    clue.problems.add(problem)
    form = generate(world.office, "problem_paper", problem)
    compiled = generate(world.office, "paper_compilation", world.assignment_a)
    # Both see the paper on screen …
    assert visible(Problem, world.officer_a).filter(pk=problem.pk).exists()
    assert visible(Problem, world.liaison).filter(pk=problem.pk).exists()
    # … and find neither document.
    for reader in (world.officer_a, world.liaison):
        assert not visible(Document, reader).exists()
        for document in (form, compiled):
            with pytest.raises(NotFoundError):
                document_download(user=reader, pk=document.pk)
    for reader in (world.leadership, world.member_a):
        served = document_download(user=reader, pk=form.pk)
        served.stream.close()
    shown = page(world.liaison, f"/problems/{problem.pk}/").content.decode()
    assert "问题底稿审批单" not in shown


def test_the_pages_offer_the_documents(world):
    problem = signed_paper(world)
    on_phone = page(world.member_a, f"/team/papers/{problem.pk}/").content.decode()
    assert "生成问题底稿审批单" in on_phone
    office = page(world.office, f"/problems/{problem.pk}/").content.decode()
    assert "生成问题底稿审批单" in office
    listing = f"/team/assignments/{world.assignment_a.pk}/problems/"
    assert "生成底稿汇编" in page(world.leader_a, listing).content.decode()


@pytest.mark.parametrize("kind", ["problem_paper", "paper_compilation", "immediate_order"])
def test_the_shipped_template_passes_the_upload_check_with_its_sample(world, kind):
    shipped = kind_of(kind).template.read_bytes()
    upload = SimpleUploadedFile(f"{kind}.docx", shipped)
    own = document_template_upload(actor=world.office, kind=kind, file=upload)
    assert own.checksum == hashlib.sha256(shipped).hexdigest()
