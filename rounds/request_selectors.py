"""Reads of the work before a round: a round's 函调 with their state, and the replies a
user may read about a village (for the village's profile and the team's village page)."""

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone

from inspection.permissions import visible
from rounds.models import DataRequest, DataRequestReply, RequestBody
from rounds.request_choices import DataRequestStatus


def round_data_requests(user, inspection_round):
    """The round's 函调 ``user`` reads, each with ``village_count``, ``has_replies`` (a reply
    the user reads) and ``overdue`` (sent, due before today, no reply)."""
    today = timezone.localdate()
    readable = visible(DataRequestReply, user).filter(request_id=OuterRef("pk"))
    return (
        visible(DataRequest, user)
        .filter(round=inspection_round)
        .select_related("body")
        .annotate(
            village_count=Count("villages", distinct=True),
            has_replies=Exists(readable),
            overdue=ExpressionWrapper(
                Q(status=DataRequestStatus.SENT, due_on__lt=today), output_field=BooleanField()
            ),
        )
        .order_by("body__order", "pk")
    )


def request_replies(user, request: DataRequest):
    """The replies to ``request`` that ``user`` reads, with their villages."""
    return (
        visible(DataRequestReply, user)
        .filter(request=request)
        .select_related("uploaded_by")
        .prefetch_related("villages")
        .order_by("received_on", "pk")
    )


def data_request_replies_for_village(user, village):
    """The 函调 replies tagged to ``village`` that ``user`` reads, newest first, with their
    request's body and round: for the village profile and the team's village page."""
    return (
        visible(DataRequestReply, user)
        .filter(villages=village)
        .select_related("request__body", "request__round")
        .prefetch_related("villages")
        .order_by("-received_on", "-pk")
    )


def active_request_bodies(user):
    return visible(RequestBody, user).filter(is_active=True)
