"""The office's side of closing an item: verify (核验销号), return (退回), reopen (反弹回潮)."""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.errors import ConflictError, PermissionDeniedError
from inspection.evidence import clean_evidence_files, save_evidence
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_date
from inspection.workflow import Transition, lock_visible, require, save_with_history
from rectification.choices import (
    ITEM_STATUSES_ASKED,
    ItemStatus,
    VerificationMethod,
    VerificationResult,
)
from rectification.models import RectificationItem, Verification, VerificationEvidence
from rectification.permissions import needs_town_review
from rounds.choices import RoundMode, RoundStatus
from rounds.models import InspectionRound

VERIFY_PASSED = Transition("item_verify", ITEM_STATUSES_ASKED, ItemStatus.CLOSED, _lazy("核验销号"))
VERIFY_FAILED = Transition("item_verify", ITEM_STATUSES_ASKED, ItemStatus.RETURNED, _lazy("核验"))
RETURN = Transition("item_return", ITEM_STATUSES_ASKED, ItemStatus.RETURNED, _lazy("退回"))
REOPEN = Transition("item_reopen", (ItemStatus.CLOSED,), ItemStatus.IN_PROGRESS, _lazy("重新打开"))

# A look-back round reopens items once it has been on site, until it is archived.
LOOK_BACK_STATUSES_REOPENING = (
    RoundStatus.ON_SITE,
    RoundStatus.REPORTING,
    RoundStatus.FEEDBACK,
    RoundStatus.RECTIFICATION,
)


def _locked_item(actor, item_id) -> RectificationItem:
    items = visible(RectificationItem, actor).select_related("problem__assignment__round")
    return lock_visible(items, item_id)


def verify_action(item: RectificationItem) -> str:
    """The rule that decides who verifies ``item``: the team's on site for an item of an
    on-site order while its round is on site, else the office's."""
    if item.order_id and item.problem.assignment.round.status == RoundStatus.ON_SITE:
        return "item_verify_on_site"
    return "item_verify"


def _refuse_own_submission(actor, item: RectificationItem, verb: str) -> None:
    """Separation of duties, checked before the rule so the refusal says why."""
    if item.submitted_by_id is not None and item.submitted_by_id == actor.pk:
        raise PermissionDeniedError(_("申请销号的人不能%(action)s同一条目。") % {"action": verb})


def require_town_review(item: RectificationItem) -> None:
    """A village's request for closing is verified only once its town has first-reviewed it."""
    if item.status == ItemStatus.SUBMITTED and needs_town_review(item):
        raise ConflictError(
            _("该条目是村级条目，须先经乡镇党委初审通过，巡察办才能核验销号。")
        )


@transaction.atomic
def item_verify(
    *,
    actor,
    item_id: int,
    method: str,
    result: str,
    evidence: Sequence,
    note: str = "",
    satisfaction: int | None = None,
) -> Verification:
    """核验: a passed verification closes the item; a failed one returns it, ``note`` the reason.

    Evidence of the verification itself (photos, minutes, the assessment sheet) is
    required; 群众评议 also needs the satisfaction score (0–100).
    """
    item = _locked_item(actor, item_id)
    _refuse_own_submission(actor, item, _("核验"))
    authorize(actor, verify_action(item), item)
    VERIFY_PASSED.check(item)
    require_town_review(item)
    require(method in VerificationMethod.values, _("请选择核验方式。"), field="method")
    require(result in VerificationResult.values, _("请选择核验结果。"), field="result")
    if method == VerificationMethod.PUBLIC_ASSESSMENT or satisfaction is not None:
        require(
            isinstance(satisfaction, int)
            and not isinstance(satisfaction, bool)
            and 0 <= satisfaction <= 100,
            _("群众评议须填写满意度（0到100之间的整数）。"),
            field="satisfaction",
        )
    note = (note or "").strip()
    passed = result == VerificationResult.PASSED
    require(passed or bool(note), _("核验不通过须填写核验意见（退回理由）。"), field="note")
    files = clean_evidence_files(evidence)
    require(bool(files), _("核验须附核验材料。"), field="evidence")

    verification = Verification.objects.create(
        item=item,
        method=method,
        result=result,
        satisfaction=satisfaction,
        note=note,
        verifier=actor,
    )
    save_evidence(VerificationEvidence, files, actor=actor, verification=verification)
    if passed:
        item.status = VERIFY_PASSED.target
        item.closed_at = verification.verified_at
    else:
        item.status = VERIFY_FAILED.target
        item.return_reason = note
    save_with_history(item, actor=actor, note=note)
    return verification


