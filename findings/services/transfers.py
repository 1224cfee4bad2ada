"""The leading group's sign-off on a clue (领导小组签批 on the 移交审批表) and the letter
that transfers signed-off clues (移交函, 一函多件).

A sign-off is the body's decision: a leadership account signs it itself (``signed_off_by``),
or the office records it with the signed 审批表 attached. A click without either is
refused. A letter goes to ONE body (纪委监委 or 组织部) and takes only clues signed off for
that body; its number 巡察移〔YYYY〕N号 is the next of its year.
"""

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import CLUE_RECEIVING_BODIES, ClueStatus
from findings.models import Clue, TransferLetter
from findings.models.transfers import LETTER_NUMBER_FORMAT
from findings.services.clues import clean_receiving_body
from findings.services.clues_bulk import checked_clue_ids, lock_clues_in_pk_order
from inspection.choices import ReceivingBody, UserRole
from inspection.errors import ApplicationError, ConflictError
from inspection.evidence import clean_evidence_files, safe_name
from inspection.files import written_in_transaction
from inspection.permissions import authorize, role_of, visible
from inspection.services.checks import clean_date, clean_text
from inspection.workflow import Transition, lock_visible, refused_item, require, save_with_history
from rounds.choices import RoundStatus

CLUE_SIGN_OFF = Transition(
    "clue_sign_off", (ClueStatus.REVIEWED,), ClueStatus.APPROVED, _lazy("领导小组签批")
)
CLUE_TRANSFER = Transition(
    "transfer_letter_send", (ClueStatus.APPROVED,), ClueStatus.TRANSFERRED, _lazy("移交")
)
NOT_REVIEWED_MESSAGE = _lazy("尚未经巡察办审核，不能报领导小组签批。")
NOT_SIGNED_OFF_MESSAGE = _lazy("尚未经领导小组签批，不能移交。")


@transaction.atomic
def clue_sign_off(
    *,
    actor,
    clue_id: int,
    signed_off_on: datetime.date | None,
    opinion: str = "",
    sign_off_form=None,
    note: str = "",
) -> Clue:
    """领导小组签批: the leading group agrees to transfer a reviewed clue.

    A leadership account signs it itself; the office records it only with the signed
    移交审批表 (``sign_off_form``, an uploaded file) attached.
    """
    clue = lock_visible(visible(Clue, actor), clue_id)
    authorize(actor, "clue_sign_off", clue)
    if clue.status == ClueStatus.PROPOSED:
        raise ConflictError(NOT_REVIEWED_MESSAGE)
    CLUE_SIGN_OFF.check(clue)
    require(
        clue.receiving_body in CLUE_RECEIVING_BODIES,
        _("该线索尚未确定移交的受理机关，请巡察办重新审核并确定受理机关后再报领导小组签批。"),
        field="receiving_body",
    )
    reviewed_on = timezone.localdate(clue.approved_at) if clue.approved_at else None
    clue.signed_off_on = clean_date(
        signed_off_on,
        field="signed_off_on",
        label=_("签批日期"),
        not_before=reviewed_on,
        not_before_label=_("巡察办审核日期"),
    )
    clue.sign_off_opinion = clean_text(
        opinion, field="opinion", label=_("领导小组意见"), required=False, max_length=2000
    )
    if role_of(actor) == UserRole.LEADERSHIP:
        clue.signed_off_by = actor
    else:
        require(
            sign_off_form is not None,
            _("请上传领导小组签批的移交审批表（扫描件）；未经签批不能登记。"),
            field="sign_off_form",
        )
    if sign_off_form is not None:
        (upload,) = clean_evidence_files([sign_off_form], field="sign_off_form")
        clue.sign_off_form.save(safe_name(upload.name), upload, save=False)
        written_in_transaction(clue.sign_off_form)
    clue.sign_off_recorded_by = actor
    clue.status = CLUE_SIGN_OFF.target
    save_with_history(clue, actor=actor, note=note)
    return clue


