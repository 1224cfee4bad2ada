"""API views of the rectification ledger: declarations over the scoped base classes, and a
POST per workflow action, each calling one service with ``actor=request.user``.

Every item action answers the ledger item as it now is (with its new progress update or
verification among its children), so a client sees the status the move produced.
"""

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from inspection.api.parsers import JSONParser, MultiPartParser
from inspection.api.schema import ERROR_RESPONSES, workflow_action_schema
from inspection.api.viewsets import ReadOnlyScopedViewSet, ScopedViewSet
from inspection.permissions import visible
from rectification import filtersets
from rectification.api import inputs
from rectification.api import serializers as s
from rectification.models import (
    Alert,
    Evaluation,
    Feedback,
    FeedbackBatch,
    Milestone,
    ProgressUpdate,
    RectificationItem,
    Verification,
)
from rectification.services import (
    evaluation_record,
    feedback_batch_give,
    item_post_progress,
    item_reopen,
    item_return,
    item_submit,
    item_town_review,
    item_update_plan,
    item_verify,
    round_close,
    round_give_feedback,
    round_start_rectification,
)
from rounds.models import InspectionRound


def creation_schema(*, request, response, summary: str):
    """extend_schema for a POST creating a record through a service: 201 and the errors."""
    return extend_schema(
        summary=summary, request=request, responses={201: response, **ERROR_RESPONSES}
    )


def places(path: str) -> tuple[str, ...]:
    """The select_related paths of the round, town, village and team of an assignment."""
    return tuple(f"{path}__{name}" for name in ("round", "town", "village", "team"))


class JsonScopedViewSet(ReadOnlyScopedViewSet):
    """Writes take JSON bodies; the actions that take files say multipart themselves."""

    parser_classes = [JSONParser]


# ------------------------------------------------------------------------------ feedback


class FeedbackViewSet(JsonScopedViewSet):
    """巡察反馈 of each assignment, with the due and handed-in dates of plan and report."""

    queryset = Feedback.objects.select_related(*places("assignment"), "given_by")
    serializer_class = s.FeedbackSerializer
    filterset_class = filtersets.FeedbackFilterSet
    search_fields = ("letter", "assignment__village__name", "assignment__town__name")
    ordering_fields = ("id", "fed_back_on", "plan_due_on", "report_due_on")

    def get_queryset(self):
        return super().get_queryset().annotate(items_count=Count("items"))


class FeedbackBatchViewSet(JsonScopedViewSet):
    """反馈批次 (集中反馈): each batch's 反馈会 and the organisations fed back at it; POST to
    the list gives feedback to a batch (the 表态发言 file is uploaded on screen)."""

    queryset = FeedbackBatch.objects.select_related("given_by")
    serializer_class = s.FeedbackBatchSerializer
    filterset_class = filtersets.FeedbackBatchFilterSet
    search_fields = ("place", "chair")
    ordering_fields = ("id", "fed_back_on")

    def get_queryset(self):
        # A unit's contact sees the batch of its feedback, and in it only what it sees:
        # its own organisation, not the other towns' fed back the same day.
        feedbacks = visible(Feedback, self.request.user).only("pk", "batch_id", "assignment_id")
        return super().get_queryset().prefetch_related(Prefetch("feedbacks", feedbacks))

    @creation_schema(
        request=inputs.FeedbackBatchInput, response=s.FeedbackBatchSerializer, summary="分批反馈"
    )
    def create(self, request):
        data = inputs.parsed(inputs.FeedbackBatchInput, request)
        letters = {row["assignment"]: row["letter"] for row in data.pop("letters", ())}
        batch = feedback_batch_give(
            actor=request.user,
            round_id=data.pop("round"),
            assignment_ids=data.pop("assignments"),
            letters=letters,
            **data,
        )
        return self.answer(batch, status=201)


