"""What the team's pages share: the role gate, the scoped assignment, the form sent once."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from inspection.permissions import is_inspector, visible
from inspection.web import screen
from rounds.models import Assignment

# The team's pages are the inspectors' (the office follows the same records on its own
# screens); any other role gets 403.
team_screen = screen(is_inspector)


def team_assignment_or_404(user, pk: int) -> Assignment:
    """An assignment of one of ``user``'s teams, else 404 (another team's looks absent)."""
    if not 0 < pk < 2**63:
        raise Http404
    assignments = visible(Assignment, user).select_related("round", "town", "village", "team")
    return get_object_or_404(assignments, pk=pk)


def answer_resend(request, assignment):
    messages.info(request, _("这条记录已经保存过，没有重复登记。"))
    return redirect("findings:team_assignment", pk=assignment.pk)
