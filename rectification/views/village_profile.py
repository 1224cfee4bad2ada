"""The village profile page (村情画像): one screen per village, for those who work on it.

It opens for the office, leadership, the teams assigned to the village in any round and
the village's rectification contacts, its town and the supervisors of its town
(``inspection.scopes.profile_villages``); anyone else gets a 404, as for a village that
does not exist. ``?assignment=<pk>`` names the assignment whose 自画像 and 预画像 it shows
(the team's and the office's pages link so); else the village's open assignment.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from inspection.audit import access_log_list
from inspection.permissions import can, visible
from inspection.scopes import profile_villages
from inspection.web import perform, screen
from rectification.forms.portraits import PortraitForm
from rectification.village_profile import (
    current_assignment,
    extra_sections,
    portraits,
    previous_assignment,
    previous_ledger,
    profile_records,
    recent_petitions,
    village_assignments,
)
from rounds.choices import PortraitKind
from rounds.models import Assignment, Petition, VillagePortrait
from rounds.portrait_permissions import FILL_ACTIONS
from rounds.services import portrait_save


def _chosen(request) -> int | None:
    value = request.GET.get("assignment", "")
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) < 2**63:
        raise Http404
    return int(value)


@screen()
def village_profile(request, pk: int):
    if not 0 < pk < 2**63:
        raise Http404
    user = request.user
    village = get_object_or_404(profile_villages(user).select_related("town"), pk=pk)
    assignments = village_assignments(village)
    current = current_assignment(assignments, _chosen(request))
    petitions = recent_petitions(user, assignments)
    if petitions:
        access_log_list(
            user=user, model=Petition, shown=len(petitions), where="村情画像", request=request
        )
    context = {
        "village": village,
        **profile_records(user, village),
        "assignments": assignments,
        "current": current,
        "petitions": petitions,
        "ledger": previous_ledger(user, previous_assignment(assignments, current)),
        "portraits": portraits(user, current),
        "extra_sections": extra_sections(user, village, current),
        "can_edit": can(user, "village_profile_edit", village),
    }
    return render(request, "rectification/village_profile.html", context)


@screen()
def village_portrait(request, pk: int, kind: str):
    """Fill the 自画像 (the village's contact) or 预画像 (the town) of assignment ``pk``."""
    if kind not in PortraitKind.values or not 0 < pk < 2**63:
        raise Http404
    assignment = get_object_or_404(
        visible(Assignment, request.user).select_related("round", "village"), pk=pk
    )
    if assignment.village_id is None or not can(request.user, FILL_ACTIONS[kind], assignment):
        raise Http404
    portrait = VillagePortrait.objects.filter(assignment=assignment, kind=kind).first()
    if request.method == "POST":
        form = PortraitForm(request.POST, kind=kind)
        if form.is_valid():
            submit = form.cleaned_data["submit"]
            done = perform(
                request,
                form,
                lambda: portrait_save(
                    actor=request.user,
                    assignment_id=assignment.pk,
                    kind=kind,
                    sections=form.sections(),
                    submit=submit,
                ),
                success=_("已提交。") if submit else _("草稿已保存。"),
            )
            if done:
                target = reverse("rectification:village_profile", args=[assignment.village_id])
                return redirect(f"{target}?assignment={assignment.pk}")
    else:
        form = PortraitForm(initial=portrait.sections if portrait else {}, kind=kind)
    context = {
        "assignment": assignment,
        "kind_label": PortraitKind(kind).label,
        "portrait": portrait,
        "form": form,
    }
    return render(request, "rectification/village_portrait.html", context)
