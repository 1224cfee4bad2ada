"""The round list, a round's page, and planning a round (create, edit)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from inspection.permissions import can, is_office, reads_all, visible
from inspection.web import Listing, perform, screen
from rounds.choices import RoundStatus
from rounds.forms import RoundForm
from rounds.models import InspectionRound
from rounds.services import round_create_with_items, round_update_with_items
from rounds.services.assignments import ASSIGNMENT_CREATE_WINDOW
from rounds.services.notices import NOTICE_WINDOW
from rounds.services.plans import PLAN_DECIDE_WINDOW, agreed_plan, plan_gap
from rounds.services.rounds import (
    ROUND_CLOSE,
    ROUND_END_ON_SITE,
    ROUND_GO_ON_SITE,
    ROUND_PREPARE,
    ROUND_UPDATE_WINDOW,
)
from rounds.services.teams import TEAM_CREATE_WINDOW, TEAM_MEMBER_ADD_WINDOW
from rounds.views.common import round_or_404
from rounds.views.filters import RoundScreenFilterSet, assignment_filterset_for
from rounds.views.summaries import (
    life_cycle_steps,
    recusal_warnings,
    round_assignments,
    round_counts,
    round_notices,
    rounds_with_counts,
    supervision_item_groups,
    teams_of,
)

ROUNDS_PER_PAGE = 20
ASSIGNMENTS_PER_PAGE = 50


@screen(reads_all)
def round_list(request):
    rounds = rounds_with_counts(visible(InspectionRound, request.user))
    listing = Listing(request, rounds, RoundScreenFilterSet, ROUNDS_PER_PAGE)
    return render(
        request,
        "rounds/round_list.html",
        {"listing": listing, "may_create": can(request.user, "round_create")},
    )


def available_actions(user, inspection_round) -> dict[str, bool]:
    """Which buttons the round's page shows: the rule allows it and the state is right."""

    def allowed(action, window) -> bool:
        return window.allows(inspection_round) and can(user, action, inspection_round)

    status = inspection_round.status
    return {
        "edit": allowed("round_update", ROUND_UPDATE_WINDOW),
        "team_create": allowed("team_create", TEAM_CREATE_WINDOW),
        "team_member_add": allowed("team_member_add", TEAM_MEMBER_ADD_WINDOW),
        "assign": allowed("assignment_create", ASSIGNMENT_CREATE_WINDOW),
        "set_team": allowed("assignment_set_team", ASSIGNMENT_CREATE_WINDOW),
        "prepare": allowed("round_prepare", ROUND_PREPARE),
        "go_on_site": allowed("round_go_on_site", ROUND_GO_ON_SITE),
        "end_on_site": allowed("round_end_on_site", ROUND_END_ON_SITE),
        "give_feedback": status in (RoundStatus.REPORTING, RoundStatus.FEEDBACK)
        and can(user, "feedback_batch_give", inspection_round),
        "start_rectification": status == RoundStatus.FEEDBACK
        and can(user, "round_start_rectification", inspection_round),
        "close": allowed("round_close", ROUND_CLOSE),
        "notice_create": allowed("entry_notice_create", NOTICE_WINDOW),
    }


def _plan_state(inspection_round) -> dict:
    """The 工作方案's line on the round's page: what keeps the round off site while it
    prepares; else the group's agreement on record, if any."""
    gap = plan_gap(inspection_round) if PLAN_DECIDE_WINDOW.allows(inspection_round) else ""
    return {"plan_gap": gap, "plan_agreed": None if gap else agreed_plan(inspection_round)}


@screen(reads_all)
def round_detail(request, pk: int):
    inspection_round = round_or_404(request.user, pk)
    teams = teams_of(inspection_round)
    listing = Listing(
        request,
        round_assignments(inspection_round),
        assignment_filterset_for(inspection_round),
        ASSIGNMENTS_PER_PAGE,
    )
    actions = available_actions(request.user, inspection_round)
    warnings = {}
    if is_office(request.user):  # the members' declared ties are the office's to read
        warnings = recusal_warnings(teams, listing.rows)
    rows = [{"assignment": a, "conflicts": warnings.get(a.pk, [])} for a in listing.rows]
    return render(
        request,
        "rounds/round_detail.html",
        {
            "round": inspection_round,
            "steps": life_cycle_steps(inspection_round),
            "teams": teams,
            "counts": round_counts(inspection_round, teams),
            "listing": listing,
            "rows": rows,
            "actions": actions,
            "any_action": any(actions.values()),
            # Office and leadership read every village's profile (村情画像); a team its own.
            "profile_links": reads_all(request.user),
            # The archive (rectification.archive) is the office's.
            "archive_link": is_office(request.user),
            "item_groups": supervision_item_groups(inspection_round),
            **_plan_state(inspection_round),
            "notices": round_notices(request.user, inspection_round),
        },
    )


# ---------------------------------------------------------------------------- planning


@screen(is_office)
def round_new(request):
    # A link may say which kind of round, and which round a 回头看 revisits (the 四个一批
    # page's 列入回头看 list); a value the form would not accept is not shown.
    initial = {key: request.GET[key] for key in ("mode", "revisits") if key in request.GET}
    form = RoundForm(
        request.POST if request.method == "POST" else None, actor=request.user, initial=initial
    )
    if form.is_bound and form.is_valid():
        created = perform(
            request,
            form,
            lambda: round_create_with_items(
                actor=request.user,
                term_id=form.cleaned_data["term"].pk,
                supervision_item_ids=form.item_ids(),
                note=form.cleaned_data["note"],
                **form.round_data(),
            ),
            success=_("已新建巡察轮次。"),
        )
        if created:
            return redirect("rounds:round_detail", created.pk)
    return render(request, "rounds/round_form.html", {"form": form, "round": None})


def _update(actor, inspection_round: InspectionRound, form: RoundForm) -> InspectionRound:
    """The changed fields, and the items if they changed."""
    data = form.round_data()
    changed = {
        key: value for key, value in data.items() if key.removesuffix("_id") in form.changed_data
    }
    items_changed = "supervision_items" in form.changed_data
    return round_update_with_items(
        actor=actor,
        round_id=inspection_round.pk,
        data=changed,
        supervision_item_ids=form.item_ids() if items_changed else None,
        note=form.cleaned_data["note"],
    )


@screen(is_office)
def round_edit(request, pk: int):
    inspection_round = round_or_404(request.user, pk)
    if not can(request.user, "round_update", inspection_round):
        raise PermissionDenied
    if not ROUND_UPDATE_WINDOW.allows(inspection_round):
        messages.error(
            request,
            _("巡察轮次当前状态为「%(status)s」，不能修改轮次信息。")
            % {"status": inspection_round.get_status_display()},
        )
        return redirect("rounds:round_detail", inspection_round.pk)
    form = RoundForm(
        request.POST if request.method == "POST" else None,
        actor=request.user,
        instance=inspection_round,
    )
    if form.is_bound and form.is_valid():
        done = perform(
            request,
            form,
            lambda: _update(request.user, inspection_round, form),
            success=_("已保存巡察轮次。"),
        )
        if done:
            return redirect("rounds:round_detail", inspection_round.pk)
    return render(request, "rounds/round_form.html", {"form": form, "round": inspection_round})
