"""The ledger feedback builds from the 反馈问题 (called by ``feedback._build_ledger``).

Each issue becomes one item (per-issue mode, its lead problem the first of its papers)
or one item per paper (per-具体表现 mode). A paper put in no issue gets an issue of its
own, numbered after the last, so nothing is lost; a paper left out (behind a sealed
clue) stays out of the ledger and stays 已审签. An item ordered on site (立行立改) is
carried under the feedback and joins its paper's issue, with its history and status.
The number of queries does not grow with the number of papers (bulk writes).
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Max
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from inspection.models import history_attrs
from rectification.choices import IssueLedgerMode, RectificationMode
from rectification.models import FeedbackIssue, FeedbackIssueProblem, RectificationItem


def build_ledger_items(
    problems, assignments, feedback_of, fed_back_on, *, actor, reason, unit_of
) -> list:
    """Create the ledger of ``problems`` (locked, of the ``assignments`` fed back); the
    problems that went into it (the caller marks them fed back). ``unit_of(assignment)``
    gives the item's (unit kind, unit, responsible user)."""
    placements = {
        p.problem_id: p
        for p in FeedbackIssueProblem.objects.filter(problem__in=problems).select_related("issue")
    }
    ledger = [
        p for p in problems if p.pk not in placements or placements[p.pk].issue_id is not None
    ]
    issue_of = {pk: placement.issue for pk, placement in placements.items() if placement.issue_id}
    issue_of |= _issues_for_unplaced(
        [p for p in ledger if p.pk not in issue_of], actor=actor, reason=reason
    )
    carried = _carry_ordered_items(ledger, feedback_of, issue_of, actor=actor, reason=reason)

    assignment_of = {a.pk: a for a in assignments}
    due_days = {
        RectificationMode.IMMEDIATE: settings.INSPECTION_IMMEDIATE_DUE_DAYS,
        RectificationMode.TIME_LIMITED: settings.INSPECTION_TIME_LIMITED_DUE_DAYS,
    }
    items = []
    for issue, members in _members_by_issue(ledger, issue_of, carried):
        assignment = assignment_of[issue.assignment_id]
        unit_kind, unit, user = unit_of(assignment)
        groups = (
            [members] if issue.ledger_mode == IssueLedgerMode.PER_ISSUE else [[m] for m in members]
        )
        for group in groups:
            mode = (
                RectificationMode.IMMEDIATE
                if all(p.fix_immediately for p in group)
                else RectificationMode.TIME_LIMITED
            )
            items.append(
                RectificationItem(
                    problem=group[0],
                    issue=issue,
                    feedback=feedback_of[assignment.pk],
                    mode=mode,
                    responsible_unit_kind=unit_kind,
                    responsible_unit=unit,
                    responsible_user=user,
                    deadline=fed_back_on + datetime.timedelta(days=due_days[mode]),
                )
            )
    bulk_create_with_history(
        items,
        RectificationItem,
        default_user=actor,
        custom_historical_attrs=history_attrs(actor),
        default_change_reason=reason,
    )
    return ledger


def _members_by_issue(ledger, issue_of, carried):
    """(issue, its papers without an item yet, in their numbers' order) by issue number."""
    members = defaultdict(list)
    for problem in ledger:
        if problem.pk not in carried:
            members[issue_of[problem.pk].pk].append(problem)
    issues = {issue.pk: issue for issue in issue_of.values()}
    for pk in sorted(members, key=lambda pk: (issues[pk].assignment_id, issues[pk].number)):
        yield issues[pk], sorted(members[pk], key=lambda p: (p.sequence, p.pk))


def _issues_for_unplaced(problems, *, actor, reason) -> dict[int, FeedbackIssue]:
    """An issue for each paper put in none, numbered after its assignment's last."""
    if not problems:
        return {}
    last = dict(
        FeedbackIssue.objects.filter(assignment_id__in={p.assignment_id for p in problems})
        .values("assignment_id")
        .annotate(n=Max("number"))
        .values_list("assignment_id", "n")
    )
    classes = {
        pk: (aspect_id, name)
        for pk, aspect_id, name in type(problems[0])
        .objects.filter(pk__in=[p.pk for p in problems])
        .values_list("pk", "problem_class__aspect_id", "problem_class__name")
    }
    issues = []
    for problem in sorted(problems, key=lambda p: (p.assignment_id, p.sequence, p.pk)):
        last[problem.assignment_id] = number = last.get(problem.assignment_id, 0) + 1
        aspect_id, class_name = classes[problem.pk]
        title = problem.title or class_name or problem.facts
        issues.append(
            FeedbackIssue(
                assignment_id=problem.assignment_id,
                number=number,
                aspect_id=aspect_id,
                title=title[:200],
                ledger_mode=IssueLedgerMode.PER_PROBLEM,
            )
        )
    issues = bulk_create_with_history(
        issues,
        FeedbackIssue,
        default_user=actor,
        custom_historical_attrs=history_attrs(actor),
        default_change_reason=reason,
    )
    ordered = sorted(problems, key=lambda p: (p.assignment_id, p.sequence, p.pk))
    bulk_create_with_history(
        [FeedbackIssueProblem(problem=p, issue=i) for p, i in zip(ordered, issues, strict=True)],
        FeedbackIssueProblem,
        default_user=actor,
        custom_historical_attrs=history_attrs(actor),
        default_change_reason=reason,
    )
    return {p.pk: i for p, i in zip(ordered, issues, strict=True)}


def _carry_ordered_items(problems, feedback_of, issue_of, *, actor, reason) -> set[int]:
    """Put the items of papers ordered on site under their feedback and their paper's
    issue; their problem ids."""
    items = list(
        RectificationItem.objects.select_for_update(of=("self",))
        .filter(problem__in=problems)
        .select_related("problem")
        .order_by("pk")
    )
    for item in items:
        item.feedback = feedback_of[item.problem.assignment_id]
        item.issue = issue_of[item.problem_id]
    if items:
        bulk_update_with_history(
            items,
            RectificationItem,
            ["feedback", "issue"],
            default_user=actor,
            custom_historical_attrs=history_attrs(actor),
            default_change_reason=reason,
        )
    return {item.problem_id for item in items}
