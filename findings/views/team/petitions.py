"""转为问题 on the team's pages: the leader confirms the facts before the problem exists.

The page shows the petition as the team reads it (reporter included) beside a form whose
facts start as the masked draft (``petition_problem_draft``): the reporter's name and
contacts taken out, what was taken out listed. Nothing is saved until the leader sends
the form; the service then refuses facts that still name or reach the reporter.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from findings.selectors import petition_problem_draft
from findings.services import petition_dispose
from findings.team_forms import PetitionProblemForm
from findings.views.team.common import team_screen
from inspection.errors import ConflictError, NotFoundError, PermissionDeniedError
from inspection.permissions import visible
from inspection.web import perform
from rounds.choices import PetitionDisposition
from rounds.models import Assignment, PetitionPhoto


def _draft_or_refusal(request, pk: int):
    """The draft, or the page's answer: 404 out of scope, 403 not the leader, and for a
    petition already disposed of (or a round past reporting) the reason, shown."""
    if not 0 < pk < 2**63:
        raise Http404
    try:
        return petition_problem_draft(user=request.user, petition_id=pk, request=request), None
    except NotFoundError as error:
        raise Http404(error.message) from error
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from error
    except ConflictError as error:
        return None, error.message


def _assignments(user, petition):
    """For a petition about no village yet, the round's assignments the user may choose."""
    if petition.assignment_id:
        return None
    return (
        visible(Assignment, user)
        .filter(round_id=petition.round_id)
        .select_related("town", "village")
        .order_by("town__name", "village__name")
    )


@team_screen
def petition_to_problem(request, pk: int):
    draft, refusal = _draft_or_refusal(request, pk)
    if draft is None:
        return render(request, "team/petition_problem.html", {"refusal": refusal})
    petition = draft.petition
    assignments = _assignments(request.user, petition)
    if request.method == "POST":
        form = PetitionProblemForm(request.POST, assignments=assignments)
        if form.is_valid() and perform(
            request,
            form,
            lambda: petition_dispose(
                actor=request.user,
                petition_id=petition.pk,
                disposition=PetitionDisposition.TO_PROBLEM,
                **form.service_kwargs(),
            ),
            success=_("信访件已转为问题底稿（草稿），待提交复核。"),
        ):
            petition.refresh_from_db()
            return redirect("findings:team_problem_list", pk=petition.assignment_id)
    else:
        form = PetitionProblemForm(initial={"facts": draft.facts}, assignments=assignments)
    return render(
        request,
        "team/petition_problem.html",
        {
            "title": _("信访件转为问题"),
            "petition": petition,
            "assignment": petition.assignment,
            "draft": draft,
            "form": form,
            # Photos sent with a 码上巡 report, each through the logged download.
            "photos": visible(PetitionPhoto, request.user).filter(petition=petition),
        },
    )
