"""Problems found in the three rounds.

The closed round has exactly 170 problems past draft, in every category; the
in-rectification round's are all past draft too; the on-site round's are drafts or
signed or on their way (``demo.county.signatures``). A team member records each problem
(``problem_record``) on a day of the village's visit, submits it, the deputy reviews it
and the team leader signs it within two days, before the team leaves; the feedback,
later, is rectification's. A petition that became a problem is the source of one
problem: the leader disposes of the petition that way (``petition_dispose``), completes
the draft (checklist item, severity, the paper's fields: ``problem_update``), and the
member who took the petition submits it.
"""

import datetime
from decimal import Decimal

from demo.county.checklist import ITEMS_BY_CATEGORY
from demo.county.clock import travel
from demo.county.common import (
    DemoContext,
    day_between,
    last_day,
    money,
    split_total,
    working_time,
    yuan,
)
from demo.county.petitions import dispose
from demo.county.signatures import paper_fields, sign
from demo.county.texts import FACTS, fact_class, fact_nature
from findings.catalogue import LEGACY_CLASSES, seed_catalogue
from findings.choices import ProblemSource, Severity
from findings.models import Problem, ProblemAspect, ProblemClass, ProblemFocus
from findings.services.problems import problem_record, problem_update
from rounds.choices import PetitionDisposition

ARTICLE_PROBLEMS = 170

# How often each category comes up (the thematic round looks at welfare funds).
WEIGHTS = {
    "usual": {
        "leadership": 7,
        "collective_assets": 18,
        "welfare_funds": 12,
        "land_acquisition": 4,
        "projects": 8,
        "petty_corruption": 7,
        "formalism": 10,
        "conduct": 6,
        "party_organisation": 15,
        "cadres": 8,
        "prior_rectification": 3,
        "other": 2,
    },
    # Only categories the thematic round's checklist items cover: a problem cites one.
    "on_site": {
        "welfare_funds": 55,
        "petty_corruption": 25,
        "collective_assets": 20,
    },
}
# Categories a team may put right on the spot (立行立改) when the problem is minor.
ON_THE_SPOT = {"formalism", "party_organisation", "conduct", "other", "leadership", "cadres"}


def _counts(ctx, rng, key, assignments) -> list[int]:
    if key == "closed":
        return split_total(rng, ARTICLE_PROBLEMS, len(assignments), 14, 20)
    low, high = (4, 7) if key == "rectification" else (2, 4)
    village_officer = ctx.users["village_officer"]
    return [
        7 if assignment.village_id == village_officer.village_id else rng.randint(low, high)
        for assignment in assignments
    ]


def _categories(rng, key: str, total: int) -> list[str]:
    weights = WEIGHTS["on_site" if key == "on_site" else "usual"]
    # The closed round shows every category at least once.
    categories = list(LEGACY_CLASSES) if key == "closed" else []
    categories += rng.choices(
        list(weights), weights=list(weights.values()), k=total - len(categories)
    )
    rng.shuffle(categories)
    return categories


def _facts(rng, category: str, year: int) -> tuple[str, Decimal, bool]:
    template, low, high, common = rng.choice(FACTS[category])
    amount = money(rng, low, high) if high else Decimal("0.00")
    n = rng.randint(2, 9)
    facts = template.format(
        y=year, n=n, m=rng.randint(1, n - 1), mu=rng.randint(12, 160), amt=yuan(amount)
    )
    return facts, amount, common


def _severity(rng, category: str, amount: Decimal) -> str:
    if amount >= 300_000 or (category == "petty_corruption" and rng.random() < 0.5):
        return Severity.GRAVE
    if amount >= 50_000 or category == "petty_corruption" or rng.random() < 0.2:
        return Severity.SERIOUS
    return Severity.MINOR


def _source(rng, category: str) -> str:
    if category == "welfare_funds" and rng.random() < 0.4:
        return ProblemSource.DATA_COMPARISON
    return rng.choices(
        (
            ProblemSource.INTERVIEW,
            ProblemSource.DOCUMENTS,
            ProblemSource.VISIT,
            ProblemSource.DATA_COMPARISON,
            ProblemSource.OTHER,
        ),
        weights=(35, 30, 15, 12, 8),
    )[0]


def _supervision_item(ctx, rng, category: str, selected: set):
    """An item of the category the round selected; for a category none of its items
    covers (a petition's matter in a thematic round), any item the round selected."""
    codes = [code for code in ITEMS_BY_CATEGORY[category] if code in selected]
    return ctx.checklist[rng.choice(codes or sorted(selected))]


