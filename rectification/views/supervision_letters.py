"""督办函 / 提示函 screens: the office issues one from an assignment's red (or yellow)
items; the unit signs for it and replies; supervisors and the town's reviewer read them."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection.attachments import evidence_url
from inspection.documents.selectors import documents_panel
from inspection.permissions import (
    can,
    is_officer,
    is_supervisor,
    is_town_reviewer,
    reads_all,
    visible,
)
from inspection.web import Listing, perform, screen, visible_or_404
from rectification.forms.supervision import LetterIssueForm, LetterReplyForm, LetterSignForm
from rectification.models import RectificationItem, SupervisionLetter
from rectification.services import (
    supervision_letter_issue,
    supervision_letter_reply,
    supervision_letter_sign_for,
)
from rectification.services.supervision_letters import REPLY, SIGN_FOR, letter_candidates
from rectification.supervision_choices import LetterKind
from rounds.models import Assignment

PER_PAGE = 50

readers = screen(reads_all | is_supervisor | is_town_reviewer | is_officer)


def letter_rows(user):
    """The letters ``user`` sees, with their place and number of items (no query a row)."""
    return (
        visible(SupervisionLetter, user)
        .select_related("assignment__round", "assignment__town", "assignment__village")
        .annotate(items_count=Count("items"))
    )


@readers
def letter_list(request):
    letters = letter_rows(request.user).order_by("-issued_on", "-pk")
    status = request.GET.get("status") or ""
    if status:
        letters = letters.filter(status=status)
    listing = Listing(request, letters, per_page=PER_PAGE)
    context = {"listing": listing, "status": status, "today": timezone.localdate()}
    return render(request, "rectification/supervision/letter_list.html", context)


def coloured_items(user, assignment):
    """The assignment's open items a letter may cover, red first, each labelled."""
    today = timezone.localdate()
    # The widest kind's items: a 提示函 covers yellow and red, a 督办函 red only.
    assignment_items = visible(RectificationItem, user).filter(problem__assignment=assignment)
    items = list(
        letter_candidates(assignment_items, LetterKind.REMIND, today)
        .select_related("problem", "issue")
        .order_by("deadline", "pk")
    )
    for item in items:
        overdue = (today - item.deadline).days
        colour = _("逾期%(days)s天") % {"days": overdue} if overdue > 0 else _("黄色预警")
        item.red = overdue > 0
        item.choice_label = _("#%(pk)s %(facts)s（整改时限%(deadline)s，%(colour)s）") % {
            "pk": item.pk,
            "facts": item.problem.facts[:40],
            "deadline": f"{item.deadline:%Y-%m-%d}",
            "colour": colour,
        }
    return items


@screen(reads_all)
def letter_new(request, pk: int):
    """生成督办函: the office picks the red (or yellow) items of one assignment."""
    assignment = visible_or_404(Assignment, request.user, pk=pk)
    if not can(request.user, "supervision_letter_issue", assignment):
        raise PermissionDenied
    items = coloured_items(request.user, assignment)
    chosen = request.GET.getlist("item")
    form = LetterIssueForm(request.POST or None, items=items, initial={"items": chosen})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        letter = perform(
            request,
            form,
            lambda: supervision_letter_issue(
                actor=request.user,
                assignment_id=assignment.pk,
                kind=data["kind"],
                item_ids=data["items"],
                requirements=data["requirements"],
            ),
            success=_("已下发函件。"),
        )
        if letter is not None:
            return redirect("rectification:supervision_letter_detail", pk=letter.pk)
    context = {"assignment": assignment, "form": form, "has_items": bool(items)}
    return render(request, "rectification/supervision/letter_new.html", context)


def _letter_for_page(user, pk: int) -> SupervisionLetter:
    items = RectificationItem.objects.select_related("problem", "issue").order_by("deadline", "pk")
    return get_object_or_404(
        letter_rows(user)
        .select_related("issued_by", "signed_for_by", "replied_by")
        .prefetch_related(Prefetch("items", items)),
        pk=pk if 0 < pk < 2**63 else 0,
    )


def _letter_page(request, letter, *, sign_form=None, reply_form=None):
    user = request.user
    may_sign = SIGN_FOR.allows(letter) and can(user, "supervision_letter_sign_for", letter)
    may_reply = REPLY.allows(letter) and can(user, "supervision_letter_reply", letter)
    for item in letter.items.all():
        item.overdue_days = max((letter.issued_on - item.deadline).days, 0)
    context = {
        "letter": letter,
        "sign_form": (sign_form or LetterSignForm()) if may_sign else None,
        "reply_form": (reply_form or LetterReplyForm()) if may_reply else None,
        "reply_url": evidence_url(letter),
        "documents": documents_panel(user, letter),
        "overdue": letter.status != "replied" and letter.reply_due_on < timezone.localdate(),
    }
    return render(request, "rectification/supervision/letter_detail.html", context)


@readers
def letter_detail(request, pk: int):
    return _letter_page(request, _letter_for_page(request.user, pk))


@require_POST
@screen(is_officer)
def letter_sign_for(request, pk: int):
    letter = _letter_for_page(request.user, pk)
    form = LetterSignForm(request.POST)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: supervision_letter_sign_for(
                actor=request.user, letter_id=letter.pk, signed_on=form.cleaned_data["signed_on"]
            ),
            success=_("已签收。"),
        )
        if done:
            return redirect("rectification:supervision_letter_detail", pk=letter.pk)
    return _letter_page(request, letter, sign_form=form)


@require_POST
@screen(is_officer)
def letter_reply(request, pk: int):
    letter = _letter_for_page(request.user, pk)
    form = LetterReplyForm(request.POST, request.FILES)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: supervision_letter_reply(
                actor=request.user,
                letter_id=letter.pk,
                text=form.cleaned_data["text"],
                reply_file=form.cleaned_data["reply_file"][0],
            ),
            success=_("已提交回复。"),
        )
        if done:
            return redirect("rectification:supervision_letter_detail", pk=letter.pk)
    return _letter_page(request, letter, reply_form=form)
