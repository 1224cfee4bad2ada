"""巡中立行立改: issue, 签收, the ledger item from the order, on-site verification, and the
carry-over at feedback (rectification/services/orders.py, feedback.py)."""

import datetime

import pytest
from django.utils import timezone

from findings.choices import ProblemStatus
from inspection.errors import ConflictError, NotFoundError, PermissionDeniedError
from inspection.permissions import visible
from rectification.choices import (
    ItemStatus,
    OrderForm,
    OrderStatus,
    RectificationMode,
    VerificationMethod,
    VerificationResult,
)
from rectification.models import ImmediateOrderCounter, RectificationItem
from rectification.services import (
    immediate_order_issue,
    immediate_order_sign_for,
    item_town_review,
    item_verify,
    round_give_feedback,
)
from rounds.choices import RoundStatus, TeamRole
from tests import factories as f
from tests.findings.reports_kit import clear_for_feedback
from tests.rectification.helpers import refused, upload
from tests.rectification.orders_kit import issue, submitted_order_item
from tests.world import build_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture
def on_site():
    return build_world(round_status=RoundStatus.ON_SITE)


def verify(actor, item, result=VerificationResult.PASSED, note=""):
    return item_verify(
        actor=actor,
        item_id=item.pk,
        method=VerificationMethod.ON_SITE,
        result=result,
        evidence=[upload()],
        note=note,
    )


# ------------------------------------------------------------------------------- issue


def test_a_written_order_is_numbered_and_puts_its_problems_in_the_ledger_at_once(on_site, settings):
    world = on_site
    settings.INSPECTION_IMMEDIATE_DUE_DAYS = 5
    problems = [world.problem(status=ProblemStatus.CONFIRMED) for _ in range(2)]

    order = issue(world, *problems, requirements="三日内退还多收的水费。")

    year = TODAY().year
    assert order.number == f"巡一组立改〔{year}〕1号"
    assert order.status == OrderStatus.ISSUED
    assert order.due_on == TODAY() + 5 * DAY
    assert order.issued_by == world.leader_a
    items = list(order.items.order_by("problem_id"))
    assert [i.problem_id for i in items] == [p.pk for p in problems]
    for item in items:
        assert item.mode == RectificationMode.IMMEDIATE
        assert item.deadline == order.due_on
        assert item.feedback is None
        assert item.responsible_unit == "甲一村党组织"
        assert item.target == "三日内退还多收的水费。"
        assert item.history.count() == 1
    # The unit's contact sees the items before any feedback.
    assert set(visible(RectificationItem, world.officer_a)) == set(items)
    assert not visible(RectificationItem, world.officer_b).exists()


def test_written_numbers_run_per_team_and_year_and_oral_orders_take_none(on_site):
    world = on_site
    first = issue(world)
    oral = issue(world, form=OrderForm.ORAL)
    second = issue(world)
    in_b = issue(world, actor=world.leader_b, assignment=world.assignment_b)

    assert oral.number == "" and oral.sequence is None
    assert (first.sequence, second.sequence) == (1, 2)
    assert in_b.number == f"巡二组立改〔{TODAY().year}〕1号"


def test_a_refused_issue_gives_its_number_back(on_site):
    world = on_site
    issue(world)
    draft = world.problem(status=ProblemStatus.DRAFT)
    with refused("problems", match="审签后才能"):
        issue(world, draft)
    assert issue(world).sequence == 2
    assert ImmediateOrderCounter.objects.get(team_number=world.team_a.number).last == 2


