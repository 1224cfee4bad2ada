"""整改公开: compose the 公开稿 (the exemptions), record the leading group's approval, the
posting, and the 群众评议. The text itself is the document kind ``publicity_draft``
(rectification.publicity_document), generated from the ledger and these exemptions."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.documents.models import Document
from inspection.evidence import clean_evidence_files
from inspection.files import written_in_transaction
from inspection.permissions import authorize, is_leadership, visible
from inspection.services.checks import clean_date
from inspection.workflow import Transition, lock_visible, require, save_with_history
from rectification.choices import PublicityChannel, PublicityExemptionReason, PublicityStatus
from rectification.models import (
    Feedback,
    PublicityExemption,
    RectificationItem,
    RectificationPublicity,
)
from rectification.publicity_document import draft_basis
from rounds.models import Assignment

COMPOSE = Transition(
    "publicity_generate", (PublicityStatus.DRAFT,), PublicityStatus.DRAFT, _lazy("拟稿")
)
APPROVE = Transition(
    "publicity_approve", (PublicityStatus.DRAFT,), PublicityStatus.APPROVED, _lazy("审定公开稿")
)
POST = Transition(
    "publicity_post", (PublicityStatus.APPROVED,), PublicityStatus.POSTED, _lazy("公开")
)
ASSESS = Transition(
    "publicity_assess", (PublicityStatus.POSTED,), PublicityStatus.ASSESSED, _lazy("群众评议")
)


def _locked(actor, publicity_id) -> RectificationPublicity:
    publicities = visible(RectificationPublicity, actor).select_related("assignment")
    return lock_visible(publicities, publicity_id)


def _exemptions(assignment, exemptions) -> list[tuple[int, str, str]]:
    """The items withheld from the 公开稿, checked: each of the assignment, once, with a
    known reason (and a note for 其他)."""
    items = set(
        RectificationItem.objects.filter(problem__assignment=assignment).values_list(
            "pk", flat=True
        )
    )
    chosen, seen = [], set()
    for item_id, reason, note in exemptions:
        require(
            item_id in items and item_id not in seen, _("不予公开的条目有误。"), field="exemptions"
        )
        require(
            reason in PublicityExemptionReason.values,
            _("请选择不予公开的理由。"),
            field="exemptions",
        )
        note = (note or "").strip()
        require(
            reason != PublicityExemptionReason.OTHER or bool(note),
            _("理由为“其他”时须写明说明。"),
            field="exemptions",
        )
        require(len(note) <= 200, _("说明不能超过200字。"), field="exemptions")
        seen.add(item_id)
        chosen.append((item_id, reason, note))
    return chosen


@transaction.atomic
def publicity_compose(
    *, actor, assignment_id: int, exemptions: Iterable[tuple[int, str, str]] = ()
) -> RectificationPublicity:
    """Start (or redraft) the assignment's 公开稿: ``exemptions`` are the ledger items left
    out, each ``(item_id, reason, note)``; they replace the earlier ones. Only after the
    feedback, and only while the draft is not yet approved."""
    assignment = lock_visible(visible(Assignment, actor), assignment_id)
    authorize(actor, "publicity_generate", assignment)
    require(
        Feedback.objects.filter(assignment_id=assignment.pk).exists(),
        _("尚未反馈的巡察对象不能整改公开。"),
    )
    publicity = RectificationPublicity.objects.filter(assignment=assignment).first()
    if publicity is not None:
        publicity = _locked(actor, publicity.pk)
        COMPOSE.check(publicity)
    chosen = _exemptions(assignment, exemptions)
    # One history row per composing, naming what is withheld (the rows are replaced).
    withheld = "；".join(
        f"#{item_id}（{PublicityExemptionReason(reason).label}）" for item_id, reason, _n in chosen
    )
    note = _("拟稿") if publicity is None else _("修改拟稿")
    if withheld:
        note = _("%(note)s，不予公开：%(items)s") % {"note": note, "items": withheld}
    if publicity is None:
        publicity = RectificationPublicity(assignment=assignment, created_by=actor)
    else:
        publicity.exemptions.all().delete()
    save_with_history(publicity, actor=actor, note=note)
    PublicityExemption.objects.bulk_create(
        PublicityExemption(publicity=publicity, item_id=item_id, reason=reason, note=text)
        for item_id, reason, text in chosen
    )
    return publicity


@transaction.atomic
def publicity_approve(
    *, actor, publicity_id: int, approved_on: datetime.date, document=None
) -> RectificationPublicity:
    """The leading group approves the 公开稿 as last generated or uploaded (later versions
    are refused: the kind is frozen once approved), and only while it is what should be
    published: the items it prints and the names it masks as they are now
    (``publicity_document.draft_basis``, stored with each version). A leadership account
    signs it; the office records it only with the group's approval document (审定文件 or
    会议纪要)."""
    publicity = _locked(actor, publicity_id)
    authorize(actor, "publicity_approve", publicity)
    APPROVE.check(publicity)
    latest = (
        Document.objects.filter(kind="publicity_draft", object_id=publicity.pk)
        .order_by("-version")
        .first()
    )
    require(latest is not None, _("请先生成公开稿：领导小组审定的是生成的公开稿。"))
    require(
        latest.basis == draft_basis(publicity),
        _(
            "公开稿生成后，应当公开的条目或须隐去的姓名有变化（不予公开的条目、相关问题线索）："
            "请巡察办重新生成公开稿后再审定。"
        ),
    )
    publicity.approved_on = clean_date(
        approved_on,
        field="approved_on",
        label=_("审定日期"),
        not_before=timezone.localdate(publicity.created_at),
        not_before_label=_("拟稿日期"),
    )
    if is_leadership(actor):
        publicity.approved_by = actor
    else:
        require(
            document is not None,
            _("公开稿须经领导小组审定：请上传领导小组的审定文件，或由领导小组成员签批。"),
            field="document",
        )
    if document is not None:
        (upload,) = clean_evidence_files([document], field="document")
        publicity.approval_document.save(upload.name, upload, save=False)
        written_in_transaction(publicity.approval_document)
    publicity.approval_recorded_by = actor
    publicity.status = APPROVE.target
    save_with_history(publicity, actor=actor, note=_("审定"))
    return publicity


@transaction.atomic
def publicity_post(
    *, actor, publicity_id: int, channel: str, posted_on: datetime.date, photo, place: str = ""
) -> RectificationPublicity:
    """公开: where (公开栏, 网站, 公众号…), when, and a photo of it."""
    publicity = _locked(actor, publicity_id)
    authorize(actor, "publicity_post", publicity)
    POST.check(publicity)
    require(channel in PublicityChannel.values, _("请选择公开方式。"), field="channel")
    place = (place or "").strip()
    require(len(place) <= 100, _("公开地点不能超过100字。"), field="place")
    publicity.posted_on = clean_date(
        posted_on,
        field="posted_on",
        label=_("公开日期"),
        not_before=publicity.approved_on,
        not_before_label=_("审定日期"),
    )
    require(photo is not None, _("请上传公开的照片或截图。"), field="photo")
    (upload,) = clean_evidence_files([photo], field="photo")
    publicity.posting_photo.save(upload.name, upload, save=False)
    written_in_transaction(publicity.posting_photo)
    publicity.channel, publicity.place = channel, place
    publicity.status = POST.target
    save_with_history(publicity, actor=actor, note=_("公开"))
    return publicity


def _count(value, field: str, label: str) -> int:
    require(
        isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 1_000_000,
        _("%(label)s须为不小于0的整数。") % {"label": label},
        field=field,
    )
    return value


@transaction.atomic
def publicity_assess(
    *,
    actor,
    publicity_id: int,
    assessed_on: datetime.date,
    sample_size: int,
    satisfied: int,
    basically_satisfied: int,
    dissatisfied: int,
) -> RectificationPublicity:
    """群众评议: how many took part, and how many were 满意 / 基本满意 / 不满意 (summing to
    the sample). 满意度 is derived."""
    publicity = _locked(actor, publicity_id)
    authorize(actor, "publicity_assess", publicity)
    ASSESS.check(publicity)
    sample = _count(sample_size, "sample_size", _("参评人数"))
    counts = (
        _count(satisfied, "satisfied", _("满意人数")),
        _count(basically_satisfied, "basically_satisfied", _("基本满意人数")),
        _count(dissatisfied, "dissatisfied", _("不满意人数")),
    )
    require(sample > 0, _("参评人数须大于0。"), field="sample_size")
    require(
        sum(counts) == sample,
        _("满意、基本满意、不满意人数之和（%(sum)s）须等于参评人数（%(sample)s）。")
        % {"sum": sum(counts), "sample": sample},
        field="sample_size",
    )
    publicity.assessed_on = clean_date(
        assessed_on,
        field="assessed_on",
        label=_("评议日期"),
        not_before=publicity.posted_on,
        not_before_label=_("公开日期"),
    )
    publicity.sample_size = sample
    publicity.satisfied, publicity.basically_satisfied, publicity.dissatisfied = counts
    publicity.status = ASSESS.target
    save_with_history(publicity, actor=actor, note=_("群众评议"))
    return publicity
