"""整改监督: who sees and does what of the joint inspections and the 督办函 / 提示函.

联合督查: recorded by the office, or by a supervisor (纪委监委, 组织部) in their reach; read
by whoever reads the ledger of one of its villages. 督办函 / 提示函: issued (and printed)
by the office; supervisors and the town's reviewer read them, as they read the ledger;
the unit's officer signs for them and replies.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _lazy

from inspection.attachments import evidence_kind
from inspection.models import Village
from inspection.permissions import (
    action,
    is_county_supervisor,
    is_office,
    is_supervisor,
    is_town_reviewer,
    reads_all,
    reads_unit_ledger,
    scope_of,
)
from rectification.models import JointInspection, JointInspectionFinding, SupervisionLetter
from rectification.permissions import is_unit_officer, scoped_by_assignment, visible_items


def village_reach(user) -> Q:
    """The villages whose rectification ``user`` reads (a condition on Village): all for
    the office, leadership and a county-wide supervisor; a town's, or an officer's own
    village, for the others who read a unit's ledger; none for anyone else."""
    if reads_all(user) or is_county_supervisor(user):
        return Q()
    if not reads_unit_ledger(user):
        return Q(pk__in=[])
    if user.village_id:
        return Q(pk=user.village_id)
    return Q(town_id=user.town_id) if user.town_id else Q(pk__in=[])


@scope_of(JointInspection)
def visible_joint_inspections(user):
    """An inspection is read by whoever reads the ledger of every one of its villages: its
    summary, its findings and its list of villages speak of all of them, so a village's
    officer (or a town's reviewer) never reads one that also went to another place."""
    if reads_all(user):
        return JointInspection.objects.all()
    if not reads_unit_ledger(user):
        return JointInspection.objects.none()
    villages = Village.objects.filter(village_reach(user)).values("pk")
    through = JointInspection.villages.through.objects.filter(jointinspection_id=OuterRef("pk"))
    return JointInspection.objects.filter(Exists(through.filter(village_id__in=villages))).exclude(
        Exists(through.exclude(village_id__in=villages))
    )


@scope_of(JointInspectionFinding)
def visible_joint_inspection_findings(user):
    """A finding about a ledger item is read only by whoever reads that item."""
    findings = JointInspectionFinding.objects.filter(inspection__in=visible_joint_inspections(user))
    if reads_all(user):
        return findings
    return findings.filter(Q(item__isnull=True) | Q(item__in=visible_items(user)))


@scope_of(SupervisionLetter)
def visible_supervision_letters(user):
    """The unit's letters, for the unit and whoever reads its ledger."""
    return scoped_by_assignment(user, SupervisionLetter.objects.all(), "assignment")


# The unit's reply file is served to whoever reads the letter.
evidence_kind("supervision-reply", SupervisionLetter, field="reply_file")

action("joint_inspection_record", _lazy("登记联合督查"), is_office | is_supervisor)
action("supervision_letter_issue", _lazy("下发督办函"), is_office)
action("supervision_letter_sign_for", _lazy("签收督办函"), is_unit_officer)
action("supervision_letter_reply", _lazy("回复督办函"), is_unit_officer)
action("supervision_letter_document_generate", _lazy("生成督办函文书"), is_office)
action(
    "supervision_letter_document_read",
    _lazy("查阅督办函文书"),
    reads_all | is_supervisor | is_town_reviewer | is_unit_officer,
)
