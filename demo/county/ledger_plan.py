"""What happens to each ledger item, decided before the seed takes the actions.

For each confirmed problem of a fed-back round: its mode (立行立改 from the problem;
long-term by the office's review), the unit's plan (measures, responsible unit and cadre,
supervising leader, sometimes a deadline tighter than the default), the office's
extensions, and the status it has reached today with the day the unit asked to close it.
All draws come from the round's own generator, in problem order, so the ledger is the
same on every run.

Deadlines of the in-rectification round: the default (feedback + the time-limited days)
or tighter in its first town, where three items were extended to fall due yesterday, in
ten and in twenty days (their alerts are today's); partly extended by 13 days in the
second town; extended in the third, by batch, to 2, 8 and 14 days ahead.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings

from demo.county.common import DemoContext, pick, working_time
from demo.county.places import village_party_unit
from demo.county.texts import MEASURES, MILESTONE_TITLES, TARGETS
from rectification.choices import ItemStatus, RectificationMode, ResponsibleUnitKind

St = ItemStatus
# Chance that a problem of a category needs long-term rectification.
LONG_TERM = {"cadres": 0.4, "other": 0.4, "land_acquisition": 0.3, "collective_assets": 0.2}
DEPARTMENTS = {
    "welfare_funds": ("县民政局", 0.2),
    "land_acquisition": ("县自然资源和规划局", 0.3),
    "projects": ("县住房和城乡建设局", 0.2),
}
TOWN_PARTY = {"prior_rectification": 0.5, "leadership": 0.3}
# Status mix of time-limited items: past their deadline, and not yet.
MIX_PAST = {St.CLOSED: 35, St.SUBMITTED: 15, St.IN_PROGRESS: 25, St.PENDING: 10, St.RETURNED: 15}
MIX_AHEAD = {St.CLOSED: 20, St.SUBMITTED: 15, St.IN_PROGRESS: 40, St.PENDING: 15, St.RETURNED: 10}
# The demo village officer's village shows every status.
VILLAGE_OFFICER_STATUSES = [St.IN_PROGRESS, St.SUBMITTED, St.CLOSED, St.RETURNED, St.PENDING]
# The first town's items whose alerts fall today: (days from today, status).
DUE_AROUND_TODAY = [(-1, St.RETURNED), (10, St.IN_PROGRESS), (20, St.PENDING)]
# Days ahead, by on-site batch, of the third town's deadlines once it is fed back (the
# demo's third town, 奔牛镇, still awaits its 书记专题会: no items yet).
THIRD_TOWN_AHEAD = (2, 2, 8, 8, 14)
EXTENSION_NOTE = "经责任单位申请，巡察办同意整改时限延期。"
LONG_TERM_NOTE = "经巡察办审核，列为长期整改，分阶段推进。"


@dataclass
class ItemPlan:
    problem: object
    round_key: str
    key: str  # stable across runs (not a primary key): names and draws its files
    officer: object
    mode: str
    default_deadline: datetime.date
    deadline: datetime.date
    status: str
    unit_plan: dict
    planned_at: datetime.datetime
    office_plan: dict | None = None
    reviewed_at: datetime.datetime | None = None
    asked_on: datetime.date | None = None
    progress: list = field(default_factory=list)  # (moment, text, percent, files())
    submitted_at: datetime.datetime | None = None
    verification: tuple | None = None  # (verifier, moment, method, result, satisfaction, note)
    returned: tuple | None = None  # (moment, reason)


def _days(day: datetime.date, offset: int) -> datetime.date:
    return day + datetime.timedelta(days=offset)


def _responsibility(ctx, rng, problem) -> dict:
    village = problem.assignment.village
    town = village.town.name
    town_secretary, town_deputy = ctx.town_leaders[town]
    department, share = DEPARTMENTS.get(problem.category, ("", 0))
    if department and rng.random() < share:
        kind, unit, person = ResponsibleUnitKind.DEPARTMENT, department, ctx.names.person("mid")
        leader = town_secretary
    elif rng.random() < TOWN_PARTY.get(problem.category, 0):
        kind, unit, person = ResponsibleUnitKind.TOWN_PARTY, f"{town}党委", town_deputy
        leader = ctx.users["leadership"].full_name
    else:
        kind, unit = ResponsibleUnitKind.VILLAGE_PARTY, village_party_unit(village)
        person, leader = ctx.officials[village.pk].secretary, town_secretary
    return {
        "measures": MEASURES[problem.category],
        "target": rng.choice(TARGETS),
        "responsible_unit_kind": kind,
        "responsible_unit": unit,
        "responsible_person": person,
        "supervising_leader": leader,
    }


def _mode(rng, problem) -> str:
    if problem.fix_immediately:
        return RectificationMode.IMMEDIATE
    if rng.random() < LONG_TERM.get(problem.category, 0.05):
        return RectificationMode.LONG_TERM
    return RectificationMode.TIME_LIMITED


def _batch_of(plan, assignment) -> int:
    """The on-site batch (0…) of the assignment within its team's villages."""
    starts = sorted({a.on_site_from for a in plan.assignments if a.team_id == assignment.team_id})
    return starts.index(assignment.on_site_from)


