"""整改方案 and the two reports on screen: the feedbacks a user follows, one feedback's
papers (upload, versions, review), and the two review queues (乡镇初审, 巡察办审核)."""

from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection.attachments import evidence_url
from inspection.documents.selectors import documents_panel
from inspection.permissions import (
    can,
    is_office,
    is_town_reviewer,
    reads_all,
    reads_unit_ledger,
    visible,
)
from inspection.web import Listing, perform, screen, visible_or_404
from rectification.choices import FEEDBACK_DATES, FeedbackDocument, SubmissionStatus
from rectification.forms.submissions import SubmissionReviewForm, SubmissionUploadForm
from rectification.models import Feedback, UnitSubmission
from rectification.services.submissions import (
    submission_office_review,
    submission_town_review,
    submission_upload,
)

PER_PAGE = 30
PLACE = ("assignment__town", "assignment__village", "assignment__round")


def _versions():
    return Prefetch(
        "submissions",
        queryset=UnitSubmission.objects.select_related(
            "uploaded_by", "town_reviewed_by", "reviewed_by"
        ).order_by("kind", "-version"),
    )


def papers_of(feedback) -> list[dict]:
    """Each of the three papers of ``feedback`` (its submissions prefetched): due date,
    the unit's own submission date, the current version and the earlier ones; ``overdue``
    when its due date has passed and the unit has not sent it itself — the red alert's
    rule (rectification.alerts.subjects): a version the office entered for it (代录) is
    not the unit's."""
    today = timezone.localdate()
    papers = []
    for kind in FeedbackDocument:
        versions = [s for s in feedback.submissions.all() if s.kind == kind]
        for version in versions:
            version.url = evidence_url(version)
        due_on, submitted_on = (getattr(feedback, field) for field in FEEDBACK_DATES[kind])
        papers.append(
            {
                "kind": kind,
                "label": kind.label,
                "due_on": due_on,
                "submitted_on": submitted_on,
                "overdue": bool(due_on and due_on < today and not submitted_on),
                "current": versions[0] if versions else None,
                "versions": versions,
            }
        )
    return papers


@screen(reads_all | reads_unit_ledger)
def submission_feedback_list(request):
    """The feedbacks of the user's scope, each with where its three papers stand."""
    rows = (
        visible(Feedback, request.user)
        .select_related(*PLACE)
        .prefetch_related(_versions())
        .order_by("-fed_back_on", "assignment__town__code", "assignment__village__code", "pk")
    )
    listing = Listing(request, rows, None, PER_PAGE)
    feedbacks = list(listing.rows)
    for feedback in feedbacks:
        feedback.papers = papers_of(feedback)
    context = {
        "listing": listing,
        "feedbacks": feedbacks,
        "town_queue": is_town_reviewer(request.user),
        "office_queue": is_office(request.user),
    }
    return render(request, "rectification/submissions/feedback_list.html", context)


def feedback_page(request, feedback, *, upload_form=None, review_form=None, reviewed=None):
    user = request.user
    papers = papers_of(feedback)
    for paper in papers:
        current = paper["current"]
        paper["may_upload"] = can(user, "submission_upload", feedback) and (
            current is None or current.status == SubmissionStatus.RETURNED
        )
        paper["upload_form"] = (
            upload_form
            if upload_form is not None and upload_form.data.get("kind") == paper["kind"]
            else SubmissionUploadForm(initial={"kind": paper["kind"]})
        )
        paper["review"] = None
        if current is not None:
            if can(user, "submission_town_review", current) and (
                current.status == SubmissionStatus.SUBMITTED and feedback.assignment.village_id
            ):
                paper["review"] = "town"
            elif can(user, "submission_office_review", current) and current.status == (
                SubmissionStatus.TOWN_REVIEWED
                if feedback.assignment.village_id
                else SubmissionStatus.SUBMITTED
            ):
                paper["review"] = "office"
            paper["review_form"] = (
                review_form
                if review_form is not None and reviewed == current.pk
                else SubmissionReviewForm()
            )
    context = {
        "feedback": feedback,
        "assignment": feedback.assignment,
        "papers": papers,
        "documents": documents_panel(user, feedback),
        "village": feedback.assignment.village_id is not None,
    }
    return render(request, "rectification/submissions/feedback.html", context)


