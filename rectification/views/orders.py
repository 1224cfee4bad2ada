"""巡中立行立改 screens: the leader issues an order on a village's confirmed problems (phone
first), the team records its 签收 and verifies the fixes on site; the office lists the
orders of a round."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from findings.choices import ProblemStatus
from findings.models import Problem
from inspection.documents.selectors import documents_panel
from inspection.permissions import can, is_inspector, reads_all, visible
from inspection.web import Listing, perform, screen
from rectification.choices import ITEM_STATUSES_ASKED, OrderStatus, VerificationResult
from rectification.forms.orders import OrderIssueForm, OrderSignForm
from rectification.forms.verification import VerifyForm
from rectification.models import ImmediateOrder, RectificationItem
from rectification.selectors import orders_with_outcome, with_outcomes
from rectification.services import immediate_order_issue, immediate_order_sign_for
from rectification.services.orders import (
    ISSUE_WINDOW,
    SIGN_FOR_WINDOW,
    immediate_order_due_on,
    leaving_date,
)
from rectification.services.verification import verify_action
from rectification.views.common import item_for_page
from rectification.views.verification import verify_from_form
from rounds.models import Assignment, InspectionRound

PER_PAGE = 50

team_or_office = screen(is_inspector | reads_all)


def _pk_or_404(pk: int) -> int:
    if not 0 < pk < 2**63:
        raise Http404
    return pk


def _orders(user):
    """The orders ``user`` sees, with their place, outcome and items' problems."""
    return orders_with_outcome(visible(ImmediateOrder, user)).select_related(
        "team", "issued_by", "assignment__round", "assignment__town", "assignment__village"
    )


def orderable_problems(user, assignment):
    """The village's confirmed problems not yet in the ledger (so not yet ordered)."""
    return (
        visible(Problem, user)
        .filter(
            assignment=assignment,
            status=ProblemStatus.CONFIRMED,
            rectification_item__isnull=True,
        )
        .order_by("pk")
    )


@team_or_office
def assignment_orders(request, pk: int):
    """The village's orders; for its team leader while on site, the form issuing one."""
    assignment = get_object_or_404(
        visible(Assignment, request.user).select_related("round", "team", "town", "village"),
        pk=_pk_or_404(pk),
    )
    may_issue = ISSUE_WINDOW.allows(assignment.round) and can(
        request.user, "immediate_order_issue", assignment
    )
    problems = list(orderable_problems(request.user, assignment)) if may_issue else []
    form = None
    if may_issue:
        form = OrderIssueForm(request.POST or None, problems=problems)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            order = perform(
                request,
                form,
                lambda: immediate_order_issue(
                    actor=request.user,
                    assignment_id=assignment.pk,
                    problem_ids=data["problems"],
                    form=data["form"],
                    requirements=data["requirements"],
                ),
                success=_("已下达立行立改通知。"),
            )
            if order is not None:
                return redirect("rectification:order_detail", pk=order.pk)
    elif request.method == "POST":
        raise PermissionDenied
    today = timezone.localdate()
    context = {
        "assignment": assignment,
        "orders": with_outcomes(_orders(request.user).filter(assignment=assignment), today),
        "form": form,
        "has_problems": bool(problems),
        "due_on": immediate_order_due_on(assignment, today),
        "leaving": leaving_date(assignment),
    }
    return render(request, "rectification/orders/assignment.html", context)


def _order_page(request, order, *, sign_form=None):
    user = request.user
    items = list(order.items.all())
    for item in items:
        item.verifiable = item.status in ITEM_STATUSES_ASKED and can(
            user, verify_action(item), item
        )
    may_sign = (
        order.status == OrderStatus.ISSUED
        and SIGN_FOR_WINDOW.allows(order.assignment.round)
        and can(user, "immediate_order_sign_for", order)
    )
    context = {
        "order": with_outcomes([order])[0],
        "classified": order,
        "items": items,
        "sign_form": (sign_form or OrderSignForm()) if may_sign else None,
        "is_team": is_inspector(user),
        # 立行立改通知书: a written order's (an oral one has none).
        "documents": documents_panel(user, order) if order.number else [],
    }
    return render(request, "rectification/orders/detail.html", context)


def _order_for_page(user, pk: int) -> ImmediateOrder:
    items = RectificationItem.objects.select_related(
        "problem__assignment__round", "problem__problem_class", "submitted_by"
    ).order_by("pk")
    return get_object_or_404(
        _orders(user).prefetch_related(Prefetch("items", items)), pk=_pk_or_404(pk)
    )


@screen()
def order_detail(request, pk: int):
    return _order_page(request, _order_for_page(request.user, pk))


@require_POST
@team_or_office
def order_sign_for(request, pk: int):
    order = _order_for_page(request.user, pk)
    form = OrderSignForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = perform(
            request,
            form,
            lambda: immediate_order_sign_for(
                actor=request.user,
                order_id=order.pk,
                signer_name=data["signer_name"],
                signer_post=data["signer_post"],
                signed_on=data["signed_on"],
            ),
            success=_("已登记签收。"),
        )
        if done:
            return redirect("rectification:order_detail", pk=order.pk)
    return _order_page(request, order, sign_form=form)


@team_or_office
def order_item_verify(request, pk: int):
    """现场核验 of an order's item by the team (the office verifies on its own screen)."""
    item = item_for_page(request.user, pk)
    if item.order_id is None:
        raise Http404
    own_submission = item.submitted_by_id == request.user.pk
    if not own_submission and not can(request.user, verify_action(item), item):
        raise PermissionDenied
    form = VerifyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        passed = form.cleaned_data["result"] == VerificationResult.PASSED
        success = _("核验通过，已销号。") if passed else _("核验不通过，已退回。")
        if verify_from_form(request, item, form, success=success):
            return redirect("rectification:order_detail", pk=item.order_id)
    context = {
        "item": item,
        "form": form,
        "own_submission": item.submitted_by_id == request.user.pk,
    }
    return render(request, "rectification/orders/item_verify.html", context)


@screen(reads_all)
def order_list(request):
    """The office's list of the orders, by round (the latest round with orders first)."""
    rounds = list(
        visible(InspectionRound, request.user)
        .filter(assignments__immediate_orders__isnull=False)
        .distinct()
        .order_by("-term__starts_on", "-ordinal")
    )
    try:
        round_id = int(request.GET.get("round") or (rounds[0].pk if rounds else 0))
    except ValueError:
        round_id = 0
    if not 0 < round_id < 2**63:
        round_id = 0  # an id no round has: the list is empty, not an error
    orders = _orders(request.user).filter(assignment__round_id=round_id)
    listing = Listing(request, orders.order_by("assignment__town__code", "issued_at", "pk"))
    context = {
        "rounds": rounds,
        "round_id": round_id,
        "listing": listing,
        "rows": with_outcomes(listing.rows),
    }
    return render(request, "rectification/orders/list.html", context)
