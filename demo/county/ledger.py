"""Feedback and the rectification ledger of the closed and the second rounds, built
through the services on the days the ledger shows, by the people it names.

Each organisation's report is decided before its feedback (``feedback_gates``); the
office gives feedback batch by batch, town by town and day by day (``feedback_batch_give``
with its 反馈会: place, chair, the leading-group member present, attendance; one item per
confirmed problem, numbered by its 反馈问题) and moves the round into rectification once
every organisation was fed back (the second round's third town still awaits its
书记专题会: that round stays in 反馈); each unit's rectification officer
uploads its plan and report (``submissions``: its town, then the office, reviews them),
fills in each item's plan (measures, the cadre responsible,
sometimes a tighter deadline), posts progress with photos and a written account, and asks
to close it; the office classifies long-term items (three milestones, the last one the
deadline), grants some extensions, and verifies (核验销号) or returns what was asked.
Deadlines are varied that way. The closed round's items are all closed before the office
lead archives the round; the second round's are in every status, and the open
time-limited ones of its first two towns are overdue today. The alert scans run between
the actions (``timeline``).
"""

import datetime

from django.conf import settings

from demo.county import evidence
from demo.county.common import DemoContext, at, working_time
from demo.county.feedback_gates import hear_reports
from demo.county.ledger_plan import ItemPlan, plan_items, unit_officer
from demo.county.places import village_party_unit
from demo.county.submissions import hand_in
from demo.county.texts import (
    CLOSE_REQUEST,
    FAILED_NOTE,
    IMMEDIATE_AFTER_FEEDBACK,
    PROGRESS_TEXTS,
    RETURN_REASONS,
    VERIFICATION_NOTES,
)
from demo.county.timeline import Timeline
from demo.county.town_review import passes_while_waiting, review_moment, town_pass_step
from findings.choices import ReportStage
from findings.models import Clue
from rectification.alerts.digests import chinese_date
from rectification.alerts.subjects import CLUE_STATUSES_OWING
from rectification.choices import (
    FeedbackDocument,
    ItemStatus,
    RectificationMode,
    VerificationMethod,
    VerificationResult,
)
from rectification.models import Feedback, Milestone, RectificationItem
from rectification.services.feedback import (
    feedback_batch_give,
    round_start_rectification,
)
from rectification.services.feedback_issues import feedback_issues_propose
from rectification.services.items import item_post_progress, item_submit, item_update_plan
from rectification.services.verification import item_return, item_verify

St = ItemStatus
MINUTES = datetime.timedelta(minutes=1)


def _days(day: datetime.date, offset: int) -> datetime.date:
    return day + datetime.timedelta(days=offset)


class Ledger:
    """The ids the services hand back, filled in as the timeline runs."""

    def __init__(self):
        self.items: dict[int, RectificationItem] = {}  # problem id -> item
        self.feedbacks: dict[int, Feedback] = {}  # assignment id -> feedback

    def load(self, round_id: int) -> None:
        items = RectificationItem.objects.filter(problem__assignment__round_id=round_id)
        self.items.update({item.problem_id: item for item in items.select_related("feedback")})
        for item in self.items.values():
            if item.feedback is not None:  # an on-site order's, before its batch
                self.feedbacks[item.feedback.assignment_id] = item.feedback
        for feedback in Feedback.objects.filter(assignment__round_id=round_id):
            self.feedbacks.setdefault(feedback.assignment_id, feedback)


def _fed_back(plan) -> list:
    """The round's organisations fed back (the others await their 书记专题会)."""
    return [a for a in plan.assignments if a.pk in plan.feedback_dates]


def _letters(ctx, plan) -> dict:
    letters = {}
    for assignment in _fed_back(plan):
        fed_back_on = plan.feedback_dates[assignment.pk]
        plan_due = _days(fed_back_on, settings.INSPECTION_PLAN_DUE_DAYS)
        report_due = _days(fed_back_on, settings.INSPECTION_REPORT_DUE_DAYS)
        count = sum(1 for p in ctx.problems[plan.key] if p.assignment_id == assignment.pk)
        team = next(team for team in plan.teams if team.pk == assignment.team_id)
        letters[assignment.pk] = (
            f"{team.name}向{village_party_unit(assignment.village)}反馈巡察意见，"
            f"指出问题{count}个。请于{chinese_date(plan_due)}前报送整改方案，"
            f"{chinese_date(report_due)}前报送整改落实情况报告。"
        )
    return letters


