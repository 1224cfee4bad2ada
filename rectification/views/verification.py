"""The office's verification queue (整改核验): items asking to be closed, oldest first, and
the page that verifies one (核验销号) or returns it (退回)."""

from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection.permissions import is_office
from inspection.web import Listing, perform, screen
from rectification.choices import ITEM_STATUSES_ASKED, ItemStatus, VerificationResult
from rectification.forms.filters import QueueFilterSet
from rectification.forms.verification import ReturnForm, VerifyForm
from rectification.permissions import needs_town_review
from rectification.selectors import ready_for_verification_condition
from rectification.services import item_return, item_verify
from rectification.views.common import (
    item_for_page,
    item_rows,
    kept_query,
    problem_link,
    refusal_on_form,
)

PER_PAGE = 30


def waiting_items(user):
    """The items asking to be closed that the office may judge (a village's once its town
    has first-reviewed it), oldest request first, with their evidence count."""
    return (
        item_rows(user)
        .filter(ready_for_verification_condition())
        .annotate(evidence_count=Count("progress_updates__evidence", distinct=True))
        .order_by("submitted_at", "pk")
    )


@screen(is_office)
def verification_queue(request):
    listing = Listing(request, waiting_items(request.user), QueueFilterSet, PER_PAGE)
    now = timezone.now()
    rows = list(listing.rows)
    for item in rows:
        item.waiting_days = (now - item.submitted_at).days if item.submitted_at else 0
    context = {"listing": listing, "rows": rows, "next_item": rows[0] if rows else None}
    return render(request, "rectification/verification_queue.html", context)


def verify_page(request, item, *, verify_form=None, return_form=None):
    context = {
        "item": item,
        "assignment": item.problem.assignment,
        "problem_url": problem_link(request.user, item),
        "waiting": item.status in ITEM_STATUSES_ASKED,
        "awaiting_town": item.status == ItemStatus.SUBMITTED and needs_town_review(item),
        "own_submission": item.submitted_by_id == request.user.pk,
        "verify_form": verify_form or VerifyForm(),
        "return_form": return_form or ReturnForm(),
        "back": kept_query(request.POST.get("back") or request.GET.urlencode()),
    }
    return render(request, "rectification/item_verify.html", context)


def back_to_queue(request):
    """The queue, with the filters it had when the item was opened from it."""
    query = kept_query(request.POST.get("back", ""))
    return redirect(reverse("rectification:verification_queue") + (f"?{query}" if query else ""))


def place_of(item) -> str:
    return f"{item.problem.assignment.target_name} · #{item.pk}"


@screen(is_office)
def item_verify_view(request, pk: int):
    """GET: the item's request with the two forms; POST: verify it."""
    item = item_for_page(request.user, pk)
    if request.method != "POST":
        return verify_page(request, item)
    form = VerifyForm(request.POST, request.FILES)
    if form.is_valid():
        passed = form.cleaned_data["result"] == VerificationResult.PASSED
        success = (
            _("核验通过，已销号：%(item)s。") if passed else _("核验不通过，已退回：%(item)s。")
        ) % {"item": place_of(item)}
        if verify_from_form(request, item, form, success=success):
            return back_to_queue(request)
    return verify_page(request, item, verify_form=form)


def verify_from_form(request, item, form, *, success: str):
    """``item_verify`` with a valid ``VerifyForm``'s data; its refusals go on the form.
    The office's page and the team's on-site page both verify this way."""
    data = form.cleaned_data
    return perform(
        request,
        form,
        refusal_on_form(
            lambda: item_verify(
                actor=request.user,
                item_id=item.pk,
                method=data["method"],
                result=data["result"],
                satisfaction=data["satisfaction"],
                note=data["note"],
                evidence=data["evidence"],
            )
        ),
        success=success,
    )


@require_POST
@screen(is_office)
def item_return_view(request, pk: int):
    item = item_for_page(request.user, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        done = perform(
            request,
            form,
            refusal_on_form(
                lambda: item_return(
                    actor=request.user, item_id=item.pk, reason=form.cleaned_data["reason"]
                )
            ),
            success=_("已退回责任单位：%(item)s。") % {"item": place_of(item)},
        )
        if done:
            return back_to_queue(request)
    return verify_page(request, item, return_form=form)
