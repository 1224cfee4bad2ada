"""Who reads and who records the look-back checks (回头看).

The look-back team reads the previous ledger of the villages it revisits (the scopes in
rectification.permissions, through rectification.look_back_scope). Its verdict — and a
假改 or 反弹 reopens the item — is the team's, given by its leader or deputy, who answer
for the team's findings as they do on site (组长负责制); the office may record it too.
"""

import rules
from django.utils.translation import gettext_lazy as _lazy

from inspection.permissions import action, is_inspector, is_office, scope_of, visible
from rectification.models import LookBackCheck, RectificationItem
from rectification.permissions import directed_team_ids_of
from rounds.choices import RoundMode
from rounds.models import Assignment


@scope_of(LookBackCheck)
def visible_look_back_checks(user):
    """A check is seen with its look-back assignment, and by whoever sees its item."""
    return LookBackCheck.objects.filter(
        assignment__in=visible(Assignment, user), item__in=visible(RectificationItem, user)
    )


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