def feedback_batches(plan) -> dict[tuple, list]:
    """The round's 集中反馈 batches, town by town: (day, town id) -> its organisations."""
    batches: dict[tuple, list] = {}
    for assignment in _fed_back(plan):
        key = (plan.feedback_dates[assignment.pk], assignment.village.town_id)
        batches.setdefault(key, []).append(assignment)
    return dict(sorted(batches.items()))


def _meeting(ctx, plan, assignments) -> dict:
    """The 反馈会: in the town's government, chaired by the team's leader, a member of
    the leading group present, the town's and the villages' 班子 attending."""
    town = assignments[0].village.town.name
    leadership = ctx.users["leadership"]
    return {
        "place": f"{town}人民政府三楼会议室",
        "chair": "、".join(sorted({str(plan.leaders[a.team_id]) for a in assignments})),
        "members_present": f"{leadership}（县委巡察工作领导小组副组长）",
        "attendance": f"{town}党委班子成员，被反馈村党组织书记及“两委”班子成员",
    }


def _give_batches(ctx, timeline, ledger, plan) -> None:
    """Each batch's reports heard before its day, its 反馈问题 proposed and its feedback
    given at the 反馈会 that morning."""
    office = ctx.users["office"]
    round_id = plan.round.pk
    letters = _letters(ctx, plan)
    for (fed_back_on, _town), assignments in feedback_batches(plan).items():
        hear_reports(ctx, plan, assignments, fed_back_on)
        ids = [assignment.pk for assignment in assignments]
        meeting = _meeting(ctx, plan, assignments)

        def give(ids=ids, fed_back_on=fed_back_on, meeting=meeting):
            # The office groups each village's papers into 反馈问题, one per 方面 (ledger
            # per 具体表现), as the 反馈意见 numbers them.
            for assignment_id in ids:
                feedback_issues_propose(actor=office, assignment_id=assignment_id)
            feedback_batch_give(
                actor=office,
                round_id=round_id,
                assignment_ids=ids,
                fed_back_on=fed_back_on,
                letters={pk: letters[pk] for pk in ids},
                **meeting,
            )
            ledger.load(round_id)

        soonest = _days(fed_back_on, settings.INSPECTION_IMMEDIATE_DUE_DAYS)
        timeline.add(at(fed_back_on, 9, 0), give, opens=soonest)
    awaiting = [a for a in plan.assignments if a.pk not in plan.feedback_dates]
    if awaiting:
        # Heard by the leading group a few days ago; the 书记专题会 is still to come, and
        # rectification starts once every organisation was fed back.
        hear_reports(ctx, plan, awaiting, _days(ctx.today, 1), up_to=ReportStage.LEADING_GROUP)
        return
    last = max(plan.feedback_dates.values())
    timeline.add(
        at(_days(last, 1), 8, 30),
        lambda: round_start_rectification(actor=office, round_id=round_id),
    )


def _feedback_steps(ctx, rng, timeline, ledger, plan) -> None:
    _give_batches(ctx, timeline, ledger, plan)
    sent = {}  # due day -> the days each document was sent, or None
    reviewed_town = ctx.users["town_reviewer"].town_id
    waiting = []  # the reviewer town's villages whose report waits (demo.county.submissions)
    for index, assignment in enumerate(_fed_back(plan)):
        fed_back_on = plan.feedback_dates[assignment.pk]
        plan_due = _days(fed_back_on, settings.INSPECTION_PLAN_DUE_DAYS)
        report_due = _days(fed_back_on, settings.INSPECTION_REPORT_DUE_DAYS)
        officer = unit_officer(ctx, assignment.village)
        plan_early, report_early = rng.randint(0, 4), rng.randint(0, 6)
        sent.setdefault(plan_due, []).append(
            _days(plan_due, -plan_early) if plan_due < ctx.today else None
        )

        def feedback(assignment_id=assignment.pk):  # given on the timeline, before these
            return ledger.feedbacks[assignment_id]

        if plan_due < ctx.today:
            hand_in(
                ctx,
                timeline,
                working_time(rng, _days(plan_due, -plan_early)),
                officer=officer,
                feedback=feedback,
                kind=FeedbackDocument.PLAN,
                returned_first=plan.key == "rectification" and index == 1,
            )
        # One village in the first town has not sent its report yet.
        late_report = plan.key == "rectification" and index == 3
        reported = report_due < ctx.today and not late_report
        sent.setdefault(report_due, []).append(
            _days(report_due, -report_early) if reported else None
        )
        waits_for = ""
        if reported and plan.key == "rectification" and assignment.town_id == reviewed_town:
            waits_for = ("town", "office", "")[min(len(waiting), 2)]
            waiting.append(assignment.pk)
        if reported:
            hand_in(
                ctx,
                timeline,
                working_time(rng, _days(report_due, -report_early)),
                officer=officer,
                feedback=feedback,
                kind=FeedbackDocument.REPORT,
                waits_for=waits_for,
            )
    for due, days in sent.items():  # watched until the last unit sent it
        timeline.due(due, until=None if None in days else max(days))


