"""Problem clues at every stage, their persons concerned, letters and results.

- closed round: 11 clues (the article's figure), all transferred: 9 concluded with
  outcomes (立案 with persons sanctioned, 组织处理, 了结), 2 still being disposed of.
- in-rectification round: transferred, received, being disposed of, concluded;
  one went to the organisation department, one to a department and is late.
- on-site round: proposed, approved, declined, and two transferred on site
  (巡中快速移交), one of them already received.

Letter numbers run per year in order of transfer ("新巡移〔2026〕7号"); the result is
due INSPECTION_CLUE_RESULT_DUE_DAYS after the transfer.
"""

import datetime
from decimal import Decimal

from django.conf import settings

from demo.county.common import (
    DemoContext,
    at,
    bulk_insert,
    day_between,
    last_day,
    money,
    working_time,
    yuan,
)
from demo.county.ledger_alerts import alerts_for
from findings.choices import ClueOutcome, ClueStatus, DispositionMethod, SubjectPost
from findings.models import Clue, ClueSubject
from inspection.choices import ReceivingBody
from rectification.models import Alert
from rounds.choices import PetitionDisposition

S = ClueStatus
PLANS = {
    "closed": [S.CONCLUDED] * 9 + [S.DISPOSING] * 2,
    "rectification": [S.TRANSFERRED] * 3 + [S.RECEIVED] * 3 + [S.DISPOSING] * 4 + [S.CONCLUDED] * 4,
    "on_site": [S.PROPOSED] * 2 + [S.APPROVED] * 2 + [S.DECLINED, S.TRANSFERRED, S.RECEIVED],
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
CLUE_CATEGORIES = {
    "petty_corruption",
    "collective_assets",
    "welfare_funds",
    "projects",
    "land_acquisition",
    "conduct",
}
SUMMARIES = (
    "反映{unit}{post}{name}在村级工程发包中插手干预，收受施工方好处费约{amt}。",
    "反映{unit}{post}{name}虚列保洁员套取集体资金{amt}。",
    "反映{unit}{post}{name}优亲厚友，为亲属违规办理低保，涉及资金{amt}。",
    "反映{unit}{post}{name}私自出租集体厂房，租金{amt}未入账。",
    "反映{unit}{post}{name}在征地拆迁中为亲友多算安置面积，涉及补偿款{amt}。",
    "反映{unit}{post}{name}违规使用集体资金购买烟酒、发放购物卡{amt}。",
    "反映{unit}{post}{name}截留挪用惠农补贴资金{amt}。",
)
DECLINE_REASON = (
    "经研判，反映问题已由镇纪委查结，无新的事实和证据，不予移交，在巡察反馈中一并指出。"
)
SUBJECT_POSTS = (
    (SubjectPost.SECRETARY, 35),
    (SubjectPost.DIRECTOR, 15),
    (SubjectPost.ACCOUNTANT, 20),
    (SubjectPost.COMMITTEE_MEMBER, 12),
    (SubjectPost.SUPERVISION_HEAD, 5),
    (SubjectPost.TOWN_CADRE, 13),
)
# How a summary names the post after the unit ("新市村" + "党组织书记").
SUMMARY_POSTS = {
    SubjectPost.SECRETARY: "党组织书记",
    SubjectPost.DIRECTOR: "村委会主任",
    SubjectPost.ACCOUNTANT: "会计",
    SubjectPost.COMMITTEE_MEMBER: '"两委"委员',
    SubjectPost.SUPERVISION_HEAD: "村务监督委员会主任",
    SubjectPost.TOWN_CADRE: "干部",
    SubjectPost.OTHER: "",
}
TOWN_UNITS = ("农经站", "建设管理服务所", "社会事业局", "财政所")


def _subject(ctx, rng, assignment, post) -> ClueSubject:
    village = assignment.village
    officials = ctx.officials[village.pk]
    if post == SubjectPost.TOWN_CADRE:
        return ClueSubject(
            name=ctx.names.person("mid"),
            post=post,
            unit=f"{village.town.name}{rng.choice(TOWN_UNITS)}",
        )
    name = {
        SubjectPost.SECRETARY: officials.secretary,
        SubjectPost.DIRECTOR: officials.director,
        SubjectPost.ACCOUNTANT: officials.accountant,
        SubjectPost.COMMITTEE_MEMBER: officials.committee_member,
        SubjectPost.SUPERVISION_HEAD: officials.supervision_head,
    }[post]
    return ClueSubject(name=name, post=post, unit=village.name)


def _subjects(ctx, rng, assignment) -> list[ClueSubject]:
    posts, weights = zip(*SUBJECT_POSTS, strict=True)
    first = rng.choices(posts, weights=weights)[0]
    subjects = [_subject(ctx, rng, assignment, first)]
    if first != SubjectPost.ACCOUNTANT and rng.random() < 0.3:
        subjects.append(_subject(ctx, rng, assignment, SubjectPost.ACCOUNTANT))
    return subjects


def _assignments_for(rng, plan, count: int, petitions: list) -> list:
    """The villages clues come from: those with a clue-bound petition first.

    With more clues than villages (the closed round: 11 clues, 10 villages) a village
    can have two.
    """
    from_petitions = list(dict.fromkeys(petition.assignment for petition in petitions))
    others = [a for a in plan.assignments if a not in from_petitions]
    needed = count - len(from_petitions)
    chosen = rng.sample(others, min(needed, len(others)))
    chosen += rng.sample(plan.assignments, needed - len(chosen))
    return from_petitions + chosen


def _later(ctx, moment: datetime.datetime, days: int) -> datetime.datetime:
    """``moment`` plus ``days`` (never reaching today: records end yesterday)."""
    later = moment + datetime.timedelta(days=days)
    if later.date() < ctx.today:
        return later
    return max(at(ctx.days(-1), 17, 30), moment + datetime.timedelta(minutes=30))


def _earlier_of(ctx, day: datetime.date) -> datetime.date:
    return min(day, ctx.days(-1))


def _transfer(ctx, rng, plan, clue, body: str) -> None:
    approved_on = clue.approved_at.date()
    if plan.key == "on_site" or (rng.random() < 0.3 and approved_on < plan.round.on_site_until):
        # 巡中快速移交: handed over while the team is still on site.
        transferred_on = _earlier_of(ctx, approved_on + datetime.timedelta(days=1))
    else:
        transferred_on = _earlier_of(
            ctx, plan.round.on_site_until + datetime.timedelta(days=rng.randint(5, 40))
        )
        transferred_on = max(transferred_on, clue.approved_at.date())
    clue.receiving_body = body
    clue.receiving_unit = {
        ReceivingBody.COMMISSION: f"县纪委监委第{rng.choice('一二三四')}纪检监察室",
        ReceivingBody.ORGANISATION: "县委组织部",
        ReceivingBody.DEPARTMENT: "县民政局",
    }[body]
    clue.transferred_on = transferred_on
    clue.transferred_on_site = transferred_on <= plan.round.on_site_until
    clue.result_due_on = transferred_on + datetime.timedelta(
        days=settings.INSPECTION_CLUE_RESULT_DUE_DAYS
    )


def _receive(ctx, rng, clue) -> None:
    clue.received_by = (
        ctx.users["liaison"] if clue.receiving_body == ReceivingBody.COMMISSION else ctx.org_liaison
    )
    received = working_time(rng, clue.transferred_on + datetime.timedelta(days=rng.randint(1, 3)))
    if received.date() >= ctx.today:
        received = max(at(ctx.days(-1), 16, 0), clue.approved_at + datetime.timedelta(hours=1))
    clue.received_at = received


def _conclude(ctx, rng, clue, outcome, subjects) -> None:
    clue.outcome = outcome
    clue.concluded_on = _earlier_of(
        ctx, clue.disposed_on + datetime.timedelta(days=rng.randint(20, 100))
    )
    persons = len(subjects)
    name = "、".join(subject.name for subject in subjects)
    recovered = (clue.amount * rng.choice((60, 80, 100)) / 100).quantize(Decimal("0.01"))
    if outcome == ClueOutcome.CASE_FILED:
        clue.persons_case_filed = clue.persons_sanctioned = persons
        clue.persons_to_judiciary = 1 if clue.amount >= 200_000 else 0
        clue.funds_recovered = recovered
    elif outcome == ClueOutcome.ORGANISATIONAL:
        clue.persons_admonished = persons
        clue.funds_recovered = recovered if rng.random() < 0.6 else 0
    clue.outcome_note = _outcome_note(clue, name)


def _outcome_note(clue, name: str) -> str:
    recovered = f"，追缴违纪资金{yuan(clue.funds_recovered)}" if clue.funds_recovered else ""
    if clue.outcome == ClueOutcome.CASE_FILED:
        judiciary = "其中1人涉嫌犯罪，已移送司法机关。" if clue.persons_to_judiciary else ""
        return f"经初步核实后立案审查，给予{name}党纪政务处分{recovered}。{judiciary}"
    if clue.outcome == ClueOutcome.ORGANISATIONAL:
        return f"经谈话函询，问题部分属实，对{name}进行诫勉谈话{recovered}。"
    return "经核查，反映问题不属实，予以了结，并向被反映人反馈澄清。"


def _clue(ctx, rng, plan, assignment, status, *, body, petitions, outcome=None, method=None):
    problems = [
        problem
        for problem in ctx.problems[plan.key]
        if problem.assignment_id == assignment.pk and problem.confirmed_by_id
    ]
    likely = [problem for problem in problems if problem.category in CLUE_CATEGORIES] or problems
    sources = rng.sample(likely, min(len(likely), rng.randint(1, 2)))
    amount = sum((problem.amount for problem in sources), start=Decimal("0.00"))
    if not amount:
        amount = money(rng, 20_000, 260_000)
    subjects = _subjects(ctx, rng, assignment)
    first = subjects[0]
    post = SUMMARY_POSTS[first.post]
    if first.post == SubjectPost.DIRECTOR and first.unit.endswith("社区"):
        post = "居委会主任"
    summary = rng.choice(SUMMARIES).format(
        unit=first.unit, post=post, name=first.name, amt=yuan(amount)
    )
    proposed_at = working_time(
        rng, day_between(rng, assignment.on_site_from, last_day(ctx, assignment))
    )
    # Proposed once its source problems were confirmed and its petitions disposed of.
    sources_done = [p.confirmed_at for p in sources] + [p.disposed_at for p in petitions]
    proposed_at = max(
        [proposed_at, *(moment + datetime.timedelta(hours=1) for moment in sources_done)]
    )
    clue = Clue(
        round=plan.round,
        assignment=assignment,
        summary=summary,
        amount=amount,
        status=status,
        proposed_by=plan.leaders[assignment.team_id],
        proposed_at=proposed_at,
    )
    if status != S.PROPOSED:
        clue.approved_by = ctx.users["lead"]
        clue.approved_at = _later(ctx, proposed_at, rng.randint(1, 3))
    if status == S.DECLINED:
        clue.decline_reason = DECLINE_REASON
    if status in (S.TRANSFERRED, S.RECEIVED, S.DISPOSING, S.CONCLUDED):
        _transfer(ctx, rng, plan, clue, body)
    if status in (S.RECEIVED, S.DISPOSING, S.CONCLUDED):
        _receive(ctx, rng, clue)
    if status in (S.DISPOSING, S.CONCLUDED):
        clue.disposition_method = OUTCOME_METHOD[outcome] if outcome else method
        clue.disposed_on = _earlier_of(
            ctx, clue.received_at.date() + datetime.timedelta(days=rng.randint(5, 20))
        )
    if status == S.CONCLUDED:
        _conclude(ctx, rng, clue, outcome, subjects)
    return clue, subjects, sources


def _letter_numbers(clues: list[Clue]) -> None:
    transferred = sorted(
        (c for c in clues if c.transferred_on), key=lambda c: (c.transferred_on, c.proposed_at)
    )
    per_year: dict[int, int] = {}
    for clue in transferred:
        year = clue.transferred_on.year
        per_year[year] = per_year.get(year, 0) + 1
        clue.letter_number = f"新巡移〔{year}〕{per_year[year]}号"


def _receiving_body(key: str, status: str, outcome, used: set) -> str:
    """Mostly the commission; one clue each to the organisation department and a department."""
    wanted = ReceivingBody.COMMISSION
    organisational = key == "closed" and outcome == ClueOutcome.ORGANISATIONAL
    if organisational or (key == "rectification" and status == S.RECEIVED):
        wanted = ReceivingBody.ORGANISATION
    elif key == "rectification" and status == S.TRANSFERRED:
        wanted = ReceivingBody.DEPARTMENT
    if wanted in used:
        return ReceivingBody.COMMISSION
    used.add(wanted)
    return wanted


def _links(clues, sources, petitions) -> None:
    problem_links, petition_links = Clue.problems.through, Clue.petitions.through
    bulk_insert(
        problem_links,
        [
            problem_links(clue_id=clue.pk, problem_id=problem.pk)
            for clue, problems in zip(clues, sources, strict=True)
            for problem in problems
        ],
    )
    bulk_insert(
        petition_links,
        [
            petition_links(clue_id=clue.pk, petition_id=petition.pk)
            for clue, clue_petitions in zip(clues, petitions, strict=True)
            for petition in clue_petitions
        ],
    )


def create_clues(ctx: DemoContext) -> None:
    clues, subjects, sources, petitions = [], [], [], []
    linked: set = set()
    for key, plan_statuses in PLANS.items():
        plan = ctx.rounds[key]
        rng = ctx.rng(f"clues:{key}")
        statuses = list(plan_statuses)
        rng.shuffle(statuses)
        to_clue = [
            petition
            for assignment in plan.assignments
            for petition in ctx.petitions.get(assignment.pk, [])
            if petition.disposition == PetitionDisposition.TO_CLUE
        ]
        outcomes = list(OUTCOMES.get(key, []))
        methods = list(STILL_DISPOSING.get(key, []))
        used_bodies: set = set()
        assignments = _assignments_for(rng, plan, len(statuses), to_clue)
        for assignment, status in zip(assignments, statuses, strict=True):
            outcome = outcomes.pop() if status == S.CONCLUDED else None
            method = methods.pop() if status == S.DISPOSING else None
            body = _receiving_body(key, status, outcome, used_bodies)
            # A petition is the source of one clue: the first of its village.
            clue_petitions = [
                p for p in to_clue if p.assignment_id == assignment.pk and p.pk not in linked
            ]
            linked.update(p.pk for p in clue_petitions)
            clue, clue_subjects, clue_sources = _clue(
                ctx,
                rng,
                plan,
                assignment,
                status,
                body=body,
                petitions=clue_petitions,
                outcome=outcome,
                method=method,
            )
            clues.append(clue)
            subjects.append(clue_subjects)
            sources.append(clue_sources)
            petitions.append(clue_petitions)
    _letter_numbers(clues)
    bulk_insert(Clue, clues, keep=("proposed_at",))
    for clue, clue_subjects in zip(clues, subjects, strict=True):
        for subject in clue_subjects:
            subject.clue = clue
    bulk_insert(ClueSubject, [subject for group in subjects for subject in group])
    _links(clues, sources, petitions)
    ctx.clues = clues
    # The three-colour warnings a late result has had so far.
    bulk_insert(
        Alert,
        [
            alert
            for clue in clues
            if clue.result_due_on
            for alert in alerts_for(
                ctx,
                clue=clue,
                due_on=clue.result_due_on,
                since=clue.transferred_on,
                open_until=clue.concluded_on,
            )
        ],
    )
