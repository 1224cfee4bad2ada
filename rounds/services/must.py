"""Must-lists (必谈 / 必访 / 必查 / 必看): the office sets a round's own list of a kind before
the round goes on site (none: the county default applies); the team records an item met at
a village while on site. A 必谈 of an interviewee category is met by the interview itself
(``rounds.must_lists``), never ticked."""

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.permissions import authorize, visible
from inspection.services.checks import clean_choice, clean_text
from inspection.workflow import StatusWindow, lock_visible, require, save_with_history
from rounds.choices import BEFORE_ON_SITE, ON_SITE_WORK, IntervieweeCategory, MustListKind
from rounds.models import Assignment, InspectionRound, MustItem, MustItemCheck
from rounds.must_lists import round_lists

MUST_LIST_WINDOW = StatusWindow(BEFORE_ON_SITE, _lazy("设置必谈必访清单"))
MUST_CHECK_WINDOW = StatusWindow(ON_SITE_WORK, _lazy("登记清单完成情况"))
LABEL_LENGTH = MustItem._meta.get_field("label").max_length
CATEGORY_OF_LABEL = {str(category.label): category.value for category in IntervieweeCategory}


@transaction.atomic
def round_must_list_set(
    *, actor, round_id: int, kind: str, labels: Sequence[str], note: str = ""
) -> list[MustItem]:
    """The round's own list of ``kind``, one item a line in order (a 必谈 line naming an
    interviewee category, 老党员 …, is met by an interview of it); an empty list returns
    the round to the county default. A list whose items were already met at a village
    cannot be replaced (its records would lose their item)."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "round_must_list_set", inspection_round)
    MUST_LIST_WINDOW.check(inspection_round)
    kind = clean_choice(kind, MustListKind, field="kind", label=_("清单"))
    cleaned = []
    for number, label in enumerate(labels, start=1):
        text = (label or "").strip()
        if not text:
            continue
        require(
            len(text) <= LABEL_LENGTH,
            _("第%(n)d项超过%(limit)d个字。") % {"n": number, "limit": LABEL_LENGTH},
            field="labels",
        )
        require(text not in cleaned, _("「%(label)s」重复。") % {"label": text}, field="labels")
        cleaned.append(text)
    require(len(cleaned) <= 30, _("一个清单最多30项。"), field="labels")
    existing = MustItem.objects.filter(round=inspection_round, list_kind=kind)
    require(
        not MustItemCheck.objects.filter(item__in=existing).exists(),
        _("该清单已有村(社区)登记完成情况，不能再修改。"),
        field="labels",
    )
    existing.delete()
    items = MustItem.objects.bulk_create(
        MustItem(
            round=inspection_round,
            list_kind=kind,
            label=text,
            interviewee_category=CATEGORY_OF_LABEL.get(text, "")
            if kind == MustListKind.TALK
            else "",
            order=order,
        )
        for order, text in enumerate(cleaned, start=1)
    )
    listing = "、".join(cleaned) or _("恢复全县默认清单")
    save_with_history(
        inspection_round,
        actor=actor,
        note=note or f"{MustListKind(kind).label}：{listing}",
    )
    return items


@transaction.atomic
def round_must_lists_set(*, actor, round_id: int, lists: dict[str, Sequence[str]]) -> None:
    """Several of the round's lists at once (the round's page): all or none."""
    for kind, labels in lists.items():
        round_must_list_set(actor=actor, round_id=round_id, kind=kind, labels=labels)


def must_lists_freeze(inspection_round: InspectionRound) -> None:
    """At 进驻 (``round_go_on_site``, under its lock): the county default lists the round
    follows become its own, so that a later change of the default leaves a round already
    at work, and the villages' records of it, as they were."""
    lists = round_lists([inspection_round.pk])[inspection_round.pk]
    MustItem.objects.bulk_create(
        MustItem(
            round=inspection_round,
            list_kind=item.list_kind,
            label=item.label,
            interviewee_category=item.interviewee_category,
            order=item.order,
        )
        for items in lists.values()
        for item in items
        if item.round_id is None
    )


@transaction.atomic
def must_item_check(*, actor, assignment_id: int, item_id: int, note: str = "") -> MustItemCheck:
    """The team records an item of its village's must-lists as met (today)."""
    assignment = lock_visible(visible(Assignment, actor).select_related("round"), assignment_id)
    authorize(actor, "must_item_check", assignment)
    MUST_CHECK_WINDOW.check(assignment.round)
    require(assignment.village_id is not None, _("乡镇党委没有必谈必访清单。"), field="item")
    lists = round_lists([assignment.round_id])[assignment.round_id]
    item = next((item for items in lists.values() for item in items if item.pk == item_id), None)
    require(item is not None, _("该条目不在本轮次的清单中。"), field="item")
    require(
        not item.interviewee_category,
        _("「%(label)s」以登记谈话为准，不能直接勾记。") % {"label": item.label},
        field="item",
    )
    check = MustItemCheck(
        assignment=assignment,
        item=item,
        done_on=timezone.localdate(),
        note=clean_text(note, field="note", label=_("说明"), max_length=200, required=False),
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            save_with_history(check, actor=actor, note=f"{item}")
    except IntegrityError:
        require(False, _("「%(label)s」已登记完成。") % {"label": item.label}, field="item")
    return check
