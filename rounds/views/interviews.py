"""An interview's page (个别谈话): its facts as the reader may read them, and its
documents (谈话记录). The team that held it and the office open it; anyone else in whose
scope it is reads the interviewee masked and the testimony withheld; outside the scope
it is 404, like a missing id. Every opening is written to the access log."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from inspection.documents.selectors import documents_panel
from inspection.errors import NotFoundError
from inspection.permissions import is_inspector
from inspection.web import screen
from rounds.selectors import interview_get_for_user, interviewee_name_for, testimony_for


@require_safe
@screen()
def interview_detail(request, pk: int):
    try:
        interview = interview_get_for_user(user=request.user, interview_id=pk, request=request)
    except NotFoundError as error:
        raise Http404(error.message) from error
    user = request.user
    return render(
        request,
        "rounds/interview_detail.html",
        {
            "title": interview.get_interviewee_category_display(),
            "interview": interview,
            "classified": interview,
            "assignment": interview.assignment,
            "name": interviewee_name_for(user, interview),
            "interviewers": list(interview.interviewers.order_by("pk")),
            "outline": testimony_for(user, interview, "outline"),
            "record": testimony_for(user, interview, "record"),
            "problems_raised": testimony_for(user, interview, "problems_raised"),
            "documents": documents_panel(user, interview),
            # The team came from its village page (findings' team screens): the way back.
            "back_to_village": is_inspector(user),
        },
    )
