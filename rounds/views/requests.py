"""函调 / 巡前通报 screens of the office: a round's letters (draft one, see what is overdue),
one letter (send it, file a reply, print it), and the bodies written to."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection.attachments import evidence_url
from inspection.documents.selectors import documents_panel
from inspection.models import Village
from inspection.permissions import can, is_office, reads_all, visible
from inspection.web import perform, screen
from rounds.models import DataRequest, RequestBody
from rounds.request_forms import (
    DataRequestEditForm,
    DataRequestForm,
    DataRequestReplyForm,
    DataRequestSendForm,
)
from rounds.request_selectors import active_request_bodies, request_replies, round_data_requests
from rounds.services.requests import (
    EDIT_WINDOW,
    RECORD_REPLY,
    REQUEST_WINDOW,
    SEND,
    data_request_create,
    data_request_reply_record,
    data_request_send,
    data_request_update,
    round_village_ids,
)
from rounds.views.common import round_or_404


def _round_villages(inspection_round):
    return (
        Village.objects.filter(pk__in=round_village_ids(inspection_round))
        .select_related("town")
        .order_by("town__code", "code")
    )


def _new_form(request, inspection_round, data=None):
    """The draft form: the active bodies not yet written to in this round, the villages."""
    taken = DataRequest.objects.filter(round=inspection_round).values("body_id")
    bodies = active_request_bodies(request.user).exclude(pk__in=taken)
    return DataRequestForm(data, bodies=bodies, villages=_round_villages(inspection_round))


@screen(reads_all)
def round_requests(request, pk: int):
    """The round's 函调: each body, its number, dates, replies and 逾期; a new one."""
    inspection_round = round_or_404(request.user, pk)
    may_create = REQUEST_WINDOW.allows(inspection_round) and can(
        request.user, "data_request_create", inspection_round
    )
    form = None
    if may_create:
        form = _new_form(request, inspection_round, request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            created = perform(
                request,
                form,
                lambda: data_request_create(
                    actor=request.user,
                    round_id=inspection_round.pk,
                    body_id=data["body"],
                    village_ids=data["villages"],
                    asked=data["asked"],
                ),
                success=_("已拟稿，请核对后发出。"),
            )
            if created:
                return redirect("rounds:data_request_detail", created.pk)
    elif request.method == "POST":
        raise PermissionDenied
    rows = list(round_data_requests(request.user, inspection_round))
    context = {
        "round": inspection_round,
        "rows": rows,
        "overdue": sum(row.overdue for row in rows),
        "form": form,
    }
    return render(request, "rounds/requests/list.html", context)


def _request_or_404(user, pk: int) -> DataRequest:
    requests = visible(DataRequest, user).select_related("round", "body", "created_by", "sent_by")
    return get_object_or_404(requests, pk=pk if 0 < pk < 2**63 else 0)


def _edit_form(data_request, data=None):
    return DataRequestEditForm(
        data,
        villages=_round_villages(data_request.round),
        initial={
            "villages": list(data_request.villages.values_list("pk", flat=True)),
            "asked": data_request.asked,
        },
    )


def _request_page(request, data_request, *, send_form=None, reply_form=None, edit_form=None):
    user = request.user
    open_ = REQUEST_WINDOW.allows(data_request.round)
    may_edit = (
        open_
        and EDIT_WINDOW.allows(data_request)
        and can(user, "data_request_update", data_request)
    )
    may_send = open_ and SEND.allows(data_request) and can(user, "data_request_send", data_request)
    may_reply = (
        open_
        and RECORD_REPLY.allows(data_request)
        and can(user, "data_request_reply_record", data_request)
    )
    villages = list(data_request.villages.select_related("town").order_by("town__code", "code"))
    replies = list(request_replies(user, data_request))
    for reply in replies:
        reply.url = evidence_url(reply)
    context = {
        "data_request": data_request,
        "round": data_request.round,
        "villages": villages,
        "replies": replies,
        "overdue": data_request.is_overdue(),
        "send_form": (send_form or DataRequestSendForm()) if may_send else None,
        "edit_form": (edit_form or _edit_form(data_request)) if may_edit else None,
        "reply_form": (reply_form or DataRequestReplyForm(villages=villages))
        if may_reply
        else None,
        "documents": documents_panel(user, data_request),
    }
    return render(request, "rounds/requests/detail.html", context)


@screen(reads_all)
def data_request_detail(request, pk: int):
    return _request_page(request, _request_or_404(request.user, pk))


@require_POST
@screen(is_office)
def data_request_edit_view(request, pk: int):
    data_request = _request_or_404(request.user, pk)
    form = _edit_form(data_request, request.POST)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: data_request_update(
                actor=request.user,
                request_id=data_request.pk,
                village_ids=form.cleaned_data["villages"],
                asked=form.cleaned_data["asked"],
            ),
            success=_("已保存修改。"),
        )
        if done:
            return redirect("rounds:data_request_detail", data_request.pk)
    return _request_page(request, data_request, edit_form=form)


@require_POST
@screen(is_office)
def data_request_send_view(request, pk: int):
    data_request = _request_or_404(request.user, pk)
    form = DataRequestSendForm(request.POST)
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: data_request_send(
                actor=request.user,
                request_id=data_request.pk,
                sent_on=form.cleaned_data["sent_on"],
                due_on=form.cleaned_data["due_on"],
            ),
            success=_("已发出函调。"),
        )
        if done:
            return redirect("rounds:data_request_detail", data_request.pk)
    return _request_page(request, data_request, send_form=form)


@require_POST
@screen(is_office)
def data_request_reply_view(request, pk: int):
    data_request = _request_or_404(request.user, pk)
    villages = data_request.villages.select_related("town").order_by("town__code", "code")
    form = DataRequestReplyForm(request.POST, request.FILES, villages=villages)
    if form.is_valid():
        data = form.cleaned_data
        done = perform(
            request,
            form,
            lambda: data_request_reply_record(
                actor=request.user,
                request_id=data_request.pk,
                file=data["file"][0],
                summary=data["summary"],
                village_ids=data["villages"],
                received_on=data["received_on"],
            ),
            success=_("已登记回复。"),
        )
        if done:
            return redirect("rounds:data_request_detail", data_request.pk)
    return _request_page(request, data_request, reply_form=form)


@screen(reads_all)
def request_bodies(request):
    """The bodies the office writes to (county data, edited in the admin)."""
    bodies = visible(RequestBody, request.user).order_by("order", "pk")
    context = {"bodies": bodies, "may_edit": request.user.has_perm("rounds.change_requestbody")}
    return render(request, "rounds/requests/bodies.html", context)
