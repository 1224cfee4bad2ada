"""Problems, the rectification ledger and clues of a scale seed.

Every assignment of a fed-back round has its feedback; every problem there is fed back
and has its ledger item. Item statuses are drawn so that about ``overdue_share`` of the
ledger is overdue on the day of seeding (deadline passed, neither submitted nor closed).
"""

import datetime

from demo.county.checklist import ITEMS_BY_CATEGORY
from demo.county.texts import (
    FACTS,
    MEASURES,
    PROGRESS_TEXTS,
    RETURN_REASONS,
    TARGETS,
    fact_class,
    fact_nature,
)
from demo.scale.context import ScaleContext, person_name
from demo.scale.rounds import spread
from demo.scale.writer import TableWriter, next_id
from findings.catalogue import LEGACY_CLASSES
from findings.choices import ProblemSource, ProblemStatus, Severity
from findings.models import Problem
from inspection.choices import UserRole
from rectification.choices import ItemStatus, RectificationMode, ResponsibleUnitKind
from rectification.models import (
    Feedback,
    FeedbackBatch,
    FeedbackIssue,
    FeedbackIssueProblem,
    ProgressUpdate,
    RectificationItem,
)

DAY = datetime.timedelta(days=1)
CHUNK = 2_000  # assignments a batch
# Mode of a ledger item: (mode, share, days from feedback to the deadline).
MODES = (
    (RectificationMode.IMMEDIATE, 0.15, 7),
    (RectificationMode.TIME_LIMITED, 0.68, 60),
    (RectificationMode.LONG_TERM, 0.17, 180),
)
PROBLEM_FIELDS = (
    "id", "assignment_id", "problem_class_id", "nature", "supervision_item_id", "facts", "source",
    "amount",
    "severity", "is_common", "fix_immediately", "status", "recorded_by_id", "confirmed_by_id",
    "confirmed_at", "created_at", "sequence", "number", "submitted_by_id", "submitted_at",
    "reviewed_by_id", "reviewed_at",
)  # fmt: skip
ITEM_FIELDS = (
    "id", "problem_id", "feedback_id", "issue_id", "mode", "responsible_unit_kind",
    "responsible_unit",
    "responsible_person", "supervising_leader", "measures", "target", "deadline", "status",
    "submitted_at", "submitted_by_id", "closed_at", "return_reason", "created_at",
)  # fmt: skip
# Each fed-back problem is its own 反馈问题 (numbered as the papers), ledger per 具体表现.
ISSUE_FIELDS = ("id", "assignment_id", "number", "title", "text", "ledger_mode")
PLACEMENT_FIELDS = ("id", "problem_id", "issue_id", "left_out_reason")
FEEDBACK_FIELDS = (
    "id", "assignment_id", "fed_back_on", "letter", "plan_due_on", "report_due_on",
    "plan_submitted_on", "report_submitted_on", "given_by_id", "batch_id",
)  # fmt: skip


def _fact(rng, category: str, village: str) -> tuple[str, int, bool]:
    template, low, high, common = rng.choice(FACTS[category])
    amount = rng.randint(low, high) if high else 0
    text = template.format(
        y=2023, n=rng.randint(3, 12), m=rng.randint(1, 3), mu=rng.randint(5, 80),
        amt=f"{amount / 10_000:.2f}万元",
    )  # fmt: skip
    return f"{village}：{text}", amount, common


def _open_share(ctx: ScaleContext, fed_back: list) -> float:
    """P(open | deadline passed) that makes ``overdue_share`` of the items overdue."""
    weights = [spread(ctx.preset.problems, len(fed_back), i) for i in range(len(fed_back))]
    past = sum(
        weight * share
        for plan, weight in zip(fed_back, weights, strict=True)
        for _, share, days in MODES
        if plan.round.feedback_on + days * DAY < ctx.today
    )
    return min(0.95, ctx.preset.overdue_share * ctx.preset.problems / max(past, 1))


def _item_status(ctx, rng, deadline, fed_back_on, open_share):
    """(status, submitted_at, closed_at, return_reason) of one item."""
    draw = rng.random()
    span = max((min(deadline, ctx.today) - fed_back_on).days, 1)
    moment = ctx.moment(fed_back_on + rng.randint(1, span) * DAY, rng)
    if deadline < ctx.today:
        if draw < open_share:
            status = rng.choice((ItemStatus.PENDING, ItemStatus.IN_PROGRESS, ItemStatus.RETURNED))
        elif draw < open_share + 0.06:
            status = ItemStatus.SUBMITTED
        else:
            status = ItemStatus.CLOSED
            if rng.random() < 0.2:  # closed late
                late = min(ctx.today, deadline + rng.randint(1, 30) * DAY)
                moment = ctx.moment(late, rng)
    else:
        status = rng.choices(
            (ItemStatus.PENDING, ItemStatus.IN_PROGRESS, ItemStatus.SUBMITTED, ItemStatus.CLOSED),
            (30, 45, 10, 15),
        )[0]
    return (
        status,
        moment if status in (ItemStatus.SUBMITTED, ItemStatus.CLOSED) else None,
        moment if status == ItemStatus.CLOSED else None,
        rng.choice(RETURN_REASONS) if status == ItemStatus.RETURNED else "",
    )


class LedgerBatch:
    def __init__(self):
        self.feedback, self.problems, self.items, self.progress = [], [], [], []
        self.issues, self.placements = [], []


