"""反馈问题 (rectification/services/feedback_issues.py) and the ledger feedback builds from
them (rectification/services/feedback_ledger.py)."""

import datetime

import pytest
from django.utils import timezone

from findings.choices import ClueStatus, ProblemStatus
from inspection.errors import ConflictError, NotFoundError, PermissionDeniedError
from rectification.choices import IssueLedgerMode, RectificationMode
from rectification.issue_selectors import (
    CARRIED_FACTS_VALUES,
    carried_facts,
    problems_of_item,
    problems_of_items,
)
from rectification.models import FeedbackIssue, FeedbackIssueProblem, RectificationItem
from rectification.services import round_give_feedback
from rectification.services.feedback_issues import (
    feedback_issue_create,
    feedback_issue_delete,
    feedback_issue_leave_out,
    feedback_issue_move_problem,
    feedback_issue_renumber,
    feedback_issue_update,
    feedback_issues_propose,
)
from rounds.choices import RoundStatus
from tests import factories as f
from tests.findings.reports_kit import clear_for_feedback
from tests.rectification.helpers import refused
from tests.rectification.orders_kit import issue as order_issue
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporting():
    return build_world(round_status=RoundStatus.REPORTING)


def confirmed(world, code="collective_assets", **extra):
    return world.problem(
        status=ProblemStatus.CONFIRMED, problem_class=f.catalogue_class(code), **extra
    )


def give(world):
    clear_for_feedback(world.round, actor=world.office)
    return round_give_feedback(
        actor=world.office,
        round_id=world.round.pk,
        fed_back_on=timezone.localdate() - datetime.timedelta(days=1),
    )


def numbers(world, assignment=None):
    assignment = assignment or world.assignment_a
    return [
        (i.number, i.title, [p.problem_id for p in i.placements.order_by("problem__sequence")])
        for i in FeedbackIssue.objects.filter(assignment=assignment).order_by("number")
    ]


# ---------------------------------------------------------------------- the grouping


def test_propose_groups_one_issue_per_aspect_in_the_taxonomy_order(reporting):
    world = reporting
    welfare = confirmed(world, "welfare_funds")  # 聚焦二 · 惠民惠农资金和民生保障
    assets = confirmed(world, "collective_assets")  # 聚焦二 · 农村集体“三资”管理
    leasing = confirmed(world, "leasing")  # the same 方面 as assets
    cadres = confirmed(world, "cadres")  # 聚焦三
    policy = confirmed(world, "leadership")  # 聚焦一
    draft = world.problem(status=ProblemStatus.DRAFT, problem_class=None)

    issues = feedback_issues_propose(actor=world.office, assignment_id=world.assignment_a.pk)

    assert [i.number for i in issues] == [1, 2, 3, 4, 5]
    assert numbers(world) == [
        (1, "贯彻落实党中央“三农”决策部署和上级部署", [policy.pk]),
        (2, "农村集体“三资”管理", [assets.pk, leasing.pk]),
        (3, "惠民惠农资金和民生保障", [welfare.pk]),
        (4, "村干部队伍建设", [cadres.pk]),
        (5, "其他问题", [draft.pk]),
    ]
    assert all(i.ledger_mode == IssueLedgerMode.PER_PROBLEM for i in issues)
    assert issues[0].history.get().history_user == world.office


def test_propose_again_starts_over_but_keeps_a_paper_left_out(reporting):
    world = reporting
    kept = confirmed(world)
    sealed = confirmed(world)
    world.clue(status=ClueStatus.APPROVED).problems.add(sealed)
    feedback_issue_leave_out(actor=world.office, problem_id=sealed.pk, reason="线索尚在处置")
    feedback_issue_create(actor=world.office, assignment_id=world.assignment_a.pk, title="自拟")

    feedback_issues_propose(actor=world.leader_a, assignment_id=world.assignment_a.pk)

    assert numbers(world) == [(1, "农村集体“三资”管理", [kept.pk])]
    assert FeedbackIssueProblem.objects.get(problem=sealed).left_out_reason == "线索尚在处置"