def test_the_same_team_number_in_two_rounds_of_a_year_does_not_repeat_a_number(on_site):
    """巡一组立改〔YYYY〕N号 is the county's number: the 第一巡察组 of a later round of the
    same year goes on from the earlier one's, it does not issue 1号 again."""
    world = on_site
    first = issue(world)
    later_round = f.InspectionRoundFactory(term=world.round.term, status=RoundStatus.ON_SITE)
    team = f.TeamFactory(round=later_round, number=world.team_a.number)
    leader = f.TeamMemberFactory(team=team, role=TeamRole.LEADER).user
    assignment = f.AssignmentFactory(
        round=later_round, team=team, village=world.assignment_a.village
    )
    problem = world.problem(status=ProblemStatus.CONFIRMED, assignment=assignment)
    second = issue(world, problem, actor=leader, assignment=assignment)
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.number != second.number
    assert (
        second.number
        == f"巡{'一二三四五六七八九'[world.team_a.number - 1]}组立改〔{TODAY().year}〕2号"
    )


def test_the_due_date_is_never_later_than_the_leaving_date(on_site, settings):
    world = on_site
    settings.INSPECTION_IMMEDIATE_DUE_DAYS = 7
    world.assignment_a.on_site_until = TODAY() + 2 * DAY
    world.assignment_a.save()

    order = issue(world)

    assert order.due_on == TODAY() + 2 * DAY
    assert order.items.get().deadline == TODAY() + 2 * DAY


def test_no_order_after_the_team_has_left(on_site):
    world = on_site
    world.assignment_a.on_site_until = TODAY() - DAY
    world.assignment_a.save()
    with refused("assignment", match="撤离"):
        issue(world)


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda w: w.problem(status=ProblemStatus.DRAFT), "审签后才能"),
        (
            lambda w: w.problem(status=ProblemStatus.CONFIRMED, assignment=w.assignment_b),
            "不属于本巡察对象",
        ),
    ],
)
def test_only_confirmed_problems_of_the_assignment_are_ordered(on_site, make, match):
    with refused("problems", match=match):
        issue(on_site, make(on_site))


def test_a_problem_is_ordered_once(on_site):
    world = on_site
    problem = world.problem(status=ProblemStatus.CONFIRMED)
    issue(world, problem)
    with refused("problems", match="不能重复下达"):
        issue(world, problem, form=OrderForm.ORAL)


def test_a_paper_left_out_behind_a_sealed_clue_is_not_ordered(on_site):
    """Left out of the feedback, it stays out of the ledger: no order brings it in."""
    from findings.choices import ClueStatus
    from rectification.services.feedback_issues import feedback_issue_leave_out

    world = on_site
    problem = world.problem(status=ProblemStatus.CONFIRMED)
    world.clue(status=ClueStatus.TRANSFERRED).problems.add(problem)
    feedback_issue_leave_out(actor=world.office, problem_id=problem.pk, reason="线索处置中")
    with refused("problems", match="已不予反馈"):
        issue(world, problem)
    assert not RectificationItem.objects.filter(problem=problem).exists()


def test_an_order_names_its_problems_and_its_form(on_site):
    world = on_site
    with refused("problems", match="至少一个"):
        immediate_order_issue(
            actor=world.leader_a,
            assignment_id=world.assignment_a.pk,
            problem_ids=[],
            form=OrderForm.ORAL,
        )
    with refused("form"):
        issue(world, form="")


def test_only_the_leader_of_the_team_orders_while_on_site(on_site):
    world = on_site
    with pytest.raises(PermissionDeniedError):
        issue(world, actor=world.member_a)
    with pytest.raises(NotFoundError):
        issue(world, actor=world.leader_b)
    world.round.status = RoundStatus.REPORTING
    world.round.save()
    with pytest.raises(ConflictError, match="下达立行立改通知"):
        issue(world)


# ------------------------------------------------------------------------------ 签收


def test_the_team_records_who_signed_for_the_order(on_site):
    world = on_site
    order = issue(world)

    signed = immediate_order_sign_for(
        actor=world.member_a,
        order_id=order.pk,
        signer_name="王建国",
        signer_post="村党总支书记",
        signed_on=TODAY(),
    )

    assert signed.status == OrderStatus.SIGNED_FOR
    assert (signed.signed_for_by_name, signed.signed_for_post) == ("王建国", "村党总支书记")
    assert signed.signed_for_recorded_by == world.member_a
    assert signed.history.count() == 2
    with pytest.raises(ConflictError):
        immediate_order_sign_for(
            actor=world.member_a, order_id=order.pk, signer_name="王建国", signed_on=TODAY()
        )


