"""Who reads and who records the look-back checks (回头看).

The look-back team reads the previous ledger of the villages it revisits (the scopes in
rectification.permissions, through rectification.look_back_scope). Its verdict — and a
假改 or 反弹 reopens the item — is the team's, given by its leader or deputy, who answer
for the team's findings as they do on site (组长负责制); the office may record it too.
"""

import datetime

import rules
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from inspection.permissions import (
    action,
    is_inspector,
    is_office,
    is_supervisor,
    reads_unit_ledger,
    scope_of,
    visible,
)
from rectification.models import LookBackCheck, RectificationItem
from rectification.permissions import directed_team_ids_of
from rounds.choices import RoundMode
from rounds.models import Assignment


def told_to_the_unit(
    check: str = "", feedback: str = "assignment__feedback", on: datetime.date | None = None
) -> Q:
    """The checks the unit's side may know of (on ``on``, today by default): a look-back's
    verdicts are its findings, told at its feedback (as a 底稿 is), except the one that
    reopened an item (the item says so at once: the unit must rectify it again).
    ``check`` leads to the check, ``feedback`` to its look-back assignment's feedback."""
    on = on or timezone.localdate()
    return Q(**{f"{check}reopened": True}) | Q(**{f"{feedback}__fed_back_on__lte": on})


@scope_of(LookBackCheck)
def visible_look_back_checks(user):
    """A check is seen with its look-back assignment, and by whoever sees its item; by the
    unit and its town only once told (``told_to_the_unit``)."""
    checks = LookBackCheck.objects.filter(
        assignment__in=visible(Assignment, user), item__in=visible(RectificationItem, user)
    )
    if reads_unit_ledger(user) and not is_supervisor(user):
        return checks.filter(told_to_the_unit())
    return checks


@rules.predicate
def directs_look_back_team(user, assignment) -> bool:
    """Leader or deputy of the team of the look-back ``assignment``."""
    return (
        assignment is not None
        and is_inspector(user)
        and assignment.round.mode == RoundMode.LOOK_BACK
        and assignment.team_id in directed_team_ids_of(user)
    )


action("look_back_check", _lazy("回头看核查认定"), is_office | directs_look_back_team)
