"""The 底稿 on the team's phones: one paper with its facts, materials and signatures and
the buttons its reader may press (submit, review, sign, return with a reason); the queue
of papers awaiting the reader (the deputy's review, the leader's signature, the member's
returned drafts); and the change of a draft."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from findings.choices import ROUND_STATUSES_OPEN_FOR_FINDINGS, ProblemStatus
from findings.paper_selectors import paper_for, paper_materials, signature_queues
from findings.services import (
    problem_return,
    problem_review,
    problem_sign,
    problem_submit,
    problem_update,
)
from findings.services.problems import LINKS
from findings.services.signatures import missing_for_submission
from findings.team_forms import ProblemEditForm, ReturnForm
from findings.views.common import scoped_get_or_404
from findings.views.team.common import team_screen
from findings.views.team.records import problem_form_kwargs
from inspection.documents.selectors import documents_panel
from inspection.permissions import can
from inspection.web import perform
from rounds.membership import has_other_deputy


@dataclass(frozen=True)
class Signature:
    """One button of a paper: the service it calls and what the page says."""

    slug: str
    action: str
    status: str
    button: Any
    success: Any
    service: Any


SIGNATURES = (
    Signature(
        "submit",
        "problem_submit",
        ProblemStatus.DRAFT,
        gettext_lazy("提交复核"),
        gettext_lazy("底稿已提交，待副组长复核。"),
        problem_submit,
    ),
    Signature(
        "review",
        "problem_review",
        ProblemStatus.SUBMITTED,
        gettext_lazy("复核通过"),
        gettext_lazy("已复核，待组长审签。"),
        problem_review,
    ),
    Signature(
        "sign",
        "problem_sign",
        ProblemStatus.REVIEWED,
        gettext_lazy("审签"),
        gettext_lazy("底稿已审签。"),
        problem_sign,
    ),
)
BY_SLUG = {signature.slug: signature for signature in SIGNATURES}


def _paper_or_404(user, pk: int):
    return scoped_get_or_404(paper_for(user), pk)


def _page(request, problem, *, return_form=None):
    open_ = problem.assignment.round.status in ROUND_STATUSES_OPEN_FOR_FINDINGS
    user = request.user
    buttons = [
        s
        for s in SIGNATURES
        if open_ and problem.status == s.status and can(user, s.action, problem)
    ]
    may_return = (
        open_
        and problem.status in (ProblemStatus.SUBMITTED, ProblemStatus.REVIEWED)
        and can(user, "problem_return", problem)
    )
    return render(
        request,
        "team/paper.html",
        {
            "title": problem.number,
            "classified": problem,
            "assignment": problem.assignment,
            "problem": problem,
            "materials": paper_materials(problem),
            # 问题底稿审批单: printed once the paper is submitted.
            "documents": documents_panel(user, problem)
            if problem.status != ProblemStatus.DRAFT
            else [],
            "buttons": buttons,
            "missing": missing_for_submission(problem) if problem.status == "draft" else [],
            "may_edit": open_
            and problem.status == ProblemStatus.DRAFT
            and can(user, "problem_update", problem),
            "return_form": (return_form or ReturnForm()) if may_return else None,
        },
    )


@team_screen
def paper_detail(request, pk: int):
    return _page(request, _paper_or_404(request.user, pk))


def _success(signature: Signature, problem, user) -> str:
    """What the page says once signed; a submitted paper names who reviews it next."""
    if signature.slug == "submit" and not has_other_deputy(problem.assignment.team_id, user.pk):
        return _("底稿已提交，待组长复核。")
    return str(signature.success)


@team_screen
@require_POST
def paper_sign(request, pk: int, slug: str):
    """Submit, review or sign (``slug``); a refusal comes back on the paper's page."""
    problem = _paper_or_404(request.user, pk)
    signature = BY_SLUG[slug]
    form = forms.Form({})  # a carrier for the refusal's message
    form.is_valid()
    done = perform(
        request,
        form,
        lambda: signature.service(actor=request.user, problem_id=problem.pk),
        success=_success(signature, problem, request.user),
    )
    if not done:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("findings:team_paper", pk=problem.pk)


@team_screen
@require_POST
def paper_return(request, pk: int):
    problem = _paper_or_404(request.user, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: problem_return(
                actor=request.user, problem_id=problem.pk, reason=form.cleaned_data["reason"]
            ),
            success=_("底稿已退回起草人。"),
        )
        if done:
            return redirect("findings:team_signatures")
    return _page(request, problem, return_form=form)


@team_screen
def paper_edit(request, pk: int):
    problem = _paper_or_404(request.user, pk)
    assignment = problem.assignment
    extra = problem_form_kwargs(request.user, assignment)
    if request.method == "POST":
        form = ProblemEditForm(request.POST, **extra)
        if form.is_valid() and perform(
            request,
            form,
            lambda: problem_update(
                actor=request.user, problem_id=problem.pk, **form.service_kwargs()
            ),
            success=_("底稿已保存。"),
        ):
            return redirect("findings:team_paper", pk=problem.pk)
    else:
        initial = {name: getattr(problem, name) for name in ProblemEditForm.base_fields}
        for name in LINKS:
            initial[name] = list(getattr(problem, name).all())
        form = ProblemEditForm(initial=initial, **extra)
    return render(
        request,
        "team/record_form.html",
        {
            "title": _("修改底稿 %(number)s") % {"number": problem.number},
            "kind": {"button": _("保存底稿")},
            "assignment": assignment,
            "form": form,
            "is_open": problem.status == ProblemStatus.DRAFT
            and assignment.round.status in ROUND_STATUSES_OPEN_FOR_FINDINGS,
            "draft_key": f"team:paper:{problem.pk}:{request.user.pk}",
        },
    )


@team_screen
def signature_queue(request):
    queues = signature_queues(request.user)
    return render(
        request,
        "team/signatures.html",
        {"title": _("待我签署的底稿"), "queues": queues},
    )
