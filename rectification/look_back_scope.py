"""What a look-back team reads of the ledger it re-checks (回头看).

A look-back round (``mode == look_back``) revisits one earlier round (``revisits``). Its
team, on an assignment of a village, reads the ledger items of that village's assignment
in the revisited round — the items the earlier round fed back, with their measures,
progress, evidence and verification. Only the revisited round: an older round's items
were re-checked (or not) by the look-back of that round.
"""

from django.db.models import Exists, OuterRef, Q

from rounds.choices import RoundMode, RoundStatus
from rounds.models import Assignment


def look_back_assignments(user):
    """The look-back assignments ``user`` serves on (any role of the team), while their round
    is open: once it is archived (归档) the team reads the earlier ledger no more."""
    return Assignment.objects.filter(
        round__mode=RoundMode.LOOK_BACK, team__memberships__user_id=user.pk
    ).exclude(round__status=RoundStatus.CLOSED)


def look_back_condition(user, assignment: str) -> Exists:
    """An SQL condition: the row's assignment (at the path ``assignment``) is a village's
    assignment in a round that a look-back assignment of ``user``'s team revisits, for the
    same village."""
    return Exists(
        look_back_assignments(user).filter(
            round__revisits_id=OuterRef(f"{assignment}__round_id"),
            village_id=OuterRef(f"{assignment}__village_id"),
        )
    )


def revisited_condition(look_back: Assignment, prefix: str = "problem__assignment__") -> Q:
    """The rows (items, at ``prefix`` to their assignment) of the same village in the round
    the look-back ``look_back`` revisits: what its team re-checks. None for a look-back of
    a town party committee (a village's only, as ``look_back_condition``)."""
    if look_back.village_id is None or look_back.round.revisits_id is None:
        return Q(pk__in=[])
    return Q(
        **{
            f"{prefix}round_id": look_back.round.revisits_id,
            f"{prefix}village_id": look_back.village_id,
        }
    )
