"""Who sees and does what of the work before a round: the 函调 letters and their replies,
and the per-village 个性监督清单 and 谈话提纲.

- 函调单位 (county data): read by the office and the leading group; edited by the office
  in the admin (reference data, as the supervision-item catalogue).
- 函调: drafted, sent and filed by the office; read by the office, the leading group and
  the teams of the round that inspect one of the villages it asks about.
- Replies may hold sensitive material (信访, 线索, 案件): read by the office, the leading
  group, and the team assigned, in that round, to one of the villages the reply is
  tagged to; nobody else, not even another team of the same round.
- 个性监督清单 / 谈话提纲: drafted and edited by the assignment's team (组长, 副组长,
  组员); read by the team, the office and the leading group.
"""

import rules
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _lazy

from inspection.attachments import evidence_kind
from inspection.permissions import action, is_inspector, is_office, reads_all, scope_of
from rounds.membership import team_ids_of
from rounds.models import Assignment, AssignmentBrief, DataRequest, DataRequestReply, RequestBody
from rounds.permissions import serves_on_assignment_team


@scope_of(RequestBody)
def visible_request_bodies(user):
    return RequestBody.objects.all() if reads_all(user) else RequestBody.objects.none()


def _team_assignments(user):
    """The assignments of ``user``'s teams (the SQL twin of ``team_ids_of``)."""
    return Assignment.objects.filter(team_id__in=team_ids_of(user))


@scope_of(DataRequest)
def visible_data_requests(user):
    requests = DataRequest.objects.all()
    if reads_all(user):
        return requests
    if is_inspector(user):
        mine = _team_assignments(user).filter(
            round_id=OuterRef("round_id"), village__data_requests=OuterRef("pk")
        )
        return requests.filter(Exists(mine))
    return requests.none()


@scope_of(DataRequestReply)
def visible_data_request_replies(user):
    replies = DataRequestReply.objects.all()
    if reads_all(user):
        return replies
    if is_inspector(user):
        mine = _team_assignments(user).filter(
            round_id=OuterRef("request__round_id"), village__data_request_replies=OuterRef("pk")
        )
        return replies.filter(Exists(mine))
    return replies.none()


@scope_of(AssignmentBrief)
def visible_assignment_briefs(user):
    briefs = AssignmentBrief.objects.all()
    if reads_all(user):
        return briefs
    if is_inspector(user):
        return briefs.filter(assignment__team_id__in=team_ids_of(user))
    return briefs.none()


def brief_readable_assignments(user):
    """The assignments whose 个性监督清单 and 谈话提纲 ``user`` reads (their documents')."""
    if reads_all(user):
        return Assignment.objects.all()
    if is_inspector(user):
        return _team_assignments(user)
    return Assignment.objects.none()


# A reply's file is served to whoever reads the reply.
evidence_kind("data-request-reply", DataRequestReply, confidential=True)


@rules.predicate
def is_sent(user, request) -> bool:
    return request is not None and request.sequence is not None


action("data_request_create", _lazy("新建函调"), is_office)
action("data_request_update", _lazy("修改函调"), is_office)
action("data_request_send", _lazy("发出函调"), is_office)
action("data_request_reply_record", _lazy("登记函调回复"), is_office)
# The letter (函调通知) is printed once sent: it prints the number it was sent under.
action("data_request_document_generate", _lazy("生成函调通知文书"), is_office & is_sent)
action("data_request_document_read", _lazy("查阅函调通知文书"), reads_all)
action(
    "assignment_brief_draft",
    _lazy("起草个性监督清单和谈话提纲"),
    is_inspector & serves_on_assignment_team,
)
action(
    "assignment_brief_save",
    _lazy("修改个性监督清单或谈话提纲"),
    is_inspector & serves_on_assignment_team,
)
action(
    "assignment_brief_document_generate",
    _lazy("生成个性监督清单或谈话提纲文书"),
    is_office | (is_inspector & serves_on_assignment_team),
)
action(
    "assignment_brief_document_read",
    _lazy("查阅个性监督清单或谈话提纲文书"),
    reads_all | (is_inspector & serves_on_assignment_team),
)
