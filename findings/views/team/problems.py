"""The team's problem list for a village: each paper opens on its own page (the
signatures, ``papers``); the leader proposes clues (提出线索) from them."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from findings.choices import ROUND_STATUSES_OPEN_FOR_FINDINGS, ProblemNature, ProblemStatus
from findings.models import Clue, Problem, ProblemFocus
from findings.services import clue_propose
from findings.services.clues import PROBLEM_STATUSES_FOR_CLUES
from findings.taxonomy_fields import taxonomy_filter
from findings.team_forms import ClueProposeForm
from findings.team_selectors import assignment_problems
from findings.views.team.common import (
    team_assignment_or_404,
    team_screen,
)
from inspection.documents.selectors import documents_panel
from inspection.permissions import can, visible
from inspection.web import Listing, already_sent, perform
from rounds.models import Petition

PER_PAGE = 20


class TeamProblemFilterSet(django_filters.FilterSet):
    """The API's problem filters a team needs on one village: status, focus and nature."""

    status = django_filters.ChoiceFilter(choices=ProblemStatus.choices, label=gettext_lazy("状态"))
    focus = taxonomy_filter(ProblemFocus, "problem_class__aspect__focus", gettext_lazy("四个聚焦"))
    nature = django_filters.ChoiceFilter(
        choices=ProblemNature.choices, label=gettext_lazy("问题性质")
    )

    class Meta:
        model = Problem
        fields = ("status", "focus", "nature")


@team_screen
def problem_list(request, pk: int):
    assignment = team_assignment_or_404(request.user, pk)
    listing = Listing(
        request, assignment_problems(request.user, assignment), TeamProblemFilterSet, PER_PAGE
    )
    at_work = assignment.round.status in ROUND_STATUSES_OPEN_FOR_FINDINGS
    return render(
        request,
        "team/problems.html",
        {
            "title": _("%(place)s的问题") % {"place": assignment.target_name},
            "classified": Problem,
            "assignment": assignment,
            "listing": listing,
            "may_propose": at_work and can(request.user, "clue_propose", assignment),
            "may_record": at_work and can(request.user, "problem_record", assignment),
            "draft": ProblemStatus.DRAFT,
            "clue_sources": PROBLEM_STATUSES_FOR_CLUES,
            # 底稿汇编: the village's signed papers in one document.
            "documents": documents_panel(request.user, assignment),
        },
    )


@team_screen
def clue_new(request, pk: int):
    assignment = team_assignment_or_404(request.user, pk)
    if not can(request.user, "clue_propose", assignment):
        raise PermissionDenied(_("只有本组组长可以提出问题线索。"))
    sources = {
        "problems": visible(Problem, request.user)
        .filter(assignment=assignment, status__in=PROBLEM_STATUSES_FOR_CLUES)
        .select_related("problem_class")  # each box reads str(problem): its class's name
        .order_by("-created_at", "-id"),
        "petitions": visible(Petition, request.user)
        .filter(assignment=assignment)
        .order_by("-received_at", "-id"),
    }
    if request.method == "POST":
        if already_sent(request, Clue, by="proposed_by"):
            messages.info(request, _("这条线索已经提出过，没有重复提交。"))
            return redirect("findings:team_problem_list", pk=assignment.pk)
        form = ClueProposeForm(request.POST, **sources)
        if form.is_valid():
            clue = perform(
                request,
                form,
                lambda: clue_propose(
                    actor=request.user, assignment_id=assignment.pk, **form.service_kwargs()
                ),
                success=_("线索已提出，待巡察办审批。"),
            )
            if clue:
                return redirect("findings:team_problem_list", pk=assignment.pk)
    else:
        chosen = [value for value in request.GET.getlist("problem") if value.isdigit()]
        form = ClueProposeForm(initial={"problem_ids": chosen}, **sources)
    return render(
        request,
        "team/clue_form.html",
        {
            "title": _("提出问题线索"),
            "classified": Clue,
            "assignment": assignment,
            "form": form,
            "is_open": assignment.round.status in ROUND_STATUSES_OPEN_FOR_FINDINGS,
            "draft_key": f"team:clue:{assignment.pk}:{request.user.pk}",
        },
    )
