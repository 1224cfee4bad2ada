"""进驻公告 (docs/DOMAIN.md, "Before the round"): the office writes one per village or per
batch of villages of one round (a town's, say) before or while the teams are on site. Each
village on a notice gets its own 码上巡 code (rounds.models.notices), kept while the
village stays on the notice; the notice's 受理截止日期 closes the public form.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.permissions import authorize, visible
from inspection.services.checks import clean_column, clean_date, clean_ids, clean_text
from inspection.workflow import StatusWindow, lock_visible, require, save_with_history
from rounds.choices import UNTIL_ON_SITE_ENDS
from rounds.models import Assignment, EntryNotice, EntryNoticeAssignment, InspectionRound

NOTICE_WINDOW = StatusWindow(UNTIL_ON_SITE_ENDS, _lazy("编辑进驻公告"))
NOTICE_FIELDS = frozenset(
    {
        "duty_phone",
        "mailbox",
        "letterbox",
        "accepted_scope",
        "period_from",
        "period_until",
        "cutoff_on",
    }
)


def _assignments(actor, inspection_round, assignment_ids: Iterable[int], *, notice=None):
    """The round's assignments named, in the actor's scope, on no other notice."""
    wanted = set(clean_ids(assignment_ids, field="assignments", message=_("所选巡察对象无效。")))
    require(bool(wanted), _("请至少选择一个巡察对象。"), field="assignments")
    found = list(
        visible(Assignment, actor)
        .select_related("town", "village")
        .select_for_update(of=("self",))
        .filter(pk__in=wanted, round=inspection_round)
    )
    require(
        len(found) == len(wanted),
        _("所选巡察对象不属于本轮次，或不在您的范围内。"),
        field="assignments",
    )
    taken = EntryNoticeAssignment.objects.filter(assignment__in=found)
    if notice is not None:
        taken = taken.exclude(notice=notice)
    names = [
        f"{target.assignment.town.name}{target.assignment.target_name}"
        for target in taken.select_related("assignment__town", "assignment__village")
    ]
    require(
        not names,
        _("%(names)s已在另一份进驻公告上，请先从那份公告中移除。") % {"names": "、".join(names)},
        field="assignments",
    )
    return found


def _default_period(inspection_round, assignments) -> tuple:
    starts = [a.on_site_from for a in assignments if a.on_site_from] or [
        inspection_round.on_site_from
    ]
    ends = [a.on_site_until for a in assignments if a.on_site_until] or [
        inspection_round.on_site_until
    ]
    starts, ends = [d for d in starts if d], [d for d in ends if d]
    return (min(starts) if starts else None, max(ends) if ends else None)


def _check(notice: EntryNotice) -> None:
    notice.duty_phone = clean_column(EntryNotice, "duty_phone", notice.duty_phone, required=True)
    notice.mailbox = clean_column(EntryNotice, "mailbox", notice.mailbox)
    if notice.mailbox:
        try:
            validate_email(notice.mailbox)
        except ValidationError:
            require(False, _("举报邮箱不是有效的电子邮件地址。"), field="mailbox")
    notice.letterbox = clean_column(EntryNotice, "letterbox", notice.letterbox)
    notice.accepted_scope = clean_text(
        notice.accepted_scope, field="accepted_scope", label=_("受理范围"), max_length=2000
    )
    for field, label in (("period_from", _("巡察起始日期")), ("period_until", _("巡察结束日期"))):
        require(
            isinstance(getattr(notice, field), datetime.date),
            _("请填写%(label)s（巡察对象和轮次都没有进驻日期可作默认）。") % {"label": label},
            field=field,
        )
    clean_date(
        notice.period_until,
        field="period_until",
        label=_("巡察结束日期"),
        not_before=notice.period_from,
        not_before_label=_("巡察起始日期"),
        future_ok=True,
    )
    clean_date(
        notice.cutoff_on,
        field="cutoff_on",
        label=_("受理截止日期"),
        not_before=notice.period_from,
        not_before_label=_("巡察起始日期"),
        future_ok=True,
    )


def _set_targets(notice: EntryNotice, assignments) -> None:
    """The notice's villages: codes kept for those that stay, new ones for those added."""
    keep = {assignment.pk for assignment in assignments}
    notice.targets.exclude(assignment_id__in=keep).delete()
    present = set(notice.targets.values_list("assignment_id", flat=True))
    EntryNoticeAssignment.objects.bulk_create(
        EntryNoticeAssignment(notice=notice, assignment=assignment)
        for assignment in assignments
        if assignment.pk not in present
    )


