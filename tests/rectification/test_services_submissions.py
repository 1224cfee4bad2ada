"""整改方案 and the two reports (rectification/services/submissions.py): the unit uploads,
the town reviews a village's first, the office approves or returns; 代录 is marked and
never the unit's own; an approved plan is locked; versions are kept."""

import pytest
from django.utils import timezone

from inspection.errors import ApplicationError, ConflictError, PermissionDeniedError
from rectification.choices import FeedbackDocument, ReviewDecision, SubmissionStatus
from rectification.models import UnitSubmission
from rectification.services import item_update_plan
from rectification.services.submissions import (
    submission_office_review,
    submission_town_review,
    submission_upload,
)
from tests import factories as f
from tests.rectification.action_specs import pdf
from tests.rectification.helpers import refused

pytestmark = pytest.mark.django_db

PLAN, REPORT, HEAD = FeedbackDocument.PLAN, FeedbackDocument.REPORT, FeedbackDocument.HEAD_REPORT
APPROVE, RETURN = ReviewDecision.APPROVE, ReviewDecision.RETURN


def upload(world, actor=None, kind=PLAN, feedback=None, **extra):
    feedback = feedback or world.feedback()
    return submission_upload(
        actor=actor or world.officer_a,
        feedback_id=feedback.pk,
        kind=kind,
        file=extra.pop("file", pdf()),
        **extra,
    )


def town(world, submission, decision=APPROVE, reason=""):
    return submission_town_review(
        actor=world.reviewer_a, submission_id=submission.pk, decision=decision, reason=reason
    )


def office(world, submission, decision=APPROVE, reason="", actor=None):
    return submission_office_review(
        actor=actor or world.office, submission_id=submission.pk, decision=decision, reason=reason
    )


def committee_feedback(world):
    """A town party committee inspected as such (no village): town A's."""
    assignment = f.AssignmentFactory(
        round=world.round, team=world.team_a, town=world.town_a, village=None
    )
    return world.feedback(assignment=assignment)


def test_village_plan_goes_town_then_office_and_dates_the_unit_submission(world):
    feedback = world.feedback()
    submission = upload(world, note="经党支部会议研究")
    feedback.refresh_from_db()
    assert (submission.version, submission.status, submission.by_proxy) == (
        1,
        SubmissionStatus.SUBMITTED,
        False,
    )
    assert submission.file.read() == b"%PDF-1.4 plan"
    assert submission.original_name == "整改方案.pdf"
    assert feedback.plan_submitted_on == timezone.localdate()
    assert feedback.report_submitted_on is None

    town(world, submission, reason="同意报县委巡察办")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.TOWN_REVIEWED
    assert submission.town_reviewed_by == world.reviewer_a
    assert submission.town_opinion == "同意报县委巡察办"

    office(world, submission)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    assert submission.reviewed_by == world.office
    assert submission.history.count() == 3


def test_office_cannot_review_a_village_plan_before_its_town(world):
    submission = upload(world)
    with pytest.raises(ConflictError, match="须先经乡镇党委初审"):
        office(world, submission)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.reviewed_by is None


def test_town_committee_plan_goes_straight_to_the_office(world):
    feedback = committee_feedback(world)
    submission = upload(world, feedback=feedback)
    with pytest.raises(ApplicationError, match="直接报巡察办审核"):
        town(world, submission)
    office(world, submission)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    assert submission.town_reviewed_by is None


def test_returned_version_stays_and_the_unit_uploads_again(world):
    first = upload(world)
    with refused("reason", "退回理由"):
        town(world, first, decision=RETURN, reason="  ")
    town(world, first, decision=RETURN, reason="责任人不明确")
    first.refresh_from_db()
    assert (first.status, first.return_reason) == (SubmissionStatus.RETURNED, "责任人不明确")

    second = upload(world, file=pdf("整改方案（修改稿）.pdf"))
    assert second.version == 2
    town(world, second)
    office(world, second, decision=RETURN, reason="整改时限过长")
    third = upload(world)
    assert third.version == 3
    versions = UnitSubmission.objects.filter(feedback=world.feedback(), kind=PLAN)
    assert [(s.version, s.status) for s in versions] == [
        (3, SubmissionStatus.SUBMITTED),
        (2, SubmissionStatus.RETURNED),
        (1, SubmissionStatus.RETURNED),
    ]
    # The first date of the unit's own submission stays.
    feedback = world.feedback()
    feedback.refresh_from_db()
    assert feedback.plan_submitted_on == timezone.localdate()


