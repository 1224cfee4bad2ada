"""乡镇初审: the town party committee's queue of its villages' requests for closing, oldest
first, and the page that passes one on to the office or returns it to the village."""

from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.permissions import is_town_reviewer
from inspection.web import Listing, perform, screen
from rectification.choices import ItemStatus
from rectification.forms.town_review import TownReviewForm
from rectification.models import ProgressUpdate
from rectification.permissions import needs_town_review
from rectification.selectors import awaiting_town_review_condition
from rectification.services import item_town_review
from rectification.views.common import item_for_page, item_rows, problem_link, refusal_on_form

PER_PAGE = 30


def awaiting_items(user):
    """The requests for closing of ``user``'s villages that wait for the town's first review,
    oldest first, with their latest progress percent and evidence count."""
    latest = ProgressUpdate.objects.filter(item=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        item_rows(user)
        .filter(awaiting_town_review_condition())
        .annotate(
            evidence_count=Count("progress_updates__evidence", distinct=True),
            latest_percent=Subquery(latest.values("percent")[:1]),
        )
        .order_by("submitted_at", "pk")
    )


@screen(is_town_reviewer)
def town_review_queue(request):
    listing = Listing(request, awaiting_items(request.user), per_page=PER_PAGE)
    now = timezone.now()
    rows = list(listing.rows)
    for item in rows:
        item.waiting_days = (now - item.submitted_at).days if item.submitted_at else 0
    context = {"listing": listing, "rows": rows, "next_item": rows[0] if rows else None}
    return render(request, "rectification/town_review_queue.html", context)


def review_page(request, item, *, form=None):
    context = {
        "item": item,
        "assignment": item.problem.assignment,
        "problem_url": problem_link(request.user, item),
        "waiting": item.status == ItemStatus.SUBMITTED and needs_town_review(item),
        "form": form or TownReviewForm(),
    }
    return render(request, "rectification/item_town_review.html", context)


@screen(is_town_reviewer)
def item_town_review_view(request, pk: int):
    """GET: the request with its progress and evidence; POST: pass it, or return it."""
    item = item_for_page(request.user, pk)
    if request.method != "POST":
        return review_page(request, item)
    form = TownReviewForm(request.POST)
    if form.is_valid():
        passed = form.cleaned_data["decision"] == TownReviewForm.PASS
        place = f"{item.problem.assignment.target_name} · #{item.pk}"
        success = (
            _("初审通过，已报巡察办核验：%(item)s。")
            if passed
            else _("已退回村(社区)重新整改：%(item)s。")
        ) % {"item": place}
        done = perform(
            request,
            form,
            refusal_on_form(
                lambda: item_town_review(
                    actor=request.user,
                    item_id=item.pk,
                    passed=passed,
                    reason=form.cleaned_data["reason"],
                )
            ),
            success=success,
        )
        if done:
            return redirect(reverse("rectification:town_review_queue"))
    return review_page(request, item, form=form)
