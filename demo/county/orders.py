"""巡中立行立改 in the demo county: orders the team leaders issued during each stay.

In the closed and the in-rectification rounds, a village's problems the team marked as
fixable on the spot (``fix_immediately``) and confirmed at least a day before leaving
are ordered by the leader on the day of the last confirmation: the village's party
secretary signs for a written order, the unit's rectification officer fixes them within
the order's time and asks to close them, and the leader verifies them on site before
the team leaves, so that their ledger items say "巡察期间已立行立改" truthfully. The rest
of those problems are put right after feedback (``ledger``).

In the round on site today, the leaders order some confirmed problems of each village:
those of villages already left were honoured on time but one, still unfinished past its
date; those of the villages on site today are being fixed.

Every action goes through its service at its moment (``clock.travel``), in order of
time, so the numbers of each team's written orders follow their dates.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from demo.county import evidence
from demo.county.clock import travel
from demo.county.common import DemoContext, at
from demo.county.ledger_plan import unit_officer
from demo.county.places import village_party_unit
from demo.county.texts import IMMEDIATE_EVIDENCE, MEASURES, PROGRESS_TEXTS, VERIFICATION_NOTES
from findings.choices import ProblemStatus
from rectification.choices import OrderForm, VerificationMethod, VerificationResult
from rectification.services.items import item_post_progress, item_submit, item_update_plan
from rectification.services.orders import (
    immediate_order_due_on,
    immediate_order_issue,
    immediate_order_sign_for,
)
from rectification.services.verification import item_verify

HOUR = datetime.timedelta(hours=1)
SIGNER_POST = "村党组织书记"
REQUIREMENTS = "请立即整改，整改完成后将整改情况和佐证材料报巡察组，巡察组现场核验。"


@dataclass
class OrderPlan:
    """One order of a village and what follows it, each at its moment."""

    key: str
    round_key: str
    assignment: object
    problems: list
    leader: object
    member: object
    issued_at: datetime.datetime
    form: str
    due_on: datetime.date
    fixed_on: datetime.date | None = None  # the unit asks to close its items
    late: bool = False  # left unfinished past the due date
    verified: bool = True  # the team verified the fix on site


def _leaving(assignment) -> datetime.date:
    return assignment.on_site_until


def _confirmed_before_leaving(ctx, problem) -> bool:
    confirmed = problem.status == ProblemStatus.CONFIRMED and problem.confirmed_at
    if not confirmed:
        return False
    day = problem.confirmed_at.date()
    return day < _leaving(problem.assignment) and day <= ctx.days(-2)


def _plan(ctx, rng, key, assignment, problems, index) -> OrderPlan:
    round_plan = ctx.rounds[key]
    issued_at = max(problem.confirmed_at for problem in problems) + HOUR
    issued_on = issued_at.date()
    due_on = immediate_order_due_on(assignment, issued_on)
    members = round_plan.members[assignment.team_id]
    plan = OrderPlan(
        key=f"order-{key}-{index:02d}",
        round_key=key,
        assignment=assignment,
        problems=problems,
        leader=round_plan.leaders[assignment.team_id],
        member=members[-1],
        issued_at=issued_at,
        form=OrderForm.ORAL if index % 3 == 2 else OrderForm.WRITTEN,
        due_on=due_on,
    )
    last = min(due_on, _leaving(assignment), ctx.days(-1))
    fixed_on = issued_on + datetime.timedelta(days=rng.randint(1, 3))
    plan.fixed_on = min(fixed_on, last) if issued_on < last else None
    return plan


def _fed_back_rounds(ctx, key) -> list[OrderPlan]:
    """Each village's problems fixable on the spot, confirmed a day or more before leaving."""
    rng = ctx.rng(f"orders:{key}")
    by_assignment = defaultdict(list)
    for problem in ctx.problems[key]:
        if problem.fix_immediately and _confirmed_before_leaving(ctx, problem):
            by_assignment[problem.assignment.pk].append(problem)
    plans = []
    for problems in by_assignment.values():
        plan = _plan(ctx, rng, key, problems[0].assignment, problems, len(plans))
        if plan.fixed_on is not None:
            plans.append(plan)
    return plans


