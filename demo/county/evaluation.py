"""The office's evaluation of rectification (四个一批) and the accountability it led to.

The closed round's ten villages were all evaluated, ranked by how many items each
finished late. In the in-rectification round (once in 整改: the demo's second round is
still in 反馈, a town awaiting its 书记专题会, and is not evaluated yet) the villages
whose time-limited items are past their deadline (with the default settings, also their
rectification report) have
been, by the state of their items:
nothing left open → 对账销号, four or more overdue → 提请问责, an item sent back and
at most two overdue → 列入回头看 (the quality is the problem), otherwise → 发函提醒.

问责 is 提请 → 决定 (issue 19): the office proposes (``accountability_propose``) a few
days after judging the batch; in the closed round the commission's supervisor account
decides it (诫勉, signed by that account), and talks to the secretary of the village put
on the look-back list (第一种形态 约谈). In the in-rectification round the first such
village's secretary was talked to by the commission (第一种形态 约谈, not 问责), the
next one's party branch proposed for 责令检查, not decided yet. Each is recorded through
its service on its day, so its history is dated so.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from demo.county.clock import travel
from demo.county.common import DemoContext, at
from rectification.choices import (
    AccountabilityForm,
    AccountabilityTarget,
    DecidingBody,
    EvaluationBatch,
    FirstFormKind,
    ItemStatus,
    RectificationMode,
)
from rectification.services.accountability import (
    accountability_decide,
    accountability_propose,
    first_form_record,
)
from rectification.services.follow_up import evaluation_record
from rounds.choices import RoundStatus

B = EvaluationBatch
NOTES = {
    B.CLOSE: "整改任务全部完成，经核验对账销号。",
    B.REMINDER: "部分整改任务进度滞后，发函提醒限期完成。",
    B.LOOK_BACK: "整改质量不高，存在退回事项，列入回头看名单。",
    B.ACCOUNTABILITY: "多项整改任务逾期未完成，整改责任落实不力，提请问责。",
}
OPEN = (ItemStatus.PENDING, ItemStatus.IN_PROGRESS, ItemStatus.RETURNED)


def _batch(items: list, today: datetime.date) -> str:
    if not any(item.status in OPEN for item in items):
        return B.CLOSE
    overdue = len([item for item in items if item.status in OPEN and item.deadline < today])
    if overdue >= 4:
        return B.ACCOUNTABILITY
    returned = any(item.status == ItemStatus.RETURNED for item in items)
    if returned and overdue <= 2:
        return B.LOOK_BACK
    return B.REMINDER


def _late(items: list, on: datetime.date) -> list:
    """Items not done by their deadline: still open past it, or closed after it."""
    return [
        item
        for item in items
        if (item.status in OPEN and item.deadline < on)
        or (item.closed_at and timezone.localtime(item.closed_at).date() > item.deadline)
    ]


def _reason(items: list, on: datetime.date) -> tuple[str, list]:
    late = _late(items, on)
    feedback = items[0].feedback
    report_late = (
        feedback.report_submitted_on is None
        or feedback.report_submitted_on > feedback.report_due_on
    )
    reason = f"落实巡察整改主体责任不力，{len(late)}项整改任务未按期完成"
    reason += "，整改报告未按时报送。" if report_late else "。"
    return reason, late or items


def _propose(ctx, assignment, items, proposed_on, *, organisation=False) -> int:
    """提请问责 of the village's secretary (or its party branch); the proposal's id."""
    facts, concerned = _reason(items, proposed_on)
    village = assignment.village.name
    target = (
        {"target_kind": AccountabilityTarget.ORGANISATION, "organisation_name": f"{village}党总支"}
        if organisation
        else {
            "target_kind": AccountabilityTarget.PERSON,
            "person_name": ctx.officials[assignment.village_id].secretary,
            "person_post": "村党组织书记",
        }
    )
    with travel(at(proposed_on, 16, 0)):
        proposal = accountability_propose(
            actor=ctx.users["office"],
            assignment_id=assignment.pk,
            item_ids=[concerned[0].pk],
            facts=facts,
            suggested_form=(
                AccountabilityForm.ORG_INSPECTION
                if organisation
                else AccountabilityForm.ADMONISHMENT
            ),
            deciding_body=DecidingBody.COMMISSION,
            proposed_on=proposed_on,
            **target,
        )
    return proposal.pk


def _decide(ctx, proposal_id, decided_on) -> None:
    with travel(at(decided_on, 10, 0)):
        accountability_decide(
            actor=ctx.users["supervisor"],
            proposal_id=proposal_id,
            decided_on=decided_on,
            form=AccountabilityForm.ADMONISHMENT,
            document_number=f"县纪诫〔{decided_on.year}〕{proposal_id}号",
        )


def _talk(ctx, assignment, items, conducted_on) -> None:
    reason, concerned = _reason(items, conducted_on)
    with travel(at(conducted_on, 15, 30)):
        first_form_record(
            actor=ctx.users["supervisor"],
            assignment_id=assignment.pk,
            item_id=concerned[0].pk,
            kind=FirstFormKind.TALK,
            person_name=ctx.officials[assignment.village_id].secretary,
            person_post="村党组织书记",
            reason=reason,
            conducted_on=conducted_on,
        )


def _evaluation(ctx, assignment, batch, evaluated_on) -> None:
    with travel(at(evaluated_on, 15, 0)):
        evaluation_record(
            actor=ctx.users["office"],
            assignment_id=assignment.pk,
            batch=batch,
            evaluated_on=evaluated_on,
            note=NOTES[batch],
        )


def create_evaluations(ctx: DemoContext) -> None:
    by_assignment: dict = {}
    for item in ctx.items:
        by_assignment.setdefault(item.problem.assignment_id, []).append(item)
    accountabilities = 0
    closed = ctx.rounds["closed"]
    # The closed round: the village with the most late items was called to account,
    # the next ones put on the look-back list and sent a reminder; the rest closed.
    worst_first = sorted(
        closed.assignments,
        key=lambda a: (-len(_late(by_assignment[a.pk], ctx.today)), a.village.code),
    )
    ranked = [B.ACCOUNTABILITY, B.LOOK_BACK, B.REMINDER]
    batch_of = {a.pk: ranked[i] if i < len(ranked) else B.CLOSE for i, a in enumerate(worst_first)}
    batches = [batch_of[a.pk] for a in closed.assignments]
    for assignment, batch in zip(closed.assignments, batches, strict=True):
        # Once the report was due and the village's last item closed.
        fed_back_on = closed.feedback_dates[assignment.pk]
        last_closed = max(
            timezone.localtime(item.closed_at).date() for item in by_assignment[assignment.pk]
        )
        evaluated_on = max(
            fed_back_on + datetime.timedelta(days=settings.INSPECTION_REPORT_DUE_DAYS + 10),
            last_closed + datetime.timedelta(days=3),
        )
        _evaluation(ctx, assignment, batch, evaluated_on)
        if batch == B.LOOK_BACK:  # the commission talked to its secretary (第一种形态)
            talked_on = min(evaluated_on + datetime.timedelta(days=3), ctx.days(-1))
            _talk(ctx, assignment, by_assignment[assignment.pk], talked_on)
        if batch == B.ACCOUNTABILITY:
            accountabilities += 1
            items = by_assignment[assignment.pk]
            proposal_id = _propose(
                ctx, assignment, items, evaluated_on + datetime.timedelta(days=5)
            )
            _decide(ctx, proposal_id, evaluated_on + datetime.timedelta(days=12))
    rectifying = ctx.rounds["rectification"]
    rectifying.round.refresh_from_db()
    if rectifying.round.status != RoundStatus.RECTIFICATION:
        return  # still in 反馈: its rectification is evaluated once the round is in 整改
    for assignment in rectifying.assignments:
        fed_back_on = rectifying.feedback_dates[assignment.pk]
        report_due = fed_back_on + datetime.timedelta(days=settings.INSPECTION_REPORT_DUE_DAYS)
        items = by_assignment.get(assignment.pk, [])
        due = [item.deadline for item in items if item.mode == RectificationMode.TIME_LIMITED]
        passed = [day for day in due if day < ctx.today]
        if not passed or len(passed) < len(due) / 2:
            continue  # its time-limited items are mostly not yet due
        batch = _batch(items, ctx.today)
        evaluated_on = min(max(report_due, max(passed)) + datetime.timedelta(days=5), ctx.days(-1))
        _evaluation(ctx, assignment, batch, evaluated_on)
        if batch == B.ACCOUNTABILITY:
            if accountabilities % 2:  # the closed round's was the first
                _talk(ctx, assignment, items, ctx.days(-1))
            else:
                _propose(ctx, assignment, items, ctx.days(-1), organisation=True)
            accountabilities += 1
