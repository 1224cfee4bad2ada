"""The life cycle of a round (巡察轮次): plan it, prepare it, go on site, leave, close it.

The moves reporting → feedback → rectification create the feedback and the ledger, so
they belong to the rectification app.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.errors import ApplicationError
from inspection.models import Term
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_choice, clean_column, dates_in_order
from inspection.workflow import (
    StatusWindow,
    Transition,
    lock_visible,
    require,
    save_with_history,
)
from rounds.choices import BEFORE_ON_SITE, RoundMode, RoundStatus, TeamRole
from rounds.models import Assignment, InspectionRound, SupervisionItem, TeamMember
from rounds.services.must import must_lists_freeze
from rounds.services.plans import plan_gap

ROUND_PREPARE = Transition(
    "round_prepare", (RoundStatus.PLANNING,), RoundStatus.PREPARATION, _lazy("转入巡前准备")
)
ROUND_GO_ON_SITE = Transition(
    "round_go_on_site", (RoundStatus.PREPARATION,), RoundStatus.ON_SITE, _lazy("进驻")
)
ROUND_END_ON_SITE = Transition(
    "round_end_on_site", (RoundStatus.ON_SITE,), RoundStatus.REPORTING, _lazy("撤离")
)
# The move itself is rectification's (rectification/services/archive.py): it checks the
# round's archive volumes and clues, which rounds cannot read.
ROUND_CLOSE = Transition(
    "round_close", (RoundStatus.RECTIFICATION,), RoundStatus.CLOSED, _lazy("归档")
)

ROUND_UPDATE_WINDOW = StatusWindow(BEFORE_ON_SITE, _lazy("修改轮次信息"))
SUPERVISION_ITEMS_WINDOW = StatusWindow(BEFORE_ON_SITE, _lazy("调整监督重点"))

ROUND_DATES = ("mobilised_on", "on_site_from", "on_site_until", "feedback_on")
ROUND_UPDATE_FIELDS = frozenset({"title", "mode", "theme", "revisits_id", *ROUND_DATES})
# A look-back (回头看) re-checks the rectification of a round that has given feedback.
REVISITABLE_STATUSES = (RoundStatus.FEEDBACK, RoundStatus.RECTIFICATION, RoundStatus.CLOSED)


# ---------------------------------------------------------------------- planning


def _current_term(actor, term_id: int | None) -> Term:
    """The term a new round belongs to, locked: rounds of one term take ordinals in turn."""
    terms = visible(Term, actor).select_for_update()
    if term_id is None:
        term = terms.filter(is_current=True).first()
        require(term is not None, _("尚未设置本届届次，请指定届次。"), field="term")
    else:
        term = terms.filter(pk=term_id).first()
        require(term is not None, _("所选届次不存在。"), field="term")
    return term


def _check_round(inspection_round: InspectionRound, *, actor) -> None:
    """The rules a round's own fields follow, on creation and on every change."""
    inspection_round.title = clean_column(
        InspectionRound, "title", inspection_round.title, required=True, label=_("轮次名称")
    )
    clean_choice(inspection_round.mode, RoundMode, field="mode", label=_("巡察方式"))
    inspection_round.theme = clean_column(InspectionRound, "theme", inspection_round.theme)
    if inspection_round.mode == RoundMode.THEMATIC:
        require(bool(inspection_round.theme), _("专项巡察必须填写专项主题。"), field="theme")
    if inspection_round.mode == RoundMode.LOOK_BACK:
        require(
            inspection_round.revisits_id is not None,
            _("回头看必须指明所针对的轮次。"),
            field="revisits",
        )
        _check_revisited(inspection_round, actor=actor)
    else:
        require(
            inspection_round.revisits_id is None,
            _("只有回头看轮次才能指定所针对的轮次。"),
            field="revisits",
        )
    dates_in_order(inspection_round, ROUND_DATES)


def _order(inspection_round: InspectionRound) -> tuple:
    """Rounds follow one another by term, then by ordinal within the term."""
    return (inspection_round.term.starts_on, inspection_round.ordinal)


def _check_revisited(inspection_round: InspectionRound, *, actor) -> None:
    revisited = (
        visible(InspectionRound, actor)
        .select_related("term")
        .filter(pk=inspection_round.revisits_id)
        .first()
    )
    require(revisited is not None, _("回头看所针对的轮次不存在。"), field="revisits")
    earlier = revisited.pk != inspection_round.pk and _order(revisited) < _order(inspection_round)
    require(earlier, _("回头看只能针对本轮次之前的轮次。"), field="revisits")
    require(
        revisited.status in REVISITABLE_STATUSES,
        _("回头看只能针对已反馈的轮次，「%(title)s」当前状态为「%(status)s」。")
        % {"title": revisited.title, "status": revisited.get_status_display()},
        field="revisits",
    )


