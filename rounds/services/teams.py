"""Teams (巡察组) of a round and the people on them.

Teams and memberships keep no history of their own: each change is written into the
round's history (actor, time, what changed and the note), so the round's history tells
who put whom on which team.
"""

import itertools
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.choices import UserRole
from inspection.errors import ApplicationError
from inspection.models import User
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_choice, clean_column
from inspection.workflow import (
    StatusWindow,
    lock_visible,
    refused_item,
    require,
    save_with_history,
)
from rounds.choices import BEFORE_ON_SITE, UNTIL_ON_SITE_ENDS, TeamRole
from rounds.models import Assignment, InspectionRound, Team, TeamMember
from rounds.selectors import assignment_recusal_conflicts
from rounds.services.assignments import assignments_mark_overridden
from rounds.services.recusal import recusal_resolve

TEAM_CREATE_WINDOW = StatusWindow(BEFORE_ON_SITE, _lazy("组建巡察组"))
TEAM_MEMBER_ADD_WINDOW = StatusWindow(UNTIL_ON_SITE_ENDS, _lazy("添加巡察组成员"))
TEAM_MEMBER_REMOVE_WINDOW = StatusWindow(UNTIL_ON_SITE_ENDS, _lazy("移除巡察组成员"))


def _record_on_round(inspection_round: InspectionRound, *, actor, what: str, note: str) -> None:
    save_with_history(inspection_round, actor=actor, note=f"{what}：{note}" if note else what)


def _source_text(label) -> str:
    """A choice label as the history keeps it: the Chinese source text, whatever the
    language of the user who acted."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)


def _lock_round(round_id: int) -> InspectionRound:
    """The round of a team, locked: one person serves on at most one team of a round."""
    return InspectionRound.objects.select_for_update().get(pk=round_id)


@transaction.atomic
def team_create(*, actor, round_id: int, number: int | None = None, note: str = "") -> Team:
    """Set up a team of the round: number ``number``, or the lowest number not taken."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "team_create", inspection_round)
    TEAM_CREATE_WINDOW.check(inspection_round)
    taken = set(inspection_round.teams.values_list("number", flat=True))
    if number is None:
        number = next(n for n in itertools.count(1) if n not in taken)
    else:
        require(
            isinstance(number, int) and not isinstance(number, bool) and number >= 1,
            _("组号必须是正整数。"),
            field="number",
        )
        require(
            number not in taken,
            _("本轮次已有%(team)s。") % {"team": Team(number=number).name},
            field="number",
        )
    team = Team.objects.create(round=inspection_round, number=number)
    _record_on_round(inspection_round, actor=actor, what=f"组建{team.name}", note=note)
    return team


def _check_newcomer(*, team: Team, inspection_round, person, role: str) -> None:
    require(
        person.is_active and person.role == UserRole.INSPECTOR,
        _("只能选择在职的巡察组干部，%(person)s不是。") % {"person": person},
        field="user",
    )
    serving = (
        TeamMember.objects.filter(team__round=inspection_round, user=person)
        .select_related("team")
        .first()
    )
    if serving is not None:
        message = _("%(person)s已在本轮次%(team)s任职，同一轮次只能参加一个巡察组。") % {
            "person": person,
            "team": serving.team.name,
        }
        raise ApplicationError(message, errors={"user": [message]})
    if role == TeamRole.LEADER:
        leader = team.memberships.filter(role=TeamRole.LEADER).select_related("user").first()
        if leader is not None:
            message = _("%(team)s已有组长（%(leader)s），每个巡察组只能有一名组长。") % {
                "team": team.name,
                "leader": leader.user,
            }
            raise ApplicationError(message, errors={"role": [message]})


@transaction.atomic
def team_member_add(
    *,
    actor,
    team_id: int,
    user_id: int,
    role: str = TeamRole.MEMBER,
    post: str = "",
    recusal_override_reason: str = "",
    note: str = "",
) -> TeamMember:
    """Put an inspector on a team as 组长, 副组长 or 组员.

    Refused if they would inspect a place they must recuse themselves from (the team's
    assignments), unless the office lead gives ``recusal_override_reason``: the reason
    is then recorded on each of those assignments and in their history.
    """
    team = lock_visible(visible(Team, actor), team_id)
    authorize(actor, "team_member_add", team)
    inspection_round = _lock_round(team.round_id)
    TEAM_MEMBER_ADD_WINDOW.check(inspection_round)
    person = visible(User, actor).filter(pk=user_id).first()
    require(person is not None, _("所选人员不存在。"), field="user")
    clean_choice(role, TeamRole, field="role", label=_("组内职务"))
    post = clean_column(TeamMember, "post", post)
    _check_newcomer(team=team, inspection_round=inspection_round, person=person, role=role)

    assignments = list(
        Assignment.objects.filter(team=team)
        .select_related("town", "village")
        .select_for_update(of=("self",))
    )
    found = assignment_recusal_conflicts(team=team, assignments=assignments, users=[person])
    conflicting = [assignment for assignment in assignments if assignment.pk in found]
    conflicts = {assignment.target_name: found[assignment.pk] for assignment in conflicting}
    reason = recusal_resolve(
        actor=actor,
        inspection_round=inspection_round,
        conflicts=conflicts,
        override_reason=recusal_override_reason,
        field="user",
    )
    membership = TeamMember.objects.create(team=team, user=person, role=role, post=post)
    if reason:
        assignments_mark_overridden(
            conflicting, actor=actor, reason=reason, conflicts=found, note=note
        )
    what = f"{team.name}添加{_source_text(TeamRole(membership.role).label)}{person}"
    if reason:
        what += f"（放行回避冲突：{reason}）"
    _record_on_round(inspection_round, actor=actor, what=what, note=note)
    return membership


@transaction.atomic
def team_member_remove(*, actor, team_member_id: int, note: str = "") -> None:
    """Take a person off a team, at the latest while the team is on site."""
    membership = lock_visible(
        visible(TeamMember, actor).select_related("team", "user"), team_member_id
    )
    authorize(actor, "team_member_remove", membership)
    inspection_round = _lock_round(membership.team.round_id)
    TEAM_MEMBER_REMOVE_WINDOW.check(inspection_round)
    role = _source_text(TeamRole(membership.role).label)
    what = f"{membership.team.name}移除{role}{membership.user}"
    membership.delete()
    _record_on_round(inspection_round, actor=actor, what=what, note=note)


@transaction.atomic
def team_create_with_members(
    *,
    actor,
    round_id: int,
    number: int | None = None,
    members: Sequence[Mapping[str, object]] = (),
    note: str = "",
) -> Team:
    """Set up a team and put its people on it, all or nothing: ``team_create``, then
    ``team_member_add`` for each of ``members`` ({"user_id", "role", "post"?}, in order;
    the leader first reads best in the round's history). A refused person is named with
    their place in ``members`` and the reason, and no team is left behind."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "team_create_with_members", inspection_round)
    team = team_create(actor=actor, round_id=inspection_round.pk, number=number, note=note)
    for place, member in enumerate(members, start=1):
        user_id = member.get("user_id")
        try:
            team_member_add(
                actor=actor,
                team_id=team.pk,
                user_id=user_id,
                role=member.get("role", TeamRole.MEMBER),
                post=member.get("post", ""),
                note=note,
            )
        except ApplicationError as error:
            person = visible(User, actor).filter(pk=user_id).first() if user_id else None
            which = _("第%(place)d名成员（%(person)s）") % {
                "place": place,
                "person": person if person is not None else f"#{user_id}",
            }
            raise refused_item(error, which) from error
    return team
