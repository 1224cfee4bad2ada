"""Assignments (巡察对象): which team inspects which village (or town committee) in a round.

Every arrangement passes the recusal check (回避): a team whose member is tied to the
place is refused, naming each member and tie, unless the office lead overrides it with a
reason, which is kept on the assignment (``recusal_override_reason``,
``recusal_overridden_by``) and written into its history.
"""

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from inspection.errors import ApplicationError
from inspection.models import Town, Village, history_attrs
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_text, dates_in_order
from inspection.workflow import (
    StatusWindow,
    lock_visible,
    refused_item,
    require,
    save_with_history,
)
from rounds.choices import BEFORE_ON_SITE
from rounds.mode_rules import chosen_mode
from rounds.models import Assignment, InspectionRound, Team
from rounds.selectors import (
    assignment_recusal_conflicts,
    recusal_conflicts,
    stay_windows,
    town_committee_recusal_conflicts,
)
from rounds.services.recusal import recusal_override_note, recusal_resolve

ASSIGNMENT_CREATE_WINDOW = StatusWindow(BEFORE_ON_SITE, _lazy("安排巡察对象"))
ASSIGNMENT_SET_TEAM_WINDOW = StatusWindow(BEFORE_ON_SITE, _lazy("调整巡察对象的巡察组"))

HISTORY_NOTE_LENGTH = 100


def _team_of_round(actor, inspection_round: InspectionRound, team_id: int | None) -> Team | None:
    if team_id is None:
        return None
    team = visible(Team, actor).filter(pk=team_id, round=inspection_round).first()
    require(team is not None, _("所选巡察组不属于本轮次。"), field="team")
    return team


def _target(
    actor, inspection_round: InspectionRound, village_id: int | None, town_id: int | None
) -> tuple[Town, Village | None]:
    """The town and village to inspect; no village: the town party committee itself."""
    if village_id is not None:
        village = visible(Village, actor).select_related("town").filter(pk=village_id).first()
        require(village is not None, _("所选村(社区)不存在。"), field="village")
        require(
            village.is_active,
            _("%(village)s已撤销，不能作为巡察对象。") % {"village": village},
            field="village",
        )
        if town_id is not None:
            require(
                town_id == village.town_id,
                _("%(village)s不属于所选乡镇。") % {"village": village},
                field="village",
            )
        return village.town, village
    require(town_id is not None, _("请选择巡察的村(社区)。"), field="village")
    town = visible(Town, actor).filter(pk=town_id).first()
    require(town is not None, _("所选乡镇不存在。"), field="town")
    return town, None


def _require_not_yet_assigned(inspection_round, town: Town, village: Village | None) -> None:
    existing = (
        Assignment.objects.filter(round=inspection_round, town=town, village=village)
        .select_related("team")
        .first()
    )
    if existing is not None:
        team = f"（{existing.team.name}）" if existing.team_id else ""
        message = _("%(target)s已是本轮次的巡察对象%(team)s，不能重复安排。") % {
            "target": existing.target_name,
            "team": team,
        }
        raise ApplicationError(message, errors={"village": [message]})