def _feedback(user, pk):
    feedback = visible_or_404(Feedback, user, pk=pk)
    return Feedback.objects.select_related(*PLACE).prefetch_related(_versions()).get(pk=feedback.pk)


@screen(reads_all | reads_unit_ledger)
def submission_feedback(request, pk: int):
    return feedback_page(request, _feedback(request.user, pk))


@require_POST
@screen(is_office | reads_unit_ledger)
def submission_upload_view(request, pk: int):
    feedback = _feedback(request.user, pk)
    form = SubmissionUploadForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        done = perform(
            request,
            form,
            lambda: submission_upload(
                actor=request.user,
                feedback_id=feedback.pk,
                kind=data["kind"],
                file=data["file"],
                note=data["note"],
            ),
            success=_("已上传%(paper)s。") % {"paper": FeedbackDocument(data["kind"]).label},
        )
        if done:
            return redirect("rectification:submission_feedback", feedback.pk)
    return feedback_page(request, _feedback(request.user, pk), upload_form=form)


def _review(request, pk: int, service, queue: str):
    submission = visible_or_404(UnitSubmission, request.user, pk=pk)
    form = SubmissionReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = perform(
            request,
            form,
            lambda: service(
                actor=request.user,
                submission_id=submission.pk,
                decision=data["decision"],
                reason=data["reason"],
            ),
            success=_("已审核：%(paper)s第%(version)s版。")
            % {"paper": submission.get_kind_display(), "version": submission.version},
        )
        if done:
            return redirect(reverse(queue))
    feedback = _feedback(request.user, submission.feedback_id)
    return feedback_page(request, feedback, review_form=form, reviewed=submission.pk)


@require_POST
@screen(is_town_reviewer)
def submission_town_review_view(request, pk: int):
    return _review(request, pk, submission_town_review, "rectification:submission_town_queue")


@require_POST
@screen(is_office)
def submission_office_review_view(request, pk: int):
    return _review(request, pk, submission_office_review, "rectification:submission_office_queue")


def _queue_rows(user, condition: Q):
    return (
        visible(UnitSubmission, user)
        .filter(condition)
        .select_related(*(f"feedback__{path}" for path in PLACE), "uploaded_by", "town_reviewed_by")
        .order_by("uploaded_at", "pk")
    )


def _queue(request, rows, title: str, about: str):
    listing = Listing(request, rows, None, PER_PAGE)
    context = {"listing": listing, "rows": list(listing.rows), "title": title, "about": about}
    return render(request, "rectification/submissions/queue.html", context)


@screen(is_town_reviewer)
def submission_town_queue(request):
    """乡镇初审: the town's villages' versions awaiting its first review."""
    rows = _queue_rows(
        request.user,
        Q(status=SubmissionStatus.SUBMITTED, feedback__assignment__village__isnull=False),
    )
    return _queue(
        request,
        rows,
        _("乡镇初审"),
        _(
            "本镇各村报送的整改方案和报告，初审通过后报县委巡察办审核；退回的，村里按理由修改后重新上传。"
        ),
    )


@screen(is_office)
def submission_office_queue(request):
    """巡察办审核: villages' versions the town reviewed, and town committees' own."""
    rows = _queue_rows(
        request.user,
        Q(status=SubmissionStatus.TOWN_REVIEWED)
        | Q(status=SubmissionStatus.SUBMITTED, feedback__assignment__village__isnull=True),
    )
    return _queue(
        request,
        rows,
        _("整改方案和报告审核"),
        _("乡镇已初审的村级整改方案和报告，以及乡镇党委本级报送的。审核通过的整改方案即锁定。"),
    )
