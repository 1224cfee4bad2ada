"""The 反馈问题 page of an assignment: its numbered issues with their 底稿, edited by forms
(a paper moves by choosing its issue), papers behind a sealed clue left out with a reason.
The office and the assignment's team leader edit it until the assignment is fed back;
leadership and the team read it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from findings.choices import PROBLEM_STATUSES_UNSIGNED
from findings.models import ProblemAspect
from inspection.errors import ApplicationError, NotFoundError, PermissionDeniedError
from inspection.permissions import can, is_inspector, reads_all, visible
from inspection.web import screen
from rectification.choices import IssueLedgerMode
from rectification.forms.issues import IssueForm, LeaveOutForm, MoveForm, RenumberForm
from rectification.issue_selectors import (
    issues_of_assignment,
    open_problems_of_assignment,
    sealed_problem_ids,
)
from rectification.models import Feedback, FeedbackIssue
from rectification.services import feedback_issues as services
from rounds.models import Assignment

team_or_office = screen(is_inspector | reads_all)


def _assignment(user, pk: int) -> Assignment:
    if not 0 < pk < 2**63:
        raise Http404
    return get_object_or_404(
        visible(Assignment, user).select_related("round", "team", "town", "village"), pk=pk
    )


@team_or_office
def feedback_issues(request, pk: int):
    assignment = _assignment(request.user, pk)
    fed_back = Feedback.objects.filter(assignment=assignment).exists()
    editable = not fed_back and can(request.user, "feedback_issue_edit", assignment)
    issues = list(issues_of_assignment(assignment.pk, visible(FeedbackIssue, request.user)))
    problems = list(open_problems_of_assignment(assignment.pk))
    sealed = sealed_problem_ids(p.pk for p in problems)
    unplaced, left_out = [], []
    for problem in problems:
        placement = getattr(problem, "feedback_placement", None)
        problem.unsigned = problem.status in PROBLEM_STATUSES_UNSIGNED
        problem.sealed = problem.pk in sealed
        if placement is None:
            unplaced.append(problem)
        elif placement.issue_id is None:
            problem.left_out_reason = placement.left_out_reason
            left_out.append(problem)
    for issue in issues:
        for placement in issue.placed:
            placement.problem.sealed = placement.problem_id in sealed
    context = {
        "assignment": assignment,
        "issues": issues,
        "unplaced": unplaced,
        "left_out": left_out,
        "fed_back": fed_back,
        "editable": editable,
        "per_issue": IssueLedgerMode.PER_ISSUE,
    }
    if editable:
        aspects = ProblemAspect.objects.filter(is_active=True).select_related("focus")
        context["new_form"] = IssueForm(aspects=aspects, prefix="new")
        context["aspects"] = list(aspects)
        context["ledger_modes"] = IssueLedgerMode.choices
    return render(request, "rectification/feedback_issues.html", context)


def _run(request, action, success: str) -> None:
    """Run a service; its refusal is shown on the page (403 / 404 as such)."""
    try:
        action()
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from error
    except NotFoundError as error:
        raise Http404(error.message) from error
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)


def _invalid(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@team_or_office
@require_POST
def feedback_issues_edit(request, pk: int):
    """Every edit of the page posts here with ``op``; back to the page afterwards."""
    assignment = _assignment(request.user, pk)
    user, data, op = request.user, request.POST, request.POST.get("op", "")
    target = data.get("target", "")
    target = int(target) if target.isdigit() and 0 < int(target) < 2**63 else 0
    aspects = ProblemAspect.objects.filter(is_active=True)
    if op == "propose":
        _run(
            request,
            lambda: services.feedback_issues_propose(actor=user, assignment_id=assignment.pk),
            _("已按方面生成反馈问题。"),
        )
    elif op in ("create", "update"):
        form = IssueForm(data, aspects=aspects, prefix="new" if op == "create" else None)
        if not form.is_valid():
            _invalid(request, form)
        else:
            fields = {
                "title": form.cleaned_data["title"],
                "aspect_id": form.cleaned_data["aspect"],
                "text": form.cleaned_data["text"],
                "ledger_mode": form.cleaned_data["ledger_mode"],
            }
            if op == "create":
                _run(
                    request,
                    lambda: services.feedback_issue_create(
                        actor=user, assignment_id=assignment.pk, **fields
                    ),
                    _("已新增反馈问题。"),
                )
            else:
                _run(
                    request,
                    lambda: services.feedback_issue_update(actor=user, issue_id=target, **fields),
                    _("已保存反馈问题。"),
                )
    elif op == "renumber":
        form = RenumberForm(data)
        if not form.is_valid():
            _invalid(request, form)
        else:
            number = form.cleaned_data["number"]
            _run(
                request,
                lambda: services.feedback_issue_renumber(
                    actor=user, issue_id=target, number=number
                ),
                _("已调整编号。"),
            )
    elif op == "delete":
        _run(
            request,
            lambda: services.feedback_issue_delete(actor=user, issue_id=target),
            _("已删除反馈问题。"),
        )
    elif op == "move":
        form = MoveForm(data)
        if not form.is_valid():
            _invalid(request, form)
        else:
            issue_id = form.cleaned_data["issue"]
            _run(
                request,
                lambda: services.feedback_issue_move_problem(
                    actor=user, problem_id=target, issue_id=issue_id
                ),
                _("已调整底稿所属的反馈问题。"),
            )
    elif op == "leave_out":
        form = LeaveOutForm(data)
        if not form.is_valid():
            _invalid(request, form)
        else:
            reason = form.cleaned_data["reason"]
            _run(
                request,
                lambda: services.feedback_issue_leave_out(
                    actor=user, problem_id=target, reason=reason
                ),
                _("该底稿不予反馈。"),
            )
    else:
        messages.error(request, _("无法识别的操作。"))
    return redirect("rectification:feedback_issues", pk=assignment.pk)
