"""Read-only API of 整改公开 and the look-back checks (回头看): the writes are the screens'."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from inspection.api.fields import ChoiceField
from inspection.api.viewsets import ReadOnlyScopedViewSet
from inspection.permissions import visible
from rectification.api.serializers import ReadSerializer, display, optional_label
from rectification.choices import PublicityChannel
from rectification.models import LookBackCheck, PublicityExemption, RectificationPublicity


class PublicityExemptionSerializer(ReadSerializer):
    reason_display = display("reason")

    class Meta:
        model = PublicityExemption
        fields = ("item", "reason", "reason_display", "note")


class RectificationPublicitySerializer(ReadSerializer):
    """An organisation's 整改公开: status, approval, posting, 群众评议 (满意度 derived)."""

    status_display = display("status")
    # Empty until posted: declared so that the schema allows "".
    channel = ChoiceField(choices=PublicityChannel.choices, allow_blank=True, read_only=True)
    channel_display = display("channel")
    approved_by_name = optional_label("approved_by")
    has_approval_document = serializers.SerializerMethodField()
    has_posting_photo = serializers.SerializerMethodField()
    satisfaction = serializers.FloatField(read_only=True, allow_null=True)
    exemptions = serializers.SerializerMethodField()

    class Meta:
        model = RectificationPublicity
        fields = (
            "id",
            "assignment",
            "status",
            "status_display",
            "approved_on",
            "approved_by",
            "approved_by_name",
            "has_approval_document",
            "channel",
            "channel_display",
            "place",
            "posted_on",
            "has_posting_photo",
            "assessed_on",
            "sample_size",
            "satisfied",
            "basically_satisfied",
            "dissatisfied",
            "satisfaction",
            "exemptions",
        )

    def get_has_approval_document(self, obj) -> bool:
        return bool(obj.approval_document)

    def get_has_posting_photo(self, obj) -> bool:
        return bool(obj.posting_photo)

    @extend_schema_field(PublicityExemptionSerializer(many=True))
    def get_exemptions(self, publicity) -> list:
        """The exemptions the reader may see (``visible_publicity_exemptions``: the office's
        and the leading group's), prefetched by the view set."""
        return PublicityExemptionSerializer(publicity.readable_exemptions, many=True).data


class LookBackCheckSerializer(ReadSerializer):
    verdict_display = display("verdict")
    checked_by_name = optional_label("checked_by")

    class Meta:
        model = LookBackCheck
        fields = (
            "id",
            "item",
            "assignment",
            "verdict",
            "verdict_display",
            "note",
            "reopened",
            "checked_by",
            "checked_by_name",
            "checked_at",
        )


class RectificationPublicityViewSet(ReadOnlyScopedViewSet):
    queryset = RectificationPublicity.objects.select_related("approved_by")
    serializer_class = RectificationPublicitySerializer

    def get_queryset(self):
        readable = visible(PublicityExemption, self.request.user)
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("exemptions", readable, to_attr="readable_exemptions"))
        )
    filterset_fields = ("assignment", "status")
    ordering_fields = ("id",)


class LookBackCheckViewSet(ReadOnlyScopedViewSet):
    queryset = LookBackCheck.objects.select_related("checked_by")
    serializer_class = LookBackCheckSerializer
    filterset_fields = ("assignment", "item", "verdict", "reopened")
    ordering_fields = ("id", "checked_at")
