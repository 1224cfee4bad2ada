"""API of 巡中立行立改: the on-site orders, issued (POST to the list) and signed for, each
through its service with ``actor=request.user``; honoured on time is derived per row."""

from django_filters import CharFilter
from rest_framework import serializers
from rest_framework.decorators import action

from inspection.api.fields import ChoiceField, IdField, IdListField
from inspection.api.schema import workflow_action_schema
from rectification.api import inputs
from rectification.api.serializers import PLACE_FIELDS, display, label, with_places
from rectification.api.views import JsonScopedViewSet, creation_schema, places
from rectification.choices import OrderForm
from rectification.filtersets import by_place, dates
from rectification.models import ImmediateOrder
from rectification.selectors import orders_with_outcome
from rectification.services import immediate_order_issue, immediate_order_sign_for


class ImmediateOrderSerializer(with_places("assignment")):
    number = serializers.CharField(
        read_only=True, help_text="书面通知的编号（巡X组立改〔年〕N号）；口头交办为空"
    )
    form_display = display("form")
    status_display = display("status")
    issued_by_name = label("issued_by.full_name")
    honoured = serializers.BooleanField(
        read_only=True, help_text="如期完成：通知涉及的问题均在整改时限内销号"
    )
    items = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ImmediateOrder
        fields = (
            "id",
            "number",
            "assignment",
            *PLACE_FIELDS,
            "form",
            "form_display",
            "requirements",
            "issued_by",
            "issued_by_name",
            "issued_at",
            "due_on",
            "status",
            "status_display",
            "signed_for_by_name",
            "signed_for_post",
            "signed_for_on",
            "honoured",
            "items",
        )


class OrderIssueInput(inputs.NoteInput):
    assignment = IdField(help_text="巡察对象的ID（本组、进驻中）")
    problems = IdListField(help_text="通知涵盖的已审签问题的ID，至少一个")
    form = ChoiceField(choices=OrderForm.choices, help_text="交办方式：书面（编号）或口头")
    requirements = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="整改要求"
    )


class OrderSignForInput(inputs.NoteInput):
    signer_name = serializers.CharField(allow_blank=True, help_text="签收人姓名（被巡察单位）")
    signer_post = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="签收人职务"
    )
    signed_on = serializers.DateField(help_text="签收日期，不早于交办日期")


class ImmediateOrderFilterSet(by_place("assignment")):
    due_on = dates("due_on", "整改时限")
    form = CharFilter(field_name="form", label="交办方式")
    status = CharFilter(field_name="status", label="状态")

    class Meta:
        model = ImmediateOrder
        fields = ("form", "status")


class ImmediateOrderViewSet(JsonScopedViewSet):
    """巡中立行立改通知 with their 签收; POST to the list issues one (the team leader)."""

    queryset = ImmediateOrder.objects.select_related(*places("assignment"), "team", "issued_by")
    serializer_class = ImmediateOrderSerializer
    filterset_class = ImmediateOrderFilterSet
    search_fields = ("requirements", "signed_for_by_name", "assignment__village__name")
    ordering_fields = ("id", "issued_at", "due_on")

    def get_queryset(self):
        return orders_with_outcome(super().get_queryset()).prefetch_related("items")

    @creation_schema(
        request=OrderIssueInput, response=ImmediateOrderSerializer, summary="下达立行立改通知"
    )
    def create(self, request):
        data = inputs.parsed(OrderIssueInput, request)
        order = immediate_order_issue(
            actor=request.user,
            assignment_id=data["assignment"],
            problem_ids=data["problems"],
            form=data["form"],
            requirements=data["requirements"],
            note=data["note"],
        )
        return self.answer(order, status=201)

    @workflow_action_schema(
        request=OrderSignForInput, response=ImmediateOrderSerializer, summary="登记签收"
    )
    @action(detail=True, methods=["post"], url_path="sign-for")
    def sign_for(self, request, pk=None):
        data = inputs.parsed(OrderSignForInput, request)
        order = immediate_order_sign_for(
            actor=request.user,
            order_id=pk,
            signer_name=data["signer_name"],
            signer_post=data["signer_post"],
            signed_on=data["signed_on"],
            note=data["note"],
        )
        return self.answer(order)
