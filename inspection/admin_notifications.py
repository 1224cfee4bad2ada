"""Admin of notifications and their deliveries: written by the product, read here.

The office looks here for a digest that did not arrive: each channel's delivery shows
its state, attempts and last error. Nothing is edited or added by hand.
"""

from django.contrib import admin

from inspection.admin import ReadOnlyInline, WorkflowRecordMixin
from inspection.models import Notification, NotificationDelivery


class DeliveryInline(ReadOnlyInline):
    model = NotificationDelivery
    fields = ("channel", "address", "status", "attempts", "last_error", "sent_at")


@admin.register(Notification)
class NotificationAdmin(WorkflowRecordMixin, admin.ModelAdmin):
    # Every addressee's notifications: the office looks for a digest that did not arrive.
    list_display = ("title", "addressee", "kind", "created_at", "read_at")
    list_filter = ("kind", "read_at")
    list_select_related = ("recipient",)
    search_fields = ("title", "addressee_name", "addressee_unit", "recipient__username")
    date_hierarchy = "created_at"
    inlines = [DeliveryInline]

    @admin.display(description="接收人")
    def addressee(self, obj):
        return obj.addressee()


@admin.register(NotificationDelivery)
class NotificationDeliveryAdmin(WorkflowRecordMixin, admin.ModelAdmin):
    list_display = ("notification", "channel", "status", "attempts", "last_attempt_at", "sent_at")
    list_filter = ("channel", "status")
    list_select_related = ("notification",)
    search_fields = ("address", "last_error", "notification__title")
    date_hierarchy = "created_at"
