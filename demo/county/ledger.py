"""Feedback and the rectification ledger of the closed and the in-rectification rounds.

One item per fed-back problem: immediate fixes (立行立改) closed with their evidence
text, time-limited items due INSPECTION_TIME_LIMITED_DUE_DAYS after feedback,
long-term items with three milestones (the last one is the deadline). The closed
round's items are nearly all closed; the in-rectification round's are in every
status, and the open ones of its first two towns are overdue today.
"""

import datetime

from django.conf import settings

from demo.county.common import DemoContext, at, bulk_insert, pick, working_time
from demo.county.ledger_alerts import alerts_for
from demo.county.places import village_party_unit
from demo.county.texts import (
    CLOSE_REQUEST,
    FAILED_NOTE,
    IMMEDIATE_EVIDENCE,
    MEASURES,
    MILESTONE_TITLES,
    PROGRESS_TEXTS,
    RETURN_REASONS,
    TARGETS,
    VERIFICATION_NOTES,
)
from rectification.choices import (
    ItemStatus,
    RectificationMode,
    ResponsibleUnitKind,
    VerificationMethod,
    VerificationResult,
)
from rectification.models import (
    Alert,
    Feedback,
    Milestone,
    ProgressUpdate,
    RectificationItem,
    Verification,
)

St = ItemStatus
# Chance that a problem of a category needs long-term rectification.
LONG_TERM = {"cadres": 0.4, "other": 0.4, "land_acquisition": 0.3, "collective_assets": 0.2}
DEPARTMENTS = {
    "welfare_funds": ("县民政局", 0.2),
    "land_acquisition": ("县自然资源和规划局", 0.3),
    "projects": ("县住房和城乡建设局", 0.2),
}
TOWN_PARTY = {"prior_rectification": 0.5, "leadership": 0.3}
# Status mix of time-limited items: towns already past their deadline, and the others.
MIX_PAST = {St.CLOSED: 35, St.SUBMITTED: 15, St.IN_PROGRESS: 25, St.PENDING: 10, St.RETURNED: 15}
MIX_AHEAD = {St.CLOSED: 20, St.SUBMITTED: 15, St.IN_PROGRESS: 40, St.PENDING: 15, St.RETURNED: 10}
# The demo village officer's village shows every status.
VILLAGE_OFFICER_STATUSES = [St.IN_PROGRESS, St.SUBMITTED, St.CLOSED, St.RETURNED, St.PENDING]
IMMEDIATE_DAYS = 7  # an immediate fix is verified within a week of feedback


def chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _days(day: datetime.date, offset: int) -> datetime.date:
    return day + datetime.timedelta(days=offset)


def _feedbacks(ctx: DemoContext, rng, plan) -> dict:
    feedbacks = {}
    for assignment in plan.assignments:
        fed_back_on = plan.feedback_dates[assignment.pk]
        plan_due = _days(fed_back_on, settings.INSPECTION_PLAN_DUE_DAYS)
        report_due = _days(fed_back_on, settings.INSPECTION_REPORT_DUE_DAYS)
        count = sum(1 for p in ctx.problems[plan.key] if p.assignment_id == assignment.pk)
        team = next(team for team in plan.teams if team.pk == assignment.team_id)
        feedback = Feedback(
            assignment=assignment,
            fed_back_on=fed_back_on,
            letter=(
                f"{team.name}向{assignment.village.name}党组织反馈巡察意见，指出问题{count}个。"
                f"请于{chinese_date(plan_due)}前报送整改方案，"
                f"{chinese_date(report_due)}前报送整改落实情况报告。"
            ),
            plan_due_on=plan_due,
            report_due_on=report_due,
            given_by=plan.leaders[assignment.team_id],
        )
        # Draw both numbers always, so that the data do not shift with the due-day settings.
        plan_early, report_early = rng.randint(0, 4), rng.randint(0, 6)
        if plan_due < ctx.today:
            feedback.plan_submitted_on = _days(plan_due, -plan_early)
        # One village in the first town has not sent its report yet.
        late_report = plan.key == "rectification" and assignment == plan.assignments[3]
        if report_due < ctx.today and not late_report:
            feedback.report_submitted_on = _days(report_due, -report_early)
        feedbacks[assignment.pk] = feedback
    bulk_insert(Feedback, list(feedbacks.values()))
    return feedbacks


def _mode(rng, problem) -> str:
    if problem.fix_immediately:
        return RectificationMode.IMMEDIATE
    if rng.random() < LONG_TERM.get(problem.category, 0.05):
        return RectificationMode.LONG_TERM
    return RectificationMode.TIME_LIMITED


