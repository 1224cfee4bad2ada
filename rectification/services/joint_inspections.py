"""联合督查: the office, the commission and the organisation department visit villages
together and note what they find, each finding optionally about a ledger item.

The office records any; a supervisor records those of villages in their reach (their
town, or the county), and names at least the members of their own body.
"""

import datetime
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.choices import ReceivingBody
from inspection.errors import NotFoundError
from inspection.models import Village
from inspection.permissions import authorize, is_supervisor, visible
from inspection.services.checks import clean_column, clean_date, clean_ids
from inspection.workflow import require, save_with_history
from rectification.models import JointInspection, JointInspectionFinding, RectificationItem
from rectification.supervision_permissions import village_reach

# The members' field the recording body must fill: its own.
MEMBERS_OF_BODY = {
    ReceivingBody.COMMISSION: ("commission_members", _lazy("纪委监委人员")),
    ReceivingBody.ORGANISATION: ("organisation_members", _lazy("组织部人员")),
}


def _villages(actor, village_ids) -> list[Village]:
    ids = clean_ids(village_ids, field="villages", message=_("所选村(社区)无效。"))
    require(bool(ids), _("请选择督查的村(社区)（至少一个）。"), field="villages")
    villages = list(Village.objects.filter(village_reach(actor), pk__in=ids).order_by("pk"))
    if len(villages) != len(ids):
        raise NotFoundError(_("所选村(社区)不存在或不在您的监督范围内。"))
    return villages


def _findings(actor, findings, villages) -> list[JointInspectionFinding]:
    """Each finding's text, and its item: one the actor reads, of a village inspected."""
    rows = []
    for index, finding in enumerate(findings or (), start=1):
        text = (finding.get("text") or "").strip()
        item_id = finding.get("item_id") or None
        if not text and item_id is None:
            continue
        require(bool(text), _("第%(n)s条督查发现未填写内容。") % {"n": index}, field="findings")
        item = None
        if item_id is not None:
            (pk,) = clean_ids([item_id], field="findings", message=_("所选台账条目无效。"))
            item = (
                visible(RectificationItem, actor)
                .filter(pk=pk, problem__assignment__village__in=villages)
                .first()
            )
            require(
                item is not None,
                _("第%(n)s条督查发现关联的台账条目不属于所督查的村(社区)。") % {"n": index},
                field="findings",
            )
        rows.append(JointInspectionFinding(text=text, item=item))
    return rows


@transaction.atomic
def joint_inspection_record(
    *,
    actor,
    inspected_on: datetime.date,
    village_ids: Sequence[int],
    office_members: str = "",
    commission_members: str = "",
    organisation_members: str = "",
    summary: str = "",
    findings: Sequence[Mapping] = (),
    note: str = "",
) -> JointInspection:
    """Record a joint inspection of villages in the actor's reach, with its findings."""
    authorize(actor, "joint_inspection_record")
    villages = _villages(actor, village_ids)
    inspection = JointInspection(
        inspected_on=clean_date(inspected_on, field="inspected_on", label=_("督查日期")),
        office_members=clean_column(JointInspection, "office_members", office_members),
        commission_members=clean_column(JointInspection, "commission_members", commission_members),
        organisation_members=clean_column(
            JointInspection, "organisation_members", organisation_members
        ),
        summary=(summary or "").strip(),
        recorded_by=actor,
    )
    field, label = ("office_members", _("巡察办人员"))
    if is_supervisor(actor):
        field, label = MEMBERS_OF_BODY[actor.receiving_body]
    require(
        bool(getattr(inspection, field)),
        _("请填写%(label)s（登记单位须有人员参加）。") % {"label": label},
        field=field,
    )
    rows = _findings(actor, findings, villages)
    require(
        bool(rows) or bool(inspection.summary),
        _("请填写督查情况或至少一条督查发现。"),
        field="findings",
    )
    save_with_history(inspection, actor=actor, note=note)
    inspection.villages.set(villages)
    for row in rows:
        row.inspection = inspection
        save_with_history(row, actor=actor, note=note)
    return inspection
