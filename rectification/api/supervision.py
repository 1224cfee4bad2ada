"""API of 整改监督, read-only: the 督办函 / 提示函 with their 签收 and reply, and the joint
inspections (联合督查) with their findings. Writes are on the screens."""

from django.db.models import Prefetch
from django_filters import CharFilter
from rest_framework import serializers

from inspection.api.evidence import EvidenceDownloadField
from inspection.api.viewsets import ReadOnlyScopedViewSet
from inspection.filtersets import FilterSet, dates
from inspection.permissions import visible
from rectification.api.serializers import PLACE_FIELDS, ReadSerializer, display, label, with_places
from rectification.api.views import places
from rectification.filtersets import by_place
from rectification.models import JointInspection, JointInspectionFinding, SupervisionLetter


class SupervisionLetterSerializer(with_places("assignment")):
    number = serializers.CharField(read_only=True, help_text="督办〔年〕N号 / 提示〔年〕N号")
    kind_display = display("kind")
    status_display = display("status")
    issued_by_name = label("issued_by")
    items = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    reply_file = EvidenceDownloadField(help_text="回复文件的下载地址（无则为 null）")

    class Meta:
        model = SupervisionLetter
        fields = (
            "id",
            "number",
            "kind",
            "kind_display",
            "assignment",
            *PLACE_FIELDS,
            "items",
            "requirements",
            "issued_by",
            "issued_by_name",
            "issued_on",
            "reply_due_on",
            "status",
            "status_display",
            "signed_for_on",
            "signed_for_by",
            "reply_text",
            "reply_file",
            "replied_on",
            "replied_by",
        )


class SupervisionLetterFilterSet(by_place("assignment")):
    issued_on = dates("issued_on", "发函日期")
    reply_due_on = dates("reply_due_on", "回复时限")
    kind = CharFilter(field_name="kind", label="函件类型")
    status = CharFilter(field_name="status", label="状态")

    class Meta:
        model = SupervisionLetter
        fields = ("kind", "status")


class SupervisionLetterViewSet(ReadOnlyScopedViewSet):
    """督办函 (red items) and 提示函 (yellow or red items) to a unit, its 签收 and reply."""

    queryset = SupervisionLetter.objects.select_related(*places("assignment"), "issued_by")
    serializer_class = SupervisionLetterSerializer
    filterset_class = SupervisionLetterFilterSet
    search_fields = ("requirements", "reply_text", "assignment__village__name")
    ordering_fields = ("id", "issued_on", "reply_due_on")

    def get_queryset(self):
        return super().get_queryset().prefetch_related("items")


class JointInspectionFindingSerializer(ReadSerializer):
    class Meta:
        model = JointInspectionFinding
        fields = ("id", "text", "item")


class JointInspectionSerializer(ReadSerializer):
    villages = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    findings = JointInspectionFindingSerializer(many=True, read_only=True)
    recorded_by_name = label("recorded_by")

    class Meta:
        model = JointInspection
        fields = (
            "id",
            "inspected_on",
            "office_members",
            "commission_members",
            "organisation_members",
            "villages",
            "summary",
            "findings",
            "recorded_by",
            "recorded_by_name",
            "recorded_at",
        )


class JointInspectionFilterSet(FilterSet):
    inspected_on = dates("inspected_on", "督查日期")

    class Meta:
        model = JointInspection
        fields = ()


class JointInspectionViewSet(ReadOnlyScopedViewSet):
    """联合督查 of the villages in the reader's reach; a finding about a ledger item is
    listed only to whoever reads that item."""

    queryset = JointInspection.objects.select_related("recorded_by")
    serializer_class = JointInspectionSerializer
    filterset_class = JointInspectionFilterSet
    search_fields = ("summary",)
    ordering_fields = ("id", "inspected_on")

    def get_queryset(self):
        findings = visible(JointInspectionFinding, self.request.user).order_by("pk")
        return super().get_queryset().prefetch_related("villages", Prefetch("findings", findings))