@transaction.atomic
def entry_notice_create(
    *,
    actor,
    round_id: int,
    assignment_ids: Iterable[int],
    duty_phone: str,
    mailbox: str = "",
    letterbox: str = "",
    accepted_scope: str = "",
    period_from: datetime.date | None = None,
    period_until: datetime.date | None = None,
    cutoff_on: datetime.date | None = None,
    note: str = "",
) -> EntryNotice:
    """A 进驻公告 for the round's villages ``assignment_ids`` (none on another notice). The
    period defaults to their on-site dates (else the round's), the cut-off to the period's
    end, the 受理范围 to the county's (``INSPECTION_PUBLIC_ACCEPTED_SCOPE``)."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "entry_notice_create", inspection_round)
    NOTICE_WINDOW.check(inspection_round)
    assignments = _assignments(actor, inspection_round, assignment_ids)
    default_from, default_until = _default_period(inspection_round, assignments)
    notice = EntryNotice(
        round=inspection_round,
        duty_phone=duty_phone,
        mailbox=mailbox,
        letterbox=letterbox,
        accepted_scope=accepted_scope or settings.INSPECTION_PUBLIC_ACCEPTED_SCOPE,
        period_from=period_from or default_from,
        period_until=period_until or default_until,
        created_by=actor,
    )
    notice.cutoff_on = cutoff_on or notice.period_until
    _check(notice)
    save_with_history(notice, actor=actor, note=note)
    _set_targets(notice, assignments)
    return notice


@transaction.atomic
def entry_notice_update(
    *,
    actor,
    notice_id: int,
    data: Mapping[str, Any],
    assignment_ids: Iterable[int] | None = None,
    note: str = "",
) -> EntryNotice:
    """Change a notice's facts (``data``: any of ``NOTICE_FIELDS``) and, if given, its
    villages (a village kept keeps its code; a village removed loses it)."""
    notice = lock_visible(visible(EntryNotice, actor).select_related("round"), notice_id)
    # Its villages' rows too: a 码上巡 report holds its village's row while it checks the
    # cut-off (rounds.services.public_intake), so the two wait for each other.
    list(notice.targets.select_for_update(of=("self",)).order_by("pk"))
    authorize(actor, "entry_notice_update", notice)
    NOTICE_WINDOW.check(notice.round)
    unknown = set(data) - NOTICE_FIELDS
    require(not unknown, _("不能修改这些字段：%(f)s。") % {"f": "、".join(sorted(unknown))})
    for field, value in data.items():
        setattr(notice, field, value)
    # A date left blank takes its default, as when the notice was made: the period the
    # villages' stays, the cut-off the period's end.
    if notice.period_from is None or notice.period_until is None:
        targets = [target.assignment for target in notice.targets.select_related("assignment")]
        default_from, default_until = _default_period(notice.round, targets)
        notice.period_from = notice.period_from or default_from
        notice.period_until = notice.period_until or default_until
    notice.cutoff_on = notice.cutoff_on or notice.period_until
    _check(notice)
    save_with_history(notice, actor=actor, note=note)
    if assignment_ids is not None:
        _set_targets(notice, _assignments(actor, notice.round, assignment_ids, notice=notice))
    return notice
