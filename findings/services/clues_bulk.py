"""Bulk moves of clues from the office's list: approve the ticked clues, or transfer them
with one letter (一函多件). Each is one transaction around the single-clue service, run
once a clue: either every clue moved, or none did and the refusal names the clue (its
place in the request and its number) and the single service's reason.
"""

import datetime
from collections.abc import Callable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from findings.models import Clue
from findings.services.clues import clue_approve, clue_transfer
from inspection.errors import ApplicationError
from inspection.permissions import authorize
from inspection.workflow import refused_item, require

# A bulk action moves at most this many clues (one list page holds fewer).
BULK_MAX = 200


def _clue_ids(clue_ids: Sequence[int]) -> list[int]:
    """The ids in the order given, each once; at least one and at most ``BULK_MAX``."""
    ids = list(dict.fromkeys(clue_ids))
    require(bool(ids), _("请至少勾选一条线索。"), field="clue_ids")
    require(
        len(ids) <= BULK_MAX,
        _("一次最多处理%(max)d条，请分批处理。") % {"max": BULK_MAX},
        field="clue_ids",
    )
    return ids


def _each(ids: list[int], move: Callable[[int], Clue]) -> list[Clue]:
    done = []
    for number, clue_id in enumerate(ids, start=1):
        try:
            done.append(move(clue_id))
        except ApplicationError as error:
            which = _("第%(number)d条线索（#%(id)s）") % {"number": number, "id": clue_id}
            raise refused_item(error, which) from error
    return done


@transaction.atomic
def clues_approve_bulk(*, actor, clue_ids: Sequence[int], note: str = "") -> list[Clue]:
    """The office approves every clue of ``clue_ids`` (each by ``clue_approve``), or none."""
    authorize(actor, "clues_approve_bulk")
    ids = _clue_ids(clue_ids)
    return _each(ids, lambda pk: clue_approve(actor=actor, clue_id=pk, note=note))


@transaction.atomic
def clues_transfer_bulk(
    *,
    actor,
    clue_ids: Sequence[int],
    receiving_body: str,
    letter_number: str,
    transferred_on: datetime.date | None,
    receiving_unit: str = "",
    note: str = "",
) -> list[Clue]:
    """一函多件: the office hands every clue of ``clue_ids`` over with ONE letter (each by
    ``clue_transfer``, same body, letter number and date), or none of them."""
    authorize(actor, "clues_transfer_bulk")
    ids = _clue_ids(clue_ids)
    return _each(
        ids,
        lambda pk: clue_transfer(
            actor=actor,
            clue_id=pk,
            receiving_body=receiving_body,
            letter_number=letter_number,
            transferred_on=transferred_on,
            receiving_unit=receiving_unit,
            note=note,
        ),
    )
