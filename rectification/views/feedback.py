"""The start of rectification (整改): a confirmation page that says what the ledger holds,
then the service. Feedback, batch by batch, is rectification/views/batches.py.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from inspection.permissions import can, is_office
from inspection.web import perform, screen
from rectification.choices import ItemStatus
from rectification.models import Feedback, RectificationItem
from rectification.services import round_start_rectification
from rectification.services.feedback import (
    START_RECTIFICATION,
)
from rounds.forms import MoveForm
from rounds.views.common import round_or_404, whole_message


def _round_for(request, pk: int, action: str):
    inspection_round = round_or_404(request.user, pk)
    if not can(request.user, action, inspection_round):
        raise PermissionDenied
    return inspection_round


def _run(request, form, action, success):
    return perform(request, form, whole_message(form, action), success=success)


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
