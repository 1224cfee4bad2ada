"""Admin of notifications and their deliveries: written by the product, read here.

The office looks here for a digest that did not arrive: each channel's delivery shows
its state, attempts and last error. Nothing is edited or added by hand.
"""

from django.contrib import admin

from inspection.models import Notification, NotificationDelivery


class DeliveryInline(admin.TabularInline):
    model = NotificationDelivery
    fields = ("channel", "address", "status", "attempts", "last_error", "sent_at")
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "addressee", "kind", "created_at", "read_at")
    list_filter = ("kind", "read_at")
    list_select_related = ("recipient",)
    search_fields = ("title", "addressee_name", "addressee_unit", "recipient__username")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Notification._meta.fields]
    inlines = [DeliveryInline]

    @admin.display(description="接收人")
    def addressee(self, obj):
        return obj.addressee()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NotificationDelivery)
class NotificationDeliveryAdmin(admin.ModelAdmin):
    list_display = ("notification", "channel", "status", "attempts", "last_attempt_at", "sent_at")
    list_filter = ("channel", "status")
    list_select_related = ("notification",)
    search_fields = ("address", "last_error", "notification__title")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in NotificationDelivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
