"""The notification centre: one's own notifications, newest first; mark read."""

import django_filters
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from inspection.api.notifications import NotificationFilterSet
from inspection.choices import NotificationKind
from inspection.filtersets import BooleanFilter
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


class NotificationScreenFilterSet(NotificationFilterSet):
    """The API's filters as the notification centre shows them: the kind and read state
    as selects that start at 全部, the dates as two date pickers (the API's own widget)."""

    kind = django_filters.ChoiceFilter(
        choices=NotificationKind.choices,
        label=gettext_lazy("类型"),
        empty_label=gettext_lazy("全部"),
    )
    unread = BooleanFilter(
        field_name="read_at",
        lookup_expr="isnull",
        label=gettext_lazy("状态"),
        widget=forms.Select(
            choices=(
                ("", gettext_lazy("全部")),
                ("true", gettext_lazy("未读")),
                ("false", gettext_lazy("已读")),
            )
        ),
    )

    class Meta(NotificationFilterSet.Meta):
        pass


@screen()
def notification_list(request):
    notifications = visible(Notification, request.user)
    listing = Listing(request, notifications, NotificationScreenFilterSet, 20)
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
