"""回头看 in the demo (issue 19): a look-back round (mode 回头看, ``revisits`` the closed
round) over the closed round's villages its evaluation did not close outright — the one
列入回头看 first, then the ones called to account (提请问责) and reminded (发函提醒) —
on site today.

The office plans it like any round (``rounds``: created with the checklist's items on
rectification, a team, the villages, 巡前准备, 进驻 twelve days ago), with a team of
inspectors not on the on-site round's teams: a leader, a commission office head as
deputy, two members. On site the leader or the deputy marks each previous item of a
village through ``look_back_check``: the 列入回头看 village's every item (真改, but one
反弹, which reopens its item for the look-back round: 反弹回潮), half of the second
village's (one 假改, which reopens its item too), none yet of the third's. A reopened
item gets a new deadline weeks ahead, past any alert's window today.

Its moments come from a generator of its own (``ctx.rng("look_back")``): the rest of the
county comes out the same.
"""

import datetime

from demo.county.clock import travel
from demo.county.common import DemoContext, RoundPlan, at, working_time
from demo.county.follow_up_texts import (
    GENUINE_NOTES,
    RELAPSED_NOTE,
    RELAPSED_NOTES,
    SHAM_NOTE,
    SHAM_NOTES,
)
from demo.county.rounds import TERM, agree_work_plan, staff_team
from inspection.choices import AttentionClass
from inspection.models import User
from rectification.choices import EvaluationBatch, LookBackVerdict
from rectification.models import Evaluation, RectificationItem
from rectification.services.look_back import look_back_check
from rounds.choices import FocusArea, RoundMode, TeamRole
from rounds.models.rounds import chinese_ordinal
from rounds.services.assignments import assignment_create
from rounds.services.rounds import round_create_with_items, round_go_on_site, round_prepare

B = EvaluationBatch
# The villages revisited, in the order the team goes: the look-back list first.
BATCH_ORDER = (B.LOOK_BACK, B.ACCOUNTABILITY, B.REMINDER)
# A relapse, and a sham, where the team is likeliest to find one (by problem class).
RELAPSE_CLASSES = ("environment", "openness")
SHAM_CLASSES = ("leasing", "funds_misuse")
# Each village's stay (days from today, first and last) and the share of its items checked
# so far; the round is on site from the first stay to the last.
STAYS = ((-12, -6, 1.0), (-5, 2, 0.5), (-5, 2, 0.0))
# The new deadline of an item found back (反弹) or done on paper only (假改), in days from
# its check: past the green alert's window today.
RELAPSE_DAYS = 45
SHAM_DAYS = 60


def _days(day: datetime.date, offset: int) -> datetime.date:
    return day + datetime.timedelta(days=offset)


def _revisited(ctx: DemoContext) -> list:
    """The closed round's assignments evaluated other than 对账销号, in ``BATCH_ORDER``."""
    closed = ctx.rounds["closed"]
    evaluations = Evaluation.objects.filter(assignment__round=closed.round).exclude(batch=B.CLOSE)
    rank = {batch: index for index, batch in enumerate(BATCH_ORDER)}
    by_pk = {assignment.pk: assignment for assignment in closed.assignments}
    ordered = sorted(
        evaluations,
        key=lambda e: (rank.get(e.batch, len(rank)), by_pk[e.assignment_id].village.code),
    )
    return [by_pk[evaluation.assignment_id] for evaluation in ordered][: len(STAYS)]


def _team_people(ctx: DemoContext) -> list[tuple]:
    """Inspectors on none of the on-site round's teams: (user, role), leader first."""
    on_site = ctx.rounds["on_site"]
    busy = {user.pk for user in on_site.leaders.values()}
    busy |= {user.pk for users in on_site.members.values() for user in users}
    free: dict = {}
    for user, kind in ctx.inspectors:
        if user.pk not in busy:
            free.setdefault(kind, []).append(user)
    people = [(free["leader"][0], TeamRole.LEADER), (free["commission"][0], TeamRole.DEPUTY)]
    return people + [(user, TeamRole.MEMBER) for user in free["member"][:2]]


