"""Rules over feedback and the ledger: the plan, progress, asking to close, verifying,
returning and reopening items (one rule, the move drawn)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import multiple, rule

from findings.choices import ProblemStatus
from findings.models import Problem
from rectification import services
from rectification.choices import VerificationMethod, VerificationResult
from rectification.models import RectificationItem
from tests.state_machine.strategies import actor, aimed, items, valid_or

ITEM_MOVES = {
    "item_update_plan": services.item_update_plan,
    "item_post_progress": services.item_post_progress,
    "item_submit": services.item_submit,
    "item_town_review": services.item_town_review,
    "item_verify": services.item_verify,
    "item_return": services.item_return,
    "item_reopen": services.item_reopen,
}


def photo() -> SimpleUploadedFile:
    return SimpleUploadedFile("核验照片.jpg", b"\xff\xd8\xff\xe0 jpeg", content_type="image/jpeg")


def item_inputs(move: str, valid: bool, variant: int) -> dict:
    """The inputs of an item move: valid ones, or one way of getting them wrong."""
    if move == "item_update_plan":
        measures = "重新履行民主程序，规范合同管理。" if valid else ""
        return {"measures": measures, "responsible_person": "张卫东"}
    if move == "item_post_progress":
        percent = 100 if valid else (101, -1, 50)[variant]
        evidence = [photo()] if variant else []
        return {
            "text": "已召开村民代表会议，重新公示合同。",
            "percent": percent,
            "evidence": evidence,
        }
    if move == "item_verify":
        passed = variant != 0
        note = "现场核验，合同已重新公示。" if valid or passed else ""
        return {
            "method": VerificationMethod.ON_SITE,
            "result": VerificationResult.PASSED if passed else VerificationResult.FAILED,
            "evidence": [photo()] if valid or not passed else [],
            "note": note,
        }
    if move == "item_town_review":
        passed = variant != 0
        return {"passed": passed, "reason": "" if passed or not valid else "佐证材料不全。"}
    if move == "item_return":
        return {"reason": "佐证材料不能证明已整改到位。" if valid else ""}
    if move == "item_reopen":
        return {"reason": "回头看发现问题反弹。" if valid else " "}
    return {}


def _item_rule(move: str):
    """One rule per move, so that each gets its share of the steps."""

    @rule(
        persona=actor(), item=aimed(items), valid=valid_or(True, False), variant=st.integers(0, 2)
    )
    def move_item(self, persona, item, valid, variant):
        self._move_item(move, persona, item, valid, variant)

    move_item.__name__ = move
    return move_item


class LedgerRules:
    """Mixed into the machine (tests/state_machine/machine.py), which provides ``attempt``."""

    @rule(
        target=items,
        persona=actor(),
        which=st.sampled_from(("reported", "current")),
        offset=valid_or(0, 1),
    )
    def give_feedback(self, persona, which, offset):
        """A round's feedback: one history row for the round, one for its batch (the
        反馈会), one per feedback (an assignment each), four per confirmed problem (fed
        back, its new item, and, put in no 反馈问题 beforehand, the issue of its own and its
        place in it)."""
        inspection_round = self.county.rounds[which]
        confirmed = Problem.objects.filter(
            assignment__round=inspection_round, status=ProblemStatus.CONFIRMED
        ).count()
        fed_back = self.attempt(
            "round_give_feedback",
            self.persona_for("round_give_feedback", persona),
            lambda user: services.round_give_feedback(
                actor=user,
                round_id=inspection_round.pk,
                fed_back_on=timezone.localdate() + datetime.timedelta(days=offset),
            ),
            moved=(type(inspection_round), inspection_round.pk),
            history_rows=2 + inspection_round.assignments.count() + 4 * confirmed,
        )
        if fed_back is None:
            return multiple()
        ledger = RectificationItem.objects.filter(problem__assignment__round=inspection_round)
        assert ledger.count() == confirmed, "one ledger item per confirmed problem"
        return multiple(*ledger.values_list("pk", flat=True))

    def _move_item(self, move, persona, item, valid, variant):
        item = self.aim(RectificationItem, move, *item)
        inputs = item_inputs(move, valid, variant)
        if move == "item_reopen":
            round_id = RectificationItem.objects.values_list(
                "problem__assignment__round_id", flat=True
            ).get(pk=item)
            # a look-back of another round, for an item no look-back revisits (refused)
            look_back = self.county.look_backs.get(round_id) or self.county.any_look_back()
            inputs["look_back_round_id"] = look_back.pk
        self.attempt(
            move,
            self.persona_for(move, persona),
            lambda user: ITEM_MOVES[move](actor=user, item_id=item, **inputs),
            moved=(RectificationItem, item),
        )

    update_plan_item = _item_rule("item_update_plan")
    post_progress_item = _item_rule("item_post_progress")
    submit_item = _item_rule("item_submit")
    town_review_item = _item_rule("item_town_review")
    verify_item = _item_rule("item_verify")
    return_item = _item_rule("item_return")
    reopen_item = _item_rule("item_reopen")