def _signed_off_clues(actor, ids: list[int], body: str) -> list[Clue]:
    """The clues of ``ids`` (locked), in the order given, each signed off for ``body``."""
    clues = []
    for number, clue_id in enumerate(ids, start=1):
        which = _("第%(number)d条线索（#%(id)s）") % {"number": number, "id": clue_id}
        try:
            clue = lock_visible(visible(Clue, actor), clue_id)
            if clue.status in (ClueStatus.PROPOSED, ClueStatus.REVIEWED):
                raise ConflictError(NOT_SIGNED_OFF_MESSAGE)
            CLUE_TRANSFER.check(clue)
            require(
                clue.receiving_body == body,
                _("该线索经签批移交%(signed)s，不能与移交%(body)s的线索同函移交。")
                % {
                    "signed": dict(ReceivingBody.choices).get(clue.receiving_body, "—"),
                    "body": ReceivingBody(body).label,
                },
                field="clue_ids",
            )
        except ApplicationError as error:
            raise refused_item(error, which) from error
        clues.append(clue)
    return clues


def _numbered(letter: TransferLetter) -> TransferLetter:
    """Give ``letter`` the next number of its year and save it. Two letters sent at once
    may pick the same number: the unique constraint refuses the second, which takes the
    next one (a savepoint keeps the rest of the transaction)."""
    letter.year = letter.sent_on.year
    for _attempt in range(5):
        last = TransferLetter.objects.filter(year=letter.year).aggregate(last=Max("sequence"))
        letter.sequence = (last["last"] or 0) + 1
        letter.number = LETTER_NUMBER_FORMAT.format(year=letter.year, sequence=letter.sequence)
        try:
            with transaction.atomic():
                letter.save(force_insert=True)
        except IntegrityError:
            letter.pk = None
            continue
        return letter
    raise ConflictError(_("移交函编号冲突，请稍后重试。"))


@transaction.atomic
def transfer_letter_send(
    *,
    actor,
    clue_ids: Sequence[int],
    receiving_body: str,
    sent_on: datetime.date | None,
    receiving_unit: str = "",
    material: str = "",
    note: str = "",
) -> TransferLetter:
    """一函多件: the office sends ONE 移交函 to one body with every clue of ``clue_ids``,
    each signed off by the leading group for that body; all of them, or none.

    A transfer while the clue's round is on site is a quick transfer (巡中快速移交); the
    body owes a result ``INSPECTION_CLUE_RESULT_DUE_DAYS`` after the letter's date.
    """
    authorize(actor, "transfer_letter_send")
    body = clean_receiving_body(receiving_body)
    ids = checked_clue_ids(clue_ids)
    lock_clues_in_pk_order(actor, ids)
    clues = _signed_off_clues(actor, ids, body)
    last_sign_off = max(clue.signed_off_on for clue in clues)
    letter = TransferLetter(
        sent_on=clean_date(
            sent_on,
            field="sent_on",
            label=_("移交日期"),
            not_before=last_sign_off,
            not_before_label=_("领导小组签批日期"),
        ),
        body=body,
        unit=clean_text(
            receiving_unit,
            field="receiving_unit",
            label=_("受理单位名称"),
            required=False,
            max_length=100,
        ),
        material=clean_text(
            material, field="material", label=_("移交材料"), required=False, max_length=4000
        ),
        created_by=actor,
    )
    letter._history_user = actor
    letter._change_reason = note[:100] if note else ""
    _numbered(letter)
    due = datetime.timedelta(days=settings.INSPECTION_CLUE_RESULT_DUE_DAYS)
    for clue in clues:
        clue.letter = letter
        clue.letter_number = letter.number
        clue.receiving_unit = letter.unit
        clue.transferred_on = letter.sent_on
        clue.transferred_on_site = clue.round.status == RoundStatus.ON_SITE
        clue.result_due_on = letter.sent_on + due
        clue.status = CLUE_TRANSFER.target
        save_with_history(clue, actor=actor, note=note)
    return letter
