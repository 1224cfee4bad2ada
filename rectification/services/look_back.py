"""回头看: the look-back team marks each previous item of a village 真改 / 假改 / 反弹."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from inspection.errors import ConflictError
from inspection.permissions import authorize, visible
from inspection.workflow import lock_visible, require, save_with_history
from rectification.choices import LOOK_BACK_VERDICTS_REOPENING, ItemStatus, LookBackVerdict
from rectification.look_back_scope import revisited_condition
from rectification.models import LookBackCheck, RectificationItem
from rectification.services.verification import (
    LOOK_BACK_STATUSES_REOPENING,
    reopen_by_look_back,
)
from rounds.choices import RoundMode
from rounds.models import Assignment


@transaction.atomic
def look_back_check(
    *,
    actor,
    assignment_id: int,
    item_id: int,
    verdict: str,
    note: str = "",
    deadline: datetime.date | None = None,
) -> LookBackCheck:
    """Record the look-back team's verdict on ``item`` (a ledger item of the village of
    ``assignment`` in the round the look-back revisits). 假改 and 反弹 of a closed item
    reopen it in the same transaction (反弹回潮: ``reopened_by_round`` links the rounds);
    of an item still open they are recorded only. ``deadline`` is the reopened item's
    new deadline (optional). One verdict per item per look-back round."""
    look_back = lock_visible(
        visible(Assignment, actor).select_related("round", "village"), assignment_id
    )
    require(
        look_back.round.mode == RoundMode.LOOK_BACK,
        _("「%(title)s」不是回头看轮次。") % {"title": look_back.round.title},
    )
    item = lock_visible(
        visible(RectificationItem, actor).select_related("problem__assignment"), item_id
    )
    authorize(actor, "look_back_check", look_back)
    require(
        RectificationItem.objects.filter(revisited_condition(look_back), pk=item.pk).exists(),
        _("该条目不是本村在被回头看轮次中的整改条目。"),
        field="item",
    )
    require(
        look_back.round.status in LOOK_BACK_STATUSES_REOPENING,
        _("回头看轮次「%(title)s」当前状态为「%(status)s」，须已进驻且未归档才能核查。")
        % {"title": look_back.round.title, "status": look_back.round.get_status_display()},
    )
    if LookBackCheck.objects.filter(item=item, assignment=look_back).exists():
        raise ConflictError(_("本轮回头看已核查过该条目，请刷新后查看。"))
    require(verdict in LookBackVerdict.values, _("请选择核查结论。"), field="verdict")
    note = (note or "").strip()
    reopens = verdict in LOOK_BACK_VERDICTS_REOPENING
    require(
        bool(note) or not reopens,
        _("认定假改或反弹须写明核查情况。"),
        field="note",
    )
    require(
        verdict != LookBackVerdict.GENUINE or item.status == ItemStatus.CLOSED,
        _("条目尚未销号，不能认定为真改。"),
        field="verdict",
    )
    reopened = reopens and item.status == ItemStatus.CLOSED
    if reopened:
        label = LookBackVerdict(verdict).label
        reopen_by_look_back(
            item,
            actor=actor,
            look_back=look_back.round,
            reason=_("回头看认定%(verdict)s：%(note)s") % {"verdict": label, "note": note},
            deadline=deadline,
        )
    check = LookBackCheck(
        item=item,
        assignment=look_back,
        verdict=verdict,
        note=note,
        reopened=reopened,
        checked_by=actor,
    )
    save_with_history(check, actor=actor, note=note)
    return check