@transaction.atomic
def assignment_create(
    *,
    actor,
    round_id: int,
    village_id: int | None = None,
    town_id: int | None = None,
    team_id: int | None = None,
    is_key: bool = False,
    on_site_from=None,
    on_site_until=None,
    mode_id: int | None = None,
    theme: str = "",
    recusal_override_reason: str = "",
    note: str = "",
) -> Assignment:
    """Make a village (or, in a 镇村一体 round, the committee of ``town_id``) an inspection
    object of the round, for ``team_id`` (may be chosen later, before going on site)."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "assignment_create", inspection_round)
    ASSIGNMENT_CREATE_WINDOW.check(inspection_round)
    town, village = _target(actor, inspection_round, village_id, town_id)
    theme = clean_text(theme, field="theme", label=_("专项主题"), max_length=200, required=False)
    mode = chosen_mode(inspection_round, mode_id, committee=village is None, theme=theme)
    _require_not_yet_assigned(inspection_round, town, village)
    team = _team_of_round(actor, inspection_round, team_id)
    assignment = Assignment(
        round=inspection_round,
        team=team,
        town=town,
        village=village,
        mode=mode,
        theme=theme,
        is_key=is_key,
        on_site_from=on_site_from,
        on_site_until=on_site_until,
    )
    dates_in_order(assignment, ("on_site_from", "on_site_until"))
    found = []
    if team is not None and village is not None:
        found = recusal_conflicts(
            team=team, villages=[village], windows=stay_windows([assignment])
        ).get(village.pk, [])
    elif team is not None:
        found = town_committee_recusal_conflicts(team=team, town_ids=[town.pk]).get(town.pk, [])
    conflicts = {assignment.target_name: found} if found else {}
    reason = recusal_resolve(
        actor=actor,
        inspection_round=inspection_round,
        conflicts=conflicts,
        override_reason=recusal_override_reason,
        field="team",
    )
    if reason:
        assignment.recusal_override_reason = reason
        assignment.recusal_overridden_by = actor
        note = recusal_override_note(note=note, reason=reason, conflicts=conflicts)
    save_with_history(assignment, actor=actor, note=note)
    return assignment


@transaction.atomic
def assignments_create_for_town(
    *,
    actor,
    round_id: int,
    town_id: int,
    team_id: int | None = None,
    mode_id: int | None = None,
    recusal_override_reason: str = "",
    note: str = "",
) -> list[Assignment]:
    """Make every active village of a town not yet in the round an inspection object, for
    one team (板块轮动: the town is the unit). A few queries, whatever the number of
    villages; one history row per new assignment."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "assignment_create", inspection_round)
    ASSIGNMENT_CREATE_WINDOW.check(inspection_round)
    town = visible(Town, actor).filter(pk=town_id).first()
    require(town is not None, _("所选乡镇不存在。"), field="town")
    team = _team_of_round(actor, inspection_round, team_id)
    mode = chosen_mode(inspection_round, mode_id, committee=False)
    assigned = Assignment.objects.filter(round=inspection_round, village__isnull=False)
    villages = list(
        visible(Village, actor)
        .filter(town=town, is_active=True)
        .exclude(pk__in=assigned.values("village_id"))
        .order_by("code")
    )
    require(
        bool(villages),
        _("%(town)s没有尚未安排到本轮次的有效村(社区)。") % {"town": town},
        field="town",
    )
    found = recusal_conflicts(team=team, villages=villages) if team is not None else {}
    conflicts = {village.name: found[village.pk] for village in villages if village.pk in found}
    reason = recusal_resolve(
        actor=actor,
        inspection_round=inspection_round,
        conflicts=conflicts,
        override_reason=recusal_override_reason,
        field="team",
    )
    assignments = []
    for village in villages:
        assignment = Assignment(
            round=inspection_round, team=team, town=town, village=village, mode=mode
        )
        if village.pk in found:
            assignment.recusal_override_reason = reason
            assignment.recusal_overridden_by = actor
            assignment._change_reason = recusal_override_note(
                note=note, reason=reason, conflicts={village.name: found[village.pk]}
            )[:HISTORY_NOTE_LENGTH]
        assignments.append(assignment)
    return bulk_create_with_history(
        assignments,
        Assignment,
        default_user=actor,
        custom_historical_attrs=history_attrs(actor),
        default_change_reason=note[:HISTORY_NOTE_LENGTH],
    )