def _assignment_ledger(ctx, rng, plan, batch, ids, count, open_share, office_id, first_problem):
    categories = list(LEGACY_CLASSES)
    fed_back_on = plan.round.feedback_on
    feedback_pk = ids["feedback"] + len(batch.feedback) + ids["feedback_done"]
    batch.feedback.append(
        (feedback_pk, plan.id, fed_back_on, "巡察反馈意见（规模测试）", fed_back_on + 15 * DAY,
         fed_back_on + 60 * DAY, fed_back_on + 14 * DAY, None, office_id,
         ids["batches"][plan.round.id])
    )  # fmt: skip
    unit = f"{plan.village_name}党组织"
    for sequence in range(1, count + 1):
        problem_pk = ids["problem"]
        ids["problem"] += 1
        first_problem.setdefault(plan.id, problem_pk)
        category = rng.choice(categories)
        facts, amount, common = _fact(rng, category, plan.village_name)
        mode, _, days = rng.choices(MODES, [share for _, share, _ in MODES])[0]
        found = ctx.moment(plan.round.on_site_from + rng.randint(0, 20) * DAY, rng)
        code = rng.choice(ITEMS_BY_CATEGORY[category])
        class_code = fact_class(category, facts)
        batch.problems.append(
            (problem_pk, plan.id, ctx.problem_classes[class_code], fact_nature(class_code, amount),
             ctx.checklist.get(code), facts,
             rng.choice(list(ProblemSource)), amount, rng.choice(list(Severity)), common,
             mode == RectificationMode.IMMEDIATE, ProblemStatus.FED_BACK, plan.leader_id,
             plan.leader_id, found + DAY, found, sequence,
             f"巡察组-{plan.village_name}-{sequence:03d}", plan.leader_id, found + DAY / 4,
             plan.leader_id, found + DAY / 2)
        )  # fmt: skip
        deadline = fed_back_on + days * DAY
        status, submitted, closed, reason = _item_status(
            ctx, rng, deadline, fed_back_on, open_share
        )
        issue_pk = ids["issue"]
        ids["issue"] += 1
        batch.issues.append((issue_pk, plan.id, sequence, facts[:40], "", "per_problem"))
        batch.placements.append((ids["placement"], problem_pk, issue_pk, ""))
        ids["placement"] += 1
        item_pk = ids["item"]
        ids["item"] += 1
        created = ctx.moment(fed_back_on, rng)
        batch.items.append(
            (item_pk, problem_pk, feedback_pk, issue_pk, mode, ResponsibleUnitKind.VILLAGE_PARTY,
             unit,
             person_name(rng), person_name(rng), MEASURES[category], rng.choice(TARGETS),
             deadline, status, submitted, None, closed, reason, created)
        )  # fmt: skip
        if status != ItemStatus.PENDING:
            text, percent = rng.choice(PROGRESS_TEXTS), rng.choice((30, 50, 80, 100))
            row = (ids["progress"], item_pk, text, percent, office_id, created + DAY)
            batch.progress.append(row)
            ids["progress"] += 1


def _batches(fed_back, office_id) -> dict[int, int]:
    """One feedback batch per fed-back round, on its feedback date: round id → batch id."""
    rounds = {plan.round.id: plan.round.feedback_on for plan in fed_back}
    batches = FeedbackBatch.objects.bulk_create(
        FeedbackBatch(round_id=pk, fed_back_on=day, place="县委巡察办会议室", given_by_id=office_id)
        for pk, day in rounds.items()
    )
    return {batch.round_id: batch.pk for batch in batches}


def create_ledger(ctx: ScaleContext) -> dict[int, int]:
    """Feedback, problems, items and progress; answers each assignment's first problem."""
    rng = ctx.rng("ledger")
    fed_back = [plan for plan in ctx.assignments if plan.round.feedback_on]
    open_share = _open_share(ctx, fed_back)
    office_id = ctx.users[UserRole.OFFICE_STAFF][0]
    ids = {
        "feedback": next_id(Feedback), "feedback_done": 0, "problem": next_id(Problem),
        "item": next_id(RectificationItem), "progress": next_id(ProgressUpdate),
        "batches": _batches(fed_back, office_id),
        "issue": next_id(FeedbackIssue), "placement": next_id(FeedbackIssueProblem),
    }  # fmt: skip
    writers = {
        "feedback": TableWriter(Feedback, FEEDBACK_FIELDS),
        "problems": TableWriter(Problem, PROBLEM_FIELDS),
        "issues": TableWriter(FeedbackIssue, ISSUE_FIELDS),
        "placements": TableWriter(FeedbackIssueProblem, PLACEMENT_FIELDS),
        "items": TableWriter(RectificationItem, ITEM_FIELDS),
        "progress": TableWriter(
            ProgressUpdate, ("id", "item_id", "text", "percent", "author_id", "created_at")
        ),
    }
    first_problem: dict[int, int] = {}
    for start in range(0, len(fed_back), CHUNK):
        batch = LedgerBatch()
        for i in range(start, min(start + CHUNK, len(fed_back))):
            count = spread(ctx.preset.problems, len(fed_back), i)
            _assignment_ledger(
                ctx, rng, fed_back[i], batch, ids, count, open_share, office_id, first_problem
            )
        for name, writer in writers.items():
            writer.write(getattr(batch, name))
        ids["feedback_done"] += len(batch.feedback)
    ctx.counts.update({name: writer.count for name, writer in writers.items()})
    return first_problem
