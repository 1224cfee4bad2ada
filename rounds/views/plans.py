"""A round's 工作方案: its versions, the leading group's decisions on it, whether it lets the
round go on site, and the form that records the next decision."""

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from inspection.attachments import evidence_url
from inspection.documents.selectors import documents_panel
from inspection.forms import today_field
from inspection.permissions import can, is_inspector, is_leadership, reads_all, visible
from inspection.web import perform, screen, visible_or_404
from rounds.choices import PlanOutcome
from rounds.models import InspectionRound, WorkPlanDecision
from rounds.services.plans import PLAN_DECIDE_WINDOW, latest_plan, plan_gap, round_plan_decide

READERS = reads_all | is_inspector


class PlanDecisionForm(forms.Form):
    held_on = today_field(
        _lazy("审议日期"), help_text=_lazy("不能早于工作方案生成日期，不能晚于今天。")
    )
    outcome = forms.ChoiceField(label=_lazy("审议结论"), choices=PlanOutcome.choices)
    opinion = forms.CharField(
        label=_lazy("审议意见"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_lazy("提出修改意见的须写明。"),
    )
    minutes = forms.FileField(
        label=_lazy("会议纪要或签批件"),
        required=False,
        help_text=_lazy("巡察办登记时须上传；领导小组成员本人登记即为签批。"),
    )


def _render(request, inspection_round: InspectionRound, form=None):
    decisions = list(
        visible(WorkPlanDecision, request.user)
        .filter(round=inspection_round)
        .select_related("document", "signed_by", "recorded_by")
        .order_by("held_on", "pk")
    )
    may_decide = PLAN_DECIDE_WINDOW.allows(inspection_round) and can(
        request.user, "round_plan_decide", inspection_round
    )
    if form is None and may_decide:
        form = PlanDecisionForm()
    gap = plan_gap(inspection_round) if PLAN_DECIDE_WINDOW.allows(inspection_round) else ""
    return render(
        request,
        "rounds/round_plan.html",
        {
            "round": inspection_round,
            # The minutes link only for those who may download them (not the teams).
            "decisions": [
                (d, evidence_url(d) if reads_all(request.user) else "") for d in decisions
            ],
            "documents": documents_panel(request.user, inspection_round),
            "latest": latest_plan(inspection_round),
            "gap": gap,
            "form": form if may_decide else None,
            "signs": is_leadership(request.user),
            "reads_all": reads_all(request.user),
        },
    )


@screen(READERS)
def round_plan(request, pk: int):
    return _render(request, visible_or_404(InspectionRound, request.user, pk=pk))


@require_POST
@screen(READERS)
def round_plan_decide_view(request, pk: int):
    inspection_round = visible_or_404(InspectionRound, request.user, pk=pk)
    form = PlanDecisionForm(request.POST, request.FILES)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: round_plan_decide(
                actor=request.user,
                round_id=pk,
                held_on=form.cleaned_data["held_on"],
                outcome=form.cleaned_data["outcome"],
                opinion=form.cleaned_data["opinion"],
                minutes=form.cleaned_data.get("minutes"),
            ),
            success=_("已记录领导小组对工作方案的审议。"),
        )
        if done:
            return redirect("rounds:round_plan", pk)
    return _render(request, inspection_round, form=form)
