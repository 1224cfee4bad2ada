"""函调 / 巡前通报: the office asks the bodies what they hold on the round's villages.

A request is drafted for one body (the round's villages by default, or some of them),
sent (it takes its number, 巡察函〔YYYY〕N号, from the documents' counter, and a due date:
the body's usual reply days after sending unless the office sets one), and replied to:
each reply is a file with a summary, tagged to the villages it concerns (among those
asked about). All of it before the teams leave the villages (``UNTIL_ON_SITE_ENDS``):
what comes later no longer shapes the inspection. 逾期 is derived, never stored.
"""

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.documents.numbering import next_sequence
from inspection.evidence import clean_evidence_files, safe_name
from inspection.files import written_in_transaction
from inspection.models import Village
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_date, clean_ids, clean_text
from inspection.workflow import StatusWindow, Transition, lock_visible, require, save_with_history
from rounds.choices import UNTIL_ON_SITE_ENDS
from rounds.models import Assignment, DataRequest, DataRequestReply, InspectionRound, RequestBody
from rounds.request_choices import DATA_REQUEST_COUNTER, DataRequestStatus

REQUEST_WINDOW = StatusWindow(UNTIL_ON_SITE_ENDS, _lazy("办理函调"))
SEND = Transition(
    "data_request_send", (DataRequestStatus.DRAFT,), DataRequestStatus.SENT, _lazy("发出")
)
RECORD_REPLY = Transition(
    "data_request_reply_record",
    (DataRequestStatus.SENT, DataRequestStatus.REPLIED),
    DataRequestStatus.REPLIED,
    _lazy("登记回复"),
)
# A draft is corrected before it is sent; once sent the letter is what the body received.
EDIT_WINDOW = StatusWindow((DataRequestStatus.DRAFT,), _lazy("修改函调"))
ASKED_MAX = 2000
SUMMARY_MAX = 2000


def round_village_ids(inspection_round: InspectionRound) -> list[int]:
    """The villages the round inspects (its assignments' villages), in code order."""
    return list(
        Assignment.objects.filter(round=inspection_round, village__isnull=False)
        .order_by("village__code")
        .values_list("village_id", flat=True)
    )


def _chosen_villages(village_ids, allowed: list[int], *, field: str, message: str) -> list[int]:
    chosen = clean_ids(village_ids, field=field, message=_("所选村(社区)无效。"))
    require(set(chosen) <= set(allowed), message, field=field)
    return chosen


@transaction.atomic
def data_request_create(
    *,
    actor,
    round_id: int,
    body_id: int,
    village_ids: Sequence[int] | None = None,
    asked: str = "",
    note: str = "",
) -> DataRequest:
    """A draft 函调 of round ``round_id`` to the body ``body_id`` about ``village_ids`` (the
    round's villages by default); ``asked`` is the body's usual request unless given."""
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, "data_request_create", inspection_round)
    REQUEST_WINDOW.check(inspection_round)
    body = visible(RequestBody, actor).filter(pk=_body_id(body_id), is_active=True).first()
    require(body is not None, _("请选择一个启用的函调单位。"), field="body")
    require(
        not DataRequest.objects.filter(round=inspection_round, body=body).exists(),
        _("本轮次已向%(body)s函调，请在原函调上登记回复。") % {"body": body.name},
        field="body",
    )
    allowed = round_village_ids(inspection_round)
    require(bool(allowed), _("本轮次尚未安排巡察村(社区)，无从函调。"), field="villages")
    villages = allowed
    if village_ids:
        villages = _chosen_villages(
            village_ids,
            allowed,
            field="villages",
            message=_("函调的村(社区)须是本轮次的巡察对象。"),
        )
    request = DataRequest(
        round=inspection_round,
        body=body,
        asked=clean_text(
            asked or body.default_request,
            field="asked",
            label=_("函调内容"),
            max_length=ASKED_MAX,
        ),
        created_by=actor,
    )
    save_with_history(request, actor=actor, note=note)
    request.villages.set(villages)
    return request


def _body_id(value) -> int:
    ids = clean_ids(
        [value] if value not in (None, "") else [], field="body", message=_("所选函调单位无效。")
    )
    require(bool(ids), _("请选择一个启用的函调单位。"), field="body")
    return ids[0]


