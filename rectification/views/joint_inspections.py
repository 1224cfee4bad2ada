"""联合督查 screens: the list of a reader's reach, recording one (the office, or a
supervisor for villages in their reach), and its page; and the supervisor's home."""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.models import Village
from inspection.permissions import (
    can,
    is_office,
    is_officer,
    is_supervisor,
    is_town_reviewer,
    reads_all,
    visible,
)
from inspection.web import Listing, perform, screen
from rectification.forms.supervision import JointInspectionForm
from rectification.models import JointInspection, JointInspectionFinding
from rectification.selectors import items_overdue
from rectification.services import joint_inspection_record
from rectification.supervision_choices import LetterStatus
from rectification.supervision_permissions import village_reach
from rectification.views.common import item_rows
from rectification.views.supervision_letters import letter_rows

PER_PAGE = 50
HOME_ROWS = 10

readers = screen(reads_all | is_supervisor | is_town_reviewer | is_officer)


def inspection_rows(user):
    return (
        visible(JointInspection, user)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("villages", Village.objects.select_related("town")))
        .annotate(findings_count=Count("findings"))
    )


@readers
def joint_inspection_list(request):
    inspections = inspection_rows(request.user).order_by("-inspected_on", "-pk")
    context = {
        "listing": Listing(request, inspections, per_page=PER_PAGE),
        "may_record": can(request.user, "joint_inspection_record"),
    }
    return render(request, "rectification/supervision/inspection_list.html", context)


@screen(is_office | is_supervisor)
def joint_inspection_new(request):
    villages = Village.objects.filter(village_reach(request.user)).select_related("town")
    villages = villages.order_by("town__code", "code")
    form = JointInspectionForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recorded = perform(
            request,
            form,
            lambda: joint_inspection_record(
                actor=request.user,
                inspected_on=data["inspected_on"],
                village_ids=data["villages"],
                office_members=data["office_members"],
                commission_members=data["commission_members"],
                organisation_members=data["organisation_members"],
                summary=data["summary"],
                findings=form.findings(),
            ),
            success=_("已登记联合督查。"),
        )
        if recorded is not None:
            return redirect("rectification:joint_inspection_detail", pk=recorded.pk)
    return render(request, "rectification/supervision/inspection_new.html", {"form": form})


@readers
def joint_inspection_detail(request, pk: int):
    inspection = get_object_or_404(inspection_rows(request.user), pk=pk if 0 < pk < 2**63 else 0)
    findings = (
        visible(JointInspectionFinding, request.user)
        .filter(inspection=inspection)
        .select_related("item__problem")
        .order_by("pk")
    )
    context = {"inspection": inspection, "findings": findings}
    return render(request, "rectification/supervision/inspection_detail.html", context)


@screen(is_supervisor)
def supervision_home(request):
    """The supervisor's desk: red items of their reach, letters awaiting a reply, and the
    latest joint inspections."""
    today = timezone.localdate()
    red = items_overdue(item_rows(request.user), on=today)
    open_letters = letter_rows(request.user).exclude(status=LetterStatus.REPLIED)
    context = {
        "today": today,
        "red_count": red.count(),
        "red_items": list(red.order_by("deadline", "pk")[:HOME_ROWS]),
        "letters": list(open_letters.order_by("reply_due_on", "pk")[:HOME_ROWS]),
        "inspections": list(inspection_rows(request.user).order_by("-inspected_on", "-pk")[:5]),
        "may_record": can(request.user, "joint_inspection_record"),
    }
    return render(request, "rectification/supervision/home.html", context)
