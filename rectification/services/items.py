"""The responsible unit's work on a ledger item: the plan, progress, asking to close it."""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.errors import ConflictError, PermissionDeniedError
from inspection.evidence import clean_evidence_files, save_evidence
from inspection.once import create_once, sent_before
from inspection.permissions import authorize, is_office, visible
from inspection.workflow import (
    Transition,
    lock_visible,
    require,
    require_status,
    save_with_history,
)
from rectification.choices import (
    ITEM_STATUSES_OPEN,
    ItemStatus,
    RectificationMode,
    ResponsibleUnitKind,
)
from rectification.models import (
    Milestone,
    ProgressEvidence,
    ProgressUpdate,
    RectificationItem,
)
from rectification.submission_permissions import plan_locked

PLAN_LOCKED = _lazy(
    "本单位的整改方案已经审核通过并锁定，不能再修改整改措施、目标、责任人或时限；"
    "确需调整的，请联系巡察办。"
)
POST_PROGRESS = Transition(
    "item_post_progress",
    (ItemStatus.PENDING, ItemStatus.IN_PROGRESS, ItemStatus.RETURNED),
    ItemStatus.IN_PROGRESS,
    _lazy("填报整改进展"),
)
SUBMIT = Transition(
    "item_submit",
    (ItemStatus.IN_PROGRESS, ItemStatus.RETURNED),
    ItemStatus.SUBMITTED,
    _lazy("申请销号"),
)


def _locked_item(actor, item_id) -> RectificationItem:
    """The item in the actor's scope, locked; its problem and assignment come along."""
    items = visible(RectificationItem, actor).select_related(
        "feedback", "order", "problem__assignment"
    )
    return lock_visible(items, item_id)


@transaction.atomic
def item_update_plan(
    *,
    actor,
    item_id: int,
    mode: str | None = None,
    measures: str | None = None,
    target: str | None = None,
    responsible_unit_kind: str | None = None,
    responsible_unit: str | None = None,
    responsible_person: str | None = None,
    supervising_leader: str | None = None,
    deadline: datetime.date | None = None,
    milestones: Sequence[tuple[str, datetime.date]] | None = None,
    note: str = "",
) -> RectificationItem:
    """整改方案: set what is given (``None`` leaves a field as it is).

    A long-term item (长期整改) needs at least one milestone; its deadline is the last
    milestone's due date, and ``milestones`` replaces the old ones. Another mode has no
    milestones (leaving long-term drops them). Only the office may postpone a deadline:
    a unit does not extend its own.
    """
    item = _locked_item(actor, item_id)
    authorize(actor, "item_update_plan", item)
    require_status(item, ITEM_STATUSES_OPEN, _("修改整改方案"))
    if plan_locked(actor, item):
        raise ConflictError(PLAN_LOCKED)

    mode = item.mode if mode is None else mode
    require(mode in RectificationMode.values, _("请选择整改方式。"), field="mode")
    _set_plan_fields(
        item,
        measures=measures,
        target=target,
        responsible_unit_kind=responsible_unit_kind,
        responsible_unit=responsible_unit,
        responsible_person=responsible_person,
        supervising_leader=supervising_leader,
    )
    new_milestones = _plan_milestones(item, mode, milestones)
    new_deadline = _plan_deadline(item, mode, new_milestones, deadline)
    if new_deadline > item.deadline and not is_office(actor):
        raise PermissionDeniedError(
            _("只有巡察办可以延后整改时限，责任单位不能延长自己的整改时限。")
        )

    leaves_long_term = item.mode == RectificationMode.LONG_TERM and mode != item.mode
    if new_milestones is not None or leaves_long_term:
        _replace_milestones(item, new_milestones or [])
    item.mode = mode
    _keep_lapsed_deadline(item, new_deadline)
    item.deadline = new_deadline
    save_with_history(item, actor=actor, note=note)
    return item


def _keep_lapsed_deadline(item, new_deadline) -> None:
    """A deadline moved after it had passed with the item not closed: the passed one stays
    the measure of on time (docs/DOMAIN.md 如期完成率: a deadline moved after it had passed
    does not make an item on time). The first one to pass is kept."""
    if (
        new_deadline != item.deadline
        and item.lapsed_deadline is None
        and item.deadline < timezone.localdate()
        and item.status != ItemStatus.CLOSED
    ):
        item.lapsed_deadline = item.deadline


def _set_plan_fields(item, *, responsible_unit_kind, responsible_unit, **texts) -> None:
    """Set the plan's text fields that are given (not ``None``), checked."""
    if responsible_unit_kind is not None:
        require(
            responsible_unit_kind in ResponsibleUnitKind.values,
            _("请选择责任单位类型。"),
            field="responsible_unit_kind",
        )
        item.responsible_unit_kind = responsible_unit_kind
    if responsible_unit is not None:
        require(bool(responsible_unit.strip()), _("请填写责任单位。"), field="responsible_unit")
        item.responsible_unit = responsible_unit.strip()
    for name, value in texts.items():
        if value is not None:
            setattr(item, name, value.strip())
    require(
        item.status == ItemStatus.PENDING or bool(item.measures),
        _("整改已经开始，整改措施不能为空。"),
        field="measures",
    )