def _item_steps(ctx, rng, timeline, ledger, item: ItemPlan) -> None:
    """Every action of one item, from its plan to its verification."""
    office, officer = ctx.users["office"], item.officer
    pid = item.problem.pk

    def item_id():
        return ledger.items[pid].pk

    def plan_step():
        item_update_plan(actor=officer, item_id=item_id(), **item.unit_plan)

    timeline.add(item.planned_at, plan_step, opens=item.unit_plan.get("deadline"))
    if item.office_plan:

        def review():
            item_update_plan(actor=office, item_id=item_id(), **item.office_plan)

        timeline.add(item.reviewed_at, review, opens=item.deadline)
    for moment, text, percent, files in item.progress:

        def post(text=text, percent=percent, files=files):
            item_post_progress(
                actor=officer, item_id=item_id(), text=text, percent=percent, evidence=files()
            )

        timeline.add(moment, post)
    if item.submitted_at:
        timeline.add(item.submitted_at, lambda: item_submit(actor=officer, item_id=item_id()))
        verdict_at = item.verification[1] if item.verification else None
        if item.verification or (not item.returned and passes_while_waiting(item.key)):
            moment = review_moment(item.submitted_at, verdict_at)
            if moment.date() < timeline.today:
                timeline.add(moment, town_pass_step(ctx, item_id))
    if item.verification:
        verifier, moment, method, result, satisfaction, note = item.verification
        key = item.key

        def verify():
            item_verify(
                actor=verifier,
                item_id=item_id(),
                method=method,
                result=result,
                satisfaction=satisfaction,
                note=note,
                evidence=evidence.verification_evidence(key, method),
            )

        failed = result == VerificationResult.FAILED
        timeline.add(moment, verify, opens=item.deadline if failed else None)
    if item.returned:
        moment, reason = item.returned
        timeline.add(
            moment,
            lambda: item_return(actor=office, item_id=item_id(), reason=reason),
            opens=item.deadline,
        )


