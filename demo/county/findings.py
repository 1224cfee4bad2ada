"""Problems found in the three rounds.

The closed round has exactly 170 problems past draft (all fed back), in every
category; the in-rectification round's are fed back too; the on-site round's are
drafts or confirmed by the team leader. Petitions that became problems are the
source of one problem each.
"""

import datetime
from decimal import Decimal

from demo.county.checklist import ITEMS_BY_CATEGORY
from demo.county.common import (
    DemoContext,
    bulk_insert,
    day_between,
    last_day,
    money,
    split_total,
    working_time,
    yuan,
)
from demo.county.texts import FACTS
from findings.choices import ProblemCategory, ProblemSource, ProblemStatus, Severity
from findings.models import Problem
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
    "on_site": {
        "welfare_funds": 50,
        "petty_corruption": 20,
        "collective_assets": 15,
        "formalism": 15,
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
    categories = list(ProblemCategory.values) if key == "closed" else []
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
    """An item of the category, one the round selected when there is one."""
    codes = ITEMS_BY_CATEGORY[category]
    return ctx.checklist[rng.choice([code for code in codes if code in selected] or codes)]


def _problem(ctx, rng, plan, assignment, category, *, petition=None) -> Problem:
    year = plan.round.on_site_from.year - 1
    facts, amount, common = _facts(rng, category, year)
    severity = _severity(rng, category, amount)
    source = ProblemSource.PETITION if petition else _source(rng, category)
    interview = None
    if source == ProblemSource.INTERVIEW:
        interviews = ctx.interviews[assignment.pk]
        raised = [item for item in interviews if item.problems_raised] or interviews
        interview = rng.choice(raised)
    recorded_at = working_time(
        rng, day_between(rng, assignment.on_site_from, last_day(ctx, assignment))
    )
    if petition is not None:
        recorded_at = max(recorded_at, petition.disposed_at)
    members = plan.members[assignment.team_id]
    problem = Problem(
        assignment=assignment,
        category=category,
        supervision_item=_supervision_item(ctx, rng, category, plan.selected_items),
        facts=facts,
        source=source,
        source_interview=interview,
        source_petition=petition,
        amount=amount,
        severity=severity,
        is_common=common and rng.random() < 0.8,
        fix_immediately=(
            severity == Severity.MINOR and category in ON_THE_SPOT and rng.random() < 0.45
        ),
        recorded_by=rng.choice(members[2:] or members),
        created_at=recorded_at,
    )
    confirm = plan.key != "on_site" or rng.random() < 0.6
    if confirm:
        confirmed_at = recorded_at + datetime.timedelta(days=rng.randint(0, 2), hours=3)
        if confirmed_at.date() >= ctx.today:
            confirmed_at = recorded_at + datetime.timedelta(hours=1)
        problem.confirmed_by = plan.leaders[assignment.team_id]
        problem.confirmed_at = confirmed_at
        problem.status = ProblemStatus.CONFIRMED
    return problem


def create_problems(ctx: DemoContext) -> None:
    problems = []
    for key in ("closed", "rectification", "on_site"):
        plan = ctx.rounds[key]
        rng = ctx.rng(f"problems:{key}")
        counts = _counts(ctx, rng, key, plan.assignments)
        from_petitions = {
            assignment.pk: [
                petition
                for petition in ctx.petitions.get(assignment.pk, [])
                if petition.disposition == PetitionDisposition.TO_PROBLEM
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
                category = ctx.petition_categories[petition.pk]
                round_problems.append(
                    _problem(ctx, rng, plan, assignment, category, petition=petition)
                )
            for _ in range(count - len(from_petitions[assignment.pk])):
                round_problems.append(_problem(ctx, rng, plan, assignment, categories.pop()))
        ctx.problems[key] = round_problems
        problems += round_problems
    bulk_insert(Problem, problems, keep=("created_at",))
