"""Which mode (巡察方式) an assignment is made in: the round's by default, or one chosen
for it or for a batch of a round's assignments (``rounds.services.modes``).

The county's modes are data (``InspectionMode``, edited in the admin); their kinds carry
the rules: a 回头看 only in a look-back round and every object of a look-back round in
one, the town committee (乡镇党委) only as an object of 巡乡带村, a 专项 with its theme.
"""

from django.utils.translation import gettext as _

from inspection.workflow import require
from rounds.choices import RoundMode
from rounds.mode_catalogue import seed_modes
from rounds.models import InspectionMode, InspectionRound


def default_mode(inspection_round: InspectionRound) -> InspectionMode:
    """The county's first active mode of the round's kind; the kind's default mode when the
    county has none of that kind at all."""
    kind = inspection_round.mode
    modes = InspectionMode.objects.filter(kind=kind)
    mode = modes.filter(is_active=True).first()
    if mode is None:
        require(
            not modes.exists(),
            _("没有启用的「%(kind)s」类巡察方式：请在巡察方式中启用一个。")
            % {"kind": RoundMode(kind).label},
            field="mode",
        )
        seed_modes(InspectionMode)  # the kind's shipped mode, as after a flush
        mode = modes.get()
    return mode


def chosen_mode(
    inspection_round: InspectionRound, mode_id: int | None, *, committee: bool, theme: str = ""
) -> InspectionMode:
    """The mode an object of the round is made in (``mode_id``, else the round's default),
    checked against the round and the object (``committee``: the town committee)."""
    if mode_id is None:
        mode = default_mode(inspection_round)
    else:
        mode = InspectionMode.objects.filter(pk=mode_id, is_active=True).first()
        require(mode is not None, _("所选巡察方式不存在或已停用。"), field="mode")
    look_back_round = inspection_round.mode == RoundMode.LOOK_BACK
    require(
        (mode.kind == RoundMode.LOOK_BACK) == look_back_round,
        _("回头看轮次的巡察对象均按回头看方式巡察。")
        if look_back_round
        else _("回头看须单独安排回头看轮次（写明所针对的轮次），不能在本轮次中选择。"),
        field="mode",
    )
    if committee:
        require(
            mode.kind == RoundMode.TOWN_AND_VILLAGE,
            _("只有巡乡带村(镇村一体/乡村一体)可以把乡镇党委作为巡察对象，请选择村(社区)。"),
            field="village",
        )
    if mode.kind == RoundMode.THEMATIC:
        require(
            bool(theme or inspection_round.theme),
            _("专项巡察须写明专项主题。"),
            field="theme",
        )
    return mode