def test_create_rename_move_renumber_and_delete(reporting):
    world = reporting
    a, b, c = confirmed(world), confirmed(world, "cadres"), confirmed(world, "cadres")
    feedback_issues_propose(actor=world.office, assignment_id=world.assignment_a.pk)
    new = feedback_issue_create(
        actor=world.office,
        assignment_id=world.assignment_a.pk,
        title="  村干部履职不到位  ",
        ledger_mode=IssueLedgerMode.PER_ISSUE,
    )
    assert (new.number, new.title) == (3, "村干部履职不到位")

    feedback_issue_move_problem(actor=world.office, problem_id=c.pk, issue_id=new.pk)
    feedback_issue_renumber(actor=world.office, issue_id=new.pk, number=1)
    assert numbers(world) == [
        (1, "村干部履职不到位", [c.pk]),
        (2, "农村集体“三资”管理", [a.pk]),
        (3, "村干部队伍建设", [b.pk]),
    ]

    second = FeedbackIssue.objects.get(assignment=world.assignment_a, number=2)
    feedback_issue_update(
        actor=world.office, issue_id=second.pk, title="“三资”管理不规范", text="合同未公示"
    )
    feedback_issue_delete(actor=world.office, issue_id=new.pk)
    assert numbers(world) == [(1, "“三资”管理不规范", [a.pk]), (2, "村干部队伍建设", [b.pk])]
    assert not hasattr(type(c).objects.get(pk=c.pk), "feedback_placement")


def test_refusals_name_the_field(reporting):
    world = reporting
    problem = confirmed(world)
    [issue] = feedback_issues_propose(actor=world.office, assignment_id=world.assignment_a.pk)
    with refused("title", "标题"):
        feedback_issue_update(actor=world.office, issue_id=issue.pk, title=" ")
    with refused("number", "1到1"):
        feedback_issue_renumber(actor=world.office, issue_id=issue.pk, number=2)
    with refused("ledger_mode"):
        feedback_issue_update(actor=world.office, issue_id=issue.pk, title="x", ledger_mode="x")
    other = f.FeedbackIssueFactory(assignment=world.assignment_b, number=1)
    with refused("issue", "不属于"):
        feedback_issue_move_problem(actor=world.office, problem_id=problem.pk, issue_id=other.pk)
    with refused("problem", "未办结问题线索"):
        feedback_issue_leave_out(actor=world.office, problem_id=problem.pk, reason="不宜反馈")
    world.clue(status=ClueStatus.CONCLUDED).problems.add(problem)
    with refused("problem", "未办结问题线索"):
        feedback_issue_leave_out(actor=world.office, problem_id=problem.pk, reason="不宜反馈")
    world.clue(status=ClueStatus.TRANSFERRED).problems.add(problem)
    with refused("reason", "理由"):
        feedback_issue_leave_out(actor=world.office, problem_id=problem.pk, reason="  ")


def test_nothing_changes_once_the_assignment_is_fed_back(reporting):
    world = reporting
    problem = confirmed(world)
    [issue] = feedback_issues_propose(actor=world.office, assignment_id=world.assignment_a.pk)
    give(world)
    with pytest.raises(ConflictError, match="已反馈"):
        feedback_issue_update(actor=world.office, issue_id=issue.pk, title="改")
    with pytest.raises(ConflictError, match="已反馈"):
        feedback_issues_propose(actor=world.office, assignment_id=world.assignment_a.pk)
    with pytest.raises(ConflictError, match="已反馈"):
        feedback_issue_move_problem(actor=world.office, problem_id=problem.pk, issue_id=issue.pk)


def test_out_of_scope_is_absent_and_a_member_is_refused(reporting):
    world = reporting
    confirmed(world)
    [issue] = feedback_issues_propose(actor=world.office, assignment_id=world.assignment_a.pk)
    with pytest.raises(NotFoundError):
        feedback_issue_update(actor=world.leader_b, issue_id=issue.pk, title="改")
    with pytest.raises(NotFoundError):
        feedback_issue_update(actor=world.office, issue_id="x", title="改")
    with pytest.raises(PermissionDeniedError, match="编辑反馈问题"):
        feedback_issue_update(actor=world.member_a, issue_id=issue.pk, title="改")


# ------------------------------------------------------------------------ the ledger


def test_ledger_per_issue_and_per_problem(reporting):
    world = reporting
    a1, a2 = confirmed(world), confirmed(world, "leasing")
    c1 = confirmed(world, "cadres", fix_immediately=True)
    c2 = confirmed(world, "cadres", fix_immediately=True)
    assets, cadres = feedback_issues_propose(
        actor=world.office, assignment_id=world.assignment_a.pk
    )
    feedback_issue_update(
        actor=world.office,
        issue_id=assets.pk,
        title=assets.title,
        ledger_mode=IssueLedgerMode.PER_ISSUE,
    )
    give(world)

    grouped = RectificationItem.objects.get(issue=assets)
    assert grouped.problem == a1
    assert grouped.mode == RectificationMode.TIME_LIMITED
    assert problems_of_item(grouped) == [a1, a2]
    per_problem = RectificationItem.objects.filter(issue=cadres).order_by("problem__sequence")
    assert [i.problem for i in per_problem] == [c1, c2]
    assert {i.mode for i in per_problem} == {RectificationMode.IMMEDIATE}
    assert problems_of_item(per_problem[0]) == [c1]
    assert set(type(a1).objects.filter(pk__in=[a1.pk, a2.pk]).values_list("status", flat=True)) == {
        ProblemStatus.FED_BACK
    }


