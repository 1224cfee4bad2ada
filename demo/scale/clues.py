"""Clues of a scale seed: at every stage, most handed over, half of those concluded."""

import datetime

from demo.scale.context import ScaleContext, person_name
from demo.scale.writer import TableWriter, next_id
from findings.choices import (
    CLUE_RECEIVING_BODIES,
    Admonition,
    ClueOutcome,
    ClueStatus,
    DispositionMethod,
    PartySanction,
    SubjectPost,
)
from findings.models import Clue, ClueSubject
from inspection.choices import ReceivingBody, UserRole

DAY = datetime.timedelta(days=1)
STATUSES = (
    (ClueStatus.PROPOSED, 3),
    (ClueStatus.REVIEWED, 2),  # awaiting the leading group (a sign-off needs its signer)
    (ClueStatus.DECLINED, 5),
    (ClueStatus.TRANSFERRED, 15),
    (ClueStatus.RECEIVED, 10),
    (ClueStatus.DISPOSING, 15),
    (ClueStatus.CONCLUDED, 50),
)
HANDED_OVER = (
    ClueStatus.TRANSFERRED,
    ClueStatus.RECEIVED,
    ClueStatus.DISPOSING,
    ClueStatus.CONCLUDED,
)
FIELDS = (
    "id", "round_id", "assignment_id", "summary", "amount", "status", "proposed_by_id",
    "proposed_at", "approved_by_id", "approved_at", "decline_reason", "receiving_body",
    "receiving_unit", "letter_number", "transferred_on", "transferred_on_site", "result_due_on",
    "received_by_id", "received_at", "disposition_method", "disposed_on", "concluded_on",
    "outcome", "persons_case_filed", "persons_sanctioned", "persons_admonished",
    "persons_to_judiciary", "funds_recovered", "outcome_note",
)  # fmt: skip


def _clue(ctx, rng, pk, plan, status, lead_id, liaisons):
    on_site = plan.round.on_site_from
    proposed = ctx.moment(on_site + rng.randint(1, 18) * DAY, rng)
    approved = status not in (ClueStatus.PROPOSED,)
    handed = status in HANDED_OVER
    body = rng.choice(CLUE_RECEIVING_BODIES) if handed else ""  # a department takes matters
    transferred = proposed.date() + rng.randint(2, 40) * DAY if handed else None
    received = status in (ClueStatus.RECEIVED, ClueStatus.DISPOSING, ClueStatus.CONCLUDED)
    disposed = status in (ClueStatus.DISPOSING, ClueStatus.CONCLUDED)
    concluded = status == ClueStatus.CONCLUDED
    outcome = rng.choice(list(ClueOutcome)) if concluded else ""
    # One person concerned a clue (create_clues): filed and given a 警告 in a case,
    # admonished in an organisational outcome (``person_outcome``).
    filed = 1 if outcome == ClueOutcome.CASE_FILED else 0
    admonished = 1 if outcome == ClueOutcome.ORGANISATIONAL else 0
    # 予以了结 ends in 了结 and nothing else does.
    methods = [m for m in DispositionMethod if m != DispositionMethod.CLOSED]
    method = DispositionMethod.CLOSED if outcome == ClueOutcome.NO_ISSUE else rng.choice(methods)
    amount = rng.randint(5_000, 500_000)
    return (
        pk, plan.round.id, plan.id, f"{plan.village_name}村干部涉嫌违规问题线索", amount, status,
        plan.leader_id, proposed, lead_id if approved else None,
        proposed + DAY if approved else None,
        "经研究，问题已在整改中解决，不予移交。" if status == ClueStatus.DECLINED else "",
        body, "县纪委监委" if handed else "",
        f"巡移〔{transferred.year}〕{pk}号" if handed else "", transferred,
        handed and transferred <= plan.round.on_site_until,
        transferred + 90 * DAY if handed else None,
        liaisons.get(body) if received else None,
        ctx.moment(transferred + 3 * DAY, rng) if received else None,
        method if disposed else "",
        transferred + 10 * DAY if disposed else None,
        min(transferred + rng.randint(30, 120) * DAY, ctx.today) if concluded else None,
        outcome, filed, filed, admonished, 0,
        rng.randint(0, amount) if outcome == ClueOutcome.CASE_FILED else 0,
        "已办结。" if concluded else "",
    )  # fmt: skip


SUBJECT_FIELDS = (
    "id", "clue_id", "name", "post", "unit", "note", "case_filed", "party_sanction",
    "government_sanction", "sanction_unsplit", "organisational", "admonition", "to_judiciary",
)  # fmt: skip


def person_outcome(clue: tuple) -> tuple:
    """The one person's outcome, as the clue's counts say (``_clue``)."""
    filed = clue[FIELDS.index("persons_case_filed")]
    admonished = clue[FIELDS.index("persons_admonished")]
    return (
        bool(filed),
        PartySanction.WARNING if filed else "",
        "",
        False,
        "",
        Admonition.ADMONISHMENT if admonished else "",
        False,
    )


def create_clues(ctx: ScaleContext, first_problem: dict[int, int]) -> None:
    rng = ctx.rng("clues")
    fed_back = [plan for plan in ctx.assignments if plan.id in first_problem]
    lead_id = ctx.users[UserRole.OFFICE_LEAD][0]
    liaisons = {}
    for n, pk in enumerate(ctx.users[UserRole.COMMISSION_LIAISON]):
        liaisons.setdefault(list(ReceivingBody)[n % len(ReceivingBody)], pk)
    statuses = [status for status, weight in STATUSES for _ in range(weight)]
    start, subject_start = next_id(Clue), next_id(ClueSubject)
    link_start = next_id(Clue.problems.through)
    clues, subjects, links = [], [], []
    for n in range(ctx.preset.clues):
        plan = fed_back[rng.randrange(len(fed_back))]
        pk = start + n
        clue = _clue(ctx, rng, pk, plan, rng.choice(statuses), lead_id, liaisons)
        clues.append(clue)
        post = rng.choice(list(SubjectPost))
        name = person_name(rng)
        subjects.append(
            (subject_start + n, pk, name, post, plan.village_name, "", *person_outcome(clue))
        )
        links.append((link_start + n, pk, first_problem[plan.id]))
    TableWriter(Clue, FIELDS).write(clues)
    TableWriter(ClueSubject, SUBJECT_FIELDS).write(subjects)
    TableWriter(Clue.problems.through, ("id", "clue_id", "problem_id")).write(links)
    ctx.counts.update({"clues": len(clues)})
