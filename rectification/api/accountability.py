"""API of 问责 (issue 19): ``/accountabilities/`` are the office's proposals (提请问责),
each with the deciding body's decision once recorded; ``POST /accountabilities/`` files a
proposal, ``POST …/{id}/decide/`` records the decision (multipart: the body's decision
document, required when the office records it). ``/first-form-measures/`` are 约谈 and
批评教育 (第一种形态), counted apart. Each write goes through its service."""

from django_filters import CharFilter
from rest_framework import serializers
from rest_framework.decorators import action

from inspection.api.evidence import EvidenceDownloadField
from inspection.api.fields import ChoiceField, IdField, IdListField
from inspection.api.parsers import MultiPartParser
from inspection.api.schema import workflow_action_schema
from inspection.filtersets import dates
from rectification.api.inputs import parsed
from rectification.api.serializers import PLACE_FIELDS, ReadSerializer, display, label, with_places
from rectification.api.views import JsonScopedViewSet, creation_schema, places
from rectification.choices import (
    AccountabilityForm,
    AccountabilityTarget,
    DecidingBody,
    FirstFormKind,
)
from rectification.filtersets import by_place
from rectification.models import AccountabilityDecision, AccountabilityProposal, FirstFormMeasure
from rectification.services import accountability_decide, accountability_propose, first_form_record


class AccountabilityDecisionSerializer(ReadSerializer):
    # Empty when not pursued (不予问责): declared so that the schema allows "".
    form = ChoiceField(choices=AccountabilityForm.choices, allow_blank=True, read_only=True)
    form_display = display("form")
    document = EvidenceDownloadField(help_text="问责决定文书的下载地址（无则为null）")
    recorded_by_name = label("recorded_by")
    signed_by_name = label("signed_by", allow_null=True)

    class Meta:
        model = AccountabilityDecision
        fields = (
            "id",
            "pursued",
            "form",
            "form_display",
            "decided_on",
            "document_number",
            "document",
            "note",
            "recorded_by",
            "recorded_by_name",
            "signed_by",
            "signed_by_name",
            "migrated",
        )
        read_only_fields = fields


class AccountabilitySerializer(with_places("assignment")):
    """提请问责 of a cadre or a party organisation, with the body's decision (or null)."""

    target_kind_display = display("target_kind")
    suggested_form_display = display("suggested_form")
    deciding_body_display = display("deciding_body")
    status_display = display("status")
    proposed_by_name = label("proposed_by")
    items = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    decision = AccountabilityDecisionSerializer(read_only=True, allow_null=True)

    class Meta:
        model = AccountabilityProposal
        fields = (
            "id",
            "assignment",
            *PLACE_FIELDS,
            "items",
            "target_kind",
            "target_kind_display",
            "person_name",
            "person_post",
            "organisation_name",
            "facts",
            "suggested_form",
            "suggested_form_display",
            "deciding_body",
            "deciding_body_display",
            "proposed_on",
            "status",
            "status_display",
            "proposed_by",
            "proposed_by_name",
            "decision",
        )


class FirstFormMeasureSerializer(with_places("assignment")):
    kind_display = display("kind")
    body_display = display("body")
    recorded_by_name = label("recorded_by")

    class Meta:
        model = FirstFormMeasure
        fields = (
            "id",
            "assignment",
            *PLACE_FIELDS,
            "item",
            "kind",
            "kind_display",
            "person_name",
            "person_post",
            "reason",
            "conducted_on",
            "body",
            "body_display",
            "recorded_by",
            "recorded_by_name",
        )


class AccountabilityProposeInput(serializers.Serializer):
    assignment = serializers.IntegerField(help_text="巡察对象ID")
    items = IdListField(required=False, default=list, help_text="涉及的整改台账条目ID")
    target_kind = ChoiceField(choices=AccountabilityTarget.choices)
    person_name = serializers.CharField(required=False, allow_blank=True, default="")
    person_post = serializers.CharField(required=False, allow_blank=True, default="")
    organisation_name = serializers.CharField(required=False, allow_blank=True, default="")
    facts = serializers.CharField(allow_blank=True, help_text="问责事实")
    suggested_form = ChoiceField(choices=AccountabilityForm.choices)
    deciding_body = ChoiceField(choices=DecidingBody.choices)
    proposed_on = serializers.DateField(required=False, help_text="提请日期，默认今天")


