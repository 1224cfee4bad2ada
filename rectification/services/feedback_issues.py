"""反馈问题: the office (or the assignment's team leader) groups an assignment's 底稿 into
numbered issues before feedback; feedback then builds the ledger from them
(rectification.services.feedback_ledger).

Every write locks the assignment's row, so two edits of one assignment's numbering run
one after the other; each is refused once the assignment is fed back.
"""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from findings.choices import PROBLEM_STATUSES_BEFORE_FEEDBACK
from findings.models import Problem, ProblemAspect
from inspection.errors import ApplicationError, ConflictError, NotFoundError
from inspection.models import history_attrs
from inspection.permissions import authorize, visible
from inspection.workflow import lock_visible, require, save_with_history
from rectification.choices import IssueLedgerMode
from rectification.issue_selectors import open_problems_of_assignment, sealed_problem_ids
from rectification.models import Feedback, FeedbackIssue, FeedbackIssueProblem
from rounds.models import Assignment


def _editable_assignment(actor, assignment_id: int, action: str) -> Assignment:
    """The assignment locked, the actor allowed, and not fed back yet."""
    assignment = lock_visible(visible(Assignment, actor), assignment_id)
    authorize(actor, action, assignment)
    if Feedback.objects.filter(assignment_id=assignment.pk).exists():
        raise ConflictError(_("该巡察对象已反馈，反馈问题不能再修改。"))
    return assignment


def _assignment_id_of(actor, model, pk) -> int:
    """The assignment of the record ``pk`` of ``model`` in the actor's scope, read without
    a lock (the assignment is locked first, always); absent → NotFoundError."""
    try:
        found = visible(model, actor).filter(pk=int(pk)).values_list("assignment_id", flat=True)
        assignment_id = found.first()
    except (TypeError, ValueError):
        assignment_id = None
    if assignment_id is None:
        raise NotFoundError(
            _("%(record)s不存在或无权访问。") % {"record": model._meta.verbose_name}
        )
    return assignment_id


def _issue(actor, issue_id: int) -> FeedbackIssue:
    """The issue's assignment locked and checked, then the issue locked."""
    _editable_assignment(
        actor, _assignment_id_of(actor, FeedbackIssue, issue_id), "feedback_issue_edit"
    )
    return lock_visible(visible(FeedbackIssue, actor), issue_id)


def _problem(actor, problem_id: int, action: str) -> tuple[Assignment, Problem]:
    """A paper of an assignment not fed back, the assignment locked."""
    assignment = _editable_assignment(actor, _assignment_id_of(actor, Problem, problem_id), action)
    problem = lock_visible(visible(Problem, actor), problem_id)
    require(
        problem.status in PROBLEM_STATUSES_BEFORE_FEEDBACK,
        _("该底稿已反馈，不能调整。"),
        field="problem",
    )
    return assignment, problem


def _aspect(aspect_id: int | None) -> ProblemAspect | None:
    if aspect_id is None:
        return None
    aspect = ProblemAspect.objects.filter(pk=aspect_id).first()
    require(aspect is not None, _("所选方面不存在。"), field="aspect")
    return aspect


def _title(title: str) -> str:
    title = (title or "").strip()
    require(bool(title), _("请填写反馈问题的标题。"), field="title")
    require(len(title) <= 200, _("反馈问题的标题不能超过200字。"), field="title")
    return title


def _ledger_mode(mode: str) -> str:
    require(mode in IssueLedgerMode.values, _("建账方式无效。"), field="ledger_mode")
    return mode


def _next_number(assignment_id: int) -> int:
    last = FeedbackIssue.objects.filter(assignment_id=assignment_id).aggregate(n=Max("number"))
    return (last["n"] or 0) + 1


def _place(actor, problem: Problem, issue: FeedbackIssue | None, reason: str = "") -> None:
    placement = FeedbackIssueProblem.objects.filter(problem=problem).first()
    placement = placement or FeedbackIssueProblem(problem=problem)
    placement.issue = issue
    placement.left_out_reason = reason
    save_with_history(placement, actor=actor)


@transaction.atomic
def feedback_issues_propose(*, actor, assignment_id: int) -> list[FeedbackIssue]:
    """The default grouping: one issue per 方面 (四个聚焦 → 方面 order), its papers as its
    具体表现, per-具体表现 ledger. Replaces the issues proposed or edited so far; a paper
    left out stays left out. Papers not classified yet go in a last issue 其他问题."""
    assignment = _editable_assignment(actor, assignment_id, "feedback_issues_propose")
    problems = list(open_problems_of_assignment(assignment.pk))
    left_out = {
        p.pk
        for p in problems
        if hasattr(p, "feedback_placement") and p.feedback_placement.issue_id is None
    }
    # One by one, so each deletion's history row names the actor (a handful of rows).
    placed = FeedbackIssueProblem.objects.filter(
        problem__assignment=assignment, issue__isnull=False
    )
    for record in [*placed, *FeedbackIssue.objects.filter(assignment=assignment)]:
        record._history_user = actor
        record.delete()

    groups: dict[int | None, list[Problem]] = {}
    for problem in problems:
        if problem.pk in left_out:
            continue
        aspect = problem.problem_class.aspect if problem.problem_class_id else None
        groups.setdefault(aspect.pk if aspect else None, []).append(problem)
    aspects = {
        p.problem_class.aspect_id: p.problem_class.aspect for p in problems if p.problem_class_id
    }
    order = sorted(
        groups,
        key=lambda pk: (
            (1, 0, 0, 0) if pk is None else (0, aspects[pk].focus.order, aspects[pk].order, pk)
        ),
    )
    issues = [
        FeedbackIssue(
            assignment=assignment,
            number=number,
            aspect=aspects.get(pk),
            title=aspects[pk].name if pk else _("其他问题"),
            ledger_mode=IssueLedgerMode.PER_PROBLEM,
        )
        for number, pk in enumerate(order, start=1)
    ]
    issues = bulk_create_with_history(
        issues,
        FeedbackIssue,
        default_user=actor,
        custom_historical_attrs=history_attrs(actor),
    )
    issue_of = dict(zip(order, issues, strict=True))
    bulk_create_with_history(
        [
            FeedbackIssueProblem(problem=problem, issue=issue_of[pk])
            for pk, members in groups.items()
            for problem in members
        ],
        FeedbackIssueProblem,
        default_user=actor,
        custom_historical_attrs=history_attrs(actor),
    )
    return issues


