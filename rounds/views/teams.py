"""Building a round's teams: a new team with its people, a team's page (members, its
assignments, recusal warnings, adding a member), taking a member off."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from inspection.permissions import can, is_office, reads_all
from inspection.web import perform, screen
from rounds.forms import TeamForm, TeamMemberAddForm, TeamMemberRemoveForm
from rounds.models import Assignment
from rounds.selectors import assignment_recusal_conflicts
from rounds.services import team_create_with_members, team_member_add, team_member_remove
from rounds.services.teams import (
    TEAM_CREATE_WINDOW,
    TEAM_MEMBER_ADD_WINDOW,
    TEAM_MEMBER_REMOVE_WINDOW,
)
from rounds.views.common import membership_or_404, round_or_404, team_or_404, whole_message
from rounds.views.summaries import teams_of


def _posted(request):
    return request.POST if request.method == "POST" else None


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@screen(is_office)
def team_new(request, pk: int):
    inspection_round = round_or_404(request.user, pk)
    _require(can(request.user, "team_create", inspection_round))
    form = TeamForm(_posted(request), inspection_round=inspection_round, actor=request.user)
    if form.is_bound and form.is_valid():
        team = perform(
            request,
            form,
            whole_message(
                form,
                lambda: team_create_with_members(
                    actor=request.user,
                    round_id=inspection_round.pk,
                    number=form.cleaned_data["number"],
                    members=form.people(),
                    note=form.cleaned_data["note"],
                ),
            ),
            success=_("已组建巡察组。"),
        )
        if team:
            return redirect("rounds:team_detail", team.pk)
    return render(
        request,
        "rounds/team_form.html",
        {
            "round": inspection_round,
            "form": form,
            "open": TEAM_CREATE_WINDOW.allows(inspection_round),
        },
    )


@screen(reads_all)
def team_detail(request, pk: int):
    """The team's members and assignments; the office adds members here (POST)."""
    team = team_or_404(request.user, pk)
    inspection_round = team.round
    may_add = can(request.user, "team_member_add", team) and TEAM_MEMBER_ADD_WINDOW.allows(
        inspection_round
    )
    if request.method == "POST":
        _require(can(request.user, "team_member_add", team))
    form = None
    if may_add or request.method == "POST":
        form = TeamMemberAddForm(
            _posted(request),
            team=team,
            actor=request.user,
            may_override=can(request.user, "recusal_override", inspection_round),
        )
    if form is not None and form.is_bound and form.is_valid():
        data = form.cleaned_data
        added = perform(
            request,
            form,
            whole_message(
                form,
                lambda: team_member_add(
                    actor=request.user,
                    team_id=team.pk,
                    user_id=data["user"].pk,
                    role=data["role"],
                    post=data["post"],
                    recusal_override_reason=data.get("recusal_override_reason", ""),
                    note=data["note"],
                ),
            ),
            success=_("已添加巡察组成员。"),
        )
        if added:
            return redirect("rounds:team_detail", team.pk)
    [team] = teams_of(inspection_round, team.pk)
    assignments = list(
        Assignment.objects.filter(team=team)
        .select_related("town", "village", "recusal_overridden_by")
        .order_by("town__code", "village__code")
    )
    conflicts = {}
    if is_office(request.user):  # the members' declared ties are the office's to read
        conflicts = assignment_recusal_conflicts(team=team, assignments=assignments)
    return render(
        request,
        "rounds/team_detail.html",
        {
            "round": inspection_round,
            "team": team,
            "form": form,
            "rows": [{"assignment": a, "conflicts": conflicts.get(a.pk, [])} for a in assignments],
            # Conflicts the office lead has not let through yet.
            "conflict_count": sum(
                1 for a in assignments if a.pk in conflicts and not a.recusal_override_reason
            ),
            "may_remove": can(request.user, "team_member_remove", team)
            and TEAM_MEMBER_REMOVE_WINDOW.allows(inspection_round),
        },
    )


@screen(is_office)
def member_remove(request, pk: int):
    """Confirm, then take a person off their team."""
    membership = membership_or_404(request.user, pk)
    team = membership.team
    _require(can(request.user, "team_member_remove", membership))
    form = TeamMemberRemoveForm(_posted(request))
    if form.is_bound and form.is_valid():
        done = perform(
            request,
            form,
            lambda: team_member_remove(
                actor=request.user, team_member_id=membership.pk, note=form.cleaned_data["note"]
            ),
            success=_("已将%(person)s移出%(team)s。")
            % {"person": membership.user, "team": team.name},
        )
        if done:
            return redirect("rounds:team_detail", team.pk)
    return render(
        request,
        "rounds/member_remove.html",
        {
            "round": team.round,
            "team": team,
            "membership": membership,
            "form": form,
            "open": TEAM_MEMBER_REMOVE_WINDOW.allows(team.round),
        },
    )
