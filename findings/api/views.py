"""API views of problems and clues: declarations over the scoped viewset, and one endpoint
per workflow action (each parses its input, calls one service, answers the record).

Clues are confidential: reading one goes through ``clue_get_for_user`` (an access-log row
with the client's address, or a refusal row and 404), a list writes one row per request,
and the answer of an action on a clue is read the same way as its detail.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action

from findings import services
from findings.api.filtersets import ClueFilterSet, ProblemFilterSet
from findings.api.inputs import (
    ClueConcludeInputSerializer,
    ClueDeclineInputSerializer,
    ClueDisposeInputSerializer,
    ClueProposeInputSerializer,
    ClueTransferInputSerializer,
    FindingNoteInputSerializer,
    ProblemRecordInputSerializer,
    ProblemUpdateInputSerializer,
)
from findings.api.serializers import ClueSerializer, ProblemSerializer
from findings.models import Clue, ClueEvidence, ClueSubject, Problem, ProblemEvidence
from findings.selectors import clue_get_for_user
from inspection.api.parsers import JSONParser
from inspection.api.schema import ERROR_RESPONSES, workflow_action_schema
from inspection.api.viewsets import ScopedViewSet
from inspection.audit import access_log_record
from inspection.models import AccessLog
from rounds.models import Petition


def create_schema(*, request, response, summary: str):
    """Like ``workflow_action_schema``, for an action that creates a record (201)."""
    return extend_schema(
        summary=summary, request=request, responses={201: response, **ERROR_RESPONSES}
    )


def parsed(serializer_class, request) -> dict:
    """The request body parsed by ``serializer_class`` (400 with per-field messages)."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema_view(
    list=extend_schema(summary="问题列表"),
    retrieve=extend_schema(summary="问题详情"),
)
class ProblemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Problems found (发现问题): recorded and edited by the team, confirmed by its leader."""

    queryset = Problem.objects.select_related(
        "assignment__round",
        "assignment__town",
        "assignment__village",
        "assignment__team",
        "supervision_item",
        "recorded_by",
        "confirmed_by",
    ).prefetch_related(
        Prefetch("evidence", ProblemEvidence.objects.select_related("uploaded_by").order_by("id"))
    )
    serializer_class = ProblemSerializer
    filterset_class = ProblemFilterSet
    search_fields = ("facts",)
    ordering_fields = ("id", "created_at", "amount", "severity", "category", "status")
    parser_classes = (JSONParser,)

    @create_schema(
        request=ProblemRecordInputSerializer, response=ProblemSerializer, summary="记录问题"
    )
    def create(self, request):
        data = parsed(ProblemRecordInputSerializer, request)
        problem = services.problem_record(actor=request.user, **data)
        return self.answer(problem, status=201)

    @extend_schema(
        summary="修改问题（草稿）",
        request=ProblemUpdateInputSerializer,
        responses={200: ProblemSerializer, **ERROR_RESPONSES},
    )
    def partial_update(self, request, pk=None):
        data = parsed(ProblemUpdateInputSerializer, request)
        problem = services.problem_update(actor=request.user, problem_id=pk, **data)
        return self.answer(problem)

    @workflow_action_schema(
        request=FindingNoteInputSerializer, response=ProblemSerializer, summary="核实"
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        data = parsed(FindingNoteInputSerializer, request)
        return self.answer(services.problem_confirm(actor=request.user, problem_id=pk, **data))


@extend_schema_view(
    list=extend_schema(summary="问题线索列表（记入访问日志）"),
    retrieve=extend_schema(summary="问题线索详情（记入访问日志）"),
)
class ClueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Problem clues (问题线索), confidential: proposed by a team leader, approved and
    transferred by the office, received, disposed of and concluded by the liaison."""

    queryset = Clue.objects.select_related(
        "round",
        "assignment__town",
        "assignment__village",
        "assignment__team",
        "proposed_by",
        "approved_by",
        "received_by",
    ).prefetch_related(
        Prefetch("subjects", ClueSubject.objects.order_by("id")),
        Prefetch("evidence", ClueEvidence.objects.select_related("uploaded_by").order_by("id")),
        Prefetch("problems", Problem.objects.only("id").order_by("id")),
        Prefetch("petitions", Petition.objects.only("id").order_by("id")),
    )
    serializer_class = ClueSerializer
    filterset_class = ClueFilterSet
    search_fields = ("summary",)
    ordering_fields = ("id", "proposed_at", "amount", "status")
    parser_classes = (JSONParser,)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        access_log_record(
            user=request.user,
            action=AccessLog.Action.VIEW,
            object_type=Clue._meta.label_lower,
            detail=f"列表，{len(response.data['results'])}条",
            request=request,
        )
        return response

    def retrieve(self, request, pk=None):
        return self.answer_read(pk)

    def answer_read(self, clue_id, status=200):
        """The clue as its detail reads, through the logged confidential read."""
        clue = clue_get_for_user(user=self.request.user, clue_id=clue_id, request=self.request)
        return self.answer(clue, status=status)

    @create_schema(request=ClueProposeInputSerializer, response=ClueSerializer, summary="提出线索")
    def create(self, request):
        data = parsed(ClueProposeInputSerializer, request)
        clue = services.clue_propose(actor=request.user, **data)
        return self.answer_read(clue.pk, status=201)

    @workflow_action_schema(
        request=FindingNoteInputSerializer, response=ClueSerializer, summary="审批"
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        data = parsed(FindingNoteInputSerializer, request)
        return self.answer_read(services.clue_approve(actor=request.user, clue_id=pk, **data).pk)

    @workflow_action_schema(
        request=ClueDeclineInputSerializer, response=ClueSerializer, summary="不予移交"
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        data = parsed(ClueDeclineInputSerializer, request)
        return self.answer_read(services.clue_decline(actor=request.user, clue_id=pk, **data).pk)

    @workflow_action_schema(
        request=ClueTransferInputSerializer, response=ClueSerializer, summary="移交"
    )
    @action(detail=True, methods=["post"])
    def transfer(self, request, pk=None):
        data = parsed(ClueTransferInputSerializer, request)
        return self.answer_read(services.clue_transfer(actor=request.user, clue_id=pk, **data).pk)

    @workflow_action_schema(
        request=FindingNoteInputSerializer, response=ClueSerializer, summary="接收"
    )
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        data = parsed(FindingNoteInputSerializer, request)
        return self.answer_read(services.clue_receive(actor=request.user, clue_id=pk, **data).pk)

    @workflow_action_schema(
        request=ClueDisposeInputSerializer, response=ClueSerializer, summary="处置"
    )
    @action(detail=True, methods=["post"])
    def dispose(self, request, pk=None):
        data = parsed(ClueDisposeInputSerializer, request)
        return self.answer_read(services.clue_dispose(actor=request.user, clue_id=pk, **data).pk)

    @workflow_action_schema(
        request=ClueConcludeInputSerializer, response=ClueSerializer, summary="办结"
    )
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        data = parsed(ClueConcludeInputSerializer, request)
        return self.answer_read(services.clue_conclude(actor=request.user, clue_id=pk, **data).pk)
