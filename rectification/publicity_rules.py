"""整改公开: who reads an organisation's publicity and who moves it.

It is read as the organisation's ledger is (the office, leadership, the team, the unit
and, in their reach, its town's reviewer and supervisors). The office composes the draft,
records the posting and the 群众评议; the approval is the leading group's (a leadership
account signs; the office records it only with the group's approval document, which the
service and a check constraint require).
"""

from django.utils.translation import gettext_lazy as _lazy

from inspection.attachments import evidence_kind
from inspection.permissions import (
    action,
    is_inspector,
    is_leadership,
    is_office,
    reads_all,
    reads_unit_ledger,
    scope_of,
)
from rectification.models import PublicityExemption, RectificationPublicity
from rectification.permissions import scoped_by_assignment


@scope_of(RectificationPublicity)
def visible_publicities(user):
    return scoped_by_assignment(user, RectificationPublicity.objects.all(), "assignment")


@scope_of(PublicityExemption)
def visible_publicity_exemptions(user):
    """What is withheld from the 公开稿, and why, is the office's and the leading group's
    (which approves it): a reason such as 线索未了结 would tell the unit a clue is open."""
    if not reads_all(user):
        return PublicityExemption.objects.none()
    return PublicityExemption.objects.filter(publicity__in=visible_publicities(user))


# The leading group's approval document and the photo of the posting are served to
# whoever reads the publicity (inspection.attachments).
evidence_kind("publicity-approval", RectificationPublicity, field="approval_document")
evidence_kind("publicity-photo", RectificationPublicity, field="posting_photo")


action("publicity_generate", _lazy("拟定整改公开稿"), is_office)
action("publicity_approve", _lazy("审定整改公开稿"), is_office | is_leadership)
action("publicity_post", _lazy("登记整改公开"), is_office)
action("publicity_assess", _lazy("登记群众评议"), is_office)
action("publicity_read", _lazy("查阅整改公开稿"), reads_all | reads_unit_ledger | is_inspector)
