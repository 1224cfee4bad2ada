"""Read serializers of the rounds app: ids for foreign keys plus a few readable labels.

Each list's viewset declares the select_related/prefetch_related these need, so a page
costs a fixed number of queries. Confidential names (the interviewee, a petition's
reporter) are never serialized raw, nor the testimony (an interview's outline, record
and problems raised; a petition's content and disposition note): they pass through the
confidentiality policy for the requesting user (masked names, withheld testimony).
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from inspection.api.lean import LeanRepresentation
from inspection.models import RecusalDeclaration
from rounds.models import (
    Activity,
    Assignment,
    InspectionRound,
    Interview,
    Petition,
    SupervisionItem,
    Team,
    TeamMember,
)
from rounds.selectors import interviewee_name_for, reporter_for, testimony_for

WITHHELD_HELP = "无权查看谈话对象或反映人者，此处为“内容不予显示”的说明，不见原文。"


def _user(serializer) -> object:
    return serializer.context["request"].user


class SupervisionItemSerializer(serializers.ModelSerializer):
    focus_area_display = serializers.CharField(source="get_focus_area_display", read_only=True)

    class Meta:
        model = SupervisionItem
        fields = (
            "id",
            "code",
            "focus_area",
            "focus_area_display",
            "title",
            "guidance",
            "is_active",
        )


class RoundSerializer(LeanRepresentation, serializers.ModelSerializer):
    term_name = serializers.CharField(source="term.name", read_only=True)
    mode_display = serializers.CharField(source="get_mode_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    revisits_title = serializers.CharField(
        source="revisits.title", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = InspectionRound
        fields = (
            "id",
            "term",
            "term_name",
            "ordinal",
            "title",
            "mode",
            "mode_display",
            "theme",
            "revisits",
            "revisits_title",
            "mobilised_on",
            "on_site_from",
            "on_site_until",
            "feedback_on",
            "supervision_items",
            "status",
            "status_display",
            "created_at",
        )


class TeamMemberSerializer(serializers.ModelSerializer):
    user_name = serializers.StringRelatedField(source="user")
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    team_name = serializers.CharField(source="team.name", read_only=True)
    round = serializers.IntegerField(source="team.round_id", read_only=True)

    class Meta:
        model = TeamMember
        fields = (
            "id",
            "team",
            "team_name",
            "round",
            "user",
            "user_name",
            "role",
            "role_display",
            "post",
        )


class TeamSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    round_title = serializers.CharField(source="round.title", read_only=True)
    members = TeamMemberSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = Team
        fields = ("id", "round", "round_title", "number", "name", "members")


class AssignmentSerializer(LeanRepresentation, serializers.ModelSerializer):
    round_title = serializers.CharField(source="round.title", read_only=True)
    team_name = serializers.CharField(
        source="team.name", read_only=True, allow_null=True, default=None
    )
    town_name = serializers.CharField(source="town.name", read_only=True)
    village_name = serializers.CharField(
        source="village.name", read_only=True, allow_null=True, default=None
    )
    attention_class = serializers.CharField(
        source="village.attention_class", read_only=True, allow_null=True, default=None
    )
    target_name = serializers.CharField(read_only=True)
    mode_name = serializers.CharField(source="mode.name", read_only=True)

    class Meta:
        model = Assignment
        fields = (
            "id",
            "round",
            "round_title",
            "team",
            "team_name",
            "town",
            "town_name",
            "village",
            "village_name",
            "attention_class",
            "target_name",
            "mode",
            "mode_name",
            "theme",
            "is_key",
            "on_site_from",
            "on_site_until",
            "recusal_override_reason",
            "recusal_overridden_by",
        )


class MustTalksSerializer(serializers.Serializer):
    """The 必谈 items of the round's list still not met at one assignment."""

    assignment = serializers.IntegerField()
    target_name = serializers.CharField()
    missing = serializers.ListField(
        child=serializers.CharField(),
        help_text="尚缺的必谈条目中对应谈话对象类别的（interviewee_category 的取值）",
    )
    missing_display = serializers.ListField(
        child=serializers.CharField(), help_text="与 missing 逐项对应的名称"
    )
    missing_other = serializers.ListField(
        child=serializers.CharField(), help_text="尚缺的、不对应谈话对象类别的必谈条目"
    )


class RecusalConflictsSerializer(serializers.Serializer):
    """The recusal conflicts (回避) of an assignment's team with it: one line per tie."""

    assignment = serializers.IntegerField()
    team = serializers.IntegerField(allow_null=True)
    conflicts = serializers.ListField(child=serializers.CharField())


