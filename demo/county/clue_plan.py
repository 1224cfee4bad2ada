"""The plan of the demo's clues: which villages they come from, what they are about,
who takes each step and when (``ClueDraft``); ``clues`` takes the steps.

A clue is about one matter: its source problems share a category (first one of those a
clue suspects something of: ``clue_texts.SUSPICIONS``, the ones involving money), or it
comes from a petition whose matter has one; its summary says what is suspected of that
category and quotes a source problem's facts.
Letter numbers run per year in order of transfer ("新巡移〔2026〕7号").
"""

import dataclasses
import datetime
from decimal import Decimal

from django.conf import settings

from demo.county.clue_texts import (
    OTHER_SUSPICION,
    SUMMARY_POSTS,
    SUSPICIONS,
    TOWN_UNITS,
)
from demo.county.common import (
    DemoContext,
    at,
    day_between,
    last_day,
    money,
    working_time,
    yuan,
)
from demo.county.onsite_texts import PETITIONS_TO_CLUE
from findings.choices import (
    Admonition,
    ClueOutcome,
    ClueStatus,
    DispositionMethod,
    GovernmentSanction,
    PartySanction,
    SubjectPost,
)
from findings.models import Clue
from inspection.choices import ReceivingBody
from rounds.choices import PetitionDisposition

S = ClueStatus
PLANS = {
    "closed": [S.CONCLUDED] * 9 + [S.DISPOSING] * 2,
    "rectification": [S.TRANSFERRED] * 3 + [S.RECEIVED] * 3 + [S.DISPOSING] * 4 + [S.CONCLUDED] * 4,
    "on_site": [S.PROPOSED] * 2 + [S.REVIEWED, S.APPROVED, S.DECLINED, S.TRANSFERRED, S.RECEIVED],
}
OUTCOMES = {
    "closed": [ClueOutcome.CASE_FILED] * 3
    + [ClueOutcome.ORGANISATIONAL] * 3
    + [ClueOutcome.NO_ISSUE] * 3,
    "rectification": [
        ClueOutcome.CASE_FILED,
        ClueOutcome.ORGANISATIONAL,
        ClueOutcome.ORGANISATIONAL,
        ClueOutcome.NO_ISSUE,
    ],
}
STILL_DISPOSING = {
    "closed": [DispositionMethod.SHELVED, DispositionMethod.PRELIMINARY_CHECK],
    "rectification": [
        DispositionMethod.TALK_OR_INQUIRY,
        DispositionMethod.PRELIMINARY_CHECK,
        DispositionMethod.PRELIMINARY_CHECK,
        DispositionMethod.SHELVED,
    ],
}
OUTCOME_METHOD = {
    ClueOutcome.CASE_FILED: DispositionMethod.PRELIMINARY_CHECK,
    ClueOutcome.ORGANISATIONAL: DispositionMethod.TALK_OR_INQUIRY,
    ClueOutcome.NO_ISSUE: DispositionMethod.CLOSED,
}
SUBJECT_POSTS = (
    (SubjectPost.SECRETARY, 35),
    (SubjectPost.DIRECTOR, 15),
    (SubjectPost.ACCOUNTANT, 20),
    (SubjectPost.COMMITTEE_MEMBER, 12),
    (SubjectPost.SUPERVISION_HEAD, 5),
    (SubjectPost.TOWN_CADRE, 13),
)
PETITION_POSTS = {category: post for _, category, post in PETITIONS_TO_CLUE}
STEP = datetime.timedelta(minutes=30)
SIGN_OFF_AFTER = datetime.timedelta(minutes=15)  # less than STEP: before the transfer


@dataclasses.dataclass
class ClueDraft:
    """One clue as planned: who does what when; ``clue`` once it exists."""

    plan: object
    assignment: object
    status: str
    category: str
    summary: str
    amount: Decimal
    subjects: list
    sources: list
    petition: object
    proposed_at: datetime.datetime
    receiving_body: str = ""
    approved_at: datetime.datetime | None = None
    signed_off_at: datetime.datetime | None = None
    transferred_on: datetime.date | None = None
    transfer_at: datetime.datetime | None = None
    receiving_unit: str = ""
    receiver: object = None
    received_at: datetime.datetime | None = None
    method: str = ""
    disposed_on: datetime.date | None = None
    dispose_at: datetime.datetime | None = None
    result: dict = dataclasses.field(default_factory=dict)
    conclude_at: datetime.datetime | None = None
    clue: Clue | None = None

    @property
    def on_site(self) -> bool:
        """Transferred while the team is still on site (巡中快速移交)."""
        return bool(self.transferred_on and self.transferred_on <= self.plan.round.on_site_until)


