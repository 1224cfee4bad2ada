"""The village's 自画像 and the town's 预画像 (docs/DOMAIN.md "Places"): drafted and saved as
often as needed, then submitted once, before or during the stay (筹备 to 进驻)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.errors import ApplicationError
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_choice
from inspection.workflow import lock_visible, require, save_with_history
from rounds.choices import PORTRAIT_SECTIONS, PortraitKind, PortraitStatus, RoundStatus
from rounds.models import Assignment, VillagePortrait
from rounds.portrait_permissions import FILL_ACTIONS

SECTION_MAX_LENGTH = 5000
OPEN_STATUSES = (RoundStatus.PLANNING, RoundStatus.PREPARATION, RoundStatus.ON_SITE)


def _sections(kind: str, sections: dict) -> dict[str, str]:
    known = dict(PORTRAIT_SECTIONS[PortraitKind(kind)])
    unknown = sorted(set(sections or {}) - known.keys())
    require(
        not unknown,
        _("画像没有这些栏目：%(keys)s。") % {"keys": "、".join(map(str, unknown))},
        field="sections",
    )
    cleaned = {}
    for key, heading in known.items():
        text = sections.get(key) if sections else ""
        require(
            text is None or isinstance(text, str),
            _("「%(heading)s」应为文字。") % {"heading": heading},
            field=key,
        )
        text = (text or "").strip()
        require(
            len(text) <= SECTION_MAX_LENGTH,
            _("「%(heading)s」不能超过%(limit)s字。")
            % {"heading": heading, "limit": SECTION_MAX_LENGTH},
            field=key,
        )
        cleaned[key] = text
    return cleaned


@transaction.atomic
def portrait_save(
    *, actor, assignment_id: int, kind: str, sections: dict, submit: bool = False, note: str = ""
) -> VillagePortrait:
    """Save the 自画像 (the village's contact) or 预画像 (the town) of an assignment's village;
    ``submit`` hands it in, after which it is read by the office and the team and no longer
    changed. Submitting needs every section filled (write “无” where there is nothing)."""
    clean_choice(kind, PortraitKind, field="kind", label=_("画像类别"))
    assignment = lock_visible(visible(Assignment, actor), assignment_id)
    authorize(actor, FILL_ACTIONS[kind], assignment)
    require(
        assignment.round.status in OPEN_STATUSES,
        _("%(round)s已撤离，不能再填写或修改画像。") % {"round": assignment.round},
    )
    portrait = (
        VillagePortrait.objects.select_for_update(of=("self",))
        .order_by("pk")
        .filter(assignment=assignment, kind=kind)
        .first()
    )
    if portrait is None:
        portrait = VillagePortrait(assignment=assignment, kind=kind)
    elif portrait.status == PortraitStatus.SUBMITTED:
        raise ApplicationError(
            _("%(portrait)s已提交，不能再修改。") % {"portrait": portrait.get_kind_display()}
        )
    portrait.sections = _sections(kind, sections)
    portrait.written_by = actor
    if submit:
        missing = [
            str(heading)
            for key, heading in PORTRAIT_SECTIONS[PortraitKind(kind)]
            if not portrait.sections[key]
        ]
        require(
            not missing,
            _("提交前请填写每个栏目（没有的写“无”）：%(missing)s。")
            % {"missing": "、".join(missing)},
            field="sections",
        )
        portrait.status = PortraitStatus.SUBMITTED
        portrait.submitted_at = timezone.now()
    save_with_history(portrait, actor=actor, note=note or ("提交" if submit else "保存草稿"))
    return portrait