class AccountabilityDecideInput(serializers.Serializer):
    pursued = serializers.BooleanField(default=True, help_text="false：不予问责")
    form = ChoiceField(
        choices=AccountabilityForm.choices, required=False, allow_blank=True, default=""
    )
    decided_on = serializers.DateField()
    document_number = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    document = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="决定机关的问责决定文书（巡察办登记时必传；决定机关监督账号登记即为签批）",
    )


class FirstFormInput(serializers.Serializer):
    assignment = serializers.IntegerField(help_text="巡察对象ID")
    item = IdField(required=False, allow_null=True, default=None, help_text="涉及的台账条目ID")
    kind = ChoiceField(choices=FirstFormKind.choices)
    person_name = serializers.CharField(allow_blank=True)
    person_post = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(allow_blank=True)
    conducted_on = serializers.DateField()


class AccountabilityFilterSet(by_place("assignment")):
    proposed_on = dates("proposed_on", "提请日期")
    form = CharFilter(field_name="decision__form", label="问责方式")

    class Meta:
        model = AccountabilityProposal
        fields = ("assignment", "target_kind", "status", "deciding_body")


class FirstFormFilterSet(by_place("assignment")):
    conducted_on = dates("conducted_on", "日期")

    class Meta:
        model = FirstFormMeasure
        fields = ("assignment", "item", "kind")


class AccountabilityViewSet(JsonScopedViewSet):
    """提请问责 and its decision; POST to the list files a proposal."""

    queryset = AccountabilityProposal.objects.select_related(
        *places("assignment"),
        "proposed_by",
        "decision__recorded_by",
        "decision__signed_by",
    ).prefetch_related("items")
    serializer_class = AccountabilitySerializer
    filterset_class = AccountabilityFilterSet
    search_fields = ("person_name", "person_post", "organisation_name", "facts")
    ordering_fields = ("id", "proposed_on")

    @creation_schema(
        request=AccountabilityProposeInput, response=AccountabilitySerializer, summary="提请问责"
    )
    def create(self, request):
        data = parsed(AccountabilityProposeInput, request)
        proposal = accountability_propose(
            actor=request.user,
            assignment_id=data.pop("assignment"),
            item_ids=data.pop("items"),
            **data,
        )
        return self.answer(proposal, status=201)

    @workflow_action_schema(
        request=AccountabilityDecideInput,
        response=AccountabilitySerializer,
        summary="登记问责决定",
        description="由决定机关作出：其整改监督账号登记即为签批；巡察办登记须上传决定文书。",
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def decide(self, request, pk=None):
        data = parsed(AccountabilityDecideInput, request)
        decision = accountability_decide(actor=request.user, proposal_id=pk, **data)
        return self.answer(decision.proposal)


class FirstFormMeasureViewSet(JsonScopedViewSet):
    """第一种形态 (约谈、批评教育); POST to the list records one."""

    queryset = FirstFormMeasure.objects.select_related(*places("assignment"), "recorded_by")
    serializer_class = FirstFormMeasureSerializer
    filterset_class = FirstFormFilterSet
    search_fields = ("person_name", "person_post", "reason")
    ordering_fields = ("id", "conducted_on")

    @creation_schema(
        request=FirstFormInput, response=FirstFormMeasureSerializer, summary="登记第一种形态"
    )
    def create(self, request):
        data = parsed(FirstFormInput, request)
        measure = first_form_record(
            actor=request.user,
            assignment_id=data.pop("assignment"),
            item_id=data.pop("item"),
            **data,
        )
        return self.answer(measure, status=201)
