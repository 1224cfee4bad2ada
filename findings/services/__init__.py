"""The findings actions: problems, clues and petition dispositions (one function per move)."""

from findings.services.clue_disposal import clue_conclude, clue_dispose, clue_receive
from findings.services.clues import clue_decline, clue_propose, clue_review
from findings.services.clues_bulk import clues_review_bulk
from findings.services.petitions import petition_dispose
from findings.services.problems import KEEP, problem_record, problem_update
from findings.services.reports import report_draft, report_record_decision
from findings.services.signatures import (
    problem_return,
    problem_review,
    problem_sign,
    problem_submit,
)
from findings.services.transfers import clue_sign_off, transfer_letter_send

__all__ = [
    "KEEP",
    "clue_conclude",
    "clue_decline",
    "clue_dispose",
    "clue_propose",
    "clue_receive",
    "clue_review",
    "clue_sign_off",
    "clues_review_bulk",
    "petition_dispose",
    "problem_record",
    "problem_return",
    "problem_review",
    "problem_sign",
    "problem_submit",
    "problem_update",
    "report_draft",
    "report_record_decision",
    "transfer_letter_send",
]
