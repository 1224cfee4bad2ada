"""Assignments (巡察对象) and recusal declarations (回避申报) through the API."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from inspection.api.schema import ERROR_RESPONSES, workflow_action_schema
from inspection.errors import PermissionDeniedError
from inspection.models import RecusalDeclaration
from inspection.permissions import can
from rounds import services
from rounds.api import inputs
from rounds.api.serializers import (
    AssignmentSerializer,
    MustTalksSerializer,
    RecusalConflictsSerializer,
    RecusalDeclarationSerializer,
)
from rounds.api.views.common import RecordViewSet, creation_schema
from rounds.api.views.planning import must_talks_rows
from rounds.filtersets import AssignmentFilterSet, RecusalDeclarationFilterSet
from rounds.models import Assignment
from rounds.selectors import assignment_recusal_conflicts


class AssignmentViewSet(RecordViewSet):
    """巡察对象: which team inspects which village (or town committee) in a round."""

    queryset = Assignment.objects.select_related("round", "team", "town", "village", "mode")
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilterSet
    search_fields = ("village__name", "village__code", "town__name")
    ordering_fields = ("id",)

    @creation_schema(
        request=inputs.AssignmentCreateInput,
        response=AssignmentSerializer,
        summary="安排巡察对象",
        description="与巡察组存在回避情形时，须由巡察办主任填写放行理由。",
    )
    def create(self, request):
        data = self.parse(inputs.AssignmentCreateInput, request)
        assignment = services.assignment_create(
            actor=request.user,
            round_id=data["round"],
            village_id=data["village"],
            town_id=data["town"],
            team_id=data["team"],
            mode_id=data["mode"],
            theme=data["theme"],
            is_key=data["is_key"],
            on_site_from=data["on_site_from"],
            on_site_until=data["on_site_until"],
            recusal_override_reason=data["recusal_override_reason"],
            note=data["note"],
        )
        return self.created(assignment)

    @creation_schema(
        request=inputs.AssignmentsForTownInput,
        response=AssignmentSerializer(many=True),
        summary="按乡镇整体安排巡察对象",
        description="该乡镇尚未安排到本轮次的全部有效村(社区)，交由同一巡察组（板块轮动）。",
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="for-town",
        pagination_class=None,
        filter_backends=[],
    )
    def for_town(self, request):
        data = self.parse(inputs.AssignmentsForTownInput, request)
        assignments = services.assignments_create_for_town(
            actor=request.user,
            round_id=data["round"],
            town_id=data["town"],
            team_id=data["team"],
            mode_id=data["mode"],
            recusal_override_reason=data["recusal_override_reason"],
            note=data["note"],
        )
        rows = self.get_queryset().filter(pk__in=[a.pk for a in assignments]).order_by("id")
        return Response(self.get_serializer(rows, many=True).data, status=201)

    @creation_schema(
        request=inputs.AssignmentsBulkInput,
        response=AssignmentSerializer(many=True),
        summary="批量安排巡察对象",
        description="所列村(社区)与乡镇党委交由同一巡察组；全部安排或都不安排，"
        "错误信息指明第几个巡察对象及原因。",
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="bulk",
        pagination_class=None,
        filter_backends=[],
    )
    def bulk(self, request):
        data = self.parse(inputs.AssignmentsBulkInput, request)
        assignments = services.assignments_create_bulk(
            actor=request.user,
            round_id=data["round"],
            village_ids=data["villages"],
            committee_town_ids=data["committees"],
            team_id=data["team"],
            mode_id=data["mode"],
            recusal_override_reason=data["recusal_override_reason"],
            note=data["note"],
        )
        rows = self.get_queryset().in_bulk([a.pk for a in assignments])
        ordered = [rows[a.pk] for a in assignments]
        return Response(self.get_serializer(ordered, many=True).data, status=201)

    @extend_schema(
        summary="确定一批巡察对象的巡察方式",
        description="进驻前；回头看只在回头看轮次，乡镇党委只按巡乡带村，专项须有主题。",
        request=inputs.AssignmentsSetModeInput,
        responses={200: AssignmentSerializer(many=True), **ERROR_RESPONSES},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="set-mode",
        pagination_class=None,
        filter_backends=[],
    )
    def set_mode(self, request):
        data = self.parse(inputs.AssignmentsSetModeInput, request)
        assignments = services.assignments_set_mode(
            actor=request.user,
            round_id=data["round"],
            assignment_ids=data["assignments"],
            mode_id=data["mode"],
            theme=data["theme"],
            note=data["note"],
        )
        rows = self.get_queryset().filter(pk__in=[a.pk for a in assignments]).order_by("id")
        return Response(self.get_serializer(rows, many=True).data)

    @workflow_action_schema(
        request=inputs.AssignmentSetTeamInput,
        response=AssignmentSerializer,
        summary="调整巡察对象的巡察组",
    )
    @action(detail=True, methods=["post"], url_path="set-team")
    def set_team(self, request, pk=None):
        data = self.parse(inputs.AssignmentSetTeamInput, request)
        assignment = services.assignment_set_team(
            actor=request.user,
            assignment_id=pk,
            team_id=data["team"],
            recusal_override_reason=data["recusal_override_reason"],
            note=data["note"],
        )
        return self.answer(assignment)

    @extend_schema(summary="四个必谈缺项", responses=MustTalksSerializer)
    @action(detail=True, methods=["get"], url_path="must-talks")
    def must_talks(self, request, pk=None):
        [row] = must_talks_rows([self.get_object()])
        return Response(MustTalksSerializer(row).data)

    @extend_schema(
        summary="回避冲突",
        description="本巡察对象的巡察组成员与之存在的回避情形；由安排巡察对象的巡察办查看。",
        responses=RecusalConflictsSerializer,
    )
    @action(detail=True, methods=["get"], url_path="recusal-conflicts")
    def recusal_conflicts(self, request, pk=None):
        assignment = self.get_object()
        # Who arranges assignments reads their conflicts: the members' declared ties.
        if not can(request.user, "assignment_set_team", assignment):
            raise PermissionDeniedError(_("只有巡察办可以查看回避冲突。"))
        found = {}
        if assignment.team_id is not None:
            found = assignment_recusal_conflicts(team=assignment.team, assignments=[assignment])
        row = {
            "assignment": assignment.pk,
            "team": assignment.team_id,
            "conflicts": found.get(assignment.pk, []),
        }
        return Response(RecusalConflictsSerializer(row).data)


class RecusalDeclarationViewSet(RecordViewSet):
    """回避申报: an inspector's declared ties to places; the office reads all of them."""

    queryset = RecusalDeclaration.objects.select_related("user", "town", "village")
    serializer_class = RecusalDeclarationSerializer
    filterset_class = RecusalDeclarationFilterSet
    ordering_fields = ("id", "declared_on")

    @creation_schema(
        request=inputs.RecusalDeclareInput,
        response=RecusalDeclarationSerializer,
        summary="登记回避申报",
    )
    def create(self, request):
        data = self.parse(inputs.RecusalDeclareInput, request)
        declaration = services.recusal_declare(
            actor=request.user,
            kind=data["kind"],
            user_id=data["user"],
            village_id=data["village"],
            town_id=data["town"],
            relative_name=data["relative_name"],
            relative_post=data["relative_post"],
            relation=data["relation"],
            note=data["note"],
        )
        return self.created(declaration)
