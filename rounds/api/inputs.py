"""Input serializers of the rounds app's writes: they parse types, nothing more.

Every rule (who may act, in which state, what must be filled in) stays in the services:
text a service requires is accepted blank here so that the service's own message answers.
Bounds here are those of the columns (a number the database cannot hold, a moment before
1900 that cannot be converted to UTC), so that no input can reach the database and fail
there. The creation inputs share their record's component name (RoundRequest,
PatchedRoundRequest, …) as a model serializer's would, so that each choice set is
documented once. Errors stay flat ({field: [messages]}): a bad item of a list of ids or
of the persons concerned is named in the message rather than nested.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from inspection.api.fields import (
    ID_MAX,
    SMALL_MAX,
    ChoiceField,
    IdField,
    IdListField,
    MomentField,
    count,
    optional_date,
    optional_id,
    optional_text,
    plain_text,
    text,
)
from inspection.choices import Kinship, RecusalKind
from rounds.choices import (
    ActivityKind,
    IntervieweeCategory,
    PetitionChannel,
    PlanOutcome,
    RoundMode,
    TeamRole,
)


class PlanDecisionInput(serializers.Serializer):
    """领导小组审议工作方案 (on its latest version, generated on the round's 工作方案 page)."""

    held_on = serializers.DateField(help_text="审议日期")
    outcome = ChoiceField(PlanOutcome.choices, help_text="审议结论")
    opinion = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="审议意见（修改意见必填）"
    )
    minutes = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="会议纪要或签批件（巡察办登记时必传；领导小组成员本人登记即为签批）",
    )


class RoundNoteInput(serializers.Serializer):
    """A move that takes nothing but an optional note for the history."""

    note = optional_text(help_text="备注，写入变更记录")


# ------------------------------------------------------------------------- rounds


@extend_schema_serializer(component_name="Round")
class RoundCreateInput(serializers.Serializer):
    title = text()
    supervision_items = IdListField(
        required=False, default=list, help_text="本轮次选用的监督重点；与轮次一并保存，或都不保存"
    )
    mode = ChoiceField(RoundMode.choices)
    term = optional_id(help_text="届次；缺省为本届")
    theme = optional_text(help_text="专项巡察的专项主题")
    revisits = optional_id(help_text="回头看所针对的轮次")
    mobilised_on = optional_date()
    on_site_from = optional_date()
    on_site_until = optional_date()
    feedback_on = optional_date()
    note = optional_text()


@extend_schema_serializer(component_name="Round")
class RoundUpdateInput(serializers.Serializer):
    """Only the fields given change."""

    title = serializers.CharField(required=False, allow_blank=True)
    mode = ChoiceField(RoundMode.choices, required=False)
    theme = serializers.CharField(required=False, allow_blank=True)
    revisits = IdField(required=False, allow_null=True)
    mobilised_on = serializers.DateField(required=False, allow_null=True)
    on_site_from = serializers.DateField(required=False, allow_null=True)
    on_site_until = serializers.DateField(required=False, allow_null=True)
    feedback_on = serializers.DateField(required=False, allow_null=True)
    supervision_items = IdListField(
        required=False, help_text="本轮次选用的监督重点（整体替换）；缺省不变"
    )
    note = optional_text()


class SupervisionItemsInput(serializers.Serializer):
    supervision_items = IdListField(help_text="本轮次选用的监督重点（整体替换）")
    note = optional_text()


# -------------------------------------------------------------------------- teams


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "user": {"type": "integer", "description": "人员（巡察组干部）"},
                "role": {"type": "string", "enum": TeamRole.values, "description": "组内职务"},
                "post": {"type": "string", "description": "原单位职务"},
            },
            "required": ["user"],
        },
    }
)
class TeamMembersField(serializers.Field):
    """The people of a new team: [{user, role?, post?}, …], the leader best first.

    Only their shape is checked here; ``team_member_add`` checks each person.
    """

    default_error_messages = {"not_a_list": _lazy("请以列表形式填写巡察组成员。")}

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list")
        members = []
        for number, member in enumerate(data, start=1):
            user = member.get("user") if isinstance(member, dict) else None
            role = member.get("role", TeamRole.MEMBER) if isinstance(member, dict) else None
            post = member.get("post", "") if isinstance(member, dict) else None
            if not (isinstance(user, int) and not isinstance(user, bool) and 0 < user <= ID_MAX):
                raise serializers.ValidationError(
                    _("第%(number)s名成员：请选择人员。") % {"number": number}
                )
            if role not in TeamRole.values:
                raise serializers.ValidationError(
                    _("第%(number)s名成员：请选择组内职务。") % {"number": number}
                )
            if not plain_text(post):
                raise serializers.ValidationError(
                    _("第%(number)s名成员：原单位职务必须是文字。") % {"number": number}
                )
            members.append({"user_id": user, "role": role, "post": post})
        return members

    def to_representation(self, value):
        return value


@extend_schema_serializer(component_name="Team")
class TeamCreateInput(serializers.Serializer):
    round = IdField()
    number = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        max_value=SMALL_MAX,
        help_text="缺省取最小空号",
    )
    members = TeamMembersField(
        required=False, default=list, help_text="组建时配备的成员；与巡察组一并保存，或都不保存"
    )
    note = optional_text()