def _plan_round(ctx: DemoContext, assignments: list) -> RoundPlan:
    office = ctx.users["office"]
    closed = ctx.rounds["closed"].round
    on_site_from = ctx.days(min(stay[0] for stay in STAYS))
    on_site_until = ctx.days(max(stay[1] for stay in STAYS))
    mobilised_on = _days(on_site_from, -5)
    ordinal = len(ctx.rounds) + 1
    items = [
        code for code, item in ctx.checklist.items() if item.focus_area == FocusArea.RECTIFICATION
    ]
    with travel(at(_days(mobilised_on, -21), 9, 30)):
        inspection_round = round_create_with_items(
            actor=office,
            title=f"{TERM}县委第{chinese_ordinal(ordinal)}轮巡察（西夏墅镇巡察整改“回头看”）",
            mode=RoundMode.LOOK_BACK,
            revisits_id=closed.pk,
            mobilised_on=mobilised_on,
            on_site_from=on_site_from,
            on_site_until=on_site_until,
            feedback_on=_days(on_site_until, 30),
            supervision_item_ids=[ctx.checklist[code].pk for code in sorted(items)],
        )
    plan = RoundPlan(key="look_back", round=inspection_round, selected_items=set(items))
    ctx.rounds["look_back"] = plan
    people = _team_people(ctx)
    with travel(at(_days(mobilised_on, -15), 10, 0)):
        team = staff_team(plan, office, 1, people)
    with travel(at(_days(mobilised_on, -14), 10, 30)):
        for previous, (first, last, _share) in zip(assignments, STAYS, strict=False):
            village = previous.village
            plan.assignments.append(
                assignment_create(
                    actor=office,
                    round_id=inspection_round.pk,
                    village_id=village.pk,
                    team_id=team.pk,
                    is_key=village.attention_class != AttentionClass.GENERAL,
                    on_site_from=ctx.days(first),
                    on_site_until=ctx.days(last),
                )
            )
    with travel(at(_days(mobilised_on, -10), 15, 0)):
        round_prepare(actor=office, round_id=inspection_round.pk)
    agree_work_plan(
        ctx,
        inspection_round,
        drafted_on=_days(mobilised_on, -9),
        agreed_on=_days(mobilised_on, -7),
    )
    with travel(at(on_site_from, 8, 30)):
        plan.round = round_go_on_site(actor=office, round_id=inspection_round.pk)
    return plan


def _first_of(items: list, classes: tuple):
    for code in classes:
        for item in items:
            if item.problem.problem_class.code == code:
                return item
    return items[0] if items else None


def _verdicts(items: list, batch: str) -> dict:
    """item id -> (verdict, note, new deadline offset in days or None)."""
    verdicts = {}
    if batch == B.LOOK_BACK:
        found_back = _first_of(items, RELAPSE_CLASSES)
        code = found_back.problem.problem_class.code
        verdicts[found_back.pk] = (
            LookBackVerdict.RELAPSED,
            RELAPSED_NOTES.get(code, RELAPSED_NOTE),
            RELAPSE_DAYS,
        )
    elif batch == B.ACCOUNTABILITY:
        on_paper = _first_of(items, SHAM_CLASSES)
        code = on_paper.problem.problem_class.code
        verdicts[on_paper.pk] = (LookBackVerdict.SHAM, SHAM_NOTES.get(code, SHAM_NOTE), SHAM_DAYS)
    for index, item in enumerate(items):
        verdicts.setdefault(
            item.pk, (LookBackVerdict.GENUINE, GENUINE_NOTES[index % len(GENUINE_NOTES)], None)
        )
    return verdicts


def _check_village(ctx, rng, look_back, previous, stay, people) -> None:
    first, last, share = stay
    items = list(
        RectificationItem.objects.filter(problem__assignment=previous)
        .select_related("problem__problem_class")
        .order_by("issue__number", "pk")
    )
    checked = items[: round(len(items) * share)]
    if not checked:
        return
    batch = Evaluation.objects.get(assignment=previous).batch
    verdicts = _verdicts(checked, batch)
    leader, deputy = people
    # The first day is the team's arrival (动员会, 谈话); checks start the next day.
    days = (min(_days(ctx.today, last), ctx.days(-1)) - ctx.days(first + 1)).days + 1
    steps = []
    for index, item in enumerate(checked):
        day = ctx.days(first + 1 + index * days // len(checked))
        steps.append((working_time(rng, day), index, item))
    for moment, index, item in sorted(steps, key=lambda step: step[:2]):
        verdict, note, deadline_days = verdicts[item.pk]
        reopens = deadline_days is not None
        with travel(moment):
            look_back_check(
                actor=leader if reopens or index % 2 == 0 else deputy,
                assignment_id=look_back.pk,
                item_id=item.pk,
                verdict=verdict,
                note=note,
                deadline=_days(moment.date(), deadline_days) if reopens else None,
            )


def create_look_back(ctx: DemoContext) -> None:
    previous = _revisited(ctx)
    if not previous:
        return
    plan = _plan_round(ctx, previous)
    team = plan.teams[0]
    # Fresh accounts: a user object caches the teams it directs (rectification.permissions).
    leader = User.objects.get(pk=plan.leaders[team.pk].pk)
    deputy = User.objects.get(pk=plan.members[team.pk][0].pk)
    rng = ctx.rng("look_back")
    for look_back, earlier, stay in zip(plan.assignments, previous, STAYS, strict=False):
        _check_village(ctx, rng, look_back, earlier, stay, (leader, deputy))