def test_the_workbook_prints_every_paper_a_per_issue_item_carries(reporting, tmp_path, settings):
    """具体表现 of an item of a per-issue 反馈问题 is the facts of every paper it carries,
    in the workbook as in the 三清单 (``carried_facts`` against ``problems_of_items``)."""
    from reports.exports.scope import audience_for
    from reports.statistics import StatisticsFilter
    from tests.reports.test_exports import built, header_and_rows

    settings.MEDIA_ROOT = tmp_path / "media"
    world = reporting
    a1 = confirmed(world, facts="2025年3笔支出未经民主理财小组审核。")
    a2 = confirmed(world, "leasing", facts="鱼塘承包合同未经村民代表会议表决。")
    confirmed(world, "cadres", facts="村干部坐班制度落实不到位。")
    assets, _cadres = feedback_issues_propose(
        actor=world.office, assignment_id=world.assignment_a.pk
    )
    feedback_issue_update(
        actor=world.office,
        issue_id=assets.pk,
        title=assets.title,
        ledger_mode=IssueLedgerMode.PER_ISSUE,
    )
    give(world)

    items = RectificationItem.objects.select_related("issue", "problem")
    rows = list(items.values(*CARRIED_FACTS_VALUES))
    carried = problems_of_items(items)
    assert carried_facts(rows) == {
        pk: "；".join(p.facts for p in problems) for pk, problems in carried.items()
    }
    book = built(audience_for(world.office), StatisticsFilter(round_id=world.round.pk), tmp_path)
    headers, sheet_rows = header_and_rows(book["整改台账"])
    facts = [dict(zip(headers, row, strict=True))["具体表现"] for row in sheet_rows]
    assert f"{a1.facts}；{a2.facts}" in facts
    assert "村干部坐班制度落实不到位。" in facts


def test_papers_in_no_issue_get_one_each_and_a_paper_left_out_stays_signed(reporting):
    world = reporting
    placed = confirmed(world)
    feedback_issues_propose(actor=world.office, assignment_id=world.assignment_a.pk)
    late_one, late_two = confirmed(world, "cadres"), confirmed(world, "conduct")
    sealed = confirmed(world)
    world.clue(status=ClueStatus.PROPOSED).problems.add(sealed)
    feedback_issue_leave_out(actor=world.office, problem_id=sealed.pk, reason="线索待移交")
    in_b = confirmed(world, assignment=world.assignment_b)

    give(world)

    assert numbers(world) == [
        (1, "农村集体“三资”管理", [placed.pk]),
        (2, late_one.title, [late_one.pk]),
        (3, late_two.title, [late_two.pk]),
    ]
    assert numbers(world, world.assignment_b) == [(1, in_b.title, [in_b.pk])]
    assert RectificationItem.objects.count() == 4
    sealed.refresh_from_db()
    assert sealed.status == ProblemStatus.CONFIRMED
    assert not RectificationItem.objects.filter(problem=sealed).exists()


def test_an_item_ordered_on_site_joins_its_papers_issue():
    world = build_world(round_status=RoundStatus.ON_SITE)
    ordered = confirmed(world)
    other = confirmed(world, "leasing")
    order = order_issue(world, ordered)
    [assets] = feedback_issues_propose(actor=world.office, assignment_id=world.assignment_a.pk)
    feedback_issue_update(
        actor=world.office,
        issue_id=assets.pk,
        title=assets.title,
        ledger_mode=IssueLedgerMode.PER_ISSUE,
    )
    world.round.status = RoundStatus.REPORTING
    world.round.save()

    give(world)

    ordered_item = order.items.get()
    assert ordered_item.issue == assets
    assert ordered_item.feedback is not None
    lead = RectificationItem.objects.get(issue=assets, order__isnull=True)
    assert lead.problem == other
    assert problems_of_item(lead) == [other]
    assert problems_of_item(ordered_item) == [ordered]


def test_proposing_again_records_who_removed_the_former_issues(reporting):
    world = reporting
    confirmed(world)
    [first] = feedback_issues_propose(actor=world.office, assignment_id=world.assignment_a.pk)
    feedback_issues_propose(actor=world.leader_a, assignment_id=world.assignment_a.pk)
    removed = FeedbackIssue.history.filter(id=first.pk, history_type="-").get()
    assert removed.history_user == world.leader_a