@transaction.atomic
def item_return(*, actor, item_id: int, reason: str) -> RectificationItem:
    """退回: the office sends a submitted item back without verifying it; ``reason`` says why
    (it is also the history note)."""
    item = _locked_item(actor, item_id)
    _refuse_own_submission(actor, item, _("退回"))
    authorize(actor, "item_return", item)
    RETURN.check(item)
    reason = (reason or "").strip()
    require(bool(reason), _("退回须说明理由。"), field="reason")
    item.status = RETURN.target
    item.return_reason = reason
    save_with_history(item, actor=actor, note=reason)
    return item


@transaction.atomic
def item_reopen(
    *,
    actor,
    item_id: int,
    look_back_round_id: int,
    reason: str,
    deadline: datetime.date | None = None,
) -> RectificationItem:
    """反弹回潮: a look-back round of the item's round found the problem back; reopen it.

    The item counts as open again (``closed_at`` is cleared; the history keeps when it
    was closed). ``deadline`` optionally sets a new deadline (today or later); without
    it the old, usually passed, deadline stands and the item shows as overdue.
    """
    item = _locked_item(actor, item_id)
    authorize(actor, "item_reopen", item)
    REOPEN.check(item)
    reason = (reason or "").strip()
    require(bool(reason), _("重新打开须说明理由（反弹回潮的情况）。"), field="reason")
    try:
        look_back = visible(InspectionRound, actor).filter(pk=look_back_round_id).first()
    except (TypeError, ValueError):
        look_back = None
    require(look_back is not None, _("请选择发现反弹回潮的回头看轮次。"), field="look_back_round")
    require(
        look_back.mode == RoundMode.LOOK_BACK
        and look_back.revisits_id == item.problem.assignment.round_id,
        _("「%(title)s」不是对本条目所在轮次的回头看，不能据此重新打开。")
        % {"title": look_back.title},
        field="look_back_round",
    )
    require(
        look_back.status in LOOK_BACK_STATUSES_REOPENING,
        _("回头看轮次「%(title)s」当前状态为「%(status)s」，须已进驻且未归档才能重新打开条目。")
        % {"title": look_back.title, "status": look_back.get_status_display()},
        field="look_back_round",
    )
    reopen_by_look_back(item, actor=actor, look_back=look_back, reason=reason, deadline=deadline)
    return item


def reopen_by_look_back(
    item: RectificationItem,
    *,
    actor,
    look_back: InspectionRound,
    reason: str,
    deadline: datetime.date | None = None,
) -> None:
    """Reopen the closed ``item`` (locked by the caller, permission and round checked) for
    ``look_back``, which found it back: the one write of 反弹回潮, shared by the office's
    reopening and the look-back team's verdict (rectification.services.look_back)."""
    REOPEN.check(item)
    if deadline is not None:
        clean_date(
            deadline,
            field="deadline",
            label=_("新的整改时限"),
            not_before=timezone.localdate(),
            not_before_label=_("今天"),
            future_ok=True,
        )
        item.deadline = deadline
    item.status = REOPEN.target
    item.closed_at = None
    item.reopened_by_round = look_back
    item.reopened_at = timezone.now()
    item.reopen_reason = reason
    save_with_history(item, actor=actor, note=reason)
