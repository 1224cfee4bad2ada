"""What keeps a round from being closed (归档): an incomplete volume, a clue not concluded.

The office lead may close it all the same with a reason; the reason is the note of the
round's closing history row, which the archive page and the 备考表 show.
"""

from django.utils.translation import gettext as _

from findings.choices import ClueStatus
from findings.models import Clue
from rectification.archive.volumes import round_volumes
from rounds.choices import RoundStatus

# A clue is settled when concluded (办结) or never handed over (不予移交).
CLUE_SETTLED = (ClueStatus.CONCLUDED, ClueStatus.DECLINED)
OVERRIDE_PREFIX = "归档说明："


def closing_gaps(round_id: int) -> list[str]:
    """Each reason the round may not be closed yet, as the office reads it: the volumes
    missing required pieces (naming them) and the clues not concluded."""
    gaps = [
        _("%(volume)s卷缺：%(pieces)s")
        % {"volume": volume.name, "pieces": "、".join(line.name for line in volume.missing)}
        for volume in round_volumes(round_id)
        if volume.missing
    ]
    open_clues = list(
        Clue.objects.filter(round_id=round_id)
        .exclude(status__in=CLUE_SETTLED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if open_clues:
        gaps.append(
            _("%(n)d 条问题线索尚未办结（%(clues)s）")
            % {"n": len(open_clues), "clues": "、".join(f"#{pk}" for pk in open_clues)}
        )
    return gaps


def override_reason(inspection_round) -> str:
    """The lead's reason for closing the round with gaps, if it was closed so."""
    if inspection_round.status != RoundStatus.CLOSED:
        return ""
    row = (
        inspection_round.history.filter(status=RoundStatus.CLOSED)
        .order_by("history_date", "history_id")
        .values_list("history_change_reason", flat=True)
        .first()
    )
    if row and row.startswith(OVERRIDE_PREFIX):
        return row[len(OVERRIDE_PREFIX) :]
    return ""