def _problem(ctx, rng, plan, assignment, category, *, petition=None) -> Problem:
    """Record (and mostly confirm) one problem of ``assignment``, each step on its day."""
    year = plan.round.on_site_from.year - 1
    facts, amount, common = _facts(rng, category, year)
    severity = _severity(rng, category, amount)
    source = ProblemSource.PETITION if petition else _source(rng, category)
    recorded_at = working_time(
        rng, day_between(rng, assignment.on_site_from, last_day(ctx, assignment))
    )
    interview = None
    if source == ProblemSource.INTERVIEW:
        # An interview held before the problem was written down.
        held = [item for item in ctx.interviews[assignment.pk] if item.held_at < recorded_at]
        raised = [item for item in held if item.problems_raised] or held
        if raised:
            interview = rng.choice(raised)
        else:
            source = ProblemSource.DOCUMENTS
    if petition is not None:
        recorded_at = ctx.petition_plans[petition.pk].disposed_at
    members = plan.members[assignment.team_id]
    leader = plan.leaders[assignment.team_id]
    class_code = fact_class(category, facts)
    fields = {
        "problem_class_id": ctx.problem_classes[class_code],
        "nature": fact_nature(class_code, amount),
        "supervision_item_id": _supervision_item(ctx, rng, category, plan.selected_items).pk,
        "severity": severity,
        "is_common": common and rng.random() < 0.8,
        "fix_immediately": (
            severity == Severity.MINOR and category in ON_THE_SPOT and rng.random() < 0.45
        ),
        **paper_fields(category, facts, year),
    }
    if assignment.village_id == ctx.users["village_officer"].village_id:
        # The demo village officer's ledger shows every status: nothing closed on the spot.
        fields["fix_immediately"] = False
    recorder = rng.choice(members[2:] or members)
    confirmed_at = None
    if plan.key != "on_site" or rng.random() < 0.6:
        # Confirmed within two days, before the team leaves and before today.
        confirmed_at = recorded_at + datetime.timedelta(days=rng.randint(0, 2), hours=3)
        if confirmed_at.date() > min(plan.round.on_site_until, ctx.days(-1)):
            confirmed_at = recorded_at + datetime.timedelta(hours=1)
    if petition is None:
        with travel(recorded_at):
            problem = problem_record(
                actor=recorder,
                assignment_id=assignment.pk,
                facts=facts,
                source=source,
                amount=amount,
                interview_ids=[interview.pk] if interview else [],
                **fields,
            )
    else:
        # The leader turns the petition into a draft problem, then completes the draft.
        petition_plan = ctx.petition_plans[petition.pk]
        dispose(petition, petition_plan, facts=facts, amount=amount)
        drafted = Problem.objects.only("pk").get(petitions=petition)
        with travel(recorded_at + datetime.timedelta(minutes=20)):
            problem = problem_update(actor=leader, problem_id=drafted.pk, **fields)
    if confirmed_at is not None:
        problem = sign(
            problem, recorder=recorder, deputy=members[0], leader=leader, signed_at=confirmed_at
        )
    elif plan.key == "on_site":
        # The on-site round's unsigned papers, each stage shown: by the order recorded.
        stage = ("draft", "submitted", "reviewed", "returned")[problem.sequence % 4]
        problem = sign(
            problem,
            recorder=recorder,
            deputy=members[0],
            leader=leader,
            signed_at=recorded_at + datetime.timedelta(hours=5),
            stage=stage,
        )
    problem.assignment = assignment
    problem.category = category  # the matter the demo's texts (measures, suspicions) go by
    return problem


def create_problems(ctx: DemoContext) -> None:
    # The shipped taxonomy, as the migration seeds it (a flushed database has none).
    seed_catalogue(ProblemFocus, ProblemAspect, ProblemClass)
    ctx.problem_classes = dict(ProblemClass.objects.exclude(code="").values_list("code", "pk"))
    for key in ("closed", "rectification", "on_site"):
        plan = ctx.rounds[key]
        rng = ctx.rng(f"problems:{key}")
        counts = _counts(ctx, rng, key, plan.assignments)
        from_petitions = {
            assignment.pk: [
                petition
                for petition in ctx.petitions.get(assignment.pk, [])
                if petition.pk in ctx.petition_plans
                and ctx.petition_plans[petition.pk].disposition == PetitionDisposition.TO_PROBLEM
            ]
            for assignment in plan.assignments
        }
        counts = [
            max(count, len(from_petitions[assignment.pk]))
            for count, assignment in zip(counts, plan.assignments, strict=True)
        ]
        free = sum(counts) - sum(len(found) for found in from_petitions.values())
        categories = _categories(rng, key, free)
        round_problems = []
        for count, assignment in zip(counts, plan.assignments, strict=True):
            for petition in from_petitions[assignment.pk]:
                category = ctx.petition_plans[petition.pk].category
                round_problems.append(
                    _problem(ctx, rng, plan, assignment, category, petition=petition)
                )
            for _ in range(count - len(from_petitions[assignment.pk])):
                round_problems.append(_problem(ctx, rng, plan, assignment, categories.pop()))
        ctx.problems[key] = round_problems