@transaction.atomic
def feedback_issue_create(
    *,
    actor,
    assignment_id: int,
    title: str,
    aspect_id: int | None = None,
    text: str = "",
    ledger_mode: str = IssueLedgerMode.PER_PROBLEM,
) -> FeedbackIssue:
    """A new issue, numbered after the last one."""
    assignment = _editable_assignment(actor, assignment_id, "feedback_issue_edit")
    issue = FeedbackIssue(
        assignment=assignment,
        number=_next_number(assignment.pk),
        aspect=_aspect(aspect_id),
        title=_title(title),
        text=text.strip(),
        ledger_mode=_ledger_mode(ledger_mode),
    )
    save_with_history(issue, actor=actor)
    return issue


@transaction.atomic
def feedback_issue_update(
    *,
    actor,
    issue_id: int,
    title: str,
    aspect_id: int | None = None,
    text: str = "",
    ledger_mode: str = IssueLedgerMode.PER_PROBLEM,
) -> FeedbackIssue:
    """Rename an issue, its 方面, summary and ledger mode."""
    issue = _issue(actor, issue_id)
    issue.title = _title(title)
    issue.aspect = _aspect(aspect_id)
    issue.text = text.strip()
    issue.ledger_mode = _ledger_mode(ledger_mode)
    save_with_history(issue, actor=actor)
    return issue


@transaction.atomic
def feedback_issue_renumber(*, actor, issue_id: int, number: int) -> FeedbackIssue:
    """Move an issue to ``number``; the issues between shift by one, so 1…n stays whole."""
    issue = _issue(actor, issue_id)
    count = FeedbackIssue.objects.filter(assignment_id=issue.assignment_id).count()
    if not isinstance(number, int) or not 1 <= number <= count:
        raise ApplicationError(
            _("反馈问题编号须在1到%(count)s之间。") % {"count": count},
            errors={"number": [_("反馈问题编号须在1到%(count)s之间。") % {"count": count}]},
        )
    order = [i for i in _numbered(issue.assignment_id) if i.pk != issue.pk]
    order.insert(number - 1, issue)
    _write_numbers(actor, order)
    issue.refresh_from_db()
    return issue


@transaction.atomic
def feedback_issue_delete(*, actor, issue_id: int) -> None:
    """Delete an issue; its papers wait to be put in another (or get one each at feedback)."""
    issue = _issue(actor, issue_id)
    assignment_id = issue.assignment_id
    for placement in issue.placements.all():
        placement._history_user = actor
        placement.delete()
    issue._history_user = actor
    issue.delete()
    _write_numbers(actor, _numbered(assignment_id))


@transaction.atomic
def feedback_issue_move_problem(*, actor, problem_id: int, issue_id: int) -> FeedbackIssue:
    """Put a paper under an issue of its assignment (also one left out so far)."""
    assignment, problem = _problem(actor, problem_id, "feedback_issue_edit")
    issue = FeedbackIssue.objects.filter(pk=issue_id, assignment=assignment).first()
    require(issue is not None, _("所选反馈问题不属于该底稿的巡察对象。"), field="issue")
    _place(actor, problem, issue)
    return issue


@transaction.atomic
def feedback_issue_leave_out(*, actor, problem_id: int, reason: str) -> FeedbackIssueProblem:
    """Keep a paper behind a sealed clue out of the feedback (and so out of the ledger)."""
    _assignment, problem = _problem(actor, problem_id, "feedback_issue_leave_out")
    reason = (reason or "").strip()
    require(bool(reason), _("请写明不予反馈的理由。"), field="reason")
    require(
        problem.pk in sealed_problem_ids([problem.pk]),
        _("只有涉及未办结问题线索的底稿可以不予反馈。"),
        field="problem",
    )
    require(
        not hasattr(problem, "rectification_item"),
        _("该底稿已下达立行立改通知，不能不予反馈。"),
        field="problem",
    )
    _place(actor, problem, None, reason)
    return FeedbackIssueProblem.objects.get(problem=problem)


def _numbered(assignment_id: int) -> list[FeedbackIssue]:
    return list(FeedbackIssue.objects.filter(assignment_id=assignment_id).order_by("number"))


def _write_numbers(actor, order: list[FeedbackIssue]) -> None:
    """Number ``order`` 1…n: first out of the way (above n), then in place, so the unique
    number holds at every step; one history row per issue whose number changed."""
    moved = [(issue, n) for n, issue in enumerate(order, start=1) if issue.number != n]
    if not moved:
        return
    offset = max(i.number for i in order) + len(order)
    for issue, n in moved:
        FeedbackIssue.objects.filter(pk=issue.pk).update(number=offset + n)
    for issue, n in moved:
        issue.number = n
        save_with_history(issue, actor=actor)