def _progress(ctx, rng, item: ItemPlan, fed_back_on) -> None:
    """The progress updates, submission and verification of ``item`` by its status."""
    key = item.key
    status, mode = item.status, item.mode
    after_plan = (item.reviewed_at or item.planned_at) + 30 * MINUTES
    if status == St.PENDING:
        return
    if status == St.IN_PROGRESS:
        first = _days(fed_back_on, rng.randint(10, 16))
        for index, percent in enumerate((30, 60)[: rng.randint(1, 2)]):
            day = min(_days(first, index * 20), ctx.days(-1))
            moment = max(working_time(rng, day), after_plan)
            item.progress.append((moment, PROGRESS_TEXTS[index], percent, lambda: ()))
        return
    asked_on = item.asked_on
    asked_at = max(working_time(rng, asked_on), after_plan + 30 * MINUTES)
    if mode == RectificationMode.IMMEDIATE:
        files = lambda: evidence.progress_evidence(key, photos=2)  # noqa: E731 (before and after)
        item.progress.append((asked_at - 20 * MINUTES, IMMEDIATE_AFTER_FEEDBACK, 100, files))
    elif item.round_key == "closed":  # the earlier round's trail: the closing request only
        files = lambda: evidence.progress_evidence(key)  # noqa: E731
        item.progress.append((asked_at - 20 * MINUTES, CLOSE_REQUEST, 100, files))
    else:
        middle = _days(fed_back_on, max(10, (asked_on - fed_back_on).days // 2))
        middle_at = min(max(working_time(rng, middle), after_plan), asked_at - 60 * MINUTES)
        item.progress.append((middle_at, PROGRESS_TEXTS[1], 50, lambda: ()))
        files = lambda: evidence.progress_evidence(key)  # noqa: E731
        item.progress.append((asked_at - 20 * MINUTES, CLOSE_REQUEST, 100, files))
    item.submitted_at = asked_at
    if status == St.SUBMITTED:
        return  # waiting for the office to verify
    wait = rng.randint(1, 3) if mode == RectificationMode.IMMEDIATE else rng.randint(1, 5)
    verified_on = min(_days(asked_on, wait), ctx.days(-1))
    verified_at = max(working_time(rng, verified_on), asked_at + 60 * MINUTES)
    verifier = ctx.users[rng.choice(("office", "office", "lead"))]
    if status == St.CLOSED:
        method = rng.choices(list(VerificationMethod), weights=(40, 35, 25))[0]
        satisfaction = rng.randint(82, 98) if method == "public_assessment" else None
        note = VERIFICATION_NOTES[method]
        item.verification = (
            verifier,
            verified_at,
            method,
            VerificationResult.PASSED,
            satisfaction,
            note,
        )
    elif rng.random() < 0.5:  # returned after a failed verification
        method = rng.choice((VerificationMethod.ON_SITE, VerificationMethod.PUBLIC_ASSESSMENT))
        satisfaction = rng.randint(52, 68) if method == "public_assessment" else None
        note = f"{FAILED_NOTE}{rng.choice(RETURN_REASONS)}"
        item.verification = (
            verifier,
            verified_at,
            method,
            VerificationResult.FAILED,
            satisfaction,
            note,
        )
    else:  # sent back without a verification
        item.returned = (verified_at, rng.choice(RETURN_REASONS))


def _watch(timeline, item: ItemPlan) -> None:
    """The item's deadlines, watched while it is open: the default one until the plan or
    the office moved it, the final one until the unit asked to close it for good."""
    failed = item.verification and item.verification[3] == VerificationResult.FAILED
    closes = None
    if item.submitted_at and not item.returned and not failed:
        closes = item.submitted_at.date()
    moved = None
    if item.office_plan:
        moved = item.reviewed_at.date()
    elif "deadline" in item.unit_plan:
        moved = item.planned_at.date()
    default_until = min((day for day in (moved, closes) if day), default=None)
    timeline.due(item.default_deadline, until=default_until)
    timeline.due(item.deadline, until=closes)


def _complete_milestones(ctx, rng, ledger, items: list[ItemPlan]) -> None:
    """Completion dates of long-term stages: no service records them (the admin does), and
    a milestone keeps no history; written once the ledger stands."""
    done = []
    for plan in items:
        if plan.mode != RectificationMode.LONG_TERM:
            continue
        item = ledger.items[plan.problem.pk]
        finished_on = plan.asked_on if plan.submitted_at else None
        for milestone in Milestone.objects.filter(item=item).order_by("due_on"):
            if finished_on is not None:
                milestone.completed_on = _days(
                    min(milestone.due_on, finished_on), -rng.randint(0, 5)
                )
            elif plan.status != St.PENDING and milestone.due_on < ctx.today:
                milestone.completed_on = min(
                    _days(milestone.due_on, -rng.randint(0, 12)), ctx.days(-1)
                )
            else:
                continue
            done.append(milestone)
    Milestone.objects.bulk_update(done, ["completed_on"])


def create_ledger(ctx: DemoContext) -> None:
    timeline = Timeline(today=ctx.today)
    ledger = Ledger()
    plans: list[ItemPlan] = []
    first_feedback = None
    for key in ("closed", "rectification"):
        plan = ctx.rounds[key]
        rng = ctx.rng(f"ledger:{key}")
        fed_back_on = plan.round.feedback_on
        first_feedback = first_feedback or fed_back_on
        _feedback_steps(ctx, rng, timeline, ledger, plan)
        round_items = plan_items(ctx, rng, plan)
        for item in round_items:
            # drawn for every item: the same draws
            _progress(ctx, rng, item, plan.feedback_dates[item.problem.assignment_id])
            if item.problem.pk in ctx.ordered_problems:
                continue  # fixed and verified on site (demo.county.orders)
            _item_steps(ctx, rng, timeline, ledger, item)
            _watch(timeline, item)
        if key == "closed":
            # Filed (归档) once its volumes are complete: demo.county.archive.
            last = max(item.verification[1] for item in round_items)
            plan.closes_on = min(_days(last.date(), 10), ctx.days(-1))
        plans += round_items
    # A concluded clue owes nothing: no scan raises its alerts any more.
    owing = Clue.objects.filter(status__in=CLUE_STATUSES_OWING, result_due_on__isnull=False)
    timeline.due(*owing.values_list("result_due_on", flat=True))
    timeline.run(scans_from=_days(first_feedback, 1))
    _complete_milestones(ctx, ctx.rng("ledger:milestones"), ledger, plans)
    ids = [ledger.items[item.problem.pk].pk for item in plans]
    by_id = RectificationItem.objects.select_related("feedback", "problem__assignment").in_bulk(ids)
    ctx.items = [by_id[pk] for pk in ids]
