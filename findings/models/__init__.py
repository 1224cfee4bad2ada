from findings.models.basis import ProblemBasis
from findings.models.clues import Clue, ClueEvidence, ClueSubject
from findings.models.matters import DepartmentMatter, ThematicReport
from findings.models.problems import Problem, ProblemEvidence
from findings.models.reports import InspectionReport, ReportDecision
from findings.models.taxonomy import ProblemAspect, ProblemClass, ProblemFocus
from findings.models.transfers import TransferLetter

__all__ = [
    "Clue",
    "ClueEvidence",
    "ClueSubject",
    "DepartmentMatter",
    "InspectionReport",
    "Problem",
    "ProblemAspect",
    "ProblemBasis",
    "ProblemClass",
    "ProblemEvidence",
    "ProblemFocus",
    "ReportDecision",
    "ThematicReport",
    "TransferLetter",
]
