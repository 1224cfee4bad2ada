"""A batch of a round's objects put in one mode (巡察方式), before the round goes on site
(the rules: ``rounds.mode_rules``)."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from inspection.permissions import authorize, visible
from inspection.services.checks import clean_text
from inspection.workflow import lock_visible, require, save_with_history
from rounds.mode_rules import chosen_mode
from rounds.models import Assignment, InspectionRound
from rounds.services.assignments import ASSIGNMENT_CREATE_WINDOW


@transaction.atomic
def assignments_set_mode(
    *,
    actor,
    round_id: int,
    assignment_ids: Sequence[int],
    mode_id: int,
    theme: str = "",
    note: str = "",
) -> list[Assignment]:
    """Put a batch of the round's objects in one mode (and, for a 专项, its theme), before
    the round goes on site; one history row each."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "assignments_set_mode", inspection_round)
    ASSIGNMENT_CREATE_WINDOW.check(inspection_round)
    ids = list(dict.fromkeys(assignment_ids))
    require(bool(ids), _("请至少勾选一个巡察对象。"), field="assignments")
    assignments = list(
        Assignment.objects.select_for_update(of=("self",))
        .filter(round=inspection_round, pk__in=ids)
        .select_related("town", "village")
        .order_by("pk")
    )
    require(
        len(assignments) == len(ids),
        _("所选巡察对象不属于本轮次。"),
        field="assignments",
    )
    theme = clean_text(theme, field="theme", label=_("专项主题"), max_length=200, required=False)
    committee = any(a.village_id is None for a in assignments)
    mode = chosen_mode(inspection_round, mode_id, committee=committee, theme=theme)
    for assignment in assignments:
        assignment.mode, assignment.theme = mode, theme
        save_with_history(
            assignment, actor=actor, note=note or _("巡察方式：%(mode)s") % {"mode": mode}
        )
    return assignments
