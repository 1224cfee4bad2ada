"""Who reaches a round's archive: the round in the user's scope (else "not found"), and
the action's rule (``archive_read``, ``archive_build``: the office's)."""

from django.utils.translation import gettext as _

from inspection.errors import NotFoundError
from inspection.permissions import authorize, visible
from rounds.models import InspectionRound


def archive_round(user, round_id, action: str) -> InspectionRound:
    try:
        key = int(round_id)
    except (TypeError, ValueError):
        key = 0
    inspection_round = None
    if 0 < key < 2**63:
        inspection_round = visible(InspectionRound, user).filter(pk=key).first()
    if inspection_round is None:
        raise NotFoundError(_("巡察轮次不存在。"))
    authorize(user, action, inspection_round)
    return inspection_round
