"""Bulk moves of clues from the office's list: review the ticked clues (巡察办审核). It is
one transaction around the single-clue service, run once a clue: either every clue moved,
or none did and the refusal names the clue (its place in the request and its number) and
the single service's reason. Transferring several clues with one letter (一函多件) is
``findings.services.transfers.transfer_letter_send``.
"""

from collections.abc import Callable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from findings.models import Clue
from findings.services.clues import clue_review
from inspection.errors import ApplicationError
from inspection.permissions import authorize, visible
from inspection.workflow import refused_item, require

# A bulk action moves at most this many clues (one list page holds fewer).
BULK_MAX = 200


def checked_clue_ids(clue_ids: Sequence[int]) -> list[int]:
    """The ids in the order given, each once; at least one and at most ``BULK_MAX``."""
    ids = list(dict.fromkeys(clue_ids))
    require(bool(ids), _("请至少勾选一条线索。"), field="clue_ids")
    require(
        len(ids) <= BULK_MAX,
        _("一次最多处理%(max)d条，请分批处理。") % {"max": BULK_MAX},
        field="clue_ids",
    )
    return ids


def lock_clues_in_pk_order(actor, ids: list[int]) -> None:
    """Lock every visible clue of ``ids`` at once, in ascending pk order, before any moves.

    Locked one by one in request order, two bulk moves of overlapping clues ticked in
    different orders could each hold what the other waits for: a deadlock PostgreSQL
    breaks by failing one of them (a 500). One order for everybody cannot deadlock. The
    single-clue services lock again (already held) and refuse what is not visible."""
    pks = []
    for clue_id in ids:
        try:
            pks.append(int(clue_id))
        except (TypeError, ValueError):
            continue  # the single-clue service refuses it, naming its place
    rows = visible(Clue, actor).select_for_update(of=("self",)).filter(pk__in=pks)
    list(rows.order_by("pk").values_list("pk", flat=True))


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
def clues_review_bulk(
    *, actor, clue_ids: Sequence[int], receiving_body: str, opinion: str = "", note: str = ""
) -> list[Clue]:
    """The office reviews every clue of ``clue_ids`` (each by ``clue_review``), or none."""
    authorize(actor, "clues_review_bulk")
    ids = checked_clue_ids(clue_ids)
    lock_clues_in_pk_order(actor, ids)
    return _each(
        ids,
        lambda pk: clue_review(
            actor=actor, clue_id=pk, receiving_body=receiving_body, opinion=opinion, note=note
        ),
    )
