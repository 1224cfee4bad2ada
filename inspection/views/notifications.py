"""The notification centre: one's own notifications, newest first; mark read."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection.api.notifications import NotificationFilterSet
from inspection.models import Notification
from inspection.permissions import visible
from inspection.services.notifications import (
    notification_mark_read,
    notifications_mark_all_read,
)
from inspection.web import Listing, perform, screen, visible_or_404

# The screen that shows each kind of record a digest lists.
SUBJECT_PAGES = {"item": "rectification:item_detail", "clue": "findings:clue_detail"}


def screen_link(entry: dict) -> str:
    name = SUBJECT_PAGES.get(entry.get("subject"))
    if not name or not entry.get("id"):
        return ""
    return reverse(name, args=[entry["id"]])


@screen()
def notification_list(request):
    listing = Listing(request, visible(Notification, request.user), NotificationFilterSet, 20)
    return render(request, "inspection/notification_list.html", {"listing": listing})


@screen()
def notification_detail(request, pk: int):
    notification = visible_or_404(Notification, request.user, pk=pk)
    if notification.read_at is None:
        notification = notification_mark_read(user=request.user, notification_id=pk)
    payload = notification.payload if isinstance(notification.payload, dict) else {}
    entries = [{**entry, "screen": screen_link(entry)} for entry in payload.get("items", [])]
    return render(
        request,
        "inspection/notification_detail.html",
        {"notification": notification, "entries": entries},
    )


@require_POST
@screen()
def notification_read(request, pk: int):
    visible_or_404(Notification, request.user, pk=pk)
    perform(request, None, lambda: notification_mark_read(user=request.user, notification_id=pk))
    return redirect(request.POST.get("next") or "inspection:notification_list")


@require_POST
@screen()
def notification_read_all(request):
    marked = notifications_mark_all_read(user=request.user)
    messages.success(request, _("已将 %(count)d 条通知标为已读。") % {"count": marked})
    return redirect("inspection:notification_list")