class RecusalDeclarationSerializer(serializers.ModelSerializer):
    user_name = serializers.StringRelatedField(source="user")
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    town_name = serializers.CharField(
        source="town.name", read_only=True, allow_null=True, default=None
    )
    village_name = serializers.CharField(
        source="village.name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = RecusalDeclaration
        fields = (
            "id",
            "user",
            "user_name",
            "kind",
            "kind_display",
            "town",
            "town_name",
            "village",
            "village_name",
            "relative_name",
            "relative_post",
            "relation",
            "note",
            "declared_on",
        )


class OnSiteRecordSerializer(LeanRepresentation, serializers.ModelSerializer):
    """What interviews and activities show of the assignment they were recorded at."""

    round = serializers.IntegerField(source="assignment.round_id", read_only=True)
    team = serializers.IntegerField(source="assignment.team_id", read_only=True, allow_null=True)
    town = serializers.IntegerField(source="assignment.town_id", read_only=True)
    village = serializers.IntegerField(
        source="assignment.village_id", read_only=True, allow_null=True
    )
    target_name = serializers.CharField(source="assignment.target_name", read_only=True)
    recorded_by_name = serializers.StringRelatedField(source="recorded_by")

    ASSIGNMENT_FIELDS = ("assignment", "round", "team", "town", "village", "target_name")


class InterviewSerializer(OnSiteRecordSerializer):
    interviewee_name = serializers.SerializerMethodField(
        help_text="谈话对象姓名；无权查看者只见姓氏（张**）。"
    )
    interviewee_category_display = serializers.CharField(
        source="get_interviewee_category_display", read_only=True
    )
    interviewer_names = serializers.SerializerMethodField()
    recorder_name = serializers.StringRelatedField(source="recorder")
    outline = serializers.SerializerMethodField(help_text=WITHHELD_HELP)
    record = serializers.SerializerMethodField(help_text=WITHHELD_HELP)
    problems_raised = serializers.SerializerMethodField(help_text=WITHHELD_HELP)

    class Meta:
        model = Interview
        fields = (
            "id",
            *OnSiteRecordSerializer.ASSIGNMENT_FIELDS,
            "held_at",
            "interviewee_name",
            "interviewee_category",
            "interviewee_category_display",
            "interviewee_post",
            "interviewers",
            "interviewer_names",
            "recorder",
            "recorder_name",
            "place",
            "outline",
            "record",
            "problems_raised",
            "recorded_by",
            "recorded_by_name",
            "created_at",
        )

    @extend_schema_field(serializers.CharField())
    def get_interviewee_name(self, interview) -> str:
        return interviewee_name_for(_user(self), interview)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_interviewer_names(self, interview) -> list[str]:
        return [str(person) for person in interview.interviewers.all()]

    def get_outline(self, interview) -> str:
        return testimony_for(_user(self), interview, "outline")

    def get_record(self, interview) -> str:
        return testimony_for(_user(self), interview, "record")

    def get_problems_raised(self, interview) -> str:
        return testimony_for(_user(self), interview, "problems_raised")


class ActivitySerializer(OnSiteRecordSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Activity
        fields = (
            "id",
            *OnSiteRecordSerializer.ASSIGNMENT_FIELDS,
            "kind",
            "kind_display",
            "held_on",
            "topic",
            "people_reached",
            "households",
            "questionnaires_distributed",
            "questionnaires_returned",
            "note",
            "recorded_by",
            "recorded_by_name",
            "created_at",
        )


class PetitionSerializer(LeanRepresentation, serializers.ModelSerializer):
    round_title = serializers.CharField(source="round.title", read_only=True)
    target_name = serializers.CharField(
        source="assignment.target_name", read_only=True, allow_null=True, default=None
    )
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    disposition_display = serializers.CharField(source="get_disposition_display", read_only=True)
    reporter_name = serializers.SerializerMethodField(
        help_text="反映人姓名；无权查看者只见姓氏（李**）。"
    )
    reporter_contact = serializers.SerializerMethodField(
        help_text="反映人联系方式；无权查看者只见 ***。"
    )
    content = serializers.SerializerMethodField(help_text=WITHHELD_HELP)
    disposition_note = serializers.SerializerMethodField(help_text=WITHHELD_HELP)

    class Meta:
        model = Petition
        fields = (
            "id",
            "round",
            "round_title",
            "assignment",
            "target_name",
            "channel",
            "channel_display",
            "received_at",
            "is_anonymous",
            "reporter_name",
            "reporter_contact",
            "content",
            "status",
            "status_display",
            "disposition",
            "disposition_display",
            "referred_to",
            "disposition_note",
            "disposed_at",
            "disposed_by",
            "recorded_by",
        )

    @extend_schema_field(serializers.CharField())
    def get_reporter_name(self, petition) -> str:
        return reporter_for(_user(self), petition)[0]

    @extend_schema_field(serializers.CharField())
    def get_reporter_contact(self, petition) -> str:
        return reporter_for(_user(self), petition)[1]

    def get_content(self, petition) -> str:
        return testimony_for(_user(self), petition, "content")

    def get_disposition_note(self, petition) -> str:
        return testimony_for(_user(self), petition, "disposition_note")