@transaction.atomic
def round_create(
    *,
    actor,
    title: str,
    mode: str,
    term_id: int | None = None,
    theme: str = "",
    revisits_id: int | None = None,
    mobilised_on=None,
    on_site_from=None,
    on_site_until=None,
    feedback_on=None,
    note: str = "",
) -> InspectionRound:
    """Plan a new round (筹备), numbered next in its term (the current term by default)."""
    authorize(actor, "round_create")
    term = _current_term(actor, term_id)
    last = InspectionRound.objects.filter(term=term).aggregate(last=Max("ordinal"))["last"]
    inspection_round = InspectionRound(
        term=term,
        ordinal=(last or 0) + 1,
        title=title,
        mode=mode,
        theme=theme,
        revisits_id=revisits_id,
        mobilised_on=mobilised_on,
        on_site_from=on_site_from,
        on_site_until=on_site_until,
        feedback_on=feedback_on,
        status=RoundStatus.PLANNING,
    )
    _check_round(inspection_round, actor=actor)
    save_with_history(inspection_round, actor=actor, note=note)
    return inspection_round


@transaction.atomic
def round_update(
    *, actor, round_id: int, data: Mapping[str, Any], note: str = ""
) -> InspectionRound:
    """Change a round's title, mode, theme, revisited round or planned dates while it is
    being planned or prepared. ``data`` holds only the fields to change (``revisits_id``
    for the revisited round)."""
    inspection_round = lock_visible(
        visible(InspectionRound, actor).select_related("term"), round_id
    )
    authorize(actor, "round_update", inspection_round)
    ROUND_UPDATE_WINDOW.check(inspection_round)
    unknown = sorted(set(data) - ROUND_UPDATE_FIELDS)
    require(not unknown, _("不能修改这些字段：%(fields)s。") % {"fields": "、".join(unknown)})
    was_look_back = inspection_round.mode == RoundMode.LOOK_BACK
    for name, value in data.items():
        setattr(inspection_round, name, value)
    if inspection_round.mode != RoundMode.LOOK_BACK and "revisits_id" not in data:
        inspection_round.revisits_id = None
    _check_round(inspection_round, actor=actor)
    # Each object keeps its own mode (rounds.mode_rules); but a look-back round's objects
    # are all 回头看 and no other round has one, so a round with objects neither becomes
    # a look-back nor stops being one.
    if (inspection_round.mode == RoundMode.LOOK_BACK) != was_look_back:
        require(
            not inspection_round.assignments.exists(),
            _("本轮次已安排巡察对象：回头看与其他巡察方式不能互改，请先移除巡察对象。"),
            field="mode",
        )
    save_with_history(inspection_round, actor=actor, note=note)
    return inspection_round


@transaction.atomic
def round_set_supervision_items(
    *, actor, round_id: int, item_ids: Iterable[int], note: str = ""
) -> InspectionRound:
    """Choose the checklist items (监督重点) the round checks: active items only, before
    the teams go on site."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "round_set_supervision_items", inspection_round)
    SUPERVISION_ITEMS_WINDOW.check(inspection_round)
    wanted = set(item_ids)
    items = list(visible(SupervisionItem, actor).filter(pk__in=wanted))
    missing = wanted - {item.pk for item in items}
    require(
        not missing,
        _("监督重点不存在：%(ids)s。") % {"ids": "、".join(map(str, sorted(missing)))},
        field="supervision_items",
    )
    inactive = [str(item) for item in items if not item.is_active]
    require(
        not inactive,
        _("以下监督重点已停用，不能选用：%(items)s。") % {"items": "、".join(inactive)},
        field="supervision_items",
    )
    inspection_round.supervision_items.set(items)
    save_with_history(inspection_round, actor=actor, note=note)
    return inspection_round


@transaction.atomic
def round_create_with_items(
    *,
    actor,
    title: str,
    mode: str,
    term_id: int | None = None,
    theme: str = "",
    revisits_id: int | None = None,
    mobilised_on=None,
    on_site_from=None,
    on_site_until=None,
    feedback_on=None,
    supervision_item_ids: Iterable[int] = (),
    note: str = "",
) -> InspectionRound:
    """Plan a round and choose the checklist items it checks, both or neither:
    ``round_create``, then ``round_set_supervision_items`` if any item is chosen."""
    authorize(actor, "round_create_with_items")
    inspection_round = round_create(
        actor=actor,
        title=title,
        mode=mode,
        term_id=term_id,
        theme=theme,
        revisits_id=revisits_id,
        mobilised_on=mobilised_on,
        on_site_from=on_site_from,
        on_site_until=on_site_until,
        feedback_on=feedback_on,
        note=note,
    )
    item_ids = list(supervision_item_ids)
    if item_ids:
        round_set_supervision_items(
            actor=actor, round_id=inspection_round.pk, item_ids=item_ids, note=note
        )
    return inspection_round


@transaction.atomic
def round_update_with_items(
    *,
    actor,
    round_id: int,
    data: Mapping[str, Any],
    supervision_item_ids: Iterable[int] | None = None,
    note: str = "",
) -> InspectionRound:
    """Change a round's fields (``data``, as ``round_update`` takes them) and, unless
    ``supervision_item_ids`` is None, its checklist items, both or neither. Nothing
    to change writes nothing."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "round_update_with_items", inspection_round)
    ROUND_UPDATE_WINDOW.check(inspection_round)
    if data:
        inspection_round = round_update(actor=actor, round_id=round_id, data=data, note=note)
    if supervision_item_ids is not None:
        inspection_round = round_set_supervision_items(
            actor=actor, round_id=round_id, item_ids=supervision_item_ids, note=note
        )
    return inspection_round


