"""巡察反馈, batch by batch (集中反馈): the round's organisations grouped by town, each
ready or saying why not; the office picks a batch, gives its date, place and 反馈会, then
confirms; and a batch's page with its 反馈会记录.

What stops an organisation is not repeated here: the page reads ``readiness`` and
``feedback_refusals``, the very rules (and messages) ``feedback_batch_give`` applies.
"""

import datetime
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from findings.choices import PROBLEM_STATUSES_BEFORE_FEEDBACK, ProblemStatus
from findings.models import Problem
from inspection.attachments import evidence_url
from inspection.documents.selectors import documents_panel
from inspection.errors import ConflictError
from inspection.forms import DayField
from inspection.permissions import is_office, visible
from inspection.web import perform, screen
from rectification.issue_selectors import ledger_shape
from rectification.models import Feedback, FeedbackBatch
from rectification.services import feedback_batch_give
from rectification.services.feedback import GIVE_FEEDBACK
from rectification.services.feedback_checks import feedback_refusals, readiness
from rectification.views.feedback import _round_for
from rounds.forms import note_field
from rounds.models import Assignment
from rounds.views.common import whole_message


class BatchForm(forms.Form):
    assignments = forms.TypedMultipleChoiceField(
        label=gettext_lazy("反馈对象"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("请选择要反馈的巡察对象。")},
    )
    fed_back_on = DayField(gettext_lazy("反馈日期"), initial=timezone.localdate)
    place = forms.CharField(label=gettext_lazy("反馈地点"), max_length=100, required=False)
    chair = forms.CharField(label=gettext_lazy("反馈会主持人"), max_length=50, required=False)
    members_present = forms.CharField(
        label=gettext_lazy("出席的领导小组成员"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attendance = forms.CharField(
        label=gettext_lazy("参会人员"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("如：镇党委班子成员、各村党组织书记。"),
    )
    letter = forms.CharField(
        label=gettext_lazy("反馈意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("向本批每个巡察对象反馈的意见，可在反馈记录中逐一补充。"),
    )
    note = note_field()

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignments"].choices = choices
        self.fields["fed_back_on"].error_messages["required"] = _("请填写反馈日期。")


class ConfirmForm(forms.Form):
    statement_file = forms.FileField(
        label=gettext_lazy("表态发言（可不上传）"),
        required=False,
        help_text=gettext_lazy("被反馈党组织主要负责人的表态发言稿，PDF或Office文档。"),
    )


@dataclass
class Row:
    assignment: Assignment
    reasons: list[str] = field(default_factory=list)
    fed_back: bool = False

    @property
    def ready(self) -> bool:
        return not self.reasons


def checklist(inspection_round) -> list[tuple[str, list[Row]]]:
    """The round's organisations by town, each with why it may not be fed back now (five
    queries whatever their number)."""
    assignments = list(
        Assignment.objects.filter(round=inspection_round)
        .select_related("town", "village")
        .order_by("town__code", "village__code", "pk")
    )
    reasons = readiness(assignments)
    towns: dict[str, list[Row]] = {}
    for assignment in assignments:
        found = reasons.get(assignment.pk, [])
        towns.setdefault(assignment.town.name, []).append(
            Row(
                assignment=assignment,
                reasons=[error.message for error in found],
                fed_back=any(isinstance(error, ConflictError) for error in found),
            )
        )
    return list(towns.items())


def _days(day: datetime.date, n: int) -> str:
    return (day + datetime.timedelta(days=n)).isoformat()


def batch_preview(assignment_ids, fed_back_on: datetime.date) -> list[str]:
    """What feedback on ``fed_back_on`` to these organisations will do."""
    confirmed = Q(status=ProblemStatus.CONFIRMED)
    unordered = confirmed & Q(rectification_item__isnull=True)
    problems = Problem.objects.filter(
        assignment_id__in=assignment_ids, status__in=PROBLEM_STATUSES_BEFORE_FEEDBACK
    ).aggregate(
        immediate=Count("pk", filter=Q(unordered, fix_immediately=True)),
        time_limited=Count("pk", filter=Q(unordered, fix_immediately=False)),
        ordered=Count("pk", filter=Q(confirmed, rectification_item__isnull=False)),
    )
    facts = [
        _("将向 %(n)d 个巡察对象各作一份巡察反馈，反馈日期 %(date)s。")
        % {"n": len(assignment_ids), "date": fed_back_on.isoformat()},
        _(
            "将生成 %(n)d 条整改台账条目：立行立改 %(immediate)d 条，整改期限 %(im_due)s；"
            "限期整改 %(limited)d 条，整改期限 %(tl_due)s。"
        )
        % {
            "n": problems["immediate"] + problems["time_limited"],
            "immediate": problems["immediate"],
            "im_due": _days(fed_back_on, settings.INSPECTION_IMMEDIATE_DUE_DAYS),
            "limited": problems["time_limited"],
            "tl_due": _days(fed_back_on, settings.INSPECTION_TIME_LIMITED_DUE_DAYS),
        },
        _("整改方案须于 %(plan)s 前报送，整改报告须于 %(report)s 前报送。")
        % {
            "plan": _days(fed_back_on, settings.INSPECTION_PLAN_DUE_DAYS),
            "report": _days(fed_back_on, settings.INSPECTION_REPORT_DUE_DAYS),
        },
    ]
    if problems["ordered"]:
        facts.append(
            _("另有 %(n)d 个问题在巡察期间已下达立行立改通知，其台账条目转入台账，期限不变。")
            % {"n": problems["ordered"]}
        )
    return facts + _issue_facts(assignment_ids)


def _issue_facts(assignment_ids) -> list[str]:
    """How the 反馈问题 prepared for these organisations change the counts above."""
    shape = ledger_shape(
        Problem.objects.filter(assignment_id__in=assignment_ids, status=ProblemStatus.CONFIRMED)
    )
    facts = []
    if shape["left_out"]:
        facts.append(
            _("其中 %(n)d 份底稿涉及未办结线索，不予反馈：不标为“已反馈”，不进入整改台账。")
            % {"n": shape["left_out"]}
        )
    if shape["fewer_items"]:
        facts.append(
            _("按反馈问题建账的底稿合并为一条台账条目，台账条目相应减少 %(n)d 条。")
            % {"n": shape["fewer_items"]}
        )
    return facts


@screen(is_office)
def round_feedback(request, pk: int):
    """分批反馈: the checklist and the batch's meeting; then the confirmation; then
    ``feedback_batch_give``."""
    inspection_round = _round_for(request, pk, "feedback_batch_give")
    towns = checklist(inspection_round)
    choices = [(row.assignment.pk, row.assignment.target_name) for _, rows in towns for row in rows]
    posted = request.method == "POST"
    form = BatchForm(request.POST if posted else None, choices=choices)
    confirm = ConfirmForm(request.POST if posted else None, request.FILES if posted else None)
    context = {
        "round": inspection_round,
        "allowed": GIVE_FEEDBACK.allows(inspection_round),
        "towns": towns,
        "form": form,
        "selected": {int(v) for v in form["assignments"].value() or [] if str(v).isdigit()},
        "batches": inspection_round.feedback_batches.select_related("given_by").annotate(
            organisations=Count("feedbacks")
        ),
    }
    if posted and form.is_valid() and confirm.is_valid():
        data = form.cleaned_data
        chosen = data["assignments"]
        if "confirm" in request.POST:
            batch = perform(
                request,
                form,
                whole_message(
                    form,
                    lambda: feedback_batch_give(
                        actor=request.user,
                        round_id=inspection_round.pk,
                        assignment_ids=chosen,
                        fed_back_on=data["fed_back_on"],
                        place=data["place"],
                        chair=data["chair"],
                        members_present=data["members_present"],
                        attendance=data["attendance"],
                        statement_file=confirm.cleaned_data["statement_file"],
                        letter=data["letter"],
                        note=data["note"],
                    ),
                ),
                success=_("已反馈，整改台账已生成。"),
            )
            if batch:
                return redirect("rectification:feedback_batch_detail", batch.pk)
        else:
            assignments = [
                row.assignment for _, rows in towns for row in rows if row.assignment.pk in chosen
            ]
            refusals = feedback_refusals(
                inspection_round=inspection_round,
                assignments=assignments,
                fed_back_on=data["fed_back_on"],
            )
            context["blockers"] = [refusal.message for refusal in refusals]
            if not refusals:
                context |= {
                    "confirming": True,
                    "confirm": confirm,
                    "chosen": assignments,
                    "facts": batch_preview(chosen, data["fed_back_on"]),
                }
    return render(request, "rectification/feedback_batch.html", context)


@screen()
def feedback_batch_detail(request, pk: int):
    """A batch: its 反馈会, the organisations fed back at it, its 反馈会记录."""
    batch = get_object_or_404(
        visible(FeedbackBatch, request.user).select_related("round", "given_by"), pk=pk
    )
    # Only the organisations the reader sees: a unit's contact finds its own, not the other
    # towns' fed back at the same 反馈会.
    feedbacks = (
        visible(Feedback, request.user)
        .filter(batch=batch)
        .select_related("assignment__town", "assignment__village")
        .order_by("assignment__town__code", "assignment__village__code")
    )
    return render(
        request,
        "rectification/feedback_batch_detail.html",
        {
            "batch": batch,
            "round": batch.round,
            "feedbacks": feedbacks,
            "documents": documents_panel(request.user, batch),
            "statement_url": evidence_url(batch),
        },
    )