@extend_schema_serializer(component_name="TeamMember")
class TeamMemberAddInput(serializers.Serializer):
    user = IdField()
    role = ChoiceField(TeamRole.choices, required=False, default=TeamRole.MEMBER)
    post = optional_text(help_text="原单位职务")
    recusal_override_reason = optional_text(help_text="放行回避冲突的理由（巡察办主任）")
    note = optional_text()


class TeamMemberRemoveInput(serializers.Serializer):
    user = IdField(help_text="要移出本组的成员（用户编号）")
    note = optional_text()


# -------------------------------------------------------------------- assignments


@extend_schema_serializer(component_name="Assignment")
class AssignmentCreateInput(serializers.Serializer):
    round = IdField()
    village = optional_id(help_text="留空且给出乡镇：乡镇党委本身（巡乡带村）")
    town = optional_id()
    team = optional_id()
    mode = optional_id(help_text="巡察方式；缺省为轮次的巡察方式")
    theme = optional_text(help_text="专项主题（专项巡察；缺省为轮次的主题）")
    is_key = serializers.BooleanField(required=False, default=False)
    on_site_from = optional_date()
    on_site_until = optional_date()
    recusal_override_reason = optional_text(help_text="放行回避冲突的理由（巡察办主任）")
    note = optional_text()


class AssignmentsForTownInput(serializers.Serializer):
    round = IdField()
    town = IdField()
    team = optional_id()
    mode = optional_id(help_text="巡察方式；缺省为轮次的巡察方式")
    recusal_override_reason = optional_text(help_text="放行回避冲突的理由（巡察办主任）")
    note = optional_text()


class AssignmentsBulkInput(serializers.Serializer):
    round = IdField()
    villages = IdListField(required=False, default=list, max_length=1000, help_text="村(社区)")
    committees = IdListField(
        required=False, default=list, max_length=200, help_text="乡镇党委（巡乡带村）：乡镇编号"
    )
    team = optional_id()
    mode = optional_id(help_text="巡察方式；缺省为轮次的巡察方式")
    recusal_override_reason = optional_text(help_text="放行回避冲突的理由（巡察办主任）")
    note = optional_text()


class AssignmentsSetModeInput(serializers.Serializer):
    round = IdField()
    assignments = IdListField(max_length=1000, help_text="本轮次的巡察对象")
    mode = IdField(help_text="巡察方式")
    theme = optional_text(help_text="专项主题（专项巡察；缺省为轮次的主题）")
    note = optional_text()


class AssignmentSetTeamInput(serializers.Serializer):
    team = IdField()
    recusal_override_reason = optional_text(help_text="放行回避冲突的理由（巡察办主任）")
    note = optional_text()


@extend_schema_serializer(component_name="RecusalDeclaration")
class RecusalDeclareInput(serializers.Serializer):
    kind = ChoiceField(RecusalKind.choices)
    user = optional_id(help_text="申报人；缺省为本人（巡察办可为他人登记）")
    village = optional_id()
    town = optional_id()
    relative_name = optional_text()
    relative_post = optional_text(help_text="亲属职务；指明乡镇或村(社区)时必填")
    relation = ChoiceField(
        Kinship.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="亲属关系；不指明乡镇或村(社区)时必填（按各村名册比对）",
    )
    note = optional_text(help_text="说明")


# ------------------------------------------------------------------------ on site


@extend_schema_serializer(component_name="Interview")
class InterviewRecordInput(serializers.Serializer):
    assignment = IdField()
    interviewee_category = ChoiceField(IntervieweeCategory.choices)
    interviewee_name = text()
    held_at = MomentField(required=False, allow_null=True, default=None, help_text="缺省为当前时间")
    interviewee_post = optional_text()
    place = optional_text()
    outline = optional_text()
    record = optional_text()
    problems_raised = optional_text()
    interviewers = IdListField(help_text="谈话人：本组成员，至少两人")
    recorder = IdField(
        required=False, allow_null=True, default=None, help_text="记录人：本组成员；缺省为本人"
    )


@extend_schema_serializer(component_name="Activity")
class ActivityRecordInput(serializers.Serializer):
    assignment = IdField()
    kind = ChoiceField(ActivityKind.choices)
    held_on = optional_date(help_text="缺省为今天")
    people_reached = count()
    households = count()
    questionnaires_distributed = count()
    questionnaires_returned = count()
    topic = optional_text()
    note = optional_text(help_text="情况记录")


@extend_schema_serializer(component_name="Petition")
class PetitionRecordInput(serializers.Serializer):
    round = IdField()
    channel = ChoiceField(PetitionChannel.choices)
    content = text()
    received_at = MomentField(
        required=False, allow_null=True, default=None, help_text="缺省为当前时间"
    )
    is_anonymous = serializers.BooleanField(required=False, default=False)
    reporter_name = optional_text()
    reporter_contact = optional_text()
    assignment = optional_id()
    note = optional_text()
