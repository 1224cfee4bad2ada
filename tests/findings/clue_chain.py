"""The clue chain through the services, for tests that need a clue transferred the way the
product transfers it: 巡察办审核 → 领导小组签批 (a leadership account) → 移交函."""

import datetime

from django.utils import timezone

from findings.services import clue_review, clue_sign_off, transfer_letter_send
from inspection.choices import ReceivingBody


def sign_off(*, office, leadership, clue_id, body=ReceivingBody.COMMISSION, on=None):
    """Review ``clue_id`` by ``office`` and have ``leadership`` sign it off (on ``on``)."""
    on = on or timezone.localdate()
    clue_review(actor=office, clue_id=clue_id, receiving_body=body, opinion="同意移交")
    return clue_sign_off(actor=leadership, clue_id=clue_id, signed_off_on=on, opinion="同意")


def transfer(
    *,
    office,
    leadership,
    clue_ids,
    body=ReceivingBody.COMMISSION,
    on: datetime.date | None = None,
    material="问题线索移交审批表",
):
    """Review, sign off and send ``clue_ids`` with one letter; answers the letter."""
    on = on or timezone.localdate()
    for clue_id in clue_ids:
        sign_off(office=office, leadership=leadership, clue_id=clue_id, body=body, on=on)
    return transfer_letter_send(
        actor=office,
        clue_ids=list(clue_ids),
        receiving_body=body,
        sent_on=on,
        material=material,
    )