def _on_site_round(ctx) -> list[OrderPlan]:
    """Some confirmed problems of each village: the orders of the villages already left
    were honoured on time but the latest one, unfinished; in the villages on site today
    the units are fixing them, some asked to close and verified, some not yet."""
    key = "on_site"
    rng = ctx.rng(f"orders:{key}")
    by_assignment = defaultdict(list)
    for problem in ctx.problems[key]:
        if _confirmed_before_leaving(ctx, problem) and rng.random() < 0.5:
            by_assignment[problem.assignment.pk].append(problem)
    plans = []
    for problems in by_assignment.values():
        plan = _plan(ctx, rng, key, problems[0].assignment, problems[:2], len(plans))
        if plan.fixed_on is not None or plan.due_on >= ctx.today:
            plans.append(plan)
    left = [plan for plan in plans if _leaving(plan.assignment) < ctx.today]
    if left:
        max(left, key=lambda plan: plan.issued_at).late = True
    for plan in plans:
        if _leaving(plan.assignment) >= ctx.today:
            plan.verified = plan.fixed_on is not None and rng.random() < 0.5
    return plans


def _steps(ctx, plan: OrderPlan) -> list[tuple]:
    """(moment, action) of an order: issue, 签收, the unit's fix, the team's verification."""
    village = plan.assignment.village
    officer = unit_officer(ctx, village)
    secretary = ctx.officials[village.pk].secretary
    state = {}

    def issue():
        state["order"] = immediate_order_issue(
            actor=plan.leader,
            assignment_id=plan.assignment.pk,
            problem_ids=[problem.pk for problem in plan.problems],
            form=plan.form,
            requirements=REQUIREMENTS,
        )
        state["items"] = list(state["order"].items.order_by("pk"))

    def sign_for():
        immediate_order_sign_for(
            actor=plan.member,
            order_id=state["order"].pk,
            signer_name=secretary,
            signer_post=SIGNER_POST,
            signed_on=plan.issued_at.date(),
        )

    def fix(finished: bool):
        def run():
            # the demo's matter of each problem (findings sets it on the planned problems)
            matters = {problem.pk: problem.category for problem in plan.problems}
            for index, item in enumerate(state["items"]):
                item_update_plan(
                    actor=officer,
                    item_id=item.pk,
                    measures=MEASURES[matters[item.problem_id]],
                    responsible_unit=village_party_unit(village),
                    responsible_person=secretary,
                )
                key = f"{plan.key}-{index}"
                if finished:
                    files = evidence.progress_evidence(key, photos=2)
                    text, percent = IMMEDIATE_EVIDENCE, 100
                else:
                    files, text, percent = [], PROGRESS_TEXTS[1], 50
                item_post_progress(
                    actor=officer, item_id=item.pk, text=text, percent=percent, evidence=files
                )
                if finished:
                    item_submit(actor=officer, item_id=item.pk)

        return run

    def verify():
        for index, item in enumerate(state["items"]):
            item_verify(
                actor=plan.leader,
                item_id=item.pk,
                method=VerificationMethod.ON_SITE,
                result=VerificationResult.PASSED,
                note=VERIFICATION_NOTES[VerificationMethod.ON_SITE],
                evidence=evidence.verification_evidence(f"{plan.key}-{index}", "on_site"),
            )

    steps = [(plan.issued_at, issue)]
    if plan.form == OrderForm.WRITTEN:
        steps.append((plan.issued_at + 2 * HOUR, sign_for))
    if plan.late:
        steps.append((at(plan.issued_at.date() + datetime.timedelta(days=1), 10), fix(False)))
    elif plan.fixed_on is not None:
        steps.append((at(plan.fixed_on, 9, 30), fix(True)))
        if plan.verified:
            steps.append((at(plan.fixed_on, 15, 30), verify))
    return steps


def issue_onsite_orders(ctx: DemoContext) -> None:
    """The orders of the three rounds, while each is on site (before it leaves)."""
    plans = [*_fed_back_rounds(ctx, "closed"), *_fed_back_rounds(ctx, "rectification")]
    plans += _on_site_round(ctx)
    steps = [step for plan in plans for step in _steps(ctx, plan)]
    steps.sort(key=lambda step: step[0])
    for moment, action in steps:
        with travel(moment):
            action()
    ctx.ordered_problems.update(problem.pk for plan in plans for problem in plan.problems)
