"""The round's moves that build and open the ledger: feedback (反馈) and the start of
rectification (整改), each a confirmation page that says what will happen, then the
service.

The counts repeat the service's own reading (``round_give_feedback``): the problems of
the round in draft or confirmed; each confirmed problem becomes one ledger item, its
deadline set by whether it is fixed on the spot. What stops feedback is not repeated:
the page lists ``feedback_refusals``, the very rules (and messages) the service applies.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from findings.choices import PROBLEM_STATUSES_BEFORE_FEEDBACK, ProblemStatus
from findings.models import Problem
from inspection.forms import DayField
from inspection.permissions import can, is_office
from inspection.web import perform, screen
from rectification.choices import ItemStatus
from rectification.issue_selectors import ledger_shape
from rectification.models import Feedback, RectificationItem
from rectification.services import round_give_feedback, round_start_rectification
from rectification.services.feedback import (
    GIVE_FEEDBACK,
    START_RECTIFICATION,
    feedback_refusals,
)
from rounds.forms import MoveForm, note_field
from rounds.models import Assignment
from rounds.views.common import round_or_404, whole_message


class FeedbackForm(forms.Form):
    fed_back_on = DayField(gettext_lazy("反馈日期"), required=False)
    letter = forms.CharField(
        label=gettext_lazy("反馈意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("向每个巡察对象反馈的意见，可在反馈记录中逐一补充。"),
    )
    note = note_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["fed_back_on"]
        field.required = True
        field.error_messages["required"] = _("请填写反馈日期。")
        field.initial = timezone.localdate()


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def feedback_preview(inspection_round, fed_back_on: datetime.date) -> tuple[list, list]:
    """(what feedback on ``fed_back_on`` will do, what stops it)."""
    assignments = Assignment.objects.filter(round=inspection_round).count()
    # A problem ordered on site (巡中立行立改) has its item already: it is carried, not built.
    confirmed = Q(status=ProblemStatus.CONFIRMED)
    unordered = confirmed & Q(rectification_item__isnull=True)
    problems = Problem.objects.filter(
        assignment__round=inspection_round,
        status__in=PROBLEM_STATUSES_BEFORE_FEEDBACK,
    ).aggregate(
        immediate=Count("pk", filter=Q(unordered, fix_immediately=True)),
        time_limited=Count("pk", filter=Q(unordered, fix_immediately=False)),
        ordered=Count("pk", filter=Q(confirmed, rectification_item__isnull=False)),
    )
    items = problems["immediate"] + problems["time_limited"]
    immediate_days = settings.INSPECTION_IMMEDIATE_DUE_DAYS
    limited_days = settings.INSPECTION_TIME_LIMITED_DUE_DAYS
    # What stops it is asked of the service's own rules, so the page says what it would.
    refusals = feedback_refusals(inspection_round=inspection_round, fed_back_on=fed_back_on)
    blockers = [refusal.message for refusal in refusals]
    facts = [
        _("将向 %(n)d 个巡察对象各作一份巡察反馈，反馈日期 %(date)s。")
        % {"n": assignments, "date": fed_back_on.isoformat()},
        _(
            "将把 %(n)d 个已审签问题标为“已反馈”，并生成 %(n)d 条整改台账条目："
            "立行立改 %(immediate)d 条，整改期限 %(im_due)s（反馈后 %(im_days)d 天）；"
            "限期整改 %(limited)d 条，整改期限 %(tl_due)s（反馈后 %(tl_days)d 天）。"
        )
        % {
            "n": items,
            "immediate": problems["immediate"],
            "im_due": (fed_back_on + _days(immediate_days)).isoformat(),
            "im_days": immediate_days,
            "limited": problems["time_limited"],
            "tl_due": (fed_back_on + _days(limited_days)).isoformat(),
            "tl_days": limited_days,
        },
        *(
            [
                _(
                    "另有 %(n)d 个已审签问题在巡察期间已下达立行立改通知：一并标为“已反馈”，"
                    "其台账条目连同整改进展转入台账，整改期限不变。"
                )
                % {"n": problems["ordered"]}
            ]
            if problems["ordered"]
            else []
        ),
        _("整改方案须于 %(date)s 前报送（反馈后 %(days)d 天）；")
        % {
            "date": (fed_back_on + _days(settings.INSPECTION_PLAN_DUE_DAYS)).isoformat(),
            "days": settings.INSPECTION_PLAN_DUE_DAYS,
        },
        _("整改报告须于 %(date)s 前报送（反馈后 %(days)d 天）。")
        % {
            "date": (fed_back_on + _days(settings.INSPECTION_REPORT_DUE_DAYS)).isoformat(),
            "days": settings.INSPECTION_REPORT_DUE_DAYS,
        },
        _("整改措施、责任人等由责任单位随后在台账中填写。"),
        *_issue_facts(inspection_round),
    ]
    return facts, blockers


def _issue_facts(inspection_round) -> list[str]:
    """How the 反馈问题 prepared for the round's villages change the counts above."""
    shape = ledger_shape(
        Problem.objects.filter(assignment__round=inspection_round, status=ProblemStatus.CONFIRMED)
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


def _round_for(request, pk: int, action: str):
    inspection_round = round_or_404(request.user, pk)
    if not can(request.user, action, inspection_round):
        raise PermissionDenied
    return inspection_round


def _run(request, form, action, success):
    return perform(request, form, whole_message(form, action), success=success)


@screen(is_office)
def round_feedback(request, pk: int):
    """反馈: confirm (with the counts), then ``round_give_feedback``."""
    inspection_round = _round_for(request, pk, "round_give_feedback")
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = _run(
            request,
            form,
            lambda: round_give_feedback(
                actor=request.user,
                round_id=inspection_round.pk,
                fed_back_on=data["fed_back_on"],
                letter=data["letter"],
                note=data["note"],
            ),
            _("已反馈，整改台账已生成。"),
        )
        if done:
            return redirect("rounds:round_detail", inspection_round.pk)
        inspection_round = round_or_404(request.user, pk)
    allowed = GIVE_FEEDBACK.allows(inspection_round)
    facts, blockers = [], []
    if allowed:
        on = form.cleaned_data.get("fed_back_on") if form.is_bound and form.is_valid() else None
        facts, blockers = feedback_preview(inspection_round, on or timezone.localdate())
    return render(
        request,
        "rectification/feedback_give.html",
        {
            "round": inspection_round,
            "move": {"title": _("巡察反馈"), "button": _("确认反馈并生成整改台账")},
            "allowed": allowed,
            "facts": facts,
            "blockers": blockers,
            "form": form,
        },
    )


def rectification_preview(inspection_round) -> list[str]:
    items = RectificationItem.objects.filter(problem__assignment__round=inspection_round)
    counts = items.aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=ItemStatus.PENDING)),
        first_deadline=Min("deadline"),
    )
    plans = Feedback.objects.filter(assignment__round=inspection_round).aggregate(
        feedbacks=Count("pk"), plan_due=Min("plan_due_on")
    )
    facts = [
        _("本轮次已向 %(n)d 个巡察对象反馈，整改台账共 %(total)d 条，其中待整改 %(pending)d 条。")
        % {"n": plans["feedbacks"], "total": counts["total"], "pending": counts["pending"]},
    ]
    if plans["plan_due"]:
        facts.append(
            _("整改方案最早须于 %(date)s 前报送。") % {"date": plans["plan_due"].isoformat()}
        )
    if counts["first_deadline"]:
        facts.append(
            _("最早的整改期限为 %(date)s；逾期条目将按红黄绿三色预警。")
            % {"date": counts["first_deadline"].isoformat()}
        )
    facts.append(_("转入整改阶段后，由责任单位填报进展、申请销号，巡察办核验。"))
    return facts


@screen(is_office)
def round_rectification_start(request, pk: int):
    """整改: confirm, then ``round_start_rectification``."""
    inspection_round = _round_for(request, pk, "round_start_rectification")
    form = MoveForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        done = _run(
            request,
            form,
            lambda: round_start_rectification(
                actor=request.user, round_id=inspection_round.pk, note=form.cleaned_data["note"]
            ),
            _("巡察轮次已进入整改阶段。"),
        )
        if done:
            return redirect("rounds:round_detail", inspection_round.pk)
        inspection_round = round_or_404(request.user, pk)
    allowed = START_RECTIFICATION.allows(inspection_round)
    return render(
        request,
        "rectification/feedback_start.html",
        {
            "round": inspection_round,
            "move": {"title": _("进入整改阶段"), "button": _("确认进入整改阶段")},
            "allowed": allowed,
            "facts": rectification_preview(inspection_round) if allowed else [],
            "blockers": [],
            "form": form,
        },
    )
