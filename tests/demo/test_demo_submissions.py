"""The demo's 整改方案 and 整改情况报告 (demo.county.submissions): each one the ledger says a
unit handed in is a file its contact uploaded that day, reviewed by its town and then the
office in that order; one plan came back and was sent again; the town reviewer's and the
office's queues are not empty."""

import pytest
from django.urls import reverse
from django.utils import timezone

from inspection.choices import UserRole
from inspection.models import User
from rectification.choices import FeedbackDocument, SubmissionStatus
from rectification.models import Feedback, UnitSubmission

pytestmark = pytest.mark.django_db

PLAN, REPORT = FeedbackDocument.PLAN, FeedbackDocument.REPORT


def test_every_paper_the_ledger_dates_was_uploaded_that_day_and_reviewed_in_order(seeded):
    submissions = UnitSubmission.objects.select_related(
        "feedback__assignment", "uploaded_by", "town_reviewed_by", "reviewed_by"
    )
    for feedback in Feedback.objects.all():
        dated = {PLAN: feedback.plan_submitted_on, REPORT: feedback.report_submitted_on}
        for kind, day in dated.items():
            versions = [s for s in submissions if s.feedback_id == feedback.pk and s.kind == kind]
            if day is None:
                assert not versions, (feedback.pk, kind)
                continue
            first = min(versions, key=lambda s: s.version)
            assert timezone.localdate(first.uploaded_at) == day
            for version in versions:
                assert not version.by_proxy  # the unit's own, never the office's 代录
                # The unit's contact: the village's own, or its town's for the town's villages.
                contact = version.uploaded_by
                assert contact.role == UserRole.RECTIFICATION_OFFICER
                assignment = feedback.assignment
                assert contact.village_id == assignment.village_id or (
                    contact.village_id is None and contact.town_id == assignment.town_id
                )
                assert version.file.name and version.original_name.endswith(".pdf")
                if version.town_reviewed_at:
                    assert version.town_reviewed_by.town_id == feedback.assignment.town_id
                    assert version.uploaded_at < version.town_reviewed_at
                if version.reviewed_at:
                    assert version.town_reviewed_at < version.reviewed_at
                    assert version.reviewed_by.username == "office"
    returned = submissions.get(status=SubmissionStatus.RETURNED)
    assert returned.kind == PLAN and returned.return_reason
    again = submissions.get(feedback=returned.feedback, kind=PLAN, version=2)
    assert again.status == SubmissionStatus.APPROVED and again.uploaded_at > returned.reviewed_at


def test_the_town_and_the_office_each_have_a_report_waiting(seeded, client):
    reviewer = User.objects.get(username="town_reviewer")
    papers = UnitSubmission.objects.filter(
        kind=REPORT, feedback__assignment__town=reviewer.town
    ).order_by("uploaded_at")
    waiting_town = papers.filter(status=SubmissionStatus.SUBMITTED).first()
    waiting_office = papers.filter(status=SubmissionStatus.TOWN_REVIEWED).first()
    for waiting in (waiting_town, waiting_office):
        assert waiting.kind == REPORT and waiting.feedback.assignment.town_id == reviewer.town_id
    client.force_login(reviewer)
    queue = client.get(reverse("rectification:submission_town_queue")).text
    assert waiting_town.feedback.assignment.village.name in queue
    assert waiting_office.feedback.assignment.village.name not in queue