def _responsibility(ctx, rng, problem) -> dict:
    village = problem.assignment.village
    town = village.town.name
    town_secretary, town_deputy = ctx.town_leaders[town]
    officer = ctx.users["village_officer"]
    user = officer if officer.village_id == village.pk else ctx.officers.get(town)
    department, share = DEPARTMENTS.get(problem.category, ("", 0))
    if department and rng.random() < share:
        kind, unit, person, leader = (
            ResponsibleUnitKind.DEPARTMENT,
            department,
            ctx.names.person("mid"),
            town_secretary,
        )
    elif rng.random() < TOWN_PARTY.get(problem.category, 0):
        kind, unit, person, leader = (
            ResponsibleUnitKind.TOWN_PARTY,
            f"{town}党委",
            town_deputy,
            ctx.users["leadership"].full_name,
        )
    else:
        kind, unit, person, leader = (
            ResponsibleUnitKind.VILLAGE_PARTY,
            village_party_unit(village),
            ctx.officials[village.pk].secretary,
            town_secretary,
        )
    return {
        "responsible_unit_kind": kind,
        "responsible_unit": unit,
        "responsible_person": person,
        "responsible_user": user,
        "supervising_leader": leader,
    }


def _status(ctx, rng, plan, problem, mode, deadline, officer_cycle) -> str:
    if mode == RectificationMode.IMMEDIATE:
        return St.CLOSED
    if plan.key == "closed":
        if mode == RectificationMode.LONG_TERM and rng.random() < 0.3:
            return St.IN_PROGRESS
        return St.CLOSED
    if problem.assignment.village_id == ctx.users["village_officer"].village_id and officer_cycle:
        return officer_cycle.pop(0)
    if mode == RectificationMode.LONG_TERM:
        return rng.choice((St.IN_PROGRESS, St.IN_PROGRESS, St.PENDING))
    mix = MIX_PAST if deadline < ctx.today else MIX_AHEAD
    return rng.choices(list(mix), weights=list(mix.values()))[0]


def _milestones(ctx, rng, plan, fed_back_on, status) -> list[Milestone]:
    if plan.key == "closed":
        # Closed within the round's year, or still going on well after it.
        offsets = (30, 120, 240) if status == St.CLOSED else (30, 150, 400)
    else:
        offsets = (30, 120, 270)
    milestones = []
    for title, offset in zip(MILESTONE_TITLES, offsets, strict=True):
        due_on = _days(fed_back_on, offset)
        done = status == St.CLOSED or (status != St.PENDING and due_on < ctx.today)
        early = rng.randint(0, 12)
        completed_on = min(_days(due_on, -early), ctx.days(-1)) if done else None
        milestones.append(Milestone(title=title, due_on=due_on, completed_on=completed_on))
    return milestones


def _finished_on(ctx, rng, plan, mode, fed_back_on, deadline) -> datetime.date:
    """The day the unit asked for closing."""
    if mode == RectificationMode.IMMEDIATE:
        day = _days(fed_back_on, rng.randint(1, 3))
    elif plan.key == "closed":
        day = _days(deadline, rng.randint(-35, 8))  # a few closed late
    else:
        day = _days(fed_back_on, pick(rng, 15, (ctx.today - fed_back_on).days - 8))
    return min(max(day, _days(fed_back_on, 1)), ctx.days(-6))


