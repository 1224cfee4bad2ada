"""四个一批 and 问责 on screens: an organisation's page (its 评估表 as the product fills
it, the office's judgements, the proposals of 问责 with the body's decisions, and
第一种形态), and the round's page (every organisation's figures and batch, and the
列入回头看 candidate list)."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inspection.documents.selectors import documents_panel
from inspection.permissions import can, is_office, visible
from inspection.web import perform, screen
from rectification.choices import EvaluationBatch, ProposalStatus
from rectification.evaluation_figures import evaluation_figures, shown
from rectification.evaluation_selectors import (
    evaluated_assignments,
    look_back_candidates,
    with_latest_evaluation,
)
from rectification.forms.accountability import DecisionForm, FirstFormForm, ProposalForm
from rectification.forms.fields import text_field
from rectification.models import (
    AccountabilityProposal,
    Evaluation,
    FirstFormMeasure,
)
from rectification.services import (
    accountability_decide,
    accountability_propose,
    evaluation_record,
    first_form_record,
)
from rectification.services.follow_up import ROUND_STATUSES_EVALUATED
from rounds.choices import RoundMode
from rounds.models import InspectionRound
from rounds.services.assignments import ASSIGNMENT_CREATE_WINDOW


class JudgeForm(forms.Form):
    batch = forms.ChoiceField(
        label=gettext_lazy("评估结果（四个一批）"),
        choices=EvaluationBatch.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("请选择评估结果（四个一批）。")},
    )
    note = text_field(gettext_lazy("评估意见"))


def _assignment(user, pk: int):
    if not 0 < pk < 2**63:
        raise Http404
    return get_object_or_404(
        evaluated_assignments(user).select_related("round", "town", "village", "team"), pk=pk
    )


def _proposals(user, assignment) -> list:
    proposals = list(
        visible(AccountabilityProposal, user)
        .filter(assignment=assignment)
        .select_related("assignment", "proposed_by", "decision__signed_by", "decision__recorded_by")
        .prefetch_related("items")
    )
    for proposal in proposals:
        proposal.can_decide = proposal.status == ProposalStatus.PROPOSED and can(
            user, "accountability_decide", proposal
        )
    return proposals


def evaluation_page(request, assignment, *, status: int = 200, **bound):
    """The organisation's page; ``bound`` holds a form that came back with errors."""
    user = request.user
    round_open = assignment.round.status in ROUND_STATUSES_EVALUATED
    judge = round_open and can(user, "evaluation_record", assignment)
    propose = can(user, "accountability_propose", assignment)
    first_form = can(user, "first_form_record", assignment)
    proposals = _proposals(user, assignment)
    context = {
        "assignment": assignment,
        "round": assignment.round,
        "figures": shown(evaluation_figures([assignment.pk])[assignment.pk]),
        "evaluations": list(
            visible(Evaluation, user).filter(assignment=assignment).select_related("evaluator")
        ),
        "proposals": proposals,
        "first_forms": visible(FirstFormMeasure, user)
        .filter(assignment=assignment)
        .select_related("recorded_by", "item"),
        "judge_form": (JudgeForm() if judge else None),
        "proposal_form": (ProposalForm() if propose else None),
        "first_form_form": (FirstFormForm() if first_form else None),
    }
    for evaluation in context["evaluations"]:
        evaluation.shown = shown(evaluation.figures) if evaluation.figures else None
    # 整改评估表 of the latest judgement (rectification.accountability_documents).
    latest = context["evaluations"][0] if context["evaluations"] else None
    context["latest_evaluation"] = latest
    context["documents"] = documents_panel(user, latest) if latest else []
    bound_decision = bound.pop("decision_form", None)
    for proposal in proposals:
        if proposal.can_decide:
            mine = bound_decision is not None and bound.get("decide_pk") == proposal.pk
            proposal.decide_form = (
                bound_decision if mine else DecisionForm(auto_id=f"id_decide{proposal.pk}_%s")
            )
            proposal.decide_open = mine
    context.update(bound)
    return render(request, "rectification/evaluation.html", context, status=status)


@screen()
def assignment_evaluation(request, pk: int):
    return evaluation_page(request, _assignment(request.user, pk))


def _posted(request, pk: int, action: str):
    if request.method != "POST":
        return None, redirect("rectification:assignment_evaluation", pk=pk)
    assignment = _assignment(request.user, pk)
    if not can(request.user, action, assignment):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    return assignment, None


