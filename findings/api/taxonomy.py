"""The taxonomy as the API reads it: the classes (类) with their aspect (方面) and focus
(聚焦), the ids a problem is recorded and filtered by. Read only: the county edits it in
the admin. Every role reads it, the statistics client too (it groups figures by it)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from findings.models import ProblemClass
from inspection.api.permissions import RegisterReader
from inspection.api.viewsets import ReadOnlyScopedViewSet
from inspection.filtersets import BooleanFilter, FilterSet, IdFilter


class ProblemClassSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True, help_text="代码（县自加的类可为空）")
    aspect_name = serializers.CharField(source="aspect.name", read_only=True)
    focus = serializers.IntegerField(source="aspect.focus_id", read_only=True)
    focus_code = serializers.CharField(source="aspect.focus.code", read_only=True)
    focus_name = serializers.CharField(source="aspect.focus.name", read_only=True)

    class Meta:
        model = ProblemClass
        fields = (
            "id",
            "code",
            "name",
            "aspect",
            "aspect_name",
            "focus",
            "focus_code",
            "focus_name",
            "order",
            "is_active",
        )
        read_only_fields = fields


class ProblemClassFilterSet(FilterSet):
    focus = IdFilter(field_name="aspect__focus_id", label="四个聚焦")
    aspect = IdFilter(field_name="aspect_id", label="方面")
    is_active = BooleanFilter(label="启用")

    class Meta:
        model = ProblemClass
        fields = ()


@extend_schema_view(
    list=extend_schema(summary="问题类别（四个聚焦 → 方面 → 类）"),
    retrieve=extend_schema(summary="问题类别详情"),
)
class ProblemClassViewSet(ReadOnlyScopedViewSet):
    """问题类别: the third level of the taxonomy, each with its aspect and focus."""

    queryset = ProblemClass.objects.select_related("aspect__focus")
    serializer_class = ProblemClassSerializer
    filterset_class = ProblemClassFilterSet
    permission_classes = [RegisterReader]
    search_fields = ("name", "aspect__name", "aspect__focus__name")
    ordering_fields = ("id", "order")
    ordering = ("id",)  # the shipped catalogue was created in its order
