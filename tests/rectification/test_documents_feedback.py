"""反馈意见 and 向主要负责人反馈 of an assignment: the numbered 反馈问题 with their 具体表现,
the due dates, nothing left out or unsigned; printable before feedback by the office and
the team, read by the unit once fed back (rectification/document_kinds.py)."""

import datetime

import pytest
from django.utils import timezone

from findings.choices import ClueStatus, ProblemStatus
from inspection.documents.downloads import document_download
from inspection.documents.services import document_generate
from inspection.errors import ApplicationError, NotFoundError, PermissionDeniedError
from inspection.services.profile import village_party_organisation_set
from rectification.services import round_give_feedback
from rectification.services.feedback_issues import (
    feedback_issue_leave_out,
    feedback_issue_update,
    feedback_issues_propose,
)
from rounds.choices import RoundStatus
from tests import factories as f
from tests.findings.reports_kit import clear_for_feedback
from tests.inspection.documents import docx_text, media_root  # noqa: F401
from tests.world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def world():
    world = build_world(round_status=RoundStatus.REPORTING)
    assets = world.problem(
        status=ProblemStatus.CONFIRMED,
        problem_class=f.catalogue_class("collective_assets"),
        facts="鱼塘发包未经村民代表会议。",
    )
    world.problem(
        status=ProblemStatus.CONFIRMED,
        problem_class=f.catalogue_class("cadres"),
        facts="村干部坐班制度落实不到位。",
    )
    world.problem(status=ProblemStatus.DRAFT, facts="草稿中的问题。")
    sealed = world.problem(status=ProblemStatus.CONFIRMED, facts="会计虚报冒领补贴。")
    world.clue(status=ClueStatus.TRANSFERRED).problems.add(sealed)
    first, _second = feedback_issues_propose(
        actor=world.office, assignment_id=world.assignment_a.pk
    )
    feedback_issue_update(
        actor=world.office, issue_id=first.pk, title="“三资”管理不规范", text="监管缺位。"
    )
    feedback_issue_leave_out(actor=world.office, problem_id=sealed.pk, reason="线索处置中")
    world.assets = assets
    return world


def text_of(document) -> str:
    with document.file.open("rb") as stream:
        return docx_text(stream.read())


def test_the_letter_numbers_the_issues_and_states_the_dues(world, settings):
    settings.INSPECTION_PLAN_DUE_DAYS = 15
    document = document_generate(
        actor=world.office, kind="feedback_letter", subject_id=world.assignment_a.pk
    )
    text = text_of(document)
    assert document.number == f"巡反〔{timezone.localdate().year}〕1号"
    for fact in (
        "中共甲镇甲一村党组织：",
        "（一）“三资”管理不规范",
        "监管缺位。",
        "1．鱼塘发包未经村民代表会议。",
        "（二）村干部队伍建设",
        "村干部坐班制度落实不到位。",
        "反馈之日起15日内",
        "反馈的2个问题",
    ):
        assert fact in text, fact
    assert "虚报冒领" not in text and "草稿中" not in text


def test_the_letter_is_addressed_to_the_party_organisation_the_profile_names(world):
    village_party_organisation_set(
        actor=world.office,
        village_id=world.assignment_a.village_id,
        name="甲一村党总支",
        kind="general_branch",
    )
    document = document_generate(
        actor=world.office, kind="feedback_letter", subject_id=world.assignment_a.pk
    )
    assert "中共甲镇甲一村党总支：" in text_of(document)


def test_after_feedback_the_dates_are_the_feedbacks_and_the_unit_reads_it(world):
    before = document_generate(
        actor=world.leader_a, kind="feedback_to_head", subject_id=world.assignment_a.pk
    )
    with pytest.raises(NotFoundError):
        document_download(user=world.officer_a, pk=before.pk)
    with pytest.raises(PermissionDeniedError):
        document_generate(
            actor=world.member_a, kind="feedback_letter", subject_id=world.assignment_a.pk
        )
    type(world.assets).objects.filter(status=ProblemStatus.DRAFT).delete()
    fed_back_on = timezone.localdate() - datetime.timedelta(days=1)
    clear_for_feedback(world.round, actor=world.office)
    round_give_feedback(actor=world.office, round_id=world.round.pk, fed_back_on=fed_back_on)

    head = document_generate(
        actor=world.office, kind="feedback_to_head", subject_id=world.assignment_a.pk
    )
    text = text_of(head)
    assert "一是“三资”管理不规范。监管缺位。" in text
    assert "二是村干部队伍建设。" in text
    assert "主要负责人，是巡察整改第一责任人" in text
    plan_due = world.assignment_a.feedback.plan_due_on
    assert f"{plan_due.year}年{plan_due.month}月{plan_due.day}日前" in text
    assert document_download(user=world.officer_a, pk=head.pk)
    with pytest.raises(NotFoundError):
        document_download(user=world.officer_b, pk=head.pk)


def test_no_signed_paper_no_letter():
    world = build_world(round_status=RoundStatus.REPORTING)
    with pytest.raises(ApplicationError, match="已审签的底稿"):
        document_generate(
            actor=world.office, kind="feedback_letter", subject_id=world.assignment_a.pk
        )


def test_the_unit_never_reads_a_version_printed_before_a_paper_was_left_out():
    """A letter printed while a paper was still in, then the paper left out behind its clue,
    then feedback: the unit reads only the versions made once it was fed back."""
    world = build_world(round_status=RoundStatus.REPORTING)
    sealed = world.problem(status=ProblemStatus.CONFIRMED, facts="会计虚报冒领补贴。")
    world.problem(
        status=ProblemStatus.CONFIRMED,
        problem_class=f.catalogue_class("cadres"),
        facts="村干部坐班制度落实不到位。",
    )
    feedback_issues_propose(actor=world.office, assignment_id=world.assignment_a.pk)
    early = document_generate(
        actor=world.office, kind="feedback_letter", subject_id=world.assignment_a.pk
    )
    assert "虚报冒领" in text_of(early)
    world.clue(status=ClueStatus.TRANSFERRED).problems.add(sealed)
    feedback_issue_leave_out(actor=world.office, problem_id=sealed.pk, reason="线索处置中")
    clear_for_feedback(world.round, actor=world.office)
    round_give_feedback(
        actor=world.office,
        round_id=world.round.pk,
        fed_back_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    with pytest.raises(NotFoundError):
        document_download(user=world.officer_a, pk=early.pk)
    handed = document_generate(
        actor=world.office, kind="feedback_letter", subject_id=world.assignment_a.pk
    )
    download = document_download(user=world.officer_a, pk=handed.pk)
    assert "虚报冒领" not in docx_text(download.stream.read())
    download.stream.close()
    assert document_download(user=world.office, pk=early.pk)