def _deadlines(ctx, rng, plan, problem, fed_back_on, default, around_today) -> tuple:
    """(deadline the unit sets or None, deadline the office extends to or None)."""
    tighter = _days(default, -rng.choice((7, 15, 20)))
    draw = rng.random()
    tighter = tighter if tighter >= _days(fed_back_on, 15) else None
    if plan.key == "closed":
        return (tighter if draw < 0.3 else None), None
    team = [team.pk for team in plan.teams].index(problem.assignment.team_id)
    if team == 0:
        if around_today:
            return None, ctx.days(around_today.pop(0)[0])
        return (tighter if draw < 0.3 else None), None
    if team == 1:
        if draw < 0.4:
            return None, _days(default, 13)
        return (tighter if draw > 0.75 else None), None
    batch = _batch_of(plan, problem.assignment)
    return None, ctx.days(THIRD_TOWN_AHEAD[min(batch, len(THIRD_TOWN_AHEAD) - 1)])


def _status(ctx, rng, plan, problem, mode, deadline, officer_cycle, forced) -> str:
    if mode == RectificationMode.IMMEDIATE or plan.key == "closed":
        return St.CLOSED
    if forced:
        return forced
    if problem.assignment.village_id == ctx.users["village_officer"].village_id and officer_cycle:
        return officer_cycle.pop(0)
    if mode == RectificationMode.LONG_TERM:
        return rng.choice((St.IN_PROGRESS, St.IN_PROGRESS, St.PENDING))
    mix = MIX_PAST if deadline < ctx.today else MIX_AHEAD
    return rng.choices(list(mix), weights=list(mix.values()))[0]


def _asked_on(ctx, rng, plan, item: ItemPlan, fed_back_on) -> datetime.date:
    """The day the unit asked for closing."""
    if item.mode == RectificationMode.IMMEDIATE:
        day = _days(fed_back_on, rng.randint(1, 3))
    elif plan.key == "closed":
        day = _days(item.deadline, rng.randint(-35, 8))  # a few closed late
    else:
        day = _days(fed_back_on, pick(rng, 15, (ctx.today - fed_back_on).days - 8))
    earliest = (item.reviewed_at or item.planned_at).date()
    if item.mode != RectificationMode.IMMEDIATE:
        earliest = _days(earliest, 1)
    return min(max(day, earliest), ctx.days(-6))


def unit_officer(ctx: DemoContext, village):
    """The rectification officer the product names for the village's items."""
    officer = ctx.users["village_officer"]
    return officer if officer.village_id == village.pk else ctx.officers[village.town.name]


def plan_items(ctx: DemoContext, rng, plan) -> list[ItemPlan]:
    """Each problem's item, its dates counted from its organisation's feedback day."""
    limit = settings.INSPECTION_TIME_LIMITED_DUE_DAYS
    officer_cycle = list(VILLAGE_OFFICER_STATUSES)
    around_today = list(DUE_AROUND_TODAY)
    items = []
    fed_back = [p for p in ctx.problems[plan.key] if p.assignment_id in plan.feedback_dates]
    for index, problem in enumerate(fed_back, start=1):
        fed_back_on = plan.feedback_dates[problem.assignment_id]
        mode = _mode(rng, problem)
        immediate = mode == RectificationMode.IMMEDIATE
        default = _days(fed_back_on, settings.INSPECTION_IMMEDIATE_DUE_DAYS if immediate else limit)
        unit_plan = _responsibility(ctx, rng, problem)
        planned_on = _days(fed_back_on, 1 if immediate else pick(rng, 1, 5))
        item = ItemPlan(
            problem=problem,
            round_key=plan.key,
            key=f"{plan.key}-{index:03d}",
            officer=unit_officer(ctx, problem.assignment.village),
            mode=mode,
            default_deadline=default,
            deadline=default,
            status=St.CLOSED,
            unit_plan=unit_plan,
            planned_at=working_time(rng, planned_on),
        )
        forced = None
        if mode == RectificationMode.LONG_TERM:
            offsets = (30, 120, 240) if plan.key == "closed" else (30, 120, 270)
            milestones = [
                (title, _days(fed_back_on, offset))
                for title, offset in zip(MILESTONE_TITLES, offsets, strict=True)
            ]
            item.office_plan = {"mode": mode, "milestones": milestones, "note": LONG_TERM_NOTE}
            item.deadline = milestones[-1][1]
        elif not immediate:
            due_around = around_today[0][1] if around_today else None
            watch = around_today if plan.key != "closed" else []
            before = len(watch)
            tighter, extended = _deadlines(ctx, rng, plan, problem, fed_back_on, default, watch)
            forced = due_around if len(watch) < before else None
            if tighter:
                unit_plan["deadline"] = item.deadline = tighter
            if extended:
                item.deadline = extended
                item.office_plan = {"deadline": extended, "note": EXTENSION_NOTE}
        if item.office_plan:
            item.reviewed_at = working_time(rng, _days(planned_on, rng.randint(1, 3)))
        item.status = _status(ctx, rng, plan, problem, mode, item.deadline, officer_cycle, forced)
        if item.status not in (St.PENDING, St.IN_PROGRESS):
            item.asked_on = _asked_on(ctx, rng, plan, item, fed_back_on)
        items.append(item)
    return items
