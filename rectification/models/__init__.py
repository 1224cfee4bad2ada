from rectification.models.accountability import (
    AccountabilityDecision,
    AccountabilityProposal,
    FirstFormMeasure,
)
from rectification.models.archive import ArchivePageCount, ArchivePieceKind
from rectification.models.batches import FeedbackBatch
from rectification.models.bundle_imports import TeamBundleImport
from rectification.models.follow_up import Alert, Evaluation
from rectification.models.imports import ImportedLedgerRow, LedgerImport
from rectification.models.issues import FeedbackIssue, FeedbackIssueProblem
from rectification.models.ledger import (
    Feedback,
    Milestone,
    ProgressEvidence,
    ProgressUpdate,
    RectificationItem,
)
from rectification.models.look_back import LookBackCheck
from rectification.models.orders import ImmediateOrder, ImmediateOrderCounter
from rectification.models.publicity import PublicityExemption, RectificationPublicity
from rectification.models.standalone import TeamPackage
from rectification.models.submissions import UnitSubmission
from rectification.models.supervision import (
    JointInspection,
    JointInspectionFinding,
    SupervisionLetter,
)
from rectification.models.verification import Verification, VerificationEvidence

__all__ = [
    "AccountabilityDecision",
    "AccountabilityProposal",
    "Alert",
    "ArchivePageCount",
    "ArchivePieceKind",
    "Evaluation",
    "Feedback",
    "FeedbackBatch",
    "FeedbackIssue",
    "FeedbackIssueProblem",
    "FirstFormMeasure",
    "ImmediateOrder",
    "ImmediateOrderCounter",
    "ImportedLedgerRow",
    "JointInspection",
    "JointInspectionFinding",
    "LedgerImport",
    "LookBackCheck",
    "Milestone",
    "ProgressEvidence",
    "ProgressUpdate",
    "PublicityExemption",
    "RectificationItem",
    "RectificationPublicity",
    "SupervisionLetter",
    "TeamBundleImport",
    "TeamPackage",
    "UnitSubmission",
    "Verification",
    "VerificationEvidence",
]
