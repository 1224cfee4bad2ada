"""The unit's 整改方案 and reports: uploaded, reviewed by the town (a village's), then
approved or returned by the office (``rectification.models.submissions``).

- ``submission_upload``: a new version of one paper; the office uploading marks it 代录,
  which leaves the feedback's ``*_submitted_on`` dates (the unit's own) untouched. A
  paper with a version under review or approved takes no new one (an approved plan is
  locked); a returned one does.
- ``submission_town_review``: the 乡镇党委 passes a village's version on to the office, or
  returns it. A town party committee's own papers skip it.
- ``submission_office_review``: the office approves or returns a version its town has
  reviewed (a village's) or a town committee's; never one it uploaded itself.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.errors import ConflictError
from inspection.evidence import clean_evidence_files, safe_name
from inspection.files import written_in_transaction
from inspection.permissions import authorize, is_office, visible
from inspection.services.checks import clean_choice, clean_text
from inspection.workflow import lock_visible, require, require_status, save_with_history
from rectification.choices import FEEDBACK_DATES, FeedbackDocument, ReviewDecision, SubmissionStatus
from rectification.models import Feedback, UnitSubmission


def _refuse_if_open(feedback: Feedback, kind: str) -> None:
    """A version under review or approved blocks a new upload of the same paper."""
    current = (
        UnitSubmission.objects.filter(feedback=feedback, kind=kind)
        .exclude(status=SubmissionStatus.RETURNED)
        .first()
    )
    if current is None:
        return
    label = FeedbackDocument(kind).label
    if current.status == SubmissionStatus.APPROVED:
        raise ConflictError(
            _("%(paper)s第%(version)s版已审核通过并锁定，不能再上传新版本。")
            % {"paper": label, "version": current.version}
        )
    raise ConflictError(
        _("%(paper)s第%(version)s版正在审核（%(status)s），退回后才能重新上传。")
        % {"paper": label, "version": current.version, "status": current.get_status_display()}
    )


@transaction.atomic
def submission_upload(
    *, actor, feedback_id: int, kind: str, file, note: str = ""
) -> UnitSubmission:
    """A new version of the unit's ``kind`` of paper for ``feedback_id``."""
    feedback = lock_visible(visible(Feedback, actor).select_related("assignment"), feedback_id)
    authorize(actor, "submission_upload", feedback)
    kind = clean_choice(kind, FeedbackDocument, field="kind", label=_("报送事项"))
    _refuse_if_open(feedback, kind)
    require(file is not None, _("请选择要上传的文件。"), field="file")
    (upload,) = clean_evidence_files([file], field="file")
    name = safe_name(upload.name)
    last = (
        UnitSubmission.objects.filter(feedback=feedback, kind=kind)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    submission = UnitSubmission(
        feedback=feedback,
        kind=kind,
        version=(last or 0) + 1,
        original_name=name,
        by_proxy=is_office(actor),
        uploaded_by=actor,
        note=clean_text(note, field="note", label=_("报送说明"), required=False),
    )
    submission.file.save(name, upload, save=False)
    written_in_transaction(submission.file)
    save_with_history(submission, actor=actor, note=_("代录") if submission.by_proxy else "")
    _due, field = FEEDBACK_DATES[kind]
    if not submission.by_proxy and getattr(feedback, field) is None:
        setattr(feedback, field, timezone.localdate(submission.uploaded_at))
        save_with_history(feedback, actor=actor, note=str(FeedbackDocument(kind).label))
    return submission


def _return(submission: UnitSubmission, reason: str) -> None:
    submission.return_reason = clean_text(reason, field="reason", label=_("退回理由"))
    submission.status = SubmissionStatus.RETURNED


@transaction.atomic
def submission_town_review(
    *, actor, submission_id: int, decision: str, reason: str = "", note: str = ""
) -> UnitSubmission:
    """乡镇初审: the town's reviewer passes a village's version to the office or returns it."""
    submission = lock_visible(
        visible(UnitSubmission, actor).select_related("feedback__assignment"), submission_id
    )
    authorize(actor, "submission_town_review", submission)
    require(
        submission.feedback.assignment.village_id is not None,
        _("乡镇党委本级的整改方案和报告直接报巡察办审核，无需乡镇初审。"),
    )
    require_status(submission, (SubmissionStatus.SUBMITTED,), _("乡镇初审"))
    decision = clean_choice(decision, ReviewDecision, field="decision", label=_("初审意见"))
    submission.town_reviewed_by = actor
    submission.town_reviewed_at = timezone.now()
    if decision == ReviewDecision.RETURN:
        _return(submission, reason)
    else:
        submission.town_opinion = (reason or "").strip()
        submission.status = SubmissionStatus.TOWN_REVIEWED
    save_with_history(submission, actor=actor, note=note)
    return submission


@transaction.atomic
def submission_office_review(
    *, actor, submission_id: int, decision: str, reason: str = "", note: str = ""
) -> UnitSubmission:
    """巡察办审核: approve (a plan is then locked) or return to the unit with a reason."""
    submission = lock_visible(
        visible(UnitSubmission, actor).select_related("feedback__assignment"), submission_id
    )
    authorize(actor, "submission_office_review", submission)
    village = submission.feedback.assignment.village_id is not None
    if village and submission.status == SubmissionStatus.SUBMITTED:
        raise ConflictError(
            _("村级%(paper)s须先经乡镇党委初审，初审通过后巡察办才能审核。")
            % {"paper": submission.get_kind_display()}
        )
    ready = SubmissionStatus.TOWN_REVIEWED if village else SubmissionStatus.SUBMITTED
    require_status(submission, (ready,), _("审核"))
    decision = clean_choice(decision, ReviewDecision, field="decision", label=_("审核意见"))
    submission.reviewed_by = actor
    submission.reviewed_at = timezone.now()
    if decision == ReviewDecision.RETURN:
        _return(submission, reason)
    else:
        submission.status = SubmissionStatus.APPROVED
    save_with_history(submission, actor=actor, note=note)
    return submission
