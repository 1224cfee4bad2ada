from rectification.models.accountability import (
    AccountabilityDecision,
    AccountabilityProposal,
    FirstFormMeasure,
)
from rectification.models.batches import FeedbackBatch
from rectification.models.follow_up import Alert, Evaluation
from rectification.models.issues import FeedbackIssue, FeedbackIssueProblem
from rectification.models.ledger import (
    Feedback,
    Milestone,
    ProgressEvidence,
    ProgressUpdate,
    RectificationItem,
)
from rectification.models.orders import ImmediateOrder, ImmediateOrderCounter
from rectification.models.verification import Verification, VerificationEvidence

__all__ = [
    "AccountabilityDecision",
    "AccountabilityProposal",
    "Alert",
    "Evaluation",
    "Feedback",
    "FeedbackBatch",
    "FeedbackIssue",
    "FeedbackIssueProblem",
    "FirstFormMeasure",
    "ImmediateOrder",
    "ImmediateOrderCounter",
    "Milestone",
    "ProgressEvidence",
    "ProgressUpdate",
    "RectificationItem",
    "Verification",
    "VerificationEvidence",
]
