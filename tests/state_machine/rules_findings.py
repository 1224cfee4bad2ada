"""Rules over problems and clues: one rule records each kind, one rule per move, so that
every move is tried about as often as any other."""

import datetime

from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import multiple, rule

from findings import services
from findings.models import Clue, Problem
from inspection.choices import ReceivingBody
from tests.factories import catalogue_class
from tests.findings.helpers import PAPER
from tests.state_machine.strategies import actor, aimed, clues, problems, sides, valid_or

FACTS = "村集体资产租赁合同未经民主程序。"
VALID = valid_or(True, False)
VARIANT = st.integers(0, 2)


def day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def clue_inputs(move: str, valid: bool, variant: int) -> dict:
    """The inputs of a clue move: valid ones, or one way of getting them wrong."""
    if move == "clue_decline":
        return {"reason": "证据不足" if valid else ""}
    if move == "clue_review":
        wrong = (ReceivingBody.DEPARTMENT, "", "x")[variant]
        return {"receiving_body": ReceivingBody.COMMISSION if valid else wrong}
    if move == "clue_sign_off":
        return {"signed_off_on": day(0) if valid else (day(1), None, day(2))[variant]}
    if move == "clue_transfer":
        body, on = (
            (ReceivingBody.COMMISSION, day(0))
            if valid
            else (
                (ReceivingBody.ORGANISATION, day(0)),
                (ReceivingBody.DEPARTMENT, day(0)),
                (ReceivingBody.COMMISSION, day(1)),
            )[variant]
        )
        return {"receiving_body": body, "sent_on": on}
    if move == "clue_dispose":
        method = "preliminary_check" if valid else ("", "x", None)[variant]
        return {"method": method, "disposed_on": day(0)}
    if move == "clue_conclude":
        # A 立案 names no person here: refused, as are funds recovered under 了结.
        if valid:
            return {"outcome": "no_issue", "concluded_on": day(0)}
        if variant % 2:
            return {"outcome": "case_filed", "concluded_on": day(0)}
        return {"outcome": "no_issue", "funds_recovered": 5, "concluded_on": day(0)}
    return {}


def _send_one(*, actor, clue_id, **inputs):
    """One clue sent with its own letter (一函一件)."""
    return services.transfer_letter_send(actor=actor, clue_ids=[clue_id], **inputs)


CLUE_MOVES = {
    "clue_review": services.clue_review,
    "clue_sign_off": services.clue_sign_off,
    "clue_decline": services.clue_decline,
    "clue_transfer": _send_one,
    "clue_receive": services.clue_receive,
    "clue_dispose": services.clue_dispose,
    "clue_conclude": services.clue_conclude,
}


def _problem_rule(move: str):
    """One rule per move, so that each gets its share of the steps (a move drawn inside
    one rule left some moves almost never tried)."""

    @rule(persona=actor(), problem=aimed(problems), valid=VALID)
    def move_problem(self, persona, problem, valid):
        self._move_problem(move, persona, problem, valid)

    move_problem.__name__ = move
    return move_problem


def _clue_rule(move: str):
    @rule(persona=actor(), clue=aimed(clues), valid=VALID, variant=VARIANT)
    def move_clue(self, persona, clue, valid, variant):
        self._move_clue(move, persona, clue, valid, variant)

    move_clue.__name__ = move
    return move_clue


class FindingsRules:
    """Mixed into the machine (tests/state_machine/machine.py), which provides ``attempt``."""

    @rule(target=problems, persona=actor(), side=sides, facts=valid_or(FACTS, ""))
    def record_problem(self, persona, side, facts):
        problem = self.attempt(
            "problem_record",
            self.persona_for("problem_record", persona),
            lambda user: services.problem_record(
                actor=user,
                assignment_id=self.assignment(side).pk,
                problem_class_id=catalogue_class().pk,
                nature="violation",
                facts=facts,
                source="documents",
                fix_immediately=side == "b",
                **PAPER,
            ),
        )
        return problem.pk if problem else multiple()

    def _move_problem(self, move, persona, problem, valid):
        problem = self.aim(Problem, move, *problem)
        if move == "problem_update":
            facts = "补充：涉及合同3份。" if valid else " "
            call = lambda user: services.problem_update(  # noqa: E731
                actor=user, problem_id=problem, facts=facts
            )
        elif move == "problem_return":
            reason = "定性依据不准确。" if valid else " "
            call = lambda user: services.problem_return(  # noqa: E731
                actor=user, problem_id=problem, reason=reason
            )
        else:
            service = getattr(services, move)
            call = lambda user: service(actor=user, problem_id=problem)  # noqa: E731
        self.attempt(move, self.persona_for(move, persona), call, moved=(Problem, problem))

    update_problem = _problem_rule("problem_update")
    submit_problem = _problem_rule("problem_submit")
    review_problem = _problem_rule("problem_review")
    sign_problem = _problem_rule("problem_sign")
    return_problem = _problem_rule("problem_return")

    @rule(target=clues, persona=actor(), problem=problems, named=VALID)
    def propose_clue(self, persona, problem, named):
        name = self.next_name()
        assignment_id = Problem.objects.values_list("assignment_id", flat=True).get(pk=problem)
        clue = self.attempt(
            "clue_propose",
            self.persona_for("clue_propose", persona),
            lambda user: services.clue_propose(
                actor=user,
                assignment_id=assignment_id,
                problem_ids=[problem],
                summary=f"{name}涉嫌虚报冒领补贴资金。",
                subjects=[{"name": name, "post": "accountant"}] if named else [],
            ),
        )
        return clue.pk if clue else multiple()

    def _move_clue(self, move, persona, clue, valid, variant):
        clue = self.aim(Clue, move, *clue)
        inputs = clue_inputs(move, valid, variant)
        self.attempt(
            move,
            self.persona_for(move, persona),
            lambda user: CLUE_MOVES[move](actor=user, clue_id=clue, **inputs),
            moved=(Clue, clue),
            # a letter sent writes the letter's row and the clue's
            history_rows=2 if move == "clue_transfer" else 1,
        )

    review_clue = _clue_rule("clue_review")
    sign_off_clue = _clue_rule("clue_sign_off")
    decline_clue = _clue_rule("clue_decline")
    transfer_clue = _clue_rule("clue_transfer")
    receive_clue = _clue_rule("clue_receive")
    dispose_clue = _clue_rule("clue_dispose")
    conclude_clue = _clue_rule("clue_conclude")