@transaction.atomic
def data_request_update(
    *,
    actor,
    request_id: int,
    village_ids: Sequence[int],
    asked: str,
    note: str = "",
) -> DataRequest:
    """Correct a draft: the villages it asks about (of the round's) and what it asks."""
    request = _request(actor, request_id, "data_request_update")
    EDIT_WINDOW.check(request)
    villages = _chosen_villages(
        village_ids,
        round_village_ids(request.round),
        field="villages",
        message=_("函调的村(社区)须是本轮次的巡察对象。"),
    )
    require(bool(villages), _("请选择村(社区)（至少一个）。"), field="villages")
    request.asked = clean_text(asked, field="asked", label=_("函调内容"), max_length=ASKED_MAX)
    save_with_history(request, actor=actor, note=note or _("修改"))
    request.villages.set(villages)
    return request


def _request(actor, request_id: int, action: str) -> DataRequest:
    request = lock_visible(visible(DataRequest, actor).select_related("round", "body"), request_id)
    authorize(actor, action, request)
    REQUEST_WINDOW.check(request.round)
    return request


@transaction.atomic
def data_request_send(
    *,
    actor,
    request_id: int,
    sent_on: datetime.date | None = None,
    due_on: datetime.date | None = None,
    note: str = "",
) -> DataRequest:
    """发出: the letter is numbered and dated (today by default, never in the future); the
    reply is due ``due_on``, by default the body's reply days after sending, never before."""
    request = _request(actor, request_id, "data_request_send")
    SEND.check(request)
    sent_on = clean_date(sent_on or timezone.localdate(), field="sent_on", label=_("发函日期"))
    if due_on is None:
        due_on = sent_on + datetime.timedelta(days=request.body.reply_days)
    request.due_on = clean_date(
        due_on,
        field="due_on",
        label=_("回复时限"),
        not_before=sent_on,
        not_before_label=_("发函日期"),
        future_ok=True,
    )
    request.sent_on = sent_on
    request.year = sent_on.year
    request.sequence = next_sequence(DATA_REQUEST_COUNTER, sent_on.year)
    request.sent_by = actor
    request.status = SEND.target
    save_with_history(request, actor=actor, note=note)
    return request


@transaction.atomic
def data_request_reply_record(
    *,
    actor,
    request_id: int,
    file,
    summary: str,
    village_ids: Sequence[int],
    received_on: datetime.date | None = None,
    note: str = "",
) -> DataRequestReply:
    """A body's reply, filed: its file (an evidence file), the day it came (today by
    default; not before the letter was sent), what it says, and the villages it concerns,
    each one the request asked about. The request is 已回复 from then on."""
    request = _request(actor, request_id, "data_request_reply_record")
    RECORD_REPLY.check(request)
    summary = clean_text(summary, field="summary", label=_("回复摘要"), max_length=SUMMARY_MAX)
    asked_about = list(request.villages.values_list("pk", flat=True))
    villages = _chosen_villages(
        village_ids,
        asked_about,
        field="villages",
        message=_("回复涉及的村(社区)须是本函调所问的村(社区)。"),
    )
    require(bool(villages), _("请选择回复涉及的村(社区)（至少一个）。"), field="villages")
    received_on = clean_date(
        received_on or timezone.localdate(),
        field="received_on",
        label=_("收到日期"),
        not_before=request.sent_on,
        not_before_label=_("发函日期"),
    )
    files = clean_evidence_files([file], field="file")
    require(bool(files), _("请上传回复文件。"), field="file")
    name = safe_name(files[0].name)
    reply = DataRequestReply(
        request=request,
        original_name=name,
        received_on=received_on,
        summary=summary,
        uploaded_by=actor,
    )
    # Stored before its row is inserted, and removed again if the action rolls back.
    reply.file.save(name, files[0], save=False)
    written_in_transaction(reply.file)
    save_with_history(reply, actor=actor, note=note)
    reply.villages.set(Village.objects.filter(pk__in=villages))
    request.status = RECORD_REPLY.target
    save_with_history(request, actor=actor, note=note or _("登记回复"))
    return reply
