"""The 巡察报告 screens: a round's reports (each organisation, its stage, the decision it
waits for), a report's page (its documents, the decisions so far, the next decision for
whoever records it), and the two POSTs (draft, decide), each calling its one service."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from findings.models import InspectionReport, ReportDecision
from findings.report_forms import ReportDecisionForm
from findings.report_permissions import stage_action
from findings.report_selectors import next_stage, stage_reached
from findings.services import report_draft, report_record_decision
from findings.views.common import scoped_get_or_404
from inspection.attachments import evidence_url
from inspection.documents.selectors import documents_panel
from inspection.permissions import can, is_inspector, reads_all, visible
from inspection.web import perform, screen, visible_or_404
from rounds.models import Assignment, InspectionRound

READERS = reads_all | is_inspector


@dataclass
class ReportRow:
    assignment: Assignment
    report: InspectionReport | None
    reached: str
    waits_for: str
    may_draft: bool


def _decisions():
    return Prefetch(
        "decisions",
        ReportDecision.objects.select_related("signed_by", "recorded_by").order_by("held_on", "id"),
    )


def report_rows(user, inspection_round) -> list[ReportRow]:
    """Each organisation of the round ``user`` sees, with its report's stage; three
    queries whatever the count."""
    assignments = (
        visible(Assignment, user)
        .filter(round=inspection_round)
        .select_related("town", "village", "team", "round")
        .order_by("town__name", "village__name", "pk")
    )
    reports = {
        report.assignment_id: report
        for report in visible(InspectionReport, user)
        .filter(assignment__round=inspection_round)
        .prefetch_related(_decisions())
    }
    rows = []
    for assignment in assignments:
        report = reports.get(assignment.pk)
        if report is None:
            rows.append(
                ReportRow(
                    assignment, None, "", _("起草巡察报告"), can(user, "report_draft", assignment)
                )
            )
            continue
        decisions = report.decisions.all()
        reached, waiting = stage_reached(decisions), next_stage(decisions)
        rows.append(
            ReportRow(
                assignment,
                report,
                reached.label if reached else _("起草中"),
                waiting.label if waiting else _("已完成，可以反馈"),
                False,
            )
        )
    return rows


@screen(READERS)
def round_reports(request, pk: int):
    inspection_round = visible_or_404(InspectionRound, request.user, pk=pk)
    return render(
        request,
        "findings/round_reports.html",
        {
            "round": inspection_round,
            "rows": report_rows(request.user, inspection_round),
            "title": _("巡察报告"),
            "reads_all": reads_all(request.user),
        },
    )


def render_report(request, pk: int, form=None):
    report = scoped_get_or_404(
        visible(InspectionReport, request.user)
        .select_related("assignment__round", "assignment__town", "assignment__village")
        .select_related("assignment__team", "created_by")
        .prefetch_related(_decisions()),
        pk,
    )
    decisions = list(report.decisions.all())
    waiting = next_stage(decisions)
    if form is None and waiting is not None and can(request.user, stage_action(waiting), report):
        form = ReportDecisionForm(waiting)
    return render(
        request,
        "findings/report_detail.html",
        {
            "report": report,
            "classified": report,
            "assignment": report.assignment,
            "title": _("%(unit)s巡察报告") % {"unit": report.assignment.target_name},
            "decisions": [(d, evidence_url(d)) for d in decisions],
            "waiting": waiting,
            "form": form,
            "documents": documents_panel(request.user, report),
            "reads_all": reads_all(request.user),
        },
    )


@screen(READERS)
def report_detail(request, pk: int):
    return render_report(request, pk)


@require_POST
@screen(READERS)
def report_decide(request, pk: int):
    """Record the decision the report waits for; its page again with the form's messages
    when refused."""
    report = scoped_get_or_404(visible(InspectionReport, request.user), pk)
    waiting = next_stage(report.decisions.all())
    if waiting is None:
        messages.error(request, _("书记专题会已听取该巡察报告，审议环节均已完成。"))
        return redirect("findings:report_detail", pk)
    form = ReportDecisionForm(waiting, request.POST, request.FILES)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: report_record_decision(
                actor=request.user,
                report_id=pk,
                stage=waiting,
                held_on=form.cleaned_data["held_on"],
                outcome=form.cleaned_data["outcome"],
                opinion=form.cleaned_data["opinion"],
                minutes=form.cleaned_data.get("minutes"),
            ),
            success=_("已记录%(stage)s。") % {"stage": waiting.label},
        )
        if done:
            return redirect("findings:report_detail", pk)
    return render_report(request, pk, form=form)


@require_POST
@screen(READERS)
def report_draft_view(request, pk: int):
    """Draft the report of assignment ``pk``; to its page, or back to the round's list
    with the refusal."""
    if not 0 < pk < 2**63:
        raise Http404
    assignment = visible_or_404(Assignment, request.user, pk=pk)
    done = perform_plain(request, lambda: report_draft(actor=request.user, assignment_id=pk))
    if done is not None:
        messages.success(request, _("已起草巡察报告，请下载后修改并上传修改稿。"))
        return redirect("findings:report_detail", done.pk)
    return redirect("findings:round_reports", assignment.round_id)


def perform_plain(request, action):
    """``perform`` for a form-less POST: a refusal's message is shown on the next page."""
    form = forms.Form(data={})
    form.is_valid()
    result = perform(request, form, action)
    if result is None:
        for error in form.non_field_errors():
            messages.error(request, error)
    return result