def _subject(ctx, rng, assignment, post) -> dict:
    village = assignment.village
    officials = ctx.officials[village.pk]
    if post == SubjectPost.TOWN_CADRE:
        return {
            "name": ctx.names.person("mid"),
            "post": post,
            "unit": f"{village.town.name}{rng.choice(TOWN_UNITS)}",
        }
    name = {
        SubjectPost.SECRETARY: officials.secretary,
        SubjectPost.DIRECTOR: officials.director,
        SubjectPost.ACCOUNTANT: officials.accountant,
        SubjectPost.COMMITTEE_MEMBER: officials.committee_member,
        SubjectPost.SUPERVISION_HEAD: officials.supervision_head,
    }[post]
    return {"name": name, "post": post, "unit": village.name}


def _subjects(ctx, rng, assignment, first=None) -> list[dict]:
    posts, weights = zip(*SUBJECT_POSTS, strict=True)
    first = first or rng.choices(posts, weights=weights)[0]
    subjects = [_subject(ctx, rng, assignment, first)]
    if first != SubjectPost.ACCOUNTANT and rng.random() < 0.3:
        subjects.append(_subject(ctx, rng, assignment, SubjectPost.ACCOUNTANT))
    return subjects


def _confirmed(ctx, plan, assignment) -> list:
    return [
        problem
        for problem in ctx.problems[plan.key]
        if problem.assignment_id == assignment.pk and problem.confirmed_at
    ]


def _assignments_for(ctx, rng, plan, count: int, petitions: list) -> list:
    """The villages clues come from: those with a clue-bound petition first, then villages
    with confirmed problems to draw on.

    With more clues than villages (the closed round: 11 clues, 10 villages) a village
    can have two.
    """
    from_petitions = list(dict.fromkeys(petition.assignment for petition in petitions))
    with_problems = [a for a in plan.assignments if _confirmed(ctx, plan, a)]
    others = [a for a in with_problems if a not in from_petitions]
    needed = count - len(from_petitions)
    chosen = rng.sample(others, min(needed, len(others)))
    chosen += rng.sample(with_problems, needed - len(chosen))
    return from_petitions + chosen


def _later(ctx, moment: datetime.datetime, days: int) -> datetime.datetime:
    """``moment`` plus ``days`` (never reaching today: records end yesterday)."""
    later = moment + datetime.timedelta(days=days)
    if later.date() < ctx.today:
        return later
    return max(at(ctx.days(-1), 17, 30), moment + STEP)


def _earlier_of(ctx, day: datetime.date) -> datetime.date:
    return min(day, ctx.days(-1))


def _on(rng, day: datetime.date, after: datetime.datetime) -> datetime.datetime:
    """An office-hours moment of ``day``, but after ``after`` (the step before)."""
    return max(working_time(rng, day), after + STEP)


def _transfer(ctx, rng, plan, draft: ClueDraft) -> None:
    approved_on = draft.approved_at.date()
    if plan.key == "on_site" or (rng.random() < 0.3 and approved_on < plan.round.on_site_until):
        # 巡中快速移交: handed over while the team is still on site.
        transferred_on = _earlier_of(ctx, approved_on + datetime.timedelta(days=1))
    else:
        transferred_on = _earlier_of(
            ctx, plan.round.on_site_until + datetime.timedelta(days=rng.randint(5, 40))
        )
        transferred_on = max(transferred_on, approved_on)
    draft.receiving_unit = {
        ReceivingBody.COMMISSION: f"县纪委监委第{rng.choice('一二三四')}纪检监察室",
        ReceivingBody.ORGANISATION: "县委组织部",
    }[draft.receiving_body]
    draft.transferred_on = transferred_on
    draft.transfer_at = _on(rng, transferred_on, draft.approved_at)


def _receive(ctx, rng, draft: ClueDraft) -> None:
    draft.receiver = (
        ctx.users["liaison"]
        if draft.receiving_body == ReceivingBody.COMMISSION
        else ctx.org_liaison
    )
    received = working_time(rng, draft.transferred_on + datetime.timedelta(days=rng.randint(1, 3)))
    if received.date() >= ctx.today:
        received = at(ctx.days(-1), 16, 0)
    draft.received_at = max(received, draft.transfer_at + STEP)


def _party_sanction(amount: Decimal) -> str:
    """The weight of the 党纪处分 follows the money involved."""
    if amount >= 200_000:
        return PartySanction.EXPULSION
    if amount >= 100_000:
        return PartySanction.REMOVAL_FROM_POST
    return PartySanction.SERIOUS_WARNING if amount >= 50_000 else PartySanction.WARNING


