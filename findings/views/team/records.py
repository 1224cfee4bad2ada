"""The short forms that log a village's day: interview, activity, petition, problem.

Each is one screen on a phone; a saved record goes back to the village's page, where the
tracker and the totals show it. A form sent again after a dropped connection is
recognised by its token (stored on the record it saved) and not recorded twice.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from findings.choices import ROUND_STATUSES_OPEN_FOR_FINDINGS
from findings.models import Problem, ProblemBasis
from findings.services import problem_record
from findings.team_forms import ActivityForm, InterviewForm, PetitionForm, ProblemForm
from findings.views.team.common import (
    answer_resend,
    team_assignment_or_404,
    team_screen,
)
from inspection.permissions import visible
from inspection.web import already_sent, perform
from rounds.choices import IntervieweeCategory
from rounds.models import Activity, Interview, Petition, SupervisionItem, TeamMember
from rounds.services import activity_record, interview_record, petition_record
from rounds.services.onsite import ACTIVITY_WINDOW, INTERVIEW_WINDOW, PETITION_WINDOW


@dataclass(frozen=True)
class RecordForm:
    """One kind of record: its model and form, its page's words, whether the round is open
    for it, and the service call."""

    key: str
    model: type
    form_class: type
    title: Any
    button: Any
    success: Any
    is_open: Any  # (round) -> bool
    record: Any  # (actor, assignment, form) -> record
    with_files: bool = False


def _interview(actor, assignment, form):
    return interview_record(actor=actor, assignment_id=assignment.pk, **form.service_kwargs())


def _activity(actor, assignment, form):
    return activity_record(actor=actor, assignment_id=assignment.pk, **form.service_kwargs())


def _petition(actor, assignment, form):
    return petition_record(
        actor=actor,
        round_id=assignment.round_id,
        assignment_id=assignment.pk,
        **form.service_kwargs(),
    )


def _problem(actor, assignment, form):
    return problem_record(actor=actor, assignment_id=assignment.pk, **form.service_kwargs())


INTERVIEW = RecordForm(
    "interview",
    Interview,
    InterviewForm,
    gettext_lazy("登记个别谈话"),
    gettext_lazy("保存谈话"),
    gettext_lazy("谈话已登记。"),
    INTERVIEW_WINDOW.allows,
    _interview,
)
ACTIVITY = RecordForm(
    "activity",
    Activity,
    ActivityForm,
    gettext_lazy("登记走访、座谈、问卷等活动"),
    gettext_lazy("保存活动"),
    gettext_lazy("活动已登记。"),
    ACTIVITY_WINDOW.allows,
    _activity,
)
PETITION = RecordForm(
    "petition",
    Petition,
    PetitionForm,
    gettext_lazy("登记信访举报"),
    gettext_lazy("保存信访件"),
    gettext_lazy("信访件已登记。"),
    PETITION_WINDOW.allows,
    _petition,
)
PROBLEM = RecordForm(
    "problem",
    Problem,
    ProblemForm,
    gettext_lazy("记录问题"),
    gettext_lazy("保存问题"),
    gettext_lazy("问题底稿已保存（草稿）；填写齐全后提交复核。"),
    lambda inspection_round: inspection_round.status in ROUND_STATUSES_OPEN_FOR_FINDINGS,
    _problem,
    with_files=True,
)


def _supervision_items(inspection_round):
    """The items a problem may cite: those the round selected, else every active one."""
    selected = inspection_round.supervision_items.order_by("code")
    if selected.exists():
        return selected
    return SupervisionItem.objects.filter(is_active=True).order_by("code")


def _team_members(assignment) -> list[tuple[int, str]]:
    members = TeamMember.objects.filter(team_id=assignment.team_id).select_related("user")
    return [(member.user_id, str(member.user)) for member in members.order_by("role", "pk")]


def problem_form_kwargs(user, assignment) -> dict:
    """The choices of a paper's form: the round's supervision items, the active 定性依据,
    and the assignment's records ``user`` may link it to."""
    at = {"assignment": assignment}
    petitions = visible(Petition, user).filter(round_id=assignment.round_id)
    return {
        "supervision_items": _supervision_items(assignment.round),
        "bases": ProblemBasis.objects.filter(is_active=True).order_by("title", "id"),
        "links": {
            "interviews": visible(Interview, user).filter(**at).order_by("-held_at", "-id"),
            "activities": visible(Activity, user).filter(**at).order_by("-held_on", "-id"),
            "petitions": petitions.filter(
                Q(assignment__isnull=True) | Q(assignment=assignment)
            ).order_by("-received_at", "-id"),
        },
    }


def _form_kwargs(kind: RecordForm, request, assignment) -> dict:
    if kind is INTERVIEW:
        return {"team_members": _team_members(assignment)}
    if kind is PROBLEM:
        return problem_form_kwargs(request.user, assignment)
    return {}


def _initial(kind: RecordForm, request) -> dict:
    """The interview form starts with the user as an interviewer and the recorder; a
    must-talk button of the tracker opens it on its category."""
    category = request.GET.get("category", "")
    if kind is not INTERVIEW:
        return {}
    people = {"interviewers": [request.user.pk], "recorder": request.user.pk}
    if category in IntervieweeCategory.values:
        return {"interviewee_category": category, **people}
    return people


def record_page(request, pk: int, kind: RecordForm):
    assignment = team_assignment_or_404(request.user, pk)
    extra = _form_kwargs(kind, request, assignment)
    if request.method == "POST":
        if already_sent(request, kind.model):
            return answer_resend(request, assignment)
        form = kind.form_class(request.POST, request.FILES, **extra)
        if form.is_valid():
            saved = perform(
                request,
                form,
                lambda: kind.record(request.user, assignment, form),
                success=str(kind.success),
            )
            if saved:
                return redirect("findings:team_assignment", pk=assignment.pk)
    else:
        form = kind.form_class(initial=_initial(kind, request), **extra)
    return render(
        request,
        "team/record_form.html",
        {
            "title": kind.title,
            "classified": kind.model,
            "kind": kind,
            "assignment": assignment,
            "form": form,
            "is_open": kind.is_open(assignment.round),
            "draft_key": f"team:{kind.key}:{assignment.pk}:{request.user.pk}",
        },
    )


@team_screen
def interview_new(request, pk: int):
    return record_page(request, pk, INTERVIEW)


@team_screen
def activity_new(request, pk: int):
    return record_page(request, pk, ACTIVITY)


@team_screen
def petition_new(request, pk: int):
    return record_page(request, pk, PETITION)


@team_screen
def problem_new(request, pk: int):
    return record_page(request, pk, PROBLEM)
