"""The rectification officer's page of one ledger item, phone first: what the problem is,
the plan, the progress so far, and the two things the officer does — post progress with
evidence, and ask for closing (申请销号). A returned item says why, at the top.

Every POST calls one service (``item_post_progress``, ``item_submit``,
``item_update_plan``), which checks the rules; a refusal comes back next to the form.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection.permissions import can, is_officer
from inspection.web import already_sent, perform, screen
from rectification.choices import ITEM_STATUSES_OPEN, ItemStatus, VerificationResult
from rectification.forms.items import ItemPlanForm, SubmitForm
from rectification.forms.ledger import LedgerProgressForm
from rectification.models import ProgressUpdate
from rectification.services import item_post_progress, item_submit, item_update_plan
from rectification.services.items import PLAN_LOCKED, POST_PROGRESS, SUBMIT
from rectification.submission_permissions import plan_locked
from rectification.views.common import (
    item_for_page,
    mark_deadlines,
    next_judge,
    plan_open,
    refusal_on_form,
)


def officer_actions(user, item) -> dict:
    """What the officer may do with the item now: the rule allows it and the status fits."""
    return {
        "plan": plan_open(user, item),
        "progress": can(user, "item_post_progress", item) and POST_PROGRESS.allows(item),
        "submit": can(user, "item_submit", item) and SUBMIT.allows(item),
    }


def item_page(request, item, *, progress_form=None, submit_form=None):
    """The item's page; a form that came back with errors is passed in bound."""
    actions = officer_actions(request.user, item)
    mark_deadlines([item])
    updates = list(item.progress_updates.all())
    verifications = list(item.verifications.all())
    percent = updates[-1].percent if updates else 0
    # A form that came back keeps its text and its message even when the item has moved
    # on meanwhile (the office took it up): the officer sees why, and loses nothing typed.
    if actions["progress"] and progress_form is None:
        progress_form = LedgerProgressForm(initial={"percent": percent})
    if actions["submit"] and submit_form is None:
        submit_form = SubmitForm()
    evidence_count = sum(len(update.evidence.all()) for update in updates)
    # A failed verification's opinion is the return reason; a plain return has none, and
    # an older failed verification must not be shown as the author of a newer reason.
    failed = [
        v
        for v in verifications
        if v.result == VerificationResult.FAILED and v.note == item.return_reason
    ]
    context = {
        "item": item,
        "classified": item,
        "assignment": item.problem.assignment,
        "actions": actions,
        "progress_form": progress_form,
        "submit_form": submit_form,
        "updates": updates[::-1],
        "verifications": verifications[::-1],
        "last_failed": failed[-1] if failed else None,
        "percent": percent,
        "evidence_count": evidence_count,
        "returned": item.status == ItemStatus.RETURNED,
        "next_judge": next_judge(item),
        "today": timezone.localdate(),
    }
    return render(request, "ledger/item.html", context)


def _officer_item(request, pk: int, action: str | None = None):
    """The item in the officer's unit (404 outside it); 403 if the rule refuses ``action``."""
    item = item_for_page(request.user, pk)
    if action and not can(request.user, action, item):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    return item


@screen(is_officer)
def ledger_item(request, pk: int):
    return item_page(request, _officer_item(request, pk))


@require_POST
@screen(is_officer)
def ledger_progress(request, pk: int):
    """填报整改进展: text, percent and evidence files; the item is then in progress. The
    form sent again (drafts.js, after a lost answer) is answered with the update it saved."""
    item = _officer_item(request, pk, "item_post_progress")
    if already_sent(request, ProgressUpdate, by="author"):
        messages.info(request, _("这条记录已经保存过，没有重复登记。"))
        return redirect("rectification:ledger_item", pk=item.pk)
    form = LedgerProgressForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        done = perform(
            request,
            form,
            lambda: item_post_progress(
                actor=request.user,
                item_id=item.pk,
                text=data["text"],
                percent=data["percent"],
                evidence=data["evidence"],
                submission_token=form.submission_token,
            ),
            success=_("整改进展已填报。"),
        )
        if done:
            return redirect("rectification:ledger_item", pk=item.pk)
    return item_page(request, item, progress_form=form)


@require_POST
@screen(is_officer)
def ledger_submit(request, pk: int):
    """申请销号: the office then verifies the item (or returns it with a reason)."""
    item = _officer_item(request, pk, "item_submit")
    form = SubmitForm(request.POST)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: item_submit(
                actor=request.user, item_id=item.pk, note=form.cleaned_data["note"]
            ),
            success=_("已申请销号，等待%(next)s。") % {"next": next_judge(item)},
        )
        if done:
            return redirect("rectification:ledger_item", pk=item.pk)
    return item_page(request, item, submit_form=form)


@screen(is_officer)
def ledger_plan(request, pk: int):
    """整改方案 of the officer's item. A unit may bring its deadline forward, never move it
    later: the service refuses that, and the refusal is shown next to the deadline."""
    item = _officer_item(request, pk, "item_update_plan")
    if item.status not in ITEM_STATUSES_OPEN:
        messages.info(request, _("条目已申请销号或已销号，不能再修改整改方案。"))
        return redirect("rectification:ledger_item", pk=item.pk)
    if plan_locked(request.user, item):
        messages.info(request, PLAN_LOCKED)
        return redirect("rectification:ledger_item", pk=item.pk)
    if request.method == "POST":
        form = ItemPlanForm(request.POST)
        if form.is_valid():
            done = perform(
                request,
                form,
                refusal_on_form(
                    lambda: item_update_plan(
                        actor=request.user, item_id=item.pk, **form.service_input()
                    ),
                    field="deadline",
                ),
                success=_("整改方案已保存。"),
            )
            if done:
                return redirect("rectification:ledger_item", pk=item.pk)
    else:
        form = ItemPlanForm(initial=ItemPlanForm.initial_of(item, item.milestones.all()))
    return render(request, "ledger/plan.html", {"item": item, "form": form})