def _persons(outcome, amount: Decimal, persons: int) -> list[dict]:
    """Each person's outcome, in the persons' order (the clue's subjects by id): a case
    files every person, gives the first a 党纪处分 by the money involved (and, from
    200,000 yuan, a 政务处分 开除 and the judiciary), the others a 警告; an organisational
    outcome is a 诫勉 each; 了结 leaves everyone as they were."""
    if outcome == ClueOutcome.CASE_FILED:
        first = {"case_filed": True, "party_sanction": _party_sanction(amount)}
        if amount >= 200_000:
            first |= {"government_sanction": GovernmentSanction.EXPULSION, "to_judiciary": True}
        rest = {"case_filed": True, "party_sanction": PartySanction.WARNING}
        return [first, *([rest] * (persons - 1))]
    if outcome == ClueOutcome.ORGANISATIONAL:
        return [{"admonition": Admonition.ADMONISHMENT}] * persons
    return [{}] * persons


def _conclude(ctx, rng, draft: ClueDraft, outcome) -> None:
    concluded_on = _earlier_of(
        ctx, draft.disposed_on + datetime.timedelta(days=rng.randint(20, 100))
    )
    draft.conclude_at = _on(rng, concluded_on, draft.dispose_at)
    subjects = draft.subjects
    name = "、".join(subject["name"] for subject in subjects)
    recovered = (draft.amount * rng.choice((60, 80, 100)) / 100).quantize(Decimal("0.01"))
    result = {
        "outcome": outcome,
        "concluded_on": draft.conclude_at.date(),
        # In the subjects' order; clues.py names each by its id once the clue exists.
        "persons": _persons(outcome, draft.amount, len(subjects)),
        "funds_recovered": Decimal("0.00"),
    }
    if outcome == ClueOutcome.CASE_FILED:
        result["funds_recovered"] = recovered
    elif outcome == ClueOutcome.ORGANISATIONAL:
        result["funds_recovered"] = recovered if rng.random() < 0.6 else Decimal("0.00")
    result["outcome_note"] = _outcome_note(result, name)
    draft.result = result


def _outcome_note(result: dict, name: str) -> str:
    funds = result["funds_recovered"]
    recovered = f"，追缴违纪资金{yuan(funds)}" if funds else ""
    if result["outcome"] == ClueOutcome.CASE_FILED:
        judiciary = (
            "其中1人涉嫌犯罪，已移送司法机关。"
            if any(person.get("to_judiciary") for person in result["persons"])
            else ""
        )
        return f"经初步核实后立案审查，给予{name}党纪处分{recovered}。{judiciary}"
    if result["outcome"] == ClueOutcome.ORGANISATIONAL:
        return f"经谈话函询，问题部分属实，对{name}进行诫勉谈话{recovered}。"
    return "经核查，反映问题不属实，予以了结，并向被反映人反馈澄清。"


def _matter(rng, problems: list) -> tuple[str, list]:
    """The category a clue is about and its source problems, all of that category."""
    # Money involved makes a clue: problems with an amount first.
    with_amount = [problem for problem in problems if problem.amount] or problems
    by_category: dict[str, list] = {}
    for problem in with_amount:
        by_category.setdefault(problem.category, []).append(problem)
    likely = sorted(category for category in by_category if category in SUSPICIONS)
    category = rng.choice(likely or sorted(by_category))
    found = by_category[category]
    return category, rng.sample(found, min(len(found), rng.randint(1, 2)))


def summary_of(category: str, subject: dict, amount: Decimal, facts: str = "") -> str:
    """A clue's summary: who, what is suspected (by the matter's category), how much, and
    the source problem's facts (or the petition it came from)."""
    post = SUMMARY_POSTS[subject["post"]]
    if subject["post"] == SubjectPost.DIRECTOR and subject["unit"].endswith("社区"):
        post = "居委会主任"
    suspicion = SUSPICIONS.get(category, OTHER_SUSPICION)
    source = f"巡察发现：{facts}" if facts else "（来源：群众信访举报）"
    who = f"{subject['unit']}{post}{subject['name']}"
    involved = f"，涉及金额约{yuan(amount)}" if amount else ""
    return f"反映{who}{suspicion}{involved}。{source}"