def test_a_version_under_review_takes_no_new_upload(world):
    upload(world)
    with pytest.raises(ConflictError, match="正在审核"):
        upload(world)
    assert UnitSubmission.objects.count() == 1


def test_an_approved_plan_is_locked(world):
    feedback = committee_feedback(world)
    office(world, upload(world, feedback=feedback))
    with pytest.raises(ConflictError, match="已审核通过并锁定"):
        upload(world, feedback=feedback)
    # The reports are papers of their own.
    assert upload(world, feedback=feedback, kind=REPORT).version == 1


def test_proxy_upload_is_marked_and_never_the_units_own(world):
    feedback = world.feedback()
    submission = upload(world, actor=world.office, kind=HEAD)
    feedback.refresh_from_db()
    assert submission.by_proxy is True
    assert feedback.head_report_submitted_on is None
    assert submission.history.get().history_change_reason == "代录"
    town(world, submission)
    # Whoever uploaded it for the unit does not approve it; a colleague does.
    with pytest.raises(PermissionDeniedError):
        office(world, submission)
    office(world, submission, actor=world.lead)
    feedback.refresh_from_db()
    assert feedback.head_report_submitted_on is None


def test_unit_upload_of_each_report_dates_its_own_field(world):
    feedback = world.feedback()
    upload(world, kind=HEAD)
    feedback.refresh_from_db()
    assert feedback.head_report_submitted_on == timezone.localdate()
    assert feedback.report_submitted_on is None
    assert feedback.plan_submitted_on is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "budget"}, "kind"),
        ({"kind": ""}, "kind"),
        ({"file": None}, "file"),
        ({"file": pdf("方案.exe")}, "file"),
    ],
)
def test_bad_upload_is_refused_and_nothing_written(world, changes, field):
    with refused(field):
        upload(world, **changes)
    assert not UnitSubmission.objects.exists()
    feedback = world.feedback()
    feedback.refresh_from_db()
    assert feedback.plan_submitted_on is None


def test_bad_decision_is_refused(world):
    submission = upload(world)
    with refused("decision"):
        town(world, submission, decision="maybe")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_town_review_twice_is_a_conflict(world):
    submission = upload(world)
    town(world, submission)
    with pytest.raises(ConflictError):
        town(world, submission)


def test_an_approved_plan_locks_its_items_against_the_unit_not_the_office(world):
    """整改方案 approved: the unit no longer rewrites its measures, targets, people or
    deadlines (the plan it signed); the office may still adjust, in the item's history."""
    item = world.item(measures="重新公示合同。")
    plan = upload(world)
    town(world, plan)  # passed by its town, not yet approved: still the unit's to change
    item_update_plan(actor=world.officer_a, item_id=item.pk, measures="逐份重新公示合同。")
    office(world, plan)
    before = item.history.count()
    with pytest.raises(ConflictError, match="已经审核通过并锁定"):
        item_update_plan(actor=world.officer_a, item_id=item.pk, measures="先放一放。")
    item.refresh_from_db()
    assert item.measures == "逐份重新公示合同。" and item.history.count() == before
    item_update_plan(actor=world.office, item_id=item.pk, responsible_person="王会计")
    item.refresh_from_db()
    assert item.responsible_person == "王会计" and item.history.count() == before + 1
    # Another village's items stay the unit's to plan.
    other = world.item(assignment=world.assignment_b)
    item_update_plan(actor=world.officer_b, item_id=other.pk, measures="建立台账。")
