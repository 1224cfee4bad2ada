"""Recusal (回避): members declare their ties; a team may not inspect a place it is tied to,
unless the office lead overrides the conflict with a reason.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from inspection.choices import Kinship, RecusalKind, UserRole
from inspection.errors import ApplicationError
from inspection.models import RecusalDeclaration, Town, User, Village
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_choice, clean_column
from inspection.workflow import lock_visible, require


def recusal_listing(conflicts: dict[str, list[str]]) -> list[str]:
    """["甲一村——张三：户籍或居住地（甲一村）", …] for {target name: reasons}."""
    return [f"{target}——{'，'.join(reasons)}" for target, reasons in conflicts.items()]


def recusal_resolve(
    *, actor, inspection_round, conflicts: dict[str, list[str]], override_reason: str, field: str
) -> str:
    """Refuse an arrangement that breaks recusal, naming each target, member and reason,
    unless the office lead gives a reason to override it.

    ``conflicts`` maps the name of each inspection object to its conflicts. Returns the
    override reason, or "" when there is nothing to override.
    """
    if not conflicts:
        return ""
    listing = recusal_listing(conflicts)
    reason = (override_reason or "").strip()
    if not reason:
        message = _("存在回避情形：%(conflicts)s。如确需安排，须由巡察办主任填写放行理由。") % {
            "conflicts": "；".join(listing)
        }
        raise ApplicationError(message, errors={field: listing})
    authorize(actor, "recusal_override", inspection_round)
    return reason


def recusal_override_note(*, note: str, reason: str, conflicts: dict[str, list[str]]) -> str:
    """The history note of an overridden conflict: the actor's note, the reason, the
    conflicts (the history keeps the first 100 characters)."""
    parts = [note, f"放行回避冲突：{reason}", f"回避情形：{'；'.join(recusal_listing(conflicts))}"]
    return "；".join(part for part in parts if part)


@transaction.atomic
def recusal_declare(
    *,
    actor,
    kind: str,
    user_id: int | None = None,
    village_id: int | None = None,
    town_id: int | None = None,
    relative_name: str = "",
    relative_post: str = "",
    relation: str = "",
    note: str = "",
) -> RecusalDeclaration:
    """Record a tie of an inspector (the actor, unless the office records it for someone)
    to a village or a town: home (户籍或居住地), a relative in office (亲属任职), a former
    unit (曾任职单位). ``note`` is the declaration's own remark (说明).

    A relative is declared by name and relation (``relation``, a ``Kinship``); with no
    place named, the recusal check looks the name up on every village's roster
    (两委及村务监督委员会名册). With a place, the relative's post is required as well
    and the declaration conflicts with that place as typed."""
    person = lock_visible(visible(User, actor), user_id if user_id is not None else actor.pk)
    authorize(actor, "recusal_declare", person)
    require(
        person.is_active and person.role == UserRole.INSPECTOR,
        _("只能为在职的巡察组干部登记回避申报，%(person)s不是。") % {"person": person},
        field="user",
    )
    clean_choice(kind, RecusalKind, field="kind", label=_("回避事由"))
    village = town = None
    if village_id is not None:
        village = visible(Village, actor).select_related("town").filter(pk=village_id).first()
        require(village is not None, _("所选村(社区)不存在。"), field="village")
    if town_id is not None:
        town = visible(Town, actor).filter(pk=town_id).first()
        require(town is not None, _("所选乡镇不存在。"), field="town")
    has_place = village is not None or town is not None
    require(
        has_place or kind == RecusalKind.RELATIVE,
        _("请指明回避的乡镇或村(社区)。"),
        field="village",
    )
    if village is not None and town is not None:
        require(
            village.town_id == town.pk,
            _("%(village)s不属于%(town)s。") % {"village": village, "town": town},
            field="village",
        )
    if kind == RecusalKind.RELATIVE:
        relative_name = clean_column(
            RecusalDeclaration, "relative_name", relative_name, required=True
        )
        relative_post = clean_column(
            RecusalDeclaration, "relative_post", relative_post, required=has_place
        )
        if relation or not has_place:
            clean_choice(relation, Kinship, field="relation", label=_("亲属关系"))
    elif relative_name.strip() or relative_post.strip() or relation:
        raise ApplicationError(
            _("只有亲属任职回避需要填写亲属姓名、关系和职务。"),
            errors={"relative_name": [_("只有亲属任职回避需要填写亲属姓名、关系和职务。")]},
        )
    return RecusalDeclaration.objects.create(
        user=person,
        kind=kind,
        village=village,
        town=village.town if village is not None else town,
        relative_name=relative_name,
        relative_post=relative_post,
        relation=relation,
        note=clean_column(RecusalDeclaration, "note", note),
    )
