"""回头看 workbench: a look-back assignment's team sees each previous ledger item of its
village (measures, progress, evidence, verification) and marks it 真改 / 假改 / 反弹.
Phone first: the team is on site."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from inspection.permissions import can, is_inspector, reads_all, visible
from inspection.web import perform, screen, visible_or_404
from rectification.forms.look_back import LookBackCheckForm
from rectification.look_back_scope import revisited_condition
from rectification.models import LookBackCheck, ProgressUpdate, RectificationItem, Verification
from rectification.services import look_back_check
from rectification.services.verification import LOOK_BACK_STATUSES_REOPENING
from rounds.choices import RoundMode
from rounds.models import Assignment


def previous_items(user, look_back: Assignment):
    """The items of the village's assignment in the revisited round that ``user`` reads,
    with what the page shows of each, and this look-back's check (if any) as ``checks``."""
    return (
        visible(RectificationItem, user)
        .filter(revisited_condition(look_back))
        .select_related("issue", "problem", "reopened_by_round")
        .prefetch_related(
            Prefetch(
                "progress_updates",
                ProgressUpdate.objects.select_related("author").prefetch_related("evidence"),
            ),
            Prefetch(
                "verifications",
                Verification.objects.select_related("verifier").prefetch_related("evidence"),
            ),
            Prefetch(
                "look_back_checks",
                visible(LookBackCheck, user)
                .filter(assignment=look_back)
                .select_related("checked_by"),
                to_attr="checks",
            ),
        )
        .order_by("issue__number", "pk")
    )


@screen(is_inspector | reads_all)
def look_back_workbench(request, pk: int):
    user = request.user
    assignment = visible_or_404(
        Assignment,
        user,
        pk=pk,
        round__mode=RoundMode.LOOK_BACK,
    )
    may_check = can(user, "look_back_check", assignment) and (
        assignment.round.status in LOOK_BACK_STATUSES_REOPENING
    )
    bound, bound_item = None, None
    if request.method == "POST":
        if not may_check:
            raise PermissionDenied
        bound = LookBackCheckForm(request.POST)
        if bound.is_valid():
            data = bound.cleaned_data
            done = perform(
                request,
                bound,
                lambda: look_back_check(
                    actor=user,
                    assignment_id=assignment.pk,
                    item_id=data["item"],
                    verdict=data["verdict"],
                    note=data["note"],
                    deadline=data["deadline"],
                ),
                success=_("已记录回头看核查结论。"),
            )
            if done is not None:
                return redirect(request.path + f"#item-{data['item']}")
        bound_item = bound.data.get("item")
    items = list(previous_items(user, assignment))
    for item in items:
        item.check = item.checks[0] if item.checks else None
        if may_check and item.check is None:
            mine = bound is not None and str(item.pk) == bound_item
            item.form = bound if mine else LookBackCheckForm(initial={"item": item.pk})
    context = {
        "assignment": assignment,
        "items": items,
        "may_check": may_check,
        "checked": sum(1 for item in items if item.check),
    }
    return render(request, "rectification/look_back.html", context, status=400 if bound else 200)
