"""Who sees and reviews the unit's 整改方案 and reports (``UnitSubmission``), and who
makes and reads the plan's drafts (整改方案 draft, 三清单).

A submission is seen by whoever sees its feedback (the office, leadership, the unit,
its town's reviewer, the supervisors of its reach, the inspecting team). The unit
uploads (the office may, for it: 代录); the town's reviewer reviews a village's first;
the office approves or returns, never one it uploaded itself.
"""

import rules
from django.utils.translation import gettext_lazy as _lazy

from inspection.attachments import evidence_kind
from inspection.permissions import (
    action,
    is_office,
    is_town_reviewer,
    reads_all,
    reads_unit_ledger,
    scope_of,
)
from rectification.choices import FeedbackDocument, SubmissionStatus
from rectification.models import UnitSubmission
from rectification.permissions import is_unit_officer, visible_feedback


@scope_of(UnitSubmission)
def visible_submissions(user):
    return UnitSubmission.objects.filter(feedback__in=visible_feedback(user))


evidence_kind("submission", UnitSubmission)


def _assignment(obj):
    return obj.feedback.assignment if isinstance(obj, UnitSubmission) else obj.assignment


@rules.predicate
def reviews_town_of(user, submission) -> bool:
    """The 乡镇党委 of the submission's town (its villages' first review)."""
    return (
        submission is not None
        and is_town_reviewer(user)
        and user.town_id == _assignment(submission).town_id
    )


@rules.predicate
def uploaded_it(user, submission) -> bool:
    return submission is not None and submission.uploaded_by_id == user.pk


@rules.predicate
def reads_unit_papers(user, feedback) -> bool:
    """The office, leadership, the unit, its town's reviewer and the supervisors of its
    reach (the scope of ``feedback`` says which); not the inspecting team."""
    return feedback is not None and (reads_all(user) or reads_unit_ledger(user))


# The unit hands in its plan and reports (the rules are asked of its feedback); the office
# may upload for it (代录, marked so).
action("submission_upload", _lazy("报送整改方案和报告"), is_office | is_unit_officer)
action("submission_town_review", _lazy("乡镇初审整改方案和报告"), reviews_town_of)
# Separation of duties: whoever uploaded a version (代录) does not review it.
action("submission_office_review", _lazy("审核整改方案和报告"), is_office & ~uploaded_it)
# 整改方案 (draft) and 三清单 (rectification.plan_documents), of a feedback.
action(
    "unit_plan_document_generate",
    _lazy("生成整改方案和三清单"),
    is_office | is_unit_officer,
)
action("unit_plan_document_read", _lazy("查阅整改方案和三清单"), reads_unit_papers)


def plan_locked(user, item) -> bool:
    """Whether ``item``'s plan is locked against ``user``: the unit's 整改方案 for its
    feedback has been approved, and only the office may still adjust what it says (a
    postponed deadline, a changed responsible person), each change in the item's history.
    An item the approved plan left without measures stays open to the unit: it could not
    post progress otherwise."""
    if is_office(user) or item.feedback_id is None or not item.measures.strip():
        return False
    return UnitSubmission.objects.filter(
        feedback_id=item.feedback_id,
        kind=FeedbackDocument.PLAN,
        status=SubmissionStatus.APPROVED,
    ).exists()
