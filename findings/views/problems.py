"""Problems for the office: the list with the API's filters, and a problem's page.

The office takes no action on a problem (recording, editing and the three signatures
are the team's: ``findings.services.signatures``), so the list has no bulk action;
its bulk work on findings is approving and transferring clues (see ``clues``).
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from findings.choices import ProblemStatus
from findings.models import Clue, Problem
from findings.paper_selectors import paper_for, paper_materials
from findings.selectors import clue_subjects_seen_by, clue_text_prefetches
from findings.views.common import kept_filters, scoped_get_or_404
from findings.views.filtersets import ProblemScreenFilterSet
from inspection.audit import access_log_list
from inspection.documents.selectors import documents_panel
from inspection.permissions import is_inspector, is_liaison, reads_all, visible
from inspection.web import Listing, screen


@screen(reads_all)
def problem_list(request):
    problems = visible(Problem, request.user).select_related(
        "assignment__round", "assignment__town", "assignment__village", "problem_class"
    )
    listing = Listing(request, problems, ProblemScreenFilterSet)
    return render(
        request,
        "findings/problem_list.html",
        {
            "listing": listing,
            "kept": kept_filters(request, listing),
            "title": _("发现问题"),
            "classified": Problem,
            "drafts": drafts_listed(listing),
        },
    )


def drafts_listed(listing) -> int:
    """How many of the rows listed are drafts: the list shows them, the figure 发现问题 (on
    the dashboard, in the reports) counts problems past draft only, and the page says so.
    0 when the status filter is set (the rows are then all of one status)."""
    filterset = listing.filterset
    if filterset.is_bound and (
        not filterset.is_valid() or filterset.form.cleaned_data.get("status")
    ):
        return 0
    return filterset.qs.filter(status=ProblemStatus.DRAFT).count()


@screen(reads_all | is_liaison | is_inspector)
def problem_detail(request, pk: int):
    problem = scoped_get_or_404(paper_for(request.user).select_related("supervision_item"), pk)
    clues = list(
        visible(Clue, request.user)
        .filter(problems=problem)
        .select_related("assignment")
        .prefetch_related(*clue_text_prefetches())
        .order_by("id")
    )
    if clues:
        access_log_list(
            user=request.user,
            model=Clue,
            shown=len(clues),
            where=_("问题 #%(id)d 的线索") % {"id": pk},
            request=request,
        )
    item, item_url = None, ""
    if reads_all(request.user):
        item = getattr(problem, "rectification_item", None)
        if item is not None:
            item_url = reverse("rectification:item_detail", args=[item.pk])
    return render(
        request,
        "findings/problem_detail.html",
        {
            "problem": problem,
            "title": _("问题 #%(id)d") % {"id": problem.pk},
            # The clues it led to raise the page to theirs.
            "classified": [problem, *clues],
            "evidence": problem.evidence.all(),
            "materials": paper_materials(problem),
            "documents": documents_panel(request.user, problem)
            if problem.status != ProblemStatus.DRAFT
            else [],
            "clues": [(clue, clue_subjects_seen_by(request.user, clue)) for clue in clues],
            "reads_all": reads_all(request.user),
            "item": item,
            "item_url": item_url,
            "round_url": reverse("rounds:round_detail", args=[problem.assignment.round_id]),
            "village_url": (
                reverse("reports:village_detail", args=[problem.assignment.village_id])
                if problem.assignment.village_id
                else ""
            ),
        },
    )
