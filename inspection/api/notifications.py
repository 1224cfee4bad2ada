"""The in-app notification centre: one's own notifications, the unread count, mark read.

``register(router)`` adds ``notifications/`` (list, detail), ``notifications/unread-count/``,
``notifications/{id}/read/`` and ``notifications/read-all/``.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from inspection.api.schema import workflow_action_schema
from inspection.api.viewsets import ScopedViewSet
from inspection.filtersets import BooleanFilter, FilterSet, dates
from inspection.models import Notification
from inspection.services.notifications import (
    notification_mark_read,
    notifications_mark_all_read,
    notifications_unread_count,
)


class NotificationEntrySerializer(serializers.Serializer):
    """One alert a digest lists."""

    alert = serializers.IntegerField()
    stage = serializers.CharField(help_text="green / yellow / red")
    stage_label = serializers.CharField()
    subject = serializers.CharField(help_text="item / plan / report / clue")
    id = serializers.IntegerField(help_text="台账条目、巡察反馈或线索的编号")
    title = serializers.CharField()
    place = serializers.CharField()
    unit = serializers.CharField()
    responsible_person = serializers.CharField()
    supervising_leader = serializers.CharField()
    due_label = serializers.CharField()
    due_on = serializers.DateField()
    days_left = serializers.IntegerField(help_text="负数为已逾期天数")
    remaining = serializers.CharField()
    link = serializers.CharField(help_text="该记录的 API 地址")


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.BooleanField(read_only=True)
    items = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = (
            "id",
            "kind",
            "title",
            "body",
            "link",
            "items",
            "created_at",
            "read_at",
            "is_read",
        )
        read_only_fields = fields

    @extend_schema_field(NotificationEntrySerializer(many=True))
    def get_items(self, obj) -> list:
        items = obj.payload.get("items", []) if isinstance(obj.payload, dict) else []
        return NotificationEntrySerializer(items, many=True).data


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField()


class NotificationFilterSet(FilterSet):
    unread = BooleanFilter(field_name="read_at", lookup_expr="isnull", label=_("未读"))
    created_at = dates("created_at__date", _("时间"))

    class Meta:
        model = Notification
        fields = ("kind",)


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """通知中心: the signed-in user's own notifications, newest first."""

    queryset = Notification.objects.all()
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilterSet
    search_fields = ("title", "body")
    ordering_fields = ("id", "created_at")

    @extend_schema(summary="未读通知数", responses=UnreadCountSerializer)
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        return Response({"unread": notifications_unread_count(user=request.user)})

    @workflow_action_schema(request=None, response=NotificationSerializer, summary="标为已读")
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        notification = notification_mark_read(user=request.user, notification_id=notification.pk)
        return self.answer(notification)

    @workflow_action_schema(request=None, response=MarkedSerializer, summary="全部标为已读")
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": notifications_mark_all_read(user=request.user)})


def register(router) -> None:
    """Register the notification centre on ``router``."""
    router.register("notifications", NotificationViewSet)
