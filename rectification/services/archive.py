"""Closing a round (归档): the last move of its life cycle, the archive's to decide.

It lives here, downstream of the volumes and clues it checks (rounds cannot read them).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from inspection.permissions import authorize, visible
from inspection.workflow import lock_visible, require, save_with_history
from rectification.archive.closing import OVERRIDE_PREFIX, closing_gaps
from rounds.models import InspectionRound
from rounds.services.rounds import ROUND_CLOSE

OVERRIDE_REASON_MAX = 80  # the history note holds 100 characters, the prefix included


@transaction.atomic
def round_close(
    *, actor, round_id: int, note: str = "", override_reason: str = ""
) -> InspectionRound:
    """整改 → 归档, by the office lead: refused while a volume misses a required piece or
    a clue of the round is not concluded, naming each, unless the lead gives a reason to
    close it all the same (kept as the closing's history note, shown by the archive)."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "round_close", inspection_round)
    ROUND_CLOSE.check(inspection_round)
    gaps = closing_gaps(inspection_round.pk)
    reason = " ".join((override_reason or "").split())
    if gaps:
        require(
            bool(reason),
            _("本轮次尚不能归档：%(gaps)s。确需归档的，请填写归档说明。")
            % {"gaps": "；".join(gaps)},
            field="override_reason",
        )
        require(
            len(reason) <= OVERRIDE_REASON_MAX,
            _("归档说明不超过%(n)d个字。") % {"n": OVERRIDE_REASON_MAX},
            field="override_reason",
        )
        note = OVERRIDE_PREFIX + reason
    inspection_round.status = ROUND_CLOSE.target
    save_with_history(inspection_round, actor=actor, note=note)
    return inspection_round