def _plan_deadline(item, mode, new_milestones, deadline) -> datetime.date:
    """A long-term item's deadline is its last milestone's; another's is given or kept."""
    if mode == RectificationMode.LONG_TERM:
        if new_milestones is None:
            new_deadline = _last_milestone_due(item)
        else:
            new_deadline = max(due_on for _, due_on in new_milestones)
        require(
            deadline is None or deadline == new_deadline,
            _("长期整改的整改时限由最后一个阶段目标的完成时限决定，不能单独设置。"),
            field="deadline",
        )
    else:
        new_deadline = item.deadline if deadline is None else deadline
        is_date = isinstance(new_deadline, datetime.date)
        require(
            is_date and not isinstance(new_deadline, datetime.datetime),
            _("请填写整改时限。"),
            field="deadline",
        )
    require(
        new_deadline >= item.opened_on,
        _("整改时限不能早于%(label)s（%(date)s）。")
        % {"label": _opened_label(item), "date": f"{item.opened_on:%Y-%m-%d}"},
        field="deadline",
    )
    return new_deadline


def _plan_milestones(item, mode, milestones) -> list[tuple[str, datetime.date]] | None:
    """The milestones to store (``None``: keep the stored ones), checked."""
    if mode != RectificationMode.LONG_TERM:
        require(not milestones, _("只有长期整改需要设置阶段目标。"), field="milestones")
        return None
    if milestones is None:
        require(
            item.milestones.exists(),
            _("长期整改须至少设置一个阶段目标（阶段目标和完成时限）。"),
            field="milestones",
        )
        return None
    require(
        len(milestones) > 0,
        _("长期整改须至少设置一个阶段目标（阶段目标和完成时限）。"),
        field="milestones",
    )
    checked = []
    for title, due_on in milestones:
        title = (title or "").strip()
        require(bool(title), _("请填写每个阶段目标的内容。"), field="milestones")
        is_date = isinstance(due_on, datetime.date) and not isinstance(due_on, datetime.datetime)
        require(
            is_date,
            _("请填写阶段目标「%(title)s」的完成时限。") % {"title": title},
            field="milestones",
        )
        require(
            due_on >= item.opened_on,
            _("阶段目标「%(title)s」的完成时限不能早于%(label)s。")
            % {"title": title, "label": _opened_label(item)},
            field="milestones",
        )
        checked.append((title, due_on))
    return checked


def _opened_label(item) -> str:
    """What ``item.opened_on`` is: the date of its on-site order, else of its feedback."""
    return _("交办日期") if item.order_id else _("反馈日期")


def _last_milestone_due(item) -> datetime.date:
    return item.milestones.order_by("-due_on").values_list("due_on", flat=True).first()


def _replace_milestones(item, milestones) -> None:
    """Replace the item's milestones, keeping the completion date of those kept by title."""
    completed = dict(
        item.milestones.filter(completed_on__isnull=False).values_list("title", "completed_on")
    )
    item.milestones.all().delete()
    Milestone.objects.bulk_create(
        Milestone(item=item, title=title, due_on=due_on, completed_on=completed.get(title))
        for title, due_on in milestones
    )


@transaction.atomic
def item_post_progress(
    *,
    actor,
    item_id: int,
    text: str,
    percent: int,
    evidence: Sequence = (),
    note: str = "",
    submission_token: str | None = None,
) -> ProgressUpdate:
    """整改进展: text, percent done and (optionally) evidence files; the item is in progress.

    A ``submission_token`` already used by the actor answers the update it saved
    (``inspection.once``), even when the item has moved on since."""
    earlier = sent_before(ProgressUpdate, submission_token, actor=actor, by="author")
    if earlier is not None:
        return earlier
    item = _locked_item(actor, item_id)
    authorize(actor, "item_post_progress", item)
    POST_PROGRESS.check(item)
    require(bool(item.measures), _("请先在整改方案中填写整改措施，再填报进展。"), field="measures")
    require(bool((text or "").strip()), _("请填写整改进展情况。"), field="text")
    require(
        isinstance(percent, int) and not isinstance(percent, bool) and 0 <= percent <= 100,
        _("完成进度须为0到100之间的整数。"),
        field="percent",
    )
    files = clean_evidence_files(evidence)

    update = ProgressUpdate(
        item=item,
        text=text.strip(),
        percent=percent,
        author=actor,
        on_behalf=is_office(actor),
        submission_token=submission_token or None,
    )

    def create() -> ProgressUpdate:
        update.save()
        return update

    saved = create_once(ProgressUpdate, submission_token, actor=actor, by="author", create=create)
    if saved is not update:  # a simultaneous sending of the same form saved it first
        return saved
    save_evidence(ProgressEvidence, files, actor=actor, update=update)
    item.status = POST_PROGRESS.target
    save_with_history(item, actor=actor, note=note)
    return update


@transaction.atomic
def item_submit(*, actor, item_id: int, note: str = "") -> RectificationItem:
    """申请销号: the unit asks for the item to be verified and closed (a village's goes to its
    town's first review first). The office asking for the unit is marked 代录."""
    item = _locked_item(actor, item_id)
    authorize(actor, "item_submit", item)
    SUBMIT.check(item)
    require(bool(item.measures), _("申请销号前须填写整改措施。"), field="measures")
    require(
        ProgressEvidence.objects.filter(update__item=item).exists(),
        _("申请销号须上传整改佐证材料。"),
        field="evidence",
    )
    item.status = SUBMIT.target
    item.submitted_at = timezone.now()
    item.submitted_by = actor
    item.submitted_on_behalf = is_office(actor)
    item.town_reviewed_at = None
    item.town_reviewed_by = None
    save_with_history(item, actor=actor, note=note)
    return item
