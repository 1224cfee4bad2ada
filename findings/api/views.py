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
from rest_framework.response import Response

from findings import services
from findings.api.inputs import (
    ClueConcludeInputSerializer,
    ClueDeclineInputSerializer,
    ClueDisposeInputSerializer,
    ClueProposeInputSerializer,
    ClueReviewBulkInputSerializer,
    ClueReviewInputSerializer,
    ClueSignOffInputSerializer,
    FindingNoteInputSerializer,
    PetitionDisposeInputSerializer,
    ProblemRecordInputSerializer,
    ProblemReturnInputSerializer,
    ProblemUpdateInputSerializer,
    TransferLetterSendInputSerializer,
)
from findings.api.serializers import (
    ClueSerializer,
    ProblemDraftSerializer,
    ProblemSerializer,
    TransferLetterSerializer,
)
from findings.filtersets import ClueFilterSet, ProblemFilterSet, TransferLetterFilterSet
from findings.models import Clue, ClueEvidence, Problem, ProblemEvidence, TransferLetter
from findings.selectors import (
    CLUE_SEARCH_FIELDS,
    clue_get_for_user,
    clue_text_prefetches,
    petition_problem_draft,
)
from inspection.api.parsers import JSONParser, MultiPartParser
from inspection.api.schema import ERROR_RESPONSES, workflow_action_schema
from inspection.api.viewsets import ScopedViewSet
from inspection.audit import access_log_list
from inspection.permissions import visible
from rounds.api.serializers import PetitionSerializer
from rounds.models import Activity, Interview, Petition
from rounds.selectors import petition_get_for_user


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
        "problem_class__aspect__focus",
        "recorded_by",
        "submitted_by",
        "reviewed_by",
        "confirmed_by",
        "basis",
    ).prefetch_related(
        Prefetch("evidence", ProblemEvidence.objects.select_related("uploaded_by").order_by("id"))
    )
    serializer_class = ProblemSerializer
    filterset_class = ProblemFilterSet

    def get_queryset(self):
        # Only the links the reader may open: the inspected unit reads problems made from
        # testimony it must not trace back.
        user = self.request.user
        only_id = ("id",)
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("interviews", visible(Interview, user).only(*only_id).order_by("id")),
                Prefetch("activities", visible(Activity, user).only(*only_id).order_by("id")),
                Prefetch("petitions", visible(Petition, user).only(*only_id).order_by("id")),
            )
        )

    search_fields = ("facts", "title", "number")
    ordering_fields = ("id", "created_at", "amount", "severity", "nature", "status")
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

    def _sign(self, request, pk, service):
        data = parsed(FindingNoteInputSerializer, request)
        return self.answer(service(actor=request.user, problem_id=pk, **data))

    @workflow_action_schema(
        request=FindingNoteInputSerializer, response=ProblemSerializer, summary="提交复核"
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._sign(request, pk, services.problem_submit)

    @workflow_action_schema(
        request=FindingNoteInputSerializer, response=ProblemSerializer, summary="复核（副组长）"
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self._sign(request, pk, services.problem_review)

    @workflow_action_schema(
        request=FindingNoteInputSerializer, response=ProblemSerializer, summary="审签（组长）"
    )
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        return self._sign(request, pk, services.problem_sign)

    @workflow_action_schema(
        request=ProblemReturnInputSerializer, response=ProblemSerializer, summary="退回起草人"
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        data = parsed(ProblemReturnInputSerializer, request)
        return self.answer(services.problem_return(actor=request.user, problem_id=pk, **data))


@extend_schema_view(
    list=extend_schema(summary="问题线索列表（记入访问日志）"),
    retrieve=extend_schema(summary="问题线索详情（记入访问日志）"),
)
class ClueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Problem clues (问题线索), confidential: proposed by a team leader, reviewed by the
    office, signed off by the leading group, sent with a letter (``transfer-letters``),
    received, disposed of and concluded by the liaison."""

    queryset = Clue.objects.select_related(
        "round",
        "assignment__town",
        "assignment__village",
        "assignment__team",
        "proposed_by",
        "approved_by",
        "signed_off_by",
        "received_by",
    ).prefetch_related(
        # The subjects and the whole source petitions: how the clue's texts read (its
        # persons concerned and quoted reporters masked or not) depends on them.
        *clue_text_prefetches(),
        Prefetch("evidence", ClueEvidence.objects.select_related("uploaded_by").order_by("id")),
        Prefetch("problems", Problem.objects.only("id").order_by("id")),
    )
    serializer_class = ClueSerializer
    filterset_class = ClueFilterSet
    # The texts and the persons concerned are searched only where the user reads them
    # (findings.permissions declares them confidential); the others for everyone.
    search_fields = CLUE_SEARCH_FIELDS
    ordering_fields = ("id", "proposed_at", "amount", "status")
    parser_classes = (JSONParser,)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        access_log_list(
            user=request.user,
            model=Clue,
            shown=len(response.data["results"]),
            where="列表",
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
        request=ClueReviewInputSerializer, response=ClueSerializer, summary="巡察办审核"
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        data = parsed(ClueReviewInputSerializer, request)
        return self.answer_read(services.clue_review(actor=request.user, clue_id=pk, **data).pk)

    @workflow_action_schema(
        request=ClueSignOffInputSerializer,
        response=ClueSerializer,
        summary="领导小组签批",
        description="multipart/form-data：领导小组成员本人签批可不附文件；"
        "巡察办登记时须上传签批的移交审批表（sign_off_form）。",
    )
    @action(detail=True, methods=["post"], url_path="sign-off", parser_classes=[MultiPartParser])
    def sign_off(self, request, pk=None):
        data = parsed(ClueSignOffInputSerializer, request)
        clue = services.clue_sign_off(actor=request.user, clue_id=pk, **data)
        return self.answer_read(clue.pk)

    @workflow_action_schema(
        request=ClueDeclineInputSerializer, response=ClueSerializer, summary="不予移交"
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        data = parsed(ClueDeclineInputSerializer, request)
        return self.answer_read(services.clue_decline(actor=request.user, clue_id=pk, **data).pk)

    def answer_bulk(self, clues, *, what: str):
        """The clues a bulk action moved, in the order asked, with one access-log row (as a
        list page writes): the actor is the office, which reads the persons concerned."""
        rows = {clue.pk: clue for clue in self.get_queryset().filter(pk__in=[c.pk for c in clues])}
        access_log_list(
            user=self.request.user, model=Clue, shown=len(rows), where=what, request=self.request
        )
        ordered = [rows[clue.pk] for clue in clues if clue.pk in rows]
        return Response(self.get_serializer(ordered, many=True).data)

    @workflow_action_schema(
        request=ClueReviewBulkInputSerializer,
        response=ClueSerializer(many=True),
        summary="批量审核",
        description="逐条审核所列线索；任一条不能审核则全部不办理，错误信息指明第几条线索及原因。",
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="review-bulk",
        pagination_class=None,
        filter_backends=[],
    )
    def review_bulk(self, request):
        data = parsed(ClueReviewBulkInputSerializer, request)
        clues = services.clues_review_bulk(actor=request.user, **data)
        return self.answer_bulk(clues, what="批量审核")

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


class PetitionDisposalViewSet(ScopedViewSet):
    """转为问题、转为线索、转交、不予处理: disposing of a petition, at
    ``/petitions/{id}/problem-draft/`` and ``/petitions/{id}/dispose/`` beside rounds'
    ``PetitionViewSet``. It creates a problem or a clue, so it is findings'; the petition
    is answered as its detail reads (through the logged confidential read)."""

    queryset = Petition.objects.all()
    serializer_class = PetitionSerializer
    parser_classes = (JSONParser,)

    @extend_schema(
        summary="转为问题的草稿",
        description=(
            "反映内容隐去反映人姓名、联系方式、身份证号后的问题描述草稿；组长核对修改后，"
            "作为处置（转为问题）的 facts 提交。"
        ),
        request=None,
        responses={200: ProblemDraftSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["get"], url_path="problem-draft")
    def problem_draft(self, request, pk=None):
        draft = petition_problem_draft(user=request.user, petition_id=pk, request=request)
        return Response(ProblemDraftSerializer(draft).data)

    @workflow_action_schema(
        request=PetitionDisposeInputSerializer,
        response=PetitionSerializer,
        summary="处置信访件",
        description=(
            "转为问题：facts（以 problem-draft 的草稿为基础、经组长确认，不得含反映人姓名和"
            "联系方式），可同时给出 problem_class 与 nature；"
            "转为线索（组长）：summary 与 subjects；转交职能部门：referred_to；不予处理：note。"
        ),
    )
    @action(detail=True, methods=["post"])
    def dispose(self, request, pk=None):
        data = parsed(PetitionDisposeInputSerializer, request)
        petition = services.petition_dispose(actor=request.user, petition_id=pk, **data)
        read = petition_get_for_user(user=request.user, petition_id=petition.pk, request=request)
        return Response(self.get_serializer(read).data)


@extend_schema_view(
    list=extend_schema(summary="移交函列表"),
    retrieve=extend_schema(summary="移交函详情"),
)
class TransferLetterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """移交函 (一函多件): the office and leadership read all, a liaison those to its body."""

    queryset = TransferLetter.objects.select_related("created_by")
    serializer_class = TransferLetterSerializer
    filterset_class = TransferLetterFilterSet
    search_fields = ("number", "unit")
    ordering_fields = ("id", "sent_on")
    parser_classes = (JSONParser,)

    def get_queryset(self):
        clues = visible(Clue, self.request.user).only("id", "letter_id").order_by("id")
        return super().get_queryset().prefetch_related(Prefetch("clues", clues))

    @create_schema(
        request=TransferLetterSendInputSerializer,
        response=TransferLetterSerializer,
        summary="发送移交函（一函多件）",
    )
    def create(self, request):
        data = parsed(TransferLetterSendInputSerializer, request)
        letter = services.transfer_letter_send(actor=request.user, **data)
        return self.answer(letter, status=201)
