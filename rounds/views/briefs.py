"""A village's 个性监督清单 and 谈话提纲: the team drafts and edits them (on a phone too), the
office and the leading group read and print them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection.documents.selectors import documents_panel
from inspection.permissions import can, is_inspector, reads_all
from inspection.web import perform, screen
from rounds.models import AssignmentBrief
from rounds.request_choices import BriefKind
from rounds.request_forms import BriefForm
from rounds.services.briefs import BRIEF_WINDOW, assignment_brief_draft, assignment_brief_save
from rounds.views.common import assignment_or_404

readers = screen(reads_all | is_inspector)
DOCUMENT_KIND = {
    BriefKind.CHECKLIST: "supervision_checklist",
    BriefKind.OUTLINE: "interview_outline",
}


def _page(request, assignment, kind: str, *, form=None):
    user = request.user
    brief = AssignmentBrief.objects.filter(assignment=assignment, kind=kind).first()
    open_ = BRIEF_WINDOW.allows(assignment.round)
    may_edit = open_ and can(user, "assignment_brief_save", assignment)
    if brief is not None and may_edit and form is None:
        form = BriefForm(sections=brief.sections)
    code = DOCUMENT_KIND[kind]
    other = BriefKind.OUTLINE if kind == BriefKind.CHECKLIST else BriefKind.CHECKLIST
    panels = [panel for panel in documents_panel(user, assignment) if panel.kind.code == code]
    context = {
        "assignment": assignment,
        "round": assignment.round,
        "kind": kind,
        "kind_label": BriefKind(kind).label,
        "other_kind": other,
        "brief": brief,
        "draft_url": reverse(f"rounds:assignment_{kind}_draft", args=[assignment.pk]),
        "other_url": reverse(f"rounds:assignment_{other}", args=[assignment.pk]),
        "form": form if may_edit else None,
        "may_draft": open_
        and assignment.village_id is not None
        and can(user, "assignment_brief_draft", assignment),
        "documents": panels if brief is not None else [],
    }
    return render(request, "rounds/briefs/brief.html", context)


@readers
def assignment_brief(request, pk: int, kind: str):
    """The brief as it reads now; for the team, the editor (POST saves it)."""
    assignment = assignment_or_404(request.user, pk)
    if request.method != "POST":
        return _page(request, assignment, kind)
    brief = AssignmentBrief.objects.filter(assignment=assignment, kind=kind).first()
    if brief is None or not can(request.user, "assignment_brief_save", assignment):
        raise PermissionDenied
    form = BriefForm(request.POST, sections=brief.sections)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: assignment_brief_save(
                actor=request.user,
                brief_id=brief.pk,
                sections=form.sections(),
                note=form.cleaned_data["note"],
            ),
            success=_("已保存。"),
        )
        if done:
            return redirect(f"rounds:assignment_{kind}", assignment.pk)
    return _page(request, assignment, kind, form=form)


@require_POST
@readers
def assignment_brief_draft_view(request, pk: int, kind: str):
    """起草 (or 重新起草, replacing the team's edits: the history keeps them)."""
    assignment = assignment_or_404(request.user, pk)
    form = BriefForm()
    done = perform(
        request,
        form,
        lambda: assignment_brief_draft(
            actor=request.user,
            assignment_id=assignment.pk,
            kind=kind,
            redraft=request.POST.get("redraft") == "1",
        ),
        success=_("已根据监督重点、村情和函调回复起草，请组内讨论修改。"),
    )
    if not done:  # the page may show no form (nothing drafted yet): say it above the page
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect(f"rounds:assignment_{kind}", assignment.pk)
