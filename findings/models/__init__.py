from findings.models.basis import ProblemBasis
from findings.models.clues import Clue, ClueEvidence, ClueSubject
from findings.models.problems import Problem, ProblemEvidence

__all__ = ["Clue", "ClueEvidence", "ClueSubject", "Problem", "ProblemBasis", "ProblemEvidence"]
