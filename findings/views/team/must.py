"""The team records a must-list item (必访, 必查, 必看, or a 必谈 with no interviewee
category) met at its village: one button on the village's page, back to the page."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from findings.views.team.common import team_assignment_or_404, team_screen
from inspection.web import perform
from rounds.services.must import must_item_check


@require_POST
@team_screen
def must_check(request, pk: int, item: int):
    assignment = team_assignment_or_404(request.user, pk)
    form = forms.Form(data={})
    form.is_valid()
    done = perform(
        request,
        form,
        lambda: must_item_check(actor=request.user, assignment_id=assignment.pk, item_id=item),
    )
    if done is not None:
        messages.success(request, _("已登记完成：%(item)s。") % {"item": done.item.label})
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("findings:team_assignment", assignment.pk)
