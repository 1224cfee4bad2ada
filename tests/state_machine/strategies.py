"""Strategies the rules share: actors of every role, inputs valid or not, the bundles."""

from hypothesis import strategies as st
from hypothesis.stateful import Bundle

from tests.world import PERSONAS

problems = Bundle("problems")
clues = Bundle("clues")
petitions = Bundle("petitions")
items = Bundle("items")

# Whose move it is, by move; the others are refused or answered "not found".
USUAL = {
    "round_prepare": "office",
    "round_go_on_site": "office",
    "round_end_on_site": "office",
    "round_give_feedback": "office",
    "round_start_rectification": "office",
    "round_close": "lead",
    "interview_record": "member_a",
    "petition_record": "member_a",
    "petition_dispose": "leader_a",
    "problem_record": "member_a",
    "problem_update": "member_a",
    "problem_submit": "member_a",
    # Team A has no deputy: its leader reviews, returns and signs.
    "problem_review": "leader_a",
    "problem_sign": "leader_a",
    "problem_return": "leader_a",
    "clue_propose": "leader_a",
    "clue_review": "office",
    "clue_sign_off": "leadership",
    "clue_decline": "office",
    "clue_transfer": "office",
    "clue_receive": "liaison",
    "clue_dispose": "liaison",
    "clue_conclude": "liaison",
    "item_update_plan": "officer_a",
    "item_post_progress": "officer_a",
    "item_submit": "officer_a",
    "item_town_review": "reviewer_a",
    "item_verify": "office",
    "item_return": "office",
    "item_reopen": "office",
}


def actor():
    """None (two times in three): the persona whose move it is (``USUAL``); otherwise any
    persona, who may be refused or answered that the record does not exist."""
    return st.sampled_from((None,) * 2 * len(PERSONAS) + PERSONAS)


def valid_or(valid, *invalid):
    """Three times in four ``valid``, otherwise one of the ``invalid`` values."""
    return st.sampled_from((valid,) * 3 * len(invalid) + invalid)


def aimed(bundle):
    """A record of ``bundle`` and whether to aim instead at one the move can take (see
    ``SOURCES``): random picks alone would mostly test refusals."""
    return st.tuples(bundle, st.booleans())


# Team A (two members) works at 甲一村, team B (its leader) at 乙一村.
sides = st.sampled_from(("a", "a", "b"))

_OPEN = ("pending", "in_progress", "returned")
# The statuses each move starts from (docs/DOMAIN.md's life cycles).
SOURCES = {
    "round_prepare": ("planning",),
    "round_go_on_site": ("preparation",),
    "round_end_on_site": ("on_site",),
    "round_give_feedback": ("reporting",),
    "round_start_rectification": ("feedback",),
    "round_close": ("rectification",),
    "petition_dispose": ("received",),
    "problem_update": ("draft",),
    "problem_submit": ("draft",),
    "problem_review": ("submitted",),
    "problem_sign": ("reviewed",),
    "problem_return": ("submitted", "reviewed"),
    "clue_review": ("proposed",),
    "clue_sign_off": ("reviewed",),
    "clue_decline": ("proposed",),
    "clue_transfer": ("approved",),
    "clue_receive": ("transferred",),
    "clue_dispose": ("received",),
    "clue_conclude": ("disposing",),
    "item_update_plan": _OPEN,
    "item_post_progress": _OPEN,
    "item_submit": ("in_progress", "returned"),
    "item_town_review": ("submitted",),
    # the county's items are villages': the office verifies what the town has passed
    "item_verify": ("town_reviewed",),
    "item_return": ("submitted", "town_reviewed"),
    "item_reopen": ("closed",),
}
