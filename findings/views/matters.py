"""交办事项 and 专题报告 / 巡察建议书 screens: the lists by round (late replies marked),
the office's forms, and each record's page with its documents and the reply form.

The office and leadership read both; a department's liaison reads the matters and
records the department's reply (findings.matter_permissions).
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from findings.choices import MatterStatus, ProblemStatus, ThematicReportKind
from findings.matter_forms import (
    DepartmentMatterForm,
    MatterReplyForm,
    ThematicReplyForm,
    ThematicReportForm,
)
from findings.matter_selectors import matters_with_overdue, reports_with_overdue
from findings.models import DepartmentMatter, Problem, ThematicReport
from findings.services.matters import (
    HANDING_WINDOW,
    department_matter_create,
    department_matter_reply,
    thematic_report_create,
    thematic_report_reply,
)
from findings.views.common import scoped_get_or_404
from inspection.documents.selectors import documents_panel
from inspection.permissions import can, is_liaison, is_office, reads_all, visible
from inspection.web import Listing, perform, screen
from rounds.models import InspectionRound

# Every liaison opens the list (the menu cannot tell the bodies apart): a commission's
# finds it empty and each matter absent (404), as its scope says.
matter_readers = screen(reads_all | is_liaison)


def _rounds(user):
    return list(visible(InspectionRound, user).order_by("-term__starts_on", "-ordinal"))


def _round_id(request, rounds) -> int:
    """The round asked for (``?round=``), else the latest; 0 (no round) when it is not an id."""
    try:
        round_id = int(request.GET.get("round") or (rounds[0].pk if rounds else 0))
    except ValueError:
        return 0
    return round_id if 0 < round_id < 2**63 else 0


def _round_for_new(request) -> InspectionRound:
    rounds = {r.pk: r for r in _rounds(request.user)}
    chosen = rounds.get(_round_id(request, list(rounds.values())))
    if chosen is None:
        raise Http404
    return chosen


def _round_problems(user, inspection_round, *, common=False):
    problems = (
        visible(Problem, user)
        .filter(assignment__round=inspection_round)
        .exclude(status=ProblemStatus.DRAFT)
        .order_by("assignment_id", "sequence", "pk")
    )
    return problems.filter(is_common=True) if common else problems


# ------------------------------------------------------------------------------ matters


@matter_readers
def matter_list(request):
    rounds = _rounds(request.user) if reads_all(request.user) else []
    matters = visible(DepartmentMatter, request.user).select_related(
        "round", "assignment__town", "assignment__village"
    )
    round_id = _round_id(request, rounds) if rounds else None
    if round_id is not None:
        matters = matters.filter(round_id=round_id)
    matters = matters_with_overdue(matters)
    if request.GET.get("overdue") == "true":
        matters = matters.filter(is_overdue=True)
    listing = Listing(request, matters)
    context = {
        "rounds": rounds,
        "round_id": round_id,
        "listing": listing,
        "may_create": can(request.user, "department_matter_create"),
        "overdue_only": request.GET.get("overdue") == "true",
    }
    return render(request, "findings/matters/list.html", context)


@screen(is_office)
def matter_new(request):
    inspection_round = _round_for_new(request)
    form = DepartmentMatterForm(
        request.POST or None, problems=_round_problems(request.user, inspection_round)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        matter = perform(
            request,
            form,
            lambda: department_matter_create(
                actor=request.user,
                round_id=inspection_round.pk,
                department=data["department"],
                letter_number=data["letter_number"],
                summary=data["summary"],
                handed_on=data["handed_on"],
                reply_due_on=data["reply_due_on"],
                problem_ids=data["problem_ids"],
            ),
            success=_("已登记交办事项。"),
        )
        if matter is not None:
            return redirect("findings:matter_detail", pk=matter.pk)
    context = {
        "round": inspection_round,
        "form": form,
        "open": HANDING_WINDOW.allows(inspection_round),
    }
    return render(request, "findings/matters/new.html", context)


def _matter_page(request, matter, *, form=None):
    may_reply = matter.status == MatterStatus.HANDED_ON and can(
        request.user, "department_matter_reply", matter
    )
    context = {
        "matter": matter,
        "problems": list(
            visible(Problem, request.user).filter(department_matters=matter).order_by("pk")
        ),
        # No kind prints a matter yet; a county's 交办函 registered later shows here.
        "documents": documents_panel(request.user, matter),
        "reply_form": (form or MatterReplyForm()) if may_reply else None,
    }
    return render(request, "findings/matters/detail.html", context)


def _matter_for_page(user, pk: int) -> DepartmentMatter:
    matters = visible(DepartmentMatter, user).select_related(
        "round", "assignment__town", "assignment__village", "created_by", "replied_by"
    )
    return scoped_get_or_404(matters_with_overdue(matters), pk)


@matter_readers
def matter_detail(request, pk: int):
    matter = _matter_for_page(request.user, pk)
    if request.method != "POST":
        return _matter_page(request, matter)
    form = MatterReplyForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        done = perform(
            request,
            form,
            lambda: department_matter_reply(
                actor=request.user,
                matter_id=matter.pk,
                replied_on=data["replied_on"],
                reply=data["reply"],
                reply_file=data["reply_file"],
            ),
            success=_("已登记回复。"),
        )
        if done:
            return redirect("findings:matter_detail", pk=matter.pk)
    return _matter_page(request, matter, form=form)


# ---------------------------------------------------------------------- thematic reports


@screen(reads_all)
def thematic_list(request):
    rounds = _rounds(request.user)
    round_id = _round_id(request, rounds)
    reports = reports_with_overdue(
        visible(ThematicReport, request.user).filter(round_id=round_id).select_related("round")
    )
    context = {
        "rounds": rounds,
        "round_id": round_id,
        "listing": Listing(request, reports),
        "may_create": can(request.user, "thematic_report_create"),
    }
    return render(request, "findings/matters/thematic_list.html", context)


@screen(is_office)
def thematic_new(request):
    inspection_round = _round_for_new(request)
    problems = _round_problems(request.user, inspection_round, common=True)
    form = ThematicReportForm(request.POST or None, problems=problems)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = perform(
            request,
            form,
            lambda: thematic_report_create(
                actor=request.user,
                round_id=inspection_round.pk,
                kind=data["kind"],
                title=data["title"],
                addressee=data["addressee"],
                body=data["body"],
                issued_on=data["issued_on"],
                reply_due_on=data["reply_due_on"],
                problem_ids=data["problem_ids"],
            ),
            success=_("已登记。"),
        )
        if report is not None:
            return redirect("findings:thematic_detail", pk=report.pk)
    context = {
        "round": inspection_round,
        "form": form,
        "open": HANDING_WINDOW.allows(inspection_round),
    }
    return render(request, "findings/matters/thematic_new.html", context)


def _thematic_page(request, report, *, form=None):
    may_reply = (
        report.kind == ThematicReportKind.RECOMMENDATION
        and report.replied_on is None
        and can(request.user, "thematic_report_reply", report)
    )
    context = {
        "report": report,
        "problems": list(
            visible(Problem, request.user).filter(thematic_reports=report).order_by("pk")
        ),
        "documents": documents_panel(request.user, report),
        "reply_form": (form or ThematicReplyForm()) if may_reply else None,
    }
    return render(request, "findings/matters/thematic_detail.html", context)


@screen(reads_all)
def thematic_detail(request, pk: int):
    reports = visible(ThematicReport, request.user).select_related("round", "created_by")
    report = scoped_get_or_404(reports_with_overdue(reports), pk)
    if request.method != "POST":
        return _thematic_page(request, report)
    form = ThematicReplyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = perform(
            request,
            form,
            lambda: thematic_report_reply(
                actor=request.user,
                report_id=report.pk,
                replied_on=data["replied_on"],
                reply=data["reply"],
            ),
            success=_("已登记回复。"),
        )
        if done:
            return redirect("findings:thematic_detail", pk=report.pk)
    return _thematic_page(request, report, form=form)
