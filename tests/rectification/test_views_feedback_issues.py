"""The 反馈问题 page of an assignment: the office and the team leader group papers into
numbered issues by forms; others read it or do not find it
(rectification/views/feedback_issues.py)."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from findings.choices import ClueStatus, ProblemStatus
from rectification.models import FeedbackIssue, FeedbackIssueProblem
from rounds.choices import RoundStatus
from tests import factories as f
from tests.findings.reports_kit import clear_for_feedback
from tests.rectification.test_views_items import page, post, signed_in
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world(round_status=RoundStatus.REPORTING)


def path(world, edit=False) -> str:
    return f"/assignments/{world.assignment_a.pk}/feedback-issues/" + ("edit/" if edit else "")


def confirmed(world, code="collective_assets", **extra):
    return world.problem(
        status=ProblemStatus.CONFIRMED, problem_class=f.catalogue_class(code), **extra
    )


def test_the_office_proposes_moves_and_leaves_out(world):
    assets, cadres = confirmed(world), confirmed(world, "cadres")
    sealed = confirmed(world)
    world.clue(status=ClueStatus.APPROVED).problems.add(sealed)
    post(world.office, path(world, edit=True), {"op": "propose"})
    first, second = FeedbackIssue.objects.order_by("number")

    response = post(
        world.office, path(world, edit=True), {"op": "move", "target": cadres.pk, "issue": first.pk}
    )
    assert response.status_code == 302
    assert FeedbackIssueProblem.objects.get(problem=cadres).issue == first
    post(
        world.office, path(world, edit=True), {"op": "leave_out", "target": sealed.pk, "reason": ""}
    )
    assert FeedbackIssueProblem.objects.get(problem=sealed).issue == first  # refused: no reason
    post(
        world.office,
        path(world, edit=True),
        {"op": "leave_out", "target": sealed.pk, "reason": "线索尚在处置"},
    )
    post(
        world.office, path(world, edit=True), {"op": "renumber", "target": second.pk, "number": "x"}
    )

    text = page(world.office, path(world)).text
    assert "不予反馈的底稿" in text and "线索尚在处置" in text
    assert f"1. {first.title}" in text and assets.number in text
    leader = signed_in(world.leader_a)
    body = {"op": "renumber", "target": second.pk, "number": 9}
    refused = leader.post(path(world, edit=True), body, follow=True)
    assert "反馈问题编号须在1到2之间" in refused.text


def test_who_reads_and_who_edits(world):
    confirmed(world)
    assert page(world.member_a, path(world)).status_code == 200
    assert "按方面生成" not in page(world.member_a, path(world)).text
    assert "按方面生成" in page(world.leader_a, path(world)).text
    assert post(world.member_a, path(world, edit=True), {"op": "propose"}).status_code == 403
    assert page(world.officer_a, path(world)).status_code == 403
    assert page(world.leader_b, path(world)).status_code == 404
    assert page(world.leadership, path(world)).status_code == 200
    assert "按方面生成" not in page(world.leadership, path(world)).text


def test_the_page_takes_a_bounded_number_of_queries(world):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert page(world.office, path(world)).status_code == 200
        return len(queries)

    confirmed(world)
    post(world.office, path(world, edit=True), {"op": "propose"})
    few = count()
    for code in ("cadres", "conduct", "leasing", "welfare_funds"):
        confirmed(world, code)
    world.problem(problem_class=None, status=ProblemStatus.DRAFT)
    post(world.office, path(world, edit=True), {"op": "propose"})
    assert count() == few


def test_the_item_pages_show_the_issue_and_the_papers_it_carries(world):
    from rectification.services import round_give_feedback
    from rectification.services.feedback_issues import feedback_issue_update
    from tests.findings.reports_kit import clear_for_feedback
    from tests.rectification.test_views_items import item_path

    one, two = confirmed(world, facts="鱼塘发包未公示。"), confirmed(world, facts="合同未备案。")
    post(world.office, path(world, edit=True), {"op": "propose"})
    issue = FeedbackIssue.objects.get()
    feedback_issue_update(
        actor=world.office, issue_id=issue.pk, title="三资管理", ledger_mode="per_issue"
    )
    clear_for_feedback(world.round, actor=world.office)
    round_give_feedback(
        actor=world.office, round_id=world.round.pk, fed_back_on=timezone.localdate()
    )
    item = issue.items.get()
    for text in (
        page(world.office, item_path(item)).text,
        page(world.officer_a, f"/ledger/items/{item.pk}/").text,
    ):
        assert "第1个问题：三资管理" in text
        assert "鱼塘发包未公示。" in text and "合同未备案。" in text and one.number in text
    assert 'data-issue-number="1"' in page(world.office, "/items/").text
    assert two.number in page(world.officer_a, f"/ledger/items/{item.pk}/").text


def test_the_feedback_confirmation_says_what_the_issues_change(world):
    from rectification.services.feedback_issues import (
        feedback_issue_leave_out,
        feedback_issue_update,
    )

    confirmed(world), confirmed(world, "leasing"), confirmed(world, "cadres")
    sealed = confirmed(world, "cadres")
    world.clue(status=ClueStatus.TRANSFERRED).problems.add(sealed)
    post(world.office, path(world, edit=True), {"op": "propose"})
    assets = FeedbackIssue.objects.get(number=1)
    feedback_issue_update(
        actor=world.office, issue_id=assets.pk, title=assets.title, ledger_mode="per_issue"
    )
    feedback_issue_leave_out(actor=world.office, problem_id=sealed.pk, reason="线索处置中")
    # The batch's confirmation (the organisations chosen, before "confirm") says it.
    clear_for_feedback(world.round, actor=world.office)
    client = Client()
    client.force_login(world.office)
    text = client.post(
        f"/rounds/{world.round.pk}/feedback/",
        {
            "assignments": [world.assignment_a.pk],
            "fed_back_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "place": "甲镇政府会议室",
        },
    ).content.decode()
    assert "其中 1 份底稿涉及未办结线索，不予反馈" in text
    assert "台账条目相应减少 1 条" in text


def test_the_batch_checklist_and_the_report_lead_to_the_issues(world):
    """The page is reached from where the office prepares feedback, not by typing its URL."""
    from findings.choices import ReportStage
    from tests.findings.reports_kit import report_through

    assert path(world) in page(world.office, f"/rounds/{world.round.pk}/feedback/").text
    report = report_through(
        world.assignment_a, actor=world.office, stage=ReportStage.GROUP_DISCUSSION
    )
    assert path(world) in page(world.office, f"/inspection-reports/{report.pk}/").text