@screen()
def evaluation_judge(request, pk: int):
    assignment, away = _posted(request, pk, "evaluation_record")
    if away:
        return away
    form = JudgeForm(request.POST)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: evaluation_record(
                actor=request.user, assignment_id=assignment.pk, **form.cleaned_data
            ),
            success=_("已评估，评估表按当前数据保存。"),
        )
        if done:
            return redirect("rectification:assignment_evaluation", pk=assignment.pk)
    return evaluation_page(request, assignment, judge_form=form)


@screen()
def evaluation_propose(request, pk: int):
    assignment, away = _posted(request, pk, "accountability_propose")
    if away:
        return away
    form = ProposalForm(request.POST)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: accountability_propose(
                actor=request.user, assignment_id=assignment.pk, **form.cleaned_data
            ),
            success=_("已提请问责，待决定机关作出决定。"),
        )
        if done:
            return redirect("rectification:assignment_evaluation", pk=assignment.pk)
    return evaluation_page(request, assignment, proposal_form=form)


@screen()
def evaluation_first_form(request, pk: int):
    assignment, away = _posted(request, pk, "first_form_record")
    if away:
        return away
    form = FirstFormForm(request.POST)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: first_form_record(
                actor=request.user, assignment_id=assignment.pk, **form.cleaned_data
            ),
            success=_("第一种形态已登记。"),
        )
        if done:
            return redirect("rectification:assignment_evaluation", pk=assignment.pk)
    return evaluation_page(request, assignment, first_form_form=form)


@screen()
def proposal_decide(request, pk: int):
    if not 0 < pk < 2**63:
        raise Http404
    proposal = get_object_or_404(
        visible(AccountabilityProposal, request.user).select_related("assignment"), pk=pk
    )
    assignment = _assignment(request.user, proposal.assignment_id)
    if request.method != "POST":
        return redirect("rectification:assignment_evaluation", pk=assignment.pk)
    if not can(request.user, "accountability_decide", proposal):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    form = DecisionForm(request.POST, request.FILES)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: accountability_decide(
                actor=request.user, proposal_id=proposal.pk, **form.cleaned_data
            ),
            success=_("问责决定已登记。"),
        )
        if done:
            return redirect("rectification:assignment_evaluation", pk=assignment.pk)
    return evaluation_page(request, assignment, decision_form=form, decide_pk=proposal.pk)


@screen()
def round_evaluations(request, pk: int):
    """The round's organisations, each with its 评估表 and latest batch; and the
    列入回头看 candidates."""
    if not 0 < pk < 2**63:
        raise Http404
    inspection_round = get_object_or_404(visible(InspectionRound, request.user), pk=pk)
    rows = list(
        with_latest_evaluation(evaluated_assignments(request.user).filter(round=inspection_round))
        .select_related("town", "village")
        .order_by("town__code", "village__code", "pk")
    )
    figures = evaluation_figures([row.pk for row in rows])
    batch_labels = dict(EvaluationBatch.choices)
    for row in rows:
        row.figures = shown(figures[row.pk])
        row.latest_batch_label = batch_labels.get(row.latest_batch, "")
    candidates = list(look_back_candidates(request.user, inspection_round.pk))
    context = {
        "round": inspection_round,
        "rows": rows,
        "candidates": candidates,
        "can_create_round": is_office(request.user),
        "new_round_query": urlencode({"mode": RoundMode.LOOK_BACK, "revisits": pk}),
        "look_backs": _look_backs_to_assign(request.user, inspection_round, candidates),
        # A town party committee on the list is not a village: the link ticks none.
        "committees_listed": any(a.village_id is None for a in candidates),
    }
    return render(request, "rectification/round_evaluations.html", context)


def _look_backs_to_assign(user, inspection_round, candidates) -> list[dict]:
    """The 回头看 rounds revisiting this round that still take assignments, each with the
    link that opens their assignment page on the candidates' towns, the candidate
    villages ticked (the office unticks or adds before sending)."""
    if not candidates or not is_office(user):
        return []
    query = urlencode(
        [
            *(("towns", town) for town in sorted({a.town_id for a in candidates})),
            *(("tick", a.village_id) for a in candidates if a.village_id),
        ]
    )
    rounds = visible(InspectionRound, user).filter(
        mode=RoundMode.LOOK_BACK, revisits=inspection_round
    )
    return [
        {
            "round": look_back,
            "href": f"{reverse('rounds:assign_villages', args=[look_back.pk])}?{query}",
        }
        for look_back in rounds.order_by("pk")
        if ASSIGNMENT_CREATE_WINDOW.allows(look_back)
    ]
