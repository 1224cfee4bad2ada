"""Assigning villages to a round in bulk, town by town (板块轮动), and handing an
assignment to another team."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from inspection.models import Village
from inspection.permissions import can, is_office, visible
from inspection.web import perform, screen
from rounds.choices import RoundMode
from rounds.forms import AssignmentTeamForm, AssignVillagesForm, TownPickForm
from rounds.models import Assignment
from rounds.selectors import (
    assignment_recusal_conflicts,
    recusal_conflicts,
    town_committee_recusal_conflicts,
)
from rounds.services import assignment_set_team, assignments_create_bulk
from rounds.services.assignments import ASSIGNMENT_CREATE_WINDOW, ASSIGNMENT_SET_TEAM_WINDOW
from rounds.views.common import assignment_or_404, round_or_404, whole_message


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _villages_of(actor, inspection_round, towns):
    """The active villages of ``towns``, each with ``assignment`` (of this round) or None."""
    villages = list(
        visible(Village, actor)
        .filter(town__in=towns, is_active=True)
        .select_related("town")
        .order_by("town__code", "code")
    )
    existing = {
        a.village_id: a
        for a in Assignment.objects.filter(
            round=inspection_round, village__in=villages
        ).select_related("team")
    }
    for village in villages:
        village.assignment = existing.get(village.pk)
    return villages


def _committee_towns(inspection_round, towns, mode) -> list:
    """The towns whose party committee may still become an object (巡乡带村 only: the
    mode chosen, else the round's)."""
    kind = mode.kind if mode is not None else inspection_round.mode
    if kind != RoundMode.TOWN_AND_VILLAGE:
        return []
    taken = Assignment.objects.filter(
        round=inspection_round, town_id=OuterRef("pk"), village__isnull=True
    )
    return list(towns.annotate(taken=Exists(taken)).filter(taken=False))


@screen(is_office)
def assign_villages(request, pk: int):
    """Step one (GET): towns and a team; step two: tick the villages (all ticked), POST."""
    inspection_round = round_or_404(request.user, pk)
    _require(can(request.user, "assignment_create", inspection_round))
    pick = TownPickForm(request.GET or None, inspection_round=inspection_round, actor=request.user)
    context = {
        "round": inspection_round,
        "pick": pick,
        "open": ASSIGNMENT_CREATE_WINDOW.allows(inspection_round),
        "form": None,
    }
    if not (pick.is_bound and pick.is_valid()):
        return render(request, "rounds/assign.html", context)

    towns, team = pick.cleaned_data["towns"], pick.cleaned_data["team"]
    mode = pick.cleaned_data["mode"]
    villages = _villages_of(request.user, inspection_round, towns)
    open_villages = [v for v in villages if v.assignment is None]
    committees = _committee_towns(inspection_round, towns, mode)
    may_override = can(request.user, "recusal_override", inspection_round)
    form = AssignVillagesForm(
        request.POST if request.method == "POST" else None,
        villages=open_villages,
        committee_towns=committees,
        may_override=may_override,
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        created = perform(
            request,
            form,
            whole_message(
                form,
                lambda: assignments_create_bulk(
                    actor=request.user,
                    round_id=inspection_round.pk,
                    village_ids=data["villages"],
                    committee_town_ids=data["committees"],
                    team_id=team.pk if team else None,
                    mode_id=mode.pk if mode else None,
                    recusal_override_reason=data.get("recusal_override_reason", ""),
                    note=data["note"],
                ),
            ),
        )
        if created:
            _say_assigned(request, len(created), team)
            return redirect("rounds:round_detail", inspection_round.pk)

    conflicts, committee_conflicts = {}, {}
    if team is not None:
        conflicts = recusal_conflicts(team=team, villages=open_villages)
        committee_conflicts = town_committee_recusal_conflicts(
            team=team, town_ids=[town.pk for town in committees]
        )
    ticked = _ticked(form, "villages", _preticked(request, [v.pk for v in open_villages]))
    ticked_committees = _ticked(form, "committees", [t.pk for t in committees])
    context |= {
        "form": form,
        "chosen_team": team,
        "chosen_mode": mode,
        "may_override": may_override,
        "groups": _by_town(villages, conflicts, ticked),
        "committees": [
            {
                "town": town,
                "checked": town.pk in ticked_committees,
                "conflicts": committee_conflicts.get(town.pk, []),
            }
            for town in committees
        ],
        "open_count": len(open_villages),
        "conflict_count": len(conflicts) + len(committee_conflicts),
    }
    return render(request, "rounds/assign.html", context)


def _say_assigned(request, created: int, team) -> None:
    if team is not None:
        text = _("已安排 %(count)d 个巡察对象，由%(team)s负责。") % {
            "count": created,
            "team": team.name,
        }
    else:
        text = _("已安排 %(count)d 个巡察对象（尚未指定巡察组）。") % {"count": created}
    messages.success(request, text)


def _preticked(request, open_ids: list[int]) -> list[int]:
    """The villages ticked before the form is sent: those the link named (``tick``: e.g.
    the 列入回头看 list a look-back round starts from) that are still open, else all."""
    named = request.GET.getlist("tick")
    if not named:
        return open_ids
    wanted = _ids(named)
    return [pk for pk in open_ids if pk in wanted]


def _ticked(form, name: str, default: list[int]) -> set[int]:
    """What is ticked: all by default, as sent once the form was posted."""
    if not form.is_bound:
        return set(default)
    return _ids(form.data.getlist(name))


def _ids(values) -> set[int]:
    """The values that are ids; any other is ignored (a page must not fail on them)."""
    ids = set()
    for value in values:
        try:
            ids.add(int(value))
        except ValueError:
            continue
    return ids


def _by_town(villages, conflicts, ticked) -> list[dict]:
    groups: dict[int, dict] = {}
    for village in villages:
        group = groups.setdefault(
            village.town_id, {"town": village.town, "rows": [], "open": 0, "assigned": 0}
        )
        group["open" if village.assignment is None else "assigned"] += 1
        group["rows"].append(
            {
                "village": village,
                "assignment": village.assignment,
                "checked": village.pk in ticked,
                "conflicts": conflicts.get(village.pk, []),
            }
        )
    return list(groups.values())


@screen(is_office)
def assignment_team(request, pk: int):
    """Hand an assignment to another team of the round (recusal checked again)."""
    assignment = assignment_or_404(request.user, pk)
    inspection_round = assignment.round
    _require(can(request.user, "assignment_set_team", assignment))
    may_override = can(request.user, "recusal_override", inspection_round)
    form = AssignmentTeamForm(
        request.POST if request.method == "POST" else None,
        assignment=assignment,
        actor=request.user,
        may_override=may_override,
        initial={"team": assignment.team_id},
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = perform(
            request,
            form,
            whole_message(
                form,
                lambda: assignment_set_team(
                    actor=request.user,
                    assignment_id=assignment.pk,
                    team_id=data["team"].pk,
                    recusal_override_reason=data.get("recusal_override_reason", ""),
                    note=data["note"],
                ),
            ),
            success=_("已将%(target)s交由%(team)s负责。")
            % {"target": assignment.target_name, "team": data["team"].name},
        )
        if done:
            return redirect("rounds:round_detail", inspection_round.pk)
    conflicts = []
    if assignment.team_id:
        conflicts = assignment_recusal_conflicts(
            team=assignment.team, assignments=[assignment]
        ).get(assignment.pk, [])
    return render(
        request,
        "rounds/assignment_team.html",
        {
            "round": inspection_round,
            "assignment": assignment,
            "form": form,
            "conflicts": conflicts,
            "open": ASSIGNMENT_SET_TEAM_WINDOW.allows(inspection_round),
        },
    )