@transaction.atomic
def round_prepare(*, actor, round_id: int, note: str = "") -> InspectionRound:
    """筹备 → 巡前准备."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "round_prepare", inspection_round)
    ROUND_PREPARE.check(inspection_round)
    inspection_round.status = ROUND_PREPARE.target
    save_with_history(inspection_round, actor=actor, note=note)
    return inspection_round


# ---------------------------------------------------------------------- on site


def _on_site_gaps(inspection_round: InspectionRound) -> dict[str, list[str]]:
    """What keeps the round from going on site, by field: teams, leaders, assignments."""
    gaps: dict[str, list[str]] = {}
    leader = TeamMember.objects.filter(team_id=OuterRef("pk"), role=TeamRole.LEADER)
    teams = list(inspection_round.teams.annotate(has_leader=Exists(leader)))
    if not teams:
        gaps["teams"] = [_("尚未组建巡察组")]
    elif leaderless := [team.name for team in teams if not team.has_leader]:
        gaps["teams"] = [_("%(teams)s尚未确定组长") % {"teams": "、".join(leaderless)}]
    assignments = Assignment.objects.filter(round=inspection_round).select_related(
        "town", "village"
    )
    if not assignments.exists():
        gaps["assignments"] = [_("尚未安排巡察对象")]
    elif unteamed := [a.target_name for a in assignments.filter(team__isnull=True)]:
        gaps["assignments"] = [_("%(targets)s尚未指定巡察组") % {"targets": "、".join(unteamed)}]
    if plan := plan_gap(inspection_round):
        gaps["plan"] = [plan]
    return gaps


@transaction.atomic
def round_go_on_site(*, actor, round_id: int, note: str = "") -> InspectionRound:
    """巡前准备 → 进驻: every team has a leader (组长), every assignment a team, and there
    is at least one of each; the leading group agreed to the 工作方案 as the round now
    stands (``rounds.services.plans``). The on-site date is today unless planned (not later)."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "round_go_on_site", inspection_round)
    ROUND_GO_ON_SITE.check(inspection_round)
    if gaps := _on_site_gaps(inspection_round):
        message = _("不能进驻：%(gaps)s。") % {
            "gaps": "；".join(line for lines in gaps.values() for line in lines)
        }
        raise ApplicationError(message, errors=gaps)
    today = timezone.localdate()
    planned = inspection_round.on_site_from
    if planned is not None:
        require(
            planned <= today,
            _("计划进驻日期为%(date)s，尚未到达；如需提前进驻，请先修改进驻日期。")
            % {"date": f"{planned:%Y-%m-%d}"},
            field="on_site_from",
        )
    inspection_round.on_site_from = planned or today
    dates_in_order(inspection_round, ROUND_DATES)
    inspection_round.status = ROUND_GO_ON_SITE.target
    save_with_history(inspection_round, actor=actor, note=note)
    must_lists_freeze(inspection_round)
    return inspection_round


@transaction.atomic
def round_end_on_site(*, actor, round_id: int, note: str = "") -> InspectionRound:
    """进驻 → 报告: the teams leave; the leaving date is today unless already set."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "round_end_on_site", inspection_round)
    ROUND_END_ON_SITE.check(inspection_round)
    inspection_round.on_site_until = inspection_round.on_site_until or timezone.localdate()
    dates_in_order(inspection_round, ROUND_DATES)
    inspection_round.status = ROUND_END_ON_SITE.target
    save_with_history(inspection_round, actor=actor, note=note)
    return inspection_round
