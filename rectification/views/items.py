"""The ledger items: the office's list (整改台账), an item's page, and the actions the rules
give its reader: the plan, progress, asking to close, reopening, accountability."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Value, When
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection.permissions import (
    can,
    is_office,
    is_officer,
    is_supervisor,
    is_town_reviewer,
    reads_all,
    visible,
)
from inspection.web import Listing, perform, screen
from rectification.choices import ITEM_STATUSES_ASKED, ITEM_STATUSES_OPEN
from rectification.evaluation_selectors import evaluated_assignments
from rectification.forms.accountability import ProposalForm
from rectification.forms.filters import ItemScreenFilterSet
from rectification.forms.items import (
    ItemPlanForm,
    ProgressForm,
    ReopenForm,
    SubmitForm,
)
from rectification.models import RectificationItem
from rectification.permissions import is_item_submitter
from rectification.services import (
    accountability_propose,
    item_post_progress,
    item_reopen,
    item_submit,
    item_update_plan,
)
from rectification.services.items import PLAN_LOCKED, POST_PROGRESS, SUBMIT
from rectification.services.town_review import TOWN_PASS
from rectification.services.verification import REOPEN, VERIFY_PASSED
from rectification.submission_permissions import plan_locked
from rectification.views.common import (
    item_for_page,
    item_rows,
    mark_deadlines,
    next_judge,
    plan_open,
    problem_link,
    refusal_on_form,
)
from rounds.choices import RoundMode
from rounds.models import InspectionRound

PER_PAGE = 30


# Open items first (most urgent deadline on top), then those asking to be closed, then closed.
LEDGER_ORDER = Case(
    When(status__in=ITEM_STATUSES_OPEN, then=Value(0)),
    When(status__in=ITEM_STATUSES_ASKED, then=Value(1)),
    default=Value(2),
)


@screen(reads_all | is_town_reviewer | is_supervisor)
def item_list(request):
    items = item_rows(request.user).order_by(LEDGER_ORDER, "deadline", "pk")
    listing = Listing(request, items, ItemScreenFilterSet, PER_PAGE)
    return render(
        request,
        "rectification/item_list.html",
        {
            "listing": listing,
            "rows": mark_deadlines(listing.rows),
            "classified": RectificationItem,
        },
    )


def look_back_rounds(user, item):
    """The look-back rounds of the item's round the user may reopen it by."""
    return visible(InspectionRound, user).filter(
        mode=RoundMode.LOOK_BACK, revisits_id=item.problem.assignment.round_id
    )


def actions_of(user, item) -> dict:
    """What ``user`` may do with ``item`` now: the rule allows it and the status fits.

    Progress and asking to close are the unit's: their forms are offered to the unit's
    整改联络员 only. The rules also let the office post them (for a unit without a login,
    through the API), but on the page they would invite the office to act as the unit; the
    office's own actions are verifying and returning."""
    assignment = item.problem.assignment
    unit = is_officer(user)
    return {
        "plan": plan_open(user, item),
        "progress": unit and can(user, "item_post_progress", item) and POST_PROGRESS.allows(item),
        "submit": unit and can(user, "item_submit", item) and SUBMIT.allows(item),
        "verify": is_office(user) and VERIFY_PASSED.allows(item),
        "town_review": TOWN_PASS.allows(item) and can(user, "item_town_review", item),
        "own_submission": is_item_submitter(user, item),
        "reopen": can(user, "item_reopen", item) and REOPEN.allows(item),
        "accountability": can(user, "accountability_propose", assignment),
        # 督办函 from a red item (or 提示函 from a yellow one): the office's.
        "supervise": can(user, "supervision_letter_issue", assignment) and item.is_overdue(),
    }


def ledger_url(user) -> str:
    """The ledger list this reader comes from: the office's, or the officer's own."""
    if is_officer(user):
        return reverse("rectification:ledger")
    if not (reads_all(user) or is_town_reviewer(user) or is_supervisor(user)):
        return ""
    return reverse("rectification:item_list")


