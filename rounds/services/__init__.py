"""The rounds app's writes: one function per workflow action (see inspection/workflow.py).

- ``rounds``: a round's life cycle, planning to closing;
- ``teams``: teams and their members;
- ``assignments``: which team inspects which village, with the recusal check;
- ``plans``: the leading group's decision on a round's 工作方案;
- ``recusal``: members' recusal declarations and the office lead's override;
- ``onsite``: interviews, activities and petitions;
- ``portraits``: the village's 自画像 and the town's 预画像 of an assignment;
- ``notices``: the 进驻公告 and its villages' 码上巡 codes;
- ``public_intake``: a report the public sends through 码上巡 (no actor).
- ``requests``: the 函调 (巡前通报) to the bodies, sent and replied to;
- ``briefs``: each village's 个性监督清单 and 谈话提纲, drafted and edited by the team.
"""

from rounds.services.assignments import (
    assignment_create,
    assignment_set_team,
    assignments_create_bulk,
    assignments_create_for_town,
)
from rounds.services.briefs import assignment_brief_draft, assignment_brief_save
from rounds.services.modes import assignments_set_mode
from rounds.services.notices import entry_notice_create, entry_notice_update
from rounds.services.onsite import activity_record, interview_record, petition_record
from rounds.services.plans import round_plan_decide
from rounds.services.portraits import portrait_save
from rounds.services.recusal import recusal_declare
from rounds.services.requests import (
    data_request_create,
    data_request_reply_record,
    data_request_send,
    data_request_update,
)
from rounds.services.rounds import (
    round_create,
    round_create_with_items,
    round_end_on_site,
    round_go_on_site,
    round_prepare,
    round_set_supervision_items,
    round_update,
    round_update_with_items,
)
from rounds.services.teams import (
    team_create,
    team_create_with_members,
    team_member_add,
    team_member_remove,
)

__all__ = [
    "activity_record",
    "assignment_brief_draft",
    "assignment_brief_save",
    "assignment_create",
    "assignment_set_team",
    "assignments_create_bulk",
    "assignments_create_for_town",
    "assignments_set_mode",
    "data_request_create",
    "data_request_reply_record",
    "data_request_send",
    "data_request_update",
    "entry_notice_create",
    "entry_notice_update",
    "interview_record",
    "petition_record",
    "portrait_save",
    "recusal_declare",
    "round_create",
    "round_create_with_items",
    "round_end_on_site",
    "round_go_on_site",
    "round_plan_decide",
    "round_prepare",
    "round_set_supervision_items",
    "round_update",
    "round_update_with_items",
    "team_create",
    "team_create_with_members",
    "team_member_add",
    "team_member_remove",
]