def _draft(ctx, rng, plan, assignment, status, *, body, petition, outcome=None, method=None):
    if petition is not None:
        category = ctx.petition_plans[petition.pk].category
        sources = []
        first = PETITION_POSTS[category]
    else:
        category, sources = _matter(rng, _confirmed(ctx, plan, assignment))
        first = None
    amount = sum((problem.amount for problem in sources), start=Decimal("0.00"))
    if petition is not None:
        amount = money(rng, 20_000, 260_000)  # what the petition's matter is said to involve
    subjects = _subjects(ctx, rng, assignment, first)
    facts = sources[0].facts if sources else ""
    proposed_at = working_time(
        rng, day_between(rng, assignment.on_site_from, last_day(ctx, assignment))
    )
    # Proposed once its source problems were confirmed and its petition had come in.
    done = [p.confirmed_at for p in sources]
    if petition is not None:
        done.append(ctx.petition_plans[petition.pk].disposed_at - STEP)
    proposed_at = max([proposed_at, *(moment + STEP for moment in done)])
    draft = ClueDraft(
        plan=plan,
        assignment=assignment,
        status=status,
        category=category,
        summary=summary_of(category, subjects[0], amount, facts),
        amount=amount,
        subjects=subjects,
        sources=sources,
        petition=petition,
        proposed_at=proposed_at,
        receiving_body=body,
    )
    if status != S.PROPOSED:
        draft.approved_at = _later(ctx, proposed_at, rng.randint(1, 3))
    if status not in (S.PROPOSED, S.REVIEWED, S.DECLINED):
        # The leading group signs off soon after the office's review, before any transfer.
        draft.signed_off_at = draft.approved_at + SIGN_OFF_AFTER
    if status in (S.TRANSFERRED, S.RECEIVED, S.DISPOSING, S.CONCLUDED):
        _transfer(ctx, rng, plan, draft)
    if status in (S.RECEIVED, S.DISPOSING, S.CONCLUDED):
        _receive(ctx, rng, draft)
    if status in (S.DISPOSING, S.CONCLUDED):
        draft.method = OUTCOME_METHOD[outcome] if outcome else method
        disposed_on = _earlier_of(
            ctx, draft.received_at.date() + datetime.timedelta(days=rng.randint(5, 20))
        )
        draft.dispose_at = _on(rng, disposed_on, draft.received_at)
        draft.disposed_on = draft.dispose_at.date()
    if status == S.CONCLUDED:
        _conclude(ctx, rng, draft, outcome)
    return draft


def _due_in_ten_days(ctx, drafts: list[ClueDraft]) -> None:
    """One clue transferred to the commission owes its result in ten days: the morning
    scan warns the liaison today (yellow), whatever the deadline settings."""
    for draft in drafts:
        if (draft.plan.key, draft.status, draft.receiving_body) != (
            "rectification",
            S.TRANSFERRED,
            ReceivingBody.COMMISSION,
        ):
            continue
        due = datetime.timedelta(days=settings.INSPECTION_CLUE_RESULT_DUE_DAYS)
        transferred_on = ctx.days(10) - due
        earliest = max(draft.approved_at.date(), draft.plan.round.on_site_until)
        if transferred_on > earliest:
            draft.transferred_on = transferred_on
            draft.transfer_at = max(at(transferred_on, 10, 0), draft.approved_at + STEP)
        return


def _receiving_body(key: str, status: str, outcome, used: set) -> str:
    """Mostly the commission; one clue to the organisation department (a department
    receives 交办事项, never a clue: demo.county.matters)."""
    wanted = ReceivingBody.COMMISSION
    organisational = key == "closed" and outcome == ClueOutcome.ORGANISATIONAL
    if organisational or (key == "rectification" and status == S.RECEIVED):
        wanted = ReceivingBody.ORGANISATION
    if wanted in used:
        return ReceivingBody.COMMISSION
    used.add(wanted)
    return wanted


def plan_clues(ctx: DemoContext) -> list[ClueDraft]:
    drafts = []
    for key, plan_statuses in PLANS.items():
        plan = ctx.rounds[key]
        rng = ctx.rng(f"clues:{key}")
        statuses = list(plan_statuses)
        rng.shuffle(statuses)
        to_clue = [
            petition
            for assignment in plan.assignments
            for petition in ctx.petitions.get(assignment.pk, [])
            if petition.pk in ctx.petition_plans
            and ctx.petition_plans[petition.pk].disposition == PetitionDisposition.TO_CLUE
        ]
        outcomes = list(OUTCOMES.get(key, []))
        methods = list(STILL_DISPOSING.get(key, []))
        used_bodies: set = set()
        linked: set = set()
        assignments = _assignments_for(ctx, rng, plan, len(statuses), to_clue)
        for assignment, status in zip(assignments, statuses, strict=True):
            outcome = outcomes.pop() if status == S.CONCLUDED else None
            method = methods.pop() if status == S.DISPOSING else None
            body = _receiving_body(key, status, outcome, used_bodies)
            # A petition is the source of one clue: the first of its village.
            petition = next(
                (p for p in to_clue if p.assignment_id == assignment.pk and p.pk not in linked),
                None,
            )
            if petition is not None:
                linked.add(petition.pk)
            drafts.append(
                _draft(
                    ctx,
                    rng,
                    plan,
                    assignment,
                    status,
                    body=body,
                    petition=petition,
                    outcome=outcome,
                    method=method,
                )
            )
    _due_in_ten_days(ctx, drafts)
    return drafts