def item_page(request, item, *, status: int = 200, **bound):
    """The item's page; ``bound`` holds a form that came back with errors."""
    user = request.user
    actions = actions_of(user, item)
    forms = {
        "progress_form": ProgressForm() if actions["progress"] else None,
        "submit_form": SubmitForm() if actions["submit"] else None,
        "reopen_form": None,
        "accountability_form": ProposalForm() if actions["accountability"] else None,
    }
    if actions["reopen"]:
        rounds = look_back_rounds(user, item)
        # Without a look-back round of the item's round there is nothing to reopen it by.
        actions["reopen"] = rounds.exists()
        forms["reopen_form"] = ReopenForm(look_back_rounds=rounds) if actions["reopen"] else None
    forms.update(bound)
    mark_deadlines([item])
    context = {
        "item": item,
        "classified": item,
        "assignment": item.problem.assignment,
        "actions": actions,
        "problem_url": problem_link(user, item),
        "history": item.history.select_related("history_user", "history_api_token").order_by(
            "-history_date"
        ),
        "ledger_url": ledger_url(user),
        "next_judge": next_judge(item),
        # 整改评估与问责 of the item's organisation, for whoever reads that page.
        "evaluation_url": reverse(
            "rectification:assignment_evaluation", args=[item.problem.assignment_id]
        )
        if evaluated_assignments(user).filter(pk=item.problem.assignment_id).exists()
        else "",
        **forms,
    }
    return render(request, "rectification/item_detail.html", context, status=status)


@screen()
def item_detail(request, pk: int):
    return item_page(request, item_for_page(request.user, pk))


def _item_allowing(request, pk: int, action: str):
    """The item for a POST of ``action``: 404 out of scope, 403 if the rule refuses."""
    item = item_for_page(request.user, pk)
    if not can(request.user, action, item):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    return item


@screen()
def item_plan(request, pk: int):
    """整改方案: its own page, as it is the longest form."""
    item = _item_allowing(request, pk, "item_update_plan")
    if plan_locked(request.user, item):
        messages.info(request, PLAN_LOCKED)
        return redirect("rectification:item_detail", pk=item.pk)
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
                return redirect("rectification:item_detail", pk=item.pk)
    else:
        form = ItemPlanForm(initial=ItemPlanForm.initial_of(item, item.milestones.all()))
    context = {"item": item, "form": form, "is_office": is_office(request.user)}
    return render(request, "rectification/item_plan.html", context)


@require_POST
@screen()
def item_progress(request, pk: int):
    item = _item_allowing(request, pk, "item_post_progress")
    form = ProgressForm(request.POST, request.FILES)
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
                note=data["note"],
            ),
            success=_("整改进展已填报。"),
        )
        if done:
            return redirect("rectification:item_detail", pk=item.pk)
    return item_page(request, item, progress_form=form)


@require_POST
@screen()
def item_submit_view(request, pk: int):
    item = _item_allowing(request, pk, "item_submit")
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
            return redirect("rectification:item_detail", pk=item.pk)
    return item_page(request, item, submit_form=form)


@require_POST
@screen()
def item_reopen_view(request, pk: int):
    item = _item_allowing(request, pk, "item_reopen")
    form = ReopenForm(request.POST, look_back_rounds=look_back_rounds(request.user, item))
    if form.is_valid():
        data = form.cleaned_data
        done = perform(
            request,
            form,
            lambda: item_reopen(
                actor=request.user,
                item_id=item.pk,
                look_back_round_id=data["look_back_round"].pk,
                reason=data["reason"],
                deadline=data["deadline"],
            ),
            success=_("条目已重新打开（反弹回潮）。"),
        )
        if done:
            return redirect("rectification:item_detail", pk=item.pk)
    return item_page(request, item, reopen_form=form)


@require_POST
@screen()
def item_accountability(request, pk: int):
    item = item_for_page(request.user, pk)
    if not can(request.user, "accountability_propose", item.problem.assignment):
        raise PermissionDenied(_("您没有权限执行此操作。"))
    form = ProposalForm(request.POST)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: accountability_propose(
                actor=request.user,
                assignment_id=item.problem.assignment_id,
                item_ids=[item.pk],
                **form.cleaned_data,
            ),
            success=_("已提请问责，待决定机关作出决定。"),
        )
        if done:
            return redirect("rectification:item_detail", pk=item.pk)
    return item_page(request, item, accountability_form=form)