def _lifecycle(ctx, rng, plan, item, fed_back_on):
    """Set the item's times; return its progress updates and verifications."""
    author = item.responsible_user
    updates, verifications = [], []
    status, mode = item.status, item.mode
    if status == St.PENDING:
        return updates, verifications
    if status == St.IN_PROGRESS:
        first = _days(fed_back_on, rng.randint(3, 12))
        for index, percent in enumerate((30, 60)[: rng.randint(1, 2)]):
            day = min(_days(first, index * 20), ctx.days(-1))
            text = PROGRESS_TEXTS[index]
            updates.append(
                ProgressUpdate(
                    text=text, percent=percent, author=author, created_at=working_time(rng, day)
                )
            )
        return updates, verifications
    asked_on = _finished_on(ctx, rng, plan, mode, fed_back_on, item.deadline)
    item.submitted_at = working_time(rng, asked_on)
    if mode == RectificationMode.IMMEDIATE:
        updates.append(
            ProgressUpdate(
                text=IMMEDIATE_EVIDENCE, percent=100, author=author, created_at=item.submitted_at
            )
        )
    else:
        middle = _days(fed_back_on, max(1, (asked_on - fed_back_on).days // 2))
        updates.append(
            ProgressUpdate(
                text=PROGRESS_TEXTS[1],
                percent=50,
                author=author,
                created_at=working_time(rng, middle),
            )
        )
        updates.append(
            ProgressUpdate(
                text=CLOSE_REQUEST, percent=100, author=author, created_at=item.submitted_at
            )
        )
    if status == St.SUBMITTED:
        return updates, verifications  # waiting for the office to verify
    wait = rng.randint(1, 3) if mode == RectificationMode.IMMEDIATE else rng.randint(1, 5)
    verified_at = working_time(rng, min(_days(asked_on, wait), ctx.days(-1)))
    verifier = ctx.users[rng.choice(("office", "office", "lead"))]
    if status == St.CLOSED:
        method = rng.choices(list(VerificationMethod), weights=(40, 35, 25))[0]
        verifications.append(
            Verification(
                method=method,
                result=VerificationResult.PASSED,
                satisfaction=rng.randint(82, 98)
                if method == VerificationMethod.PUBLIC_ASSESSMENT
                else None,
                note=VERIFICATION_NOTES[method],
                verifier=verifier,
                verified_at=verified_at,
            )
        )
        item.closed_at = verified_at + datetime.timedelta(hours=1)
    elif status == St.RETURNED:
        method = rng.choice((VerificationMethod.ON_SITE, VerificationMethod.PUBLIC_ASSESSMENT))
        verifications.append(
            Verification(
                method=method,
                result=VerificationResult.FAILED,
                satisfaction=rng.randint(52, 68)
                if method == VerificationMethod.PUBLIC_ASSESSMENT
                else None,
                note=FAILED_NOTE,
                verifier=verifier,
                verified_at=verified_at,
            )
        )
        item.return_reason = rng.choice(RETURN_REASONS)
    return updates, verifications


def create_ledger(ctx: DemoContext) -> None:
    items, children = [], []
    limit = settings.INSPECTION_TIME_LIMITED_DUE_DAYS
    for key in ("closed", "rectification"):
        plan = ctx.rounds[key]
        rng = ctx.rng(f"ledger:{key}")
        feedbacks = _feedbacks(ctx, rng, plan)
        officer_cycle = list(VILLAGE_OFFICER_STATUSES)
        for problem in ctx.problems[key]:
            feedback = feedbacks[problem.assignment_id]
            fed_back_on = feedback.fed_back_on
            mode = _mode(rng, problem)
            deadline = {
                RectificationMode.IMMEDIATE: _days(fed_back_on, IMMEDIATE_DAYS),
                RectificationMode.TIME_LIMITED: _days(fed_back_on, limit),
                RectificationMode.LONG_TERM: None,
            }[mode]
            status = _status(ctx, rng, plan, problem, mode, deadline or ctx.today, officer_cycle)
            milestones = []
            if mode == RectificationMode.LONG_TERM:
                milestones = _milestones(ctx, rng, plan, fed_back_on, status)
                deadline = milestones[-1].due_on
            item = RectificationItem(
                problem=problem,
                feedback=feedback,
                mode=mode,
                measures=MEASURES[problem.category],
                target=rng.choice(TARGETS),
                deadline=deadline,
                status=status,
                created_at=at(fed_back_on, 16, 0),
                **_responsibility(ctx, rng, problem),
            )
            updates, verifications = _lifecycle(ctx, rng, plan, item, fed_back_on)
            if milestones and status in (St.CLOSED, St.SUBMITTED):
                # Finished early: every stage was done by the day closing was asked for.
                asked_on = item.submitted_at.date()
                for milestone in milestones:
                    milestone.completed_on = _days(
                        min(milestone.due_on, asked_on), -rng.randint(0, 5)
                    )
            items.append(item)
            children.append((key, milestones, updates, verifications))
    bulk_insert(RectificationItem, items)
    milestones, updates, verifications, alerts = [], [], [], []
    for item, (key, item_milestones, item_updates, item_verifications) in zip(
        items, children, strict=True
    ):
        for child in (*item_milestones, *item_updates, *item_verifications):
            child.item = item
        milestones += item_milestones
        updates += item_updates
        verifications += item_verifications
        if key == "rectification" and item.mode != RectificationMode.IMMEDIATE:
            asked = (
                item.submitted_at.date()
                if item.submitted_at and item.status != St.RETURNED
                else None
            )
            alerts += alerts_for(
                ctx,
                item=item,
                due_on=item.deadline,
                since=item.feedback.fed_back_on,
                open_until=asked,
            )
    bulk_insert(Milestone, milestones)
    bulk_insert(ProgressUpdate, updates)
    bulk_insert(Verification, verifications)
    bulk_insert(Alert, alerts)
    ctx.items = items