@transaction.atomic
def assignments_create_bulk(
    *,
    actor,
    round_id: int,
    village_ids: Sequence[int] = (),
    committee_town_ids: Sequence[int] = (),
    team_id: int | None = None,
    mode_id: int | None = None,
    recusal_override_reason: str = "",
    note: str = "",
) -> list[Assignment]:
    """Make the villages of ``village_ids`` and the town committees of
    ``committee_town_ids`` (镇村一体 only) inspection objects of the round for one team,
    all or nothing (the screen's 板块轮动 by town).

    A town whose every village still open in the round is listed goes through
    ``assignments_create_for_town`` (a few queries, whatever its size); other villages
    and the committees through ``assignment_create``, one by one. A refusal names the
    object (its place in the request and its name) and the reason.
    """
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "assignments_create_bulk", inspection_round)
    village_ids = list(dict.fromkeys(village_ids))
    committee_town_ids = list(dict.fromkeys(committee_town_ids))
    require(
        bool(village_ids or committee_town_ids),
        _("请至少勾选一个巡察对象。"),
        field="villages",
    )
    common = {
        "actor": actor,
        "round_id": inspection_round.pk,
        "team_id": team_id,
        "mode_id": mode_id,
        "recusal_override_reason": recusal_override_reason,
        "note": note,
    }
    villages = visible(Village, actor).select_related("town").in_bulk(village_ids)
    by_town: dict[int | None, list[int]] = {}
    for village_id in village_ids:  # an unknown village is refused by assignment_create
        village = villages.get(village_id)
        by_town.setdefault(village.town_id if village else None, []).append(village_id)
    assigned = Assignment.objects.filter(round=inspection_round, village__isnull=False)
    created: list[Assignment] = []
    place = 0
    for town_id, ids in by_town.items():
        open_ids = set()
        if town_id is not None:
            open_ids = set(
                visible(Village, actor)
                .filter(town_id=town_id, is_active=True)
                .exclude(pk__in=assigned.values("village_id"))
                .values_list("pk", flat=True)
            )
        if open_ids and set(ids) == open_ids:
            place += 1
            which = _("第%(place)d至%(last)d个巡察对象（%(town)s全部村）") % {
                "place": place,
                "last": place + len(ids) - 1,
                "town": villages[ids[0]].town,
            }
            place += len(ids) - 1
            created += _refused_as(
                which, lambda pk=town_id: assignments_create_for_town(town_id=pk, **common)
            )
            continue
        for village_id in ids:
            place += 1
            village = villages.get(village_id)
            which = _("第%(place)d个巡察对象（%(target)s）") % {
                "place": place,
                "target": village.name if village else f"#{village_id}",
            }
            created += _refused_as(
                which, lambda pk=village_id: [assignment_create(village_id=pk, **common)]
            )
    towns = visible(Town, actor).in_bulk(committee_town_ids)
    for town_id in committee_town_ids:
        place += 1
        town = towns.get(town_id)
        which = _("第%(place)d个巡察对象（%(target)s）") % {
            "place": place,
            "target": f"{town.name}党委" if town else f"#{town_id}",  # as target_name
        }
        created += _refused_as(which, lambda pk=town_id: [assignment_create(town_id=pk, **common)])
    return created


def _refused_as(which: str, create) -> list[Assignment]:
    try:
        return list(create())
    except ApplicationError as error:
        raise refused_item(error, which) from error


@transaction.atomic
def assignment_set_team(
    *,
    actor,
    assignment_id: int,
    team_id: int,
    recusal_override_reason: str = "",
    note: str = "",
) -> Assignment:
    """Hand an inspection object to another team of the round, before going on site.

    An override given for the former team does not carry over: the new team is checked.
    """
    assignment = lock_visible(
        visible(Assignment, actor).select_related("round", "town", "village"), assignment_id
    )
    authorize(actor, "assignment_set_team", assignment)
    ASSIGNMENT_SET_TEAM_WINDOW.check(assignment.round)
    require(team_id is not None, _("请选择巡察组。"), field="team")
    team = _team_of_round(actor, assignment.round, team_id)
    require(
        team.pk != assignment.team_id,
        _("%(target)s已由%(team)s负责。") % {"target": assignment.target_name, "team": team.name},
        field="team",
    )
    found = assignment_recusal_conflicts(team=team, assignments=[assignment])
    conflicts = {assignment.target_name: found[assignment.pk]} if found else {}
    reason = recusal_resolve(
        actor=actor,
        inspection_round=assignment.round,
        conflicts=conflicts,
        override_reason=recusal_override_reason,
        field="team",
    )
    assignment.team = team
    assignment.recusal_override_reason = reason
    assignment.recusal_overridden_by = actor if reason else None
    if reason:
        note = recusal_override_note(note=note, reason=reason, conflicts=conflicts)
    save_with_history(assignment, actor=actor, note=note)
    return assignment


def assignments_mark_overridden(
    assignments: list[Assignment],
    *,
    actor,
    reason: str,
    conflicts: dict[int, list[str]],
    note: str = "",
) -> None:
    """Record on ``assignments`` (locked by the caller) that the office lead let a conflict
    through, with one history row each. ``conflicts`` is keyed by assignment id."""
    for assignment in assignments:
        earlier = assignment.recusal_override_reason
        assignment.recusal_override_reason = f"{earlier}；{reason}" if earlier else reason
        assignment.recusal_overridden_by = actor
        assignment._change_reason = recusal_override_note(
            note=note,
            reason=reason,
            conflicts={assignment.target_name: conflicts[assignment.pk]},
        )[:HISTORY_NOTE_LENGTH]
    bulk_update_with_history(
        assignments,
        Assignment,
        ["recusal_override_reason", "recusal_overridden_by"],
        default_user=actor,
        custom_historical_attrs=history_attrs(actor),
    )