class RoundFeedbackViewSet(ScopedViewSet):
    """The round's moves that belong to rectification: feedback (which builds the ledger)
    and the start of rectification. ``{id}`` is the round's id."""

    queryset = InspectionRound.objects.all()
    serializer_class = s.RoundFeedbackSerializer
    parser_classes = [JSONParser]

    def get_queryset(self):
        items = (
            visible(RectificationItem, self.request.user)
            .filter(problem__assignment__round=OuterRef("pk"))
            .order_by()
            .values("problem__assignment__round")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return super().get_queryset().annotate(ledger_items=Coalesce(Subquery(items), 0))

    @workflow_action_schema(
        request=inputs.RoundGiveFeedbackInput,
        response=s.RoundFeedbackSerializer,
        summary="巡察反馈",
        description="每个巡察对象一份反馈；本轮次已核实的问题全部反馈并建立整改台账。",
    )
    @action(detail=True, methods=["post"])
    def give(self, request, pk=None):
        data = inputs.parsed(inputs.RoundGiveFeedbackInput, request)
        letters = {row["assignment"]: row["letter"] for row in data.get("letters", ())}
        round_ = round_give_feedback(
            actor=request.user,
            round_id=pk,
            fed_back_on=data["fed_back_on"],
            letter=data["letter"],
            letters=letters,
            note=data["note"],
        )
        return self.answer(round_)

    @workflow_action_schema(
        request=inputs.NoteInput, response=s.RoundFeedbackSerializer, summary="进入整改阶段"
    )
    @action(detail=True, methods=["post"], url_path="start-rectification")
    def start_rectification(self, request, pk=None):
        data = inputs.parsed(inputs.NoteInput, request)
        round_ = round_start_rectification(actor=request.user, round_id=pk, note=data["note"])
        return self.answer(round_)

    @workflow_action_schema(
        request=inputs.RoundCloseInput,
        response=s.RoundFeedbackSerializer,
        summary="归档",
        description="各巡察对象的案卷须齐全、本轮次问题线索须全部办结；"
        "否则须由巡察办主任填写归档说明（override_reason）。",
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        data = inputs.parsed(inputs.RoundCloseInput, request)
        round_ = round_close(
            actor=request.user,
            round_id=pk,
            note=data["note"],
            override_reason=data["override_reason"],
        )
        return self.answer(round_)


# ------------------------------------------------------------------------------ the ledger


class RectificationItemViewSet(JsonScopedViewSet):
    """整改台账: one item per problem fed back, with its milestones, progress and checks."""

    queryset = RectificationItem.objects.select_related(
        *places("problem__assignment"),
        "feedback",
        "issue",
        "order__team",
        "responsible_user",
        "problem__problem_class",
    ).prefetch_related(
        "milestones",
        Prefetch(
            "progress_updates",
            ProgressUpdate.objects.select_related("author").prefetch_related("evidence"),
        ),
        Prefetch(
            "verifications",
            Verification.objects.select_related("verifier").prefetch_related("evidence"),
        ),
    )
    serializer_class = s.RectificationItemSerializer
    filterset_class = filtersets.RectificationItemFilterSet
    search_fields = ("measures", "responsible_unit", "responsible_person", "problem__facts")
    ordering_fields = ("id", "deadline")

    @workflow_action_schema(
        request=inputs.ItemPlanInput, response=s.RectificationItemSerializer, summary="制定整改方案"
    )
    @action(detail=True, methods=["post"], url_path="update-plan")
    def update_plan(self, request, pk=None):
        data = inputs.parsed(inputs.ItemPlanInput, request)
        if "milestones" in data:
            data["milestones"] = [(row["title"], row["due_on"]) for row in data["milestones"]]
        return self.answer(item_update_plan(actor=request.user, item_id=pk, **data))

    @workflow_action_schema(
        request=inputs.ProgressInput, response=s.RectificationItemSerializer, summary="填报整改进展"
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="post-progress",
        parser_classes=[MultiPartParser],
    )
    def post_progress(self, request, pk=None):
        data = inputs.parsed(inputs.ProgressInput, request)
        update = item_post_progress(actor=request.user, item_id=pk, **data)
        return self.answer(update.item)

    @workflow_action_schema(
        request=inputs.NoteInput, response=s.RectificationItemSerializer, summary="申请销号"
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        data = inputs.parsed(inputs.NoteInput, request)
        return self.answer(item_submit(actor=request.user, item_id=pk, note=data["note"]))

    @workflow_action_schema(
        request=inputs.VerifyInput,
        response=s.RectificationItemSerializer,
        summary="核验销号",
        description="核验通过即销号；不通过则退回，核验意见即退回理由。",
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def verify(self, request, pk=None):
        data = inputs.parsed(inputs.VerifyInput, request)
        verification = item_verify(actor=request.user, item_id=pk, **data)
        return self.answer(verification.item)

    @workflow_action_schema(
        request=inputs.ReturnInput, response=s.RectificationItemSerializer, summary="退回整改"
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        data = inputs.parsed(inputs.ReturnInput, request)
        return self.answer(item_return(actor=request.user, item_id=pk, reason=data["reason"]))

    @workflow_action_schema(
        request=inputs.TownReviewInput,
        response=s.RectificationItemSerializer,
        summary="乡镇初审",
        description="乡镇党委初审本镇村(社区)的销号申请：通过即报巡察办核验；退回须说明理由。",
    )
    @action(detail=True, methods=["post"], url_path="town-review", url_name="town-review")
    def town_review(self, request, pk=None):
        data = inputs.parsed(inputs.TownReviewInput, request)
        return self.answer(item_town_review(actor=request.user, item_id=pk, **data))

    @workflow_action_schema(
        request=inputs.ReopenInput,
        response=s.RectificationItemSerializer,
        summary="重新打开(反弹回潮)",
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        data = inputs.parsed(inputs.ReopenInput, request)
        item = item_reopen(
            actor=request.user,
            item_id=pk,
            look_back_round_id=data["look_back_round"],
            reason=data["reason"],
            deadline=data.get("deadline"),
        )
        return self.answer(item)


class MilestoneViewSet(ReadOnlyScopedViewSet):
    queryset = Milestone.objects.all()
    serializer_class = s.MilestoneSerializer
    filterset_class = filtersets.MilestoneFilterSet
    search_fields = ("title",)
    ordering_fields = ("id", "due_on")


class ProgressUpdateViewSet(ReadOnlyScopedViewSet):
    queryset = ProgressUpdate.objects.select_related("author").prefetch_related("evidence")
    serializer_class = s.ProgressUpdateSerializer
    filterset_class = filtersets.ProgressUpdateFilterSet
    search_fields = ("text",)
    ordering_fields = ("id", "created_at", "percent")


class VerificationViewSet(ReadOnlyScopedViewSet):
    queryset = Verification.objects.select_related("verifier").prefetch_related("evidence")
    serializer_class = s.VerificationSerializer
    filterset_class = filtersets.VerificationFilterSet
    search_fields = ("note",)
    ordering_fields = ("id", "verified_at")


class AlertViewSet(ReadOnlyScopedViewSet):
    """三色预警 of ledger items (and, for the office, of clues whose result is owed)."""

    queryset = Alert.objects.all()
    serializer_class = s.AlertSerializer
    filterset_class = filtersets.AlertFilterSet
    ordering_fields = ("id", "due_on", "created_at")


# ---------------------------------------------------------------------------- follow-up


class EvaluationViewSet(JsonScopedViewSet):
    """整改评估 into the four batches (四个一批); POST to the list records one."""

    queryset = Evaluation.objects.select_related(*places("assignment"), "evaluator")
    serializer_class = s.EvaluationSerializer
    filterset_class = filtersets.EvaluationFilterSet
    search_fields = ("note",)
    ordering_fields = ("id", "evaluated_on")

    @creation_schema(
        request=inputs.EvaluationInput,
        response=s.EvaluationSerializer,
        summary="整改评估(四个一批)",
    )
    def create(self, request):
        data = inputs.parsed(inputs.EvaluationInput, request)
        evaluation = evaluation_record(
            actor=request.user, assignment_id=data.pop("assignment"), **data
        )
        return self.answer(evaluation, status=201)
