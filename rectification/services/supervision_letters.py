"""督办函 / 提示函: the office presses a unit about its red (or yellow) ledger items.

A 督办函 covers only overdue (red) items, a 提示函 items due soon (yellow) or overdue; all
of one assignment, open. The letter takes its number (督办〔YYYY〕N号, 提示〔YYYY〕N号) from the
documents' counter when issued, and the unit owes its reply ``INSPECTION_SUPERVISION_REPLY_DAYS``
later: its officer signs for the letter (签收), then replies with a text and the reply file.
"""

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.choices import AlertStage
from inspection.deadlines import stage_windows
from inspection.documents.numbering import next_sequence
from inspection.evidence import clean_evidence_files, safe_name
from inspection.files import written_in_transaction
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_choice, clean_date, clean_ids, clean_text
from inspection.workflow import Transition, lock_visible, require, save_with_history
from rectification.models import RectificationItem, SupervisionLetter
from rectification.selectors import stage_condition
from rectification.supervision_choices import LetterKind, LetterStatus
from rounds.models import Assignment

SIGN_FOR = Transition(
    "supervision_letter_sign_for", (LetterStatus.ISSUED,), LetterStatus.SIGNED_FOR, _lazy("签收")
)
REPLY = Transition(
    "supervision_letter_reply", (LetterStatus.SIGNED_FOR,), LetterStatus.REPLIED, _lazy("回复")
)
# The colours each kind may cover.
STAGES = {
    LetterKind.SUPERVISE: (AlertStage.RED,),
    LetterKind.REMIND: (AlertStage.RED, AlertStage.YELLOW),
}


def counter_kind(kind: str) -> str:
    """The documents' counter the letters of ``kind`` are numbered by, one per kind."""
    return f"supervision_letter.{kind}"


def letter_candidates(items, kind: str, on: datetime.date):
    """The items of ``items`` a letter of ``kind`` may cover on ``on``: open, and of a colour
    the kind covers (``STAGES``), in SQL (``stage_condition``)."""
    windows = stage_windows(on)
    condition = Q(pk__in=[])
    for stage in STAGES[kind]:
        condition |= stage_condition(stage, windows)
    return items.filter(condition)


def _clean_ids(ids: Sequence[int]) -> list[int]:
    cleaned = clean_ids(ids, field="items", message=_("所选台账条目无效。"))
    require(bool(cleaned), _("请选择函件涵盖的台账条目（至少一条）。"), field="items")
    return cleaned


def letter_items(
    actor, assignment: Assignment, kind: str, item_ids: Sequence[int], on: datetime.date
) -> list[RectificationItem]:
    """The items named, locked: of this assignment, open, and of a colour ``kind`` covers."""
    ids = _clean_ids(item_ids)
    items = list(
        visible(RectificationItem, actor)
        .select_for_update(of=("self",))
        .filter(pk__in=ids, problem__assignment=assignment)
        .order_by("pk")
    )
    require(len(items) == len(ids), _("所选台账条目不属于本巡察对象。"), field="items")
    covered = set(
        letter_candidates(RectificationItem.objects.filter(pk__in=ids), kind, on).values_list(
            "pk", flat=True
        )
    )
    if kind == LetterKind.SUPERVISE:
        message = _("台账#%(id)s未逾期（红色），不能列入督办函。")
    else:
        message = _("台账#%(id)s不是黄色或红色预警条目，不能列入提示函。")
    for item in items:
        require(item.pk in covered, message % {"id": item.pk}, field="items")
    return items


@transaction.atomic
def supervision_letter_issue(
    *,
    actor,
    assignment_id: int,
    kind: str,
    item_ids: Sequence[int],
    requirements: str = "",
    note: str = "",
) -> SupervisionLetter:
    """The office sends the unit a 督办函 (red items) or 提示函 (yellow or red items)."""
    assignment = lock_visible(
        visible(Assignment, actor).select_related("round", "town", "village"), assignment_id
    )
    authorize(actor, "supervision_letter_issue", assignment)
    kind = clean_choice(kind, LetterKind, field="kind", label=_("函件类型"))
    today = timezone.localdate()
    items = letter_items(actor, assignment, kind, item_ids, today)
    letter = SupervisionLetter(
        kind=kind,
        year=today.year,
        sequence=next_sequence(counter_kind(kind), today.year),
        assignment=assignment,
        requirements=(requirements or "").strip(),
        issued_by=actor,
        issued_on=today,
        reply_due_on=today + datetime.timedelta(days=settings.INSPECTION_SUPERVISION_REPLY_DAYS),
    )
    save_with_history(letter, actor=actor, note=note)
    letter.items.set(items)
    return letter


@transaction.atomic
def supervision_letter_sign_for(
    *, actor, letter_id: int, signed_on: datetime.date, note: str = ""
) -> SupervisionLetter:
    """签收: the unit's officer acknowledges the letter on ``signed_on``."""
    letter = lock_visible(visible(SupervisionLetter, actor).select_related("assignment"), letter_id)
    authorize(actor, "supervision_letter_sign_for", letter)
    SIGN_FOR.check(letter)
    letter.signed_for_on = clean_date(
        signed_on,
        field="signed_for_on",
        label=_("签收日期"),
        not_before=letter.issued_on,
        not_before_label=_("发函日期"),
    )
    letter.signed_for_by = actor
    letter.status = SIGN_FOR.target
    save_with_history(letter, actor=actor, note=note)
    return letter


@transaction.atomic
def supervision_letter_reply(
    *, actor, letter_id: int, text: str, reply_file, note: str = ""
) -> SupervisionLetter:
    """The unit's reply: what it did about each item, and the signed reply filed."""
    letter = lock_visible(visible(SupervisionLetter, actor).select_related("assignment"), letter_id)
    authorize(actor, "supervision_letter_reply", letter)
    REPLY.check(letter)
    letter.reply_text = clean_text(text, field="text", label=_("回复内容"))
    files = clean_evidence_files([reply_file], field="reply_file")
    require(bool(files), _("请上传盖章的回复文件。"), field="reply_file")
    letter.reply_file.save(safe_name(files[0].name), files[0], save=False)
    written_in_transaction(letter.reply_file)
    letter.replied_on = timezone.localdate()
    letter.replied_by = actor
    letter.status = REPLY.target
    save_with_history(letter, actor=actor, note=note)
    return letter
