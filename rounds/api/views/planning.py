"""Supervision items, rounds, teams and their members through the API."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from inspection.api.permissions import RegisterReader
from inspection.api.schema import workflow_action_schema
from inspection.errors import ApplicationError
from inspection.permissions import visible
from rounds import services
from rounds.api import inputs
from rounds.api.serializers import (
    MustTalksSerializer,
    RoundSerializer,
    SupervisionItemSerializer,
    TeamMemberSerializer,
    TeamSerializer,
)
from rounds.api.views.common import RecordViewSet, creation_schema
from rounds.filtersets import (
    RoundFilterSet,
    SupervisionItemFilterSet,
    TeamFilterSet,
    TeamMemberFilterSet,
)
from rounds.models import Assignment, InspectionRound, SupervisionItem, Team, TeamMember
from rounds.must_lists import must_talks_missing_for


def must_talks_rows(assignments) -> list[dict]:
    """The 必谈 items still missing at each of ``assignments`` (three queries)."""
    assignments = list(assignments)
    missing = must_talks_missing_for(assignments)
    return [
        {
            "assignment": assignment.pk,
            "target_name": assignment.target_name,
            # Paired: each category missing and its label; then the items of no category.
            "missing": [
                item.interviewee_category
                for item in missing[assignment.pk]
                if item.interviewee_category
            ],
            "missing_display": [
                item.label for item in missing[assignment.pk] if item.interviewee_category
            ],
            "missing_other": [
                item.label for item in missing[assignment.pk] if not item.interviewee_category
            ],
        }
        for assignment in assignments
    ]


class SupervisionItemViewSet(RecordViewSet):
    """监督重点清单: the checklist a round picks its items from (read only)."""

    queryset = SupervisionItem.objects.all()
    serializer_class = SupervisionItemSerializer
    filterset_class = SupervisionItemFilterSet
    search_fields = ("code", "title", "guidance")
    ordering_fields = ("id", "code")


class RoundViewSet(RecordViewSet):
    """巡察轮次: planned and changed by the office, moved through its life cycle."""

    queryset = InspectionRound.objects.select_related("term", "revisits").prefetch_related(
        "supervision_items"
    )
    permission_classes = [RegisterReader]
    serializer_class = RoundSerializer
    filterset_class = RoundFilterSet
    search_fields = ("title", "theme")
    ordering_fields = ("id", "ordinal", "created_at")

    @creation_schema(
        request=inputs.RoundCreateInput,
        response=RoundSerializer,
        summary="新建巡察轮次",
        description="可一并选定监督重点：轮次与监督重点都保存，或都不保存。",
    )
    def create(self, request):
        data = self.parse(inputs.RoundCreateInput, request)
        inspection_round = services.round_create_with_items(
            actor=request.user,
            title=data["title"],
            mode=data["mode"],
            term_id=data["term"],
            theme=data["theme"],
            revisits_id=data["revisits"],
            mobilised_on=data["mobilised_on"],
            on_site_from=data["on_site_from"],
            on_site_until=data["on_site_until"],
            feedback_on=data["feedback_on"],
            supervision_item_ids=data["supervision_items"],
            note=data["note"],
        )
        return self.created(inspection_round)

    @workflow_action_schema(
        request=inputs.RoundUpdateInput,
        response=RoundSerializer,
        summary="修改巡察轮次",
        description="只修改给出的字段（含监督重点）；筹备和巡前准备阶段可改；全部保存或都不保存。",
    )
    def partial_update(self, request, pk=None):
        data = dict(self.parse(inputs.RoundUpdateInput, request))
        note = data.pop("note")
        item_ids = data.pop("supervision_items", None)
        if "revisits" in data:
            data["revisits_id"] = data.pop("revisits")
        inspection_round = services.round_update_with_items(
            actor=request.user,
            round_id=pk,
            data=data,
            supervision_item_ids=item_ids,
            note=note,
        )
        return self.answer(inspection_round)

    @workflow_action_schema(
        request=inputs.SupervisionItemsInput, response=RoundSerializer, summary="选定监督重点"
    )
    @action(detail=True, methods=["post"], url_path="set-supervision-items")
    def set_supervision_items(self, request, pk=None):
        data = self.parse(inputs.SupervisionItemsInput, request)
        inspection_round = services.round_set_supervision_items(
            actor=request.user,
            round_id=pk,
            item_ids=data["supervision_items"],
            note=data["note"],
        )
        return self.answer(inspection_round)

    @workflow_action_schema(
        request=inputs.RoundNoteInput, response=RoundSerializer, summary="转入巡前准备"
    )
    @action(detail=True, methods=["post"])
    def prepare(self, request, pk=None):
        note = self.parse(inputs.RoundNoteInput, request)["note"]
        return self.answer(services.round_prepare(actor=request.user, round_id=pk, note=note))

    @workflow_action_schema(
        request=inputs.PlanDecisionInput,
        response=RoundSerializer,
        summary="记录领导小组审议工作方案",
        description="审议的是最新生成的工作方案，且须与轮次当前安排一致；"
        "巡察办登记须附会议纪要，领导小组成员本人登记即为签批。",
    )
    @action(detail=True, methods=["post"], url_path="decide-plan", parser_classes=[MultiPartParser])
    def decide_plan(self, request, pk=None):
        data = self.parse(inputs.PlanDecisionInput, request)
        decision = services.round_plan_decide(actor=request.user, round_id=pk, **data)
        return self.answer(decision.round)

    @workflow_action_schema(
        request=inputs.RoundNoteInput,
        response=RoundSerializer,
        summary="进驻",
        description="每个巡察组须有组长、每个巡察对象须有巡察组，且至少各有一个；"
        "工作方案须经领导小组审议同意（且此后轮次安排未变动）。",
    )
    @action(detail=True, methods=["post"], url_path="go-on-site")
    def go_on_site(self, request, pk=None):
        note = self.parse(inputs.RoundNoteInput, request)["note"]
        return self.answer(services.round_go_on_site(actor=request.user, round_id=pk, note=note))

    @workflow_action_schema(request=inputs.RoundNoteInput, response=RoundSerializer, summary="撤离")
    @action(detail=True, methods=["post"], url_path="end-on-site")
    def end_on_site(self, request, pk=None):
        note = self.parse(inputs.RoundNoteInput, request)["note"]
        return self.answer(services.round_end_on_site(actor=request.user, round_id=pk, note=note))

    @extend_schema(
        summary="四个必谈缺项（本轮次各巡察对象）", responses=MustTalksSerializer(many=True)
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="must-talks",
        pagination_class=None,
        filter_backends=[],
    )
    def must_talks(self, request, pk=None):
        inspection_round = self.get_object()
        assignments = (
            visible(Assignment, request.user)
            .filter(round=inspection_round)
            .select_related("town", "village")
            .order_by("town__code", "village__code")
        )
        return Response(MustTalksSerializer(must_talks_rows(assignments), many=True).data)


class TeamViewSet(RecordViewSet):
    """巡察组 of a round, with their members; the office sets them up."""

    queryset = Team.objects.select_related("round").prefetch_related(
        Prefetch("memberships", queryset=TeamMember.objects.select_related("user"))
    )
    serializer_class = TeamSerializer
    filterset_class = TeamFilterSet
    ordering_fields = ("id", "number")

    @creation_schema(
        request=inputs.TeamCreateInput,
        response=TeamSerializer,
        summary="组建巡察组",
        description="可一并配备成员：巡察组与全部成员都保存，或都不保存，错误信息指明第几名成员。",
    )
    def create(self, request):
        data = self.parse(inputs.TeamCreateInput, request)
        team = services.team_create_with_members(
            actor=request.user,
            round_id=data["round"],
            number=data["number"],
            members=data["members"],
            note=data["note"],
        )
        return self.created(team)

    @workflow_action_schema(
        request=inputs.TeamMemberAddInput,
        response=TeamSerializer,
        summary="添加巡察组成员",
        description="与本组巡察对象存在回避情形时，须由巡察办主任填写放行理由。",
    )
    @action(detail=True, methods=["post"], url_path="add-member")
    def add_member(self, request, pk=None):
        data = self.parse(inputs.TeamMemberAddInput, request)
        membership = services.team_member_add(
            actor=request.user,
            team_id=pk,
            user_id=data["user"],
            role=data["role"],
            post=data["post"],
            recusal_override_reason=data["recusal_override_reason"],
            note=data["note"],
        )
        return self.answer(membership.team)

    @workflow_action_schema(
        request=inputs.TeamMemberRemoveInput, response=TeamSerializer, summary="移除巡察组成员"
    )
    @action(detail=True, methods=["post"], url_path="remove-member")
    def remove_member(self, request, pk=None):
        team = self.get_object()
        data = self.parse(inputs.TeamMemberRemoveInput, request)
        # The service takes the membership; the API names the person, as add-member does.
        membership = team.memberships.filter(user_id=data["user"]).first()
        if membership is None:
            message = _("所选人员不是%(team)s的成员。") % {"team": team.name}
            raise ApplicationError(message, errors={"user": [message]})
        services.team_member_remove(
            actor=request.user, team_member_id=membership.pk, note=data["note"]
        )
        return self.answer(team)


class TeamMemberViewSet(RecordViewSet):
    """巡察组成员: who serves on which team, in which role (read only)."""

    queryset = TeamMember.objects.select_related("team", "user")
    serializer_class = TeamMemberSerializer
    filterset_class = TeamMemberFilterSet
    search_fields = ("user__full_name", "user__username", "post")
    ordering_fields = ("id",)
