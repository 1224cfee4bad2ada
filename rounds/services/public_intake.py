"""码上巡: a report the public sends from the 进驻公告's QR code, received as a petition.

The one write of the public surface (rounds.public). There is no actor: the guard is the
unguessable code of the village on the notice and the intake's window (the round before or
on site, up to the notice's 受理截止日期); the rate limits are the view's, which knows the
client. An anonymous report stores no name, no contact and no address of its sender —
not in the petition, its history or a log line. Photos are stored re-encoded (EXIF
dropped) as the petition's photos, read by whoever reads its reporter.
"""

import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.errors import NotFoundError
from inspection.files import written_in_transaction
from inspection.services.checks import clean_column
from inspection.workflow import require, save_with_history
from rounds.choices import PetitionChannel, RoundStatus
from rounds.models import EntryNoticeAssignment, Petition, PetitionPhoto
from rounds.public.photos import clean_photos

# The round's stages in which a notice takes reports (posted before the team arrives,
# taken down when it leaves).
INTAKE_STATUSES = (RoundStatus.PREPARATION, RoundStatus.ON_SITE)
PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,18}[0-9]$")


def intake_target(code: str) -> EntryNoticeAssignment | None:
    """The village on a notice that ``code`` names, or None (unknown: a plain 404)."""
    if not code or len(code) > 32:
        return None
    return (
        EntryNoticeAssignment.objects.select_related(
            "notice", "assignment__round", "assignment__town", "assignment__village"
        )
        .filter(public_code=code)
        .first()
    )


def intake_closed_reason(target: EntryNoticeAssignment, today=None) -> str:
    """Why the form takes no report now ("" while it does)."""
    today = today or timezone.localdate()
    if target.assignment.round.status not in INTAKE_STATUSES:
        if target.assignment.round.status == RoundStatus.PLANNING:
            return _("本轮巡察尚未开始，码上巡暂不受理反映。")
        return _("本轮巡察已结束进驻，码上巡不再受理反映。")
    if today > target.notice.cutoff_on:
        return _("受理截止日期（%(day)s）已过，码上巡不再受理反映。") % {
            "day": f"{target.notice.cutoff_on.year}年{target.notice.cutoff_on.month}月"
            f"{target.notice.cutoff_on.day}日"
        }
    return ""


def _content(content: str) -> str:
    content = (content or "").strip()
    require(bool(content), _("请填写反映的问题。"), field="content")
    limit = settings.INSPECTION_PUBLIC_TEXT_MAX_CHARS
    require(
        len(content) <= limit,
        _("反映内容有%(count)s字，超过了%(limit)s字的上限，请精简后再提交。")
        % {"count": len(content), "limit": limit},
        field="content",
    )
    require("\x00" not in content, _("反映内容含有无法识别的字符。"), field="content")
    return content


@transaction.atomic
def petition_receive_public(
    *,
    code: str,
    content: str,
    is_anonymous: bool,
    reporter_name: str = "",
    reporter_phone: str = "",
    photos=(),
) -> Petition:
    """Receive a report sent through 码上巡 to the village ``code`` names, as a petition of
    its assignment (channel 码上巡, status received). Anonymous: no name or phone is
    stored, whatever was sent; by name: both are required."""
    target = intake_target(code)
    if target is None:
        raise NotFoundError(_("页面不存在。"))
    reason = intake_closed_reason(target)
    require(not reason, reason)
    content = _content(content)
    if is_anonymous:
        reporter_name = reporter_phone = ""
    else:
        reporter_name = clean_column(Petition, "reporter_name", reporter_name)
        require(
            bool(reporter_name), _("实名反映请填写姓名，或选择匿名反映。"), field="reporter_name"
        )
        reporter_phone = (reporter_phone or "").strip()
        require(
            bool(PHONE.match(reporter_phone)),
            _("请填写正确的联系电话（手机号或座机号），以便巡察组与您联系。"),
            field="reporter_phone",
        )
    # The photos are decoded and re-encoded before any lock is taken; then the village's
    # row on the notice is locked (entry_notice_update locks its notice's rows too), so
    # that a report is not taken while the office moves the cut-off, and the cut-off is
    # checked again under the lock.
    cleaned_photos = clean_photos(photos)
    EntryNoticeAssignment.objects.select_for_update(of=("self",)).filter(
        pk=target.pk
    ).order_by().first()
    target = intake_target(code)
    reason = target and intake_closed_reason(target)
    require(target is not None and not reason, reason or _("页面不存在。"))
    assignment = target.assignment
    petition = Petition(
        round=assignment.round,
        assignment=assignment,
        channel=PetitionChannel.ONLINE,
        received_at=timezone.now(),
        is_anonymous=is_anonymous,
        reporter_name=reporter_name,
        reporter_contact=reporter_phone,
        content=content,
        recorded_by=None,
    )
    save_with_history(petition, actor=None, note=_("码上巡"))
    for photo in cleaned_photos:
        row = PetitionPhoto(petition=petition, original_name=photo.name, uploaded_by=None)
        # (photo.name is the stored one, 照片1.jpg …: the sender's file name is not kept)
        row.file.save(photo.name, photo, save=False)
        written_in_transaction(row.file)
        row.save(force_insert=True)
    return petition