def test_a_signature_needs_a_name_and_a_date_not_before_the_order(on_site):
    world = on_site
    order = issue(world)
    with refused("signed_for_by_name"):
        immediate_order_sign_for(
            actor=world.leader_a, order_id=order.pk, signer_name=" ", signed_on=TODAY()
        )
    with refused("signed_for_on", match="交办日期"):
        immediate_order_sign_for(
            actor=world.leader_a, order_id=order.pk, signer_name="王建国", signed_on=TODAY() - DAY
        )
    with pytest.raises(PermissionDeniedError):
        immediate_order_sign_for(
            actor=world.officer_a, order_id=order.pk, signer_name="王建国", signed_on=TODAY()
        )


# --------------------------------------------------------------- on-site verification


def test_the_leader_or_deputy_verifies_an_order_item_on_site(on_site):
    world = on_site
    item = submitted_order_item(world)
    deputy = f.UserFactory(role="inspector")
    f.TeamMemberFactory(team=world.team_a, user=deputy, role=TeamRole.DEPUTY)

    with pytest.raises(PermissionDeniedError):
        verify(world.member_a, item)
    verify(deputy, item)

    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED


def test_a_failed_on_site_verification_returns_the_item(on_site):
    world = on_site
    item = submitted_order_item(world)
    verify(world.leader_a, item, VerificationResult.FAILED, note="收据不全。")
    item.refresh_from_db()
    assert (item.status, item.return_reason) == (ItemStatus.RETURNED, "收据不全。")


def test_once_the_round_leaves_site_verification_is_the_offices_again(on_site):
    world = on_site
    item = submitted_order_item(world)
    world.round.status = RoundStatus.REPORTING
    world.round.save()
    with pytest.raises(PermissionDeniedError):
        verify(world.leader_a, item)
    # Off site it is a village's request like any other: its town first-reviews it.
    with pytest.raises(ConflictError, match="乡镇党委初审"):
        verify(world.office, item)
    item_town_review(actor=world.reviewer_a, item_id=item.pk, passed=True)
    verify(world.office, item)


def test_the_submitter_does_not_verify_on_site(on_site):
    world = on_site
    item = submitted_order_item(world, submitter=world.office)
    with pytest.raises(PermissionDeniedError, match="申请销号的人"):
        verify(world.office, item)
    verify(world.leader_a, item)


# --------------------------------------------------------------------------- feedback


def test_feedback_carries_order_items_and_builds_the_rest(on_site, settings):
    world = on_site
    settings.INSPECTION_IMMEDIATE_DUE_DAYS = 3
    open_item = issue(world).items.get()
    closed_item = submitted_order_item(world)
    verify(world.leader_a, closed_item)
    not_ordered = world.problem(status=ProblemStatus.CONFIRMED, fix_immediately=True)
    history_rows = open_item.history.count()
    world.round.status = RoundStatus.REPORTING
    world.round.save()

    fed_back_on = TODAY()
    clear_for_feedback(world.round, actor=world.office)
    round_give_feedback(actor=world.office, round_id=world.round.pk, fed_back_on=fed_back_on)

    open_item.refresh_from_db()
    closed_item.refresh_from_db()
    assert open_item.feedback is not None
    assert open_item.deadline == TODAY() + 3 * DAY  # from the order, unchanged
    assert open_item.status == ItemStatus.PENDING
    assert open_item.history.count() == history_rows + 1
    assert closed_item.status == ItemStatus.CLOSED and closed_item.feedback is not None
    assert RectificationItem.objects.count() == 3
    new = RectificationItem.objects.get(problem=not_ordered)
    assert new.order is None and new.deadline == fed_back_on + 3 * DAY
    open_item.problem.refresh_from_db()
    assert open_item.problem.status == ProblemStatus.FED_BACK
