"""Reads of the 反馈问题 (rectification.models.issues): sealed papers, an assignment's
issues with their papers, and the problems a ledger item carries."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from findings.choices import PROBLEM_STATUSES_BEFORE_FEEDBACK, ClueStatus
from findings.models import Clue, Problem
from rectification.choices import IssueLedgerMode
from rectification.models import FeedbackIssue, FeedbackIssueProblem, RectificationItem

# A clue still open to the receiving body: its papers may be kept out of the feedback.
# A declined clue goes nowhere, and a concluded one is no longer confidential work.
CLUE_STATUSES_SEALING = tuple(
    status for status in ClueStatus if status not in (ClueStatus.DECLINED, ClueStatus.CONCLUDED)
)


def sealed_problem_ids(problem_ids: Iterable[int]) -> set[int]:
    """The problems among ``problem_ids`` behind a clue not concluded (one query)."""
    return set(
        Clue.problems.through.objects.filter(
            problem_id__in=list(problem_ids), clue__status__in=CLUE_STATUSES_SEALING
        ).values_list("problem_id", flat=True)
    )


def sealing_clue_exists(problem_field: str = "problem_id") -> Exists:
    """SQL twin of ``sealed_problem_ids``: the row's problem (at ``problem_field``) is behind
    a clue not concluded."""
    return Exists(
        Clue.objects.filter(problems=OuterRef(problem_field), status__in=CLUE_STATUSES_SEALING)
    )


def issue_problems():
    """The papers under issues, in their numbers' order, with what a list shows."""
    return Problem.objects.select_related("problem_class__aspect").order_by("sequence", "pk")


def issues_of_assignment(assignment_id: int, issues=None):
    """The assignment's issues in number order, each with ``placed`` (its placements, the
    problem loaded): three queries however many issues and papers."""
    issues = FeedbackIssue.objects.all() if issues is None else issues
    placements = FeedbackIssueProblem.objects.select_related(
        "problem__problem_class__aspect"
    ).order_by("problem__sequence", "problem_id")
    return (
        issues.filter(assignment_id=assignment_id)
        .select_related("aspect")
        .prefetch_related(Prefetch("placements", queryset=placements, to_attr="placed"))
        .order_by("number")
    )


def open_problems_of_assignment(assignment_id: int):
    """The papers of an assignment not fed back yet, with their placement (if any)."""
    return (
        Problem.objects.filter(
            assignment_id=assignment_id, status__in=PROBLEM_STATUSES_BEFORE_FEEDBACK
        )
        .select_related("problem_class__aspect__focus", "feedback_placement__issue")
        .order_by("sequence", "pk")
    )


def problems_of_items(items: Iterable[RectificationItem]) -> dict[int, list[Problem]]:
    """What each item carries: its issue's problems (per-issue mode; a problem with its
    own item, e.g. ordered on site, is carried by that item), else its own problem.

    Two queries for any number of items; the items need ``issue`` and ``problem`` loaded.
    """
    items = list(items)
    carried: dict[int, list[Problem]] = {item.pk: [item.problem] for item in items}
    # The issue's own item (not one ordered on site that joined it) carries the rest.
    grouped = {
        item.issue_id
        for item in items
        if item.issue_id
        and item.order_id is None
        and item.issue.ledger_mode == IssueLedgerMode.PER_ISSUE
    }
    if not grouped:
        return carried
    placements = (
        FeedbackIssueProblem.objects.filter(issue_id__in=list(grouped))
        .filter(Q(problem__rectification_item__isnull=True))
        .select_related("problem__problem_class")
        .order_by("problem__sequence", "problem_id")
    )
    extra: dict[int, list[Problem]] = defaultdict(list)
    for placement in placements:
        extra[placement.issue_id].append(placement.problem)
    for item in items:
        if item.issue_id in grouped and item.order_id is None:
            lead = [item.problem]
            rest = [p for p in extra.get(item.issue_id, []) if p.pk != item.problem_id]
            carried[item.pk] = sorted(lead + rest, key=lambda p: (p.sequence, p.pk))
    return carried


# What ``carried_facts`` reads of each item row (a ``values()`` row of items).
CARRIED_FACTS_VALUES = (
    "id",
    "issue_id",
    "order_id",
    "issue__ledger_mode",
    "problem_id",
    "problem__sequence",
    "problem__facts",
)


def carried_facts(rows: list[dict]) -> dict[int, str]:
    """具体表现 of each item row: the facts of the problems it carries, as
    ``problems_of_items`` says (its own, and in a per-issue 反馈问题 the issue's other
    papers with no item of their own), in their numbers' order, joined by "；". One query
    for any number of rows: for the workbook, which streams rows, not models."""
    grouped = {
        row["issue_id"]
        for row in rows
        if row["issue_id"]
        and row["order_id"] is None
        and row["issue__ledger_mode"] == IssueLedgerMode.PER_ISSUE
    }
    extra: dict[int, list[tuple]] = defaultdict(list)
    if grouped:
        placements = (
            FeedbackIssueProblem.objects.filter(
                issue_id__in=list(grouped), problem__rectification_item__isnull=True
            )
            .order_by()
            .values_list("issue_id", "problem__sequence", "problem_id", "problem__facts")
        )
        for issue_id, *problem in placements:
            extra[issue_id].append(tuple(problem))
    facts = {}
    for row in rows:
        own = (row["problem__sequence"], row["problem_id"], row["problem__facts"])
        carried = [own]
        if row["issue_id"] in grouped and row["order_id"] is None:
            carried += [p for p in extra.get(row["issue_id"], []) if p[1] != row["problem_id"]]
        carried.sort(key=lambda p: (p[0] is None, p[0] or 0, p[1]))
        facts[row["id"]] = "；".join(p[2].strip() for p in carried if (p[2] or "").strip())
    return facts


def problems_of_item(item: RectificationItem) -> list[Problem]:
    """The problems one item carries (``problems_of_items`` for one)."""
    return problems_of_items([item])[item.pk]


def ledger_shape(problems) -> dict[str, int]:
    """What the 反馈问题 change in the ledger feedback builds from ``problems`` (a queryset
    of papers about to be fed back): papers left out, and papers that join another in one
    item of a per-issue 反馈问题 (so that many items fewer). Two queries."""
    placements = FeedbackIssueProblem.objects.filter(problem__in=problems)
    left_out = placements.filter(issue__isnull=True).count()
    grouped = (
        placements.filter(
            issue__ledger_mode=IssueLedgerMode.PER_ISSUE,
            problem__rectification_item__isnull=True,
        )
        .values("issue_id")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    return {"left_out": left_out, "fewer_items": sum(n - 1 for n in grouped)}
