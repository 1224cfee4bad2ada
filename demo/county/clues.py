"""Problem clues at every stage, their persons concerned, letters and results.

- closed round: 11 clues (the article's figure), all transferred: 9 concluded with
  outcomes (立案 with persons sanctioned, 组织处理, 了结), 2 still being disposed of.
- in-rectification round: transferred, received, being disposed of, concluded;
  one went to the organisation department (matters for departments are 交办事项:
  demo.county.matters).
- on-site round: proposed, reviewed by the office (awaiting the leading group),
  signed off, declined, and two transferred on site (巡中快速移交), one of them already
  received.

Each clue goes through the services, each step on its day and by its person: the team
leader proposes it from confirmed problems of one matter (``clue_propose``) or from a
petition (``petition_dispose``); the office lead reviews or declines it; the leading
group signs its transfer off (a leadership account, ``clue_sign_off``); the office
sends it with a 移交函 (``transfer_letter_send``: the clues of one round sent to one body
on one day share a letter, 一函多件); the liaison of the receiving body receives it,
records its disposal and concludes it. ``propose_clues`` takes the steps done while the
teams are on site (quick transfers included); ``follow_clues`` the rest, once the rounds
have left.

Letter numbers come from the year's counter in order of sending (巡察移〔2026〕7号); the
result is due INSPECTION_CLUE_RESULT_DUE_DAYS after the transfer.
"""

import dataclasses

from django.utils import timezone

from demo.county.clock import travel
from demo.county.clue_plan import ClueDraft, S, plan_clues
from demo.county.clue_texts import DECLINE_REASON
from demo.county.common import DemoContext
from demo.county.petitions import dispose
from findings.models import Clue
from findings.services.clue_disposal import clue_conclude, clue_dispose, clue_receive
from findings.services.clues import clue_decline, clue_propose, clue_review
from findings.services.transfers import clue_sign_off, transfer_letter_send


def _propose(ctx, draft: ClueDraft) -> None:
    leader = draft.plan.leaders[draft.assignment.team_id]
    if draft.petition is not None:
        # The leader turns the petition into the clue (转为线索) when proposing it.
        petition_plan = dataclasses.replace(
            ctx.petition_plans[draft.petition.pk],
            disposed_at=draft.proposed_at,
            disposed_by=leader,
        )
        ctx.petition_plans[draft.petition.pk] = petition_plan
        dispose(
            draft.petition,
            petition_plan,
            summary=draft.summary,
            subjects=draft.subjects,
            amount=draft.amount,
        )
        draft.clue = Clue.objects.get(petitions=draft.petition)
        return
    with travel(draft.proposed_at):
        draft.clue = clue_propose(
            actor=leader,
            assignment_id=draft.assignment.pk,
            summary=draft.summary,
            subjects=draft.subjects,
            problem_ids=[problem.pk for problem in draft.sources],
            amount=draft.amount,
        )


def _decide(ctx, draft: ClueDraft) -> None:
    if draft.approved_at is None:
        return
    with travel(draft.approved_at):
        if draft.status == S.DECLINED:
            draft.clue = clue_decline(
                actor=ctx.users["lead"], clue_id=draft.clue.pk, reason=DECLINE_REASON
            )
        else:
            draft.clue = clue_review(
                actor=ctx.users["lead"],
                clue_id=draft.clue.pk,
                receiving_body=draft.receiving_body,
                opinion="线索具体，有可查性，同意移交。",
            )
    if draft.signed_off_at is None:
        return
    with travel(draft.signed_off_at):
        draft.clue = clue_sign_off(
            actor=ctx.users["leadership"],
            clue_id=draft.clue.pk,
            signed_off_on=timezone.localtime(draft.signed_off_at).date(),
            opinion="同意移交。",
        )


def _letters(drafts: list[ClueDraft]) -> list[list[ClueDraft]]:
    """The drafts sent together: one round's clues to one body on one day share a letter
    when each is received after the letter's time (the latest of their transfer times)."""
    groups: dict[tuple, list[ClueDraft]] = {}
    for draft in drafts:
        key = (draft.plan.key, draft.receiving_body, draft.transferred_on)
        groups.setdefault(key, []).append(draft)
    letters = []
    for group in groups.values():
        sent_at = max(draft.transfer_at for draft in group)
        if all(draft.received_at is None or draft.received_at > sent_at for draft in group):
            letters.append(group)
        else:
            letters += [[draft] for draft in group]
    return sorted(letters, key=lambda group: max(draft.transfer_at for draft in group))


def _hand_over(ctx, group: list[ClueDraft]) -> None:
    """Send ``group`` with one 移交函, at the latest of its transfer times."""
    first = group[0]
    sent_at = max(draft.transfer_at for draft in group)
    with travel(sent_at):
        letter = transfer_letter_send(
            actor=ctx.users["office"],
            clue_ids=[draft.clue.pk for draft in group],
            receiving_body=first.receiving_body,
            sent_on=first.transferred_on,
            receiving_unit=first.receiving_unit,
            material="问题线索移交审批表\n问题线索及相关佐证材料",
        )
    for draft in group:
        draft.transfer_at = sent_at
        draft.clue = letter.clues.get(pk=draft.clue.pk)


def _handle(draft: ClueDraft) -> None:
    """The receiving body's steps: receive, dispose of, conclude."""
    if draft.received_at is None:
        return
    with travel(draft.received_at):
        draft.clue = clue_receive(actor=draft.receiver, clue_id=draft.clue.pk)
    if draft.dispose_at is None:
        return
    with travel(draft.dispose_at):
        draft.clue = clue_dispose(
            actor=draft.receiver,
            clue_id=draft.clue.pk,
            method=draft.method,
            disposed_on=draft.disposed_on,
        )
    if draft.conclude_at is None:
        return
    subjects = draft.clue.subjects.order_by("id").values_list("pk", flat=True)
    persons = [
        {"subject": pk, **outcome}
        for pk, outcome in zip(subjects, draft.result["persons"], strict=True)
    ]
    with travel(draft.conclude_at):
        draft.clue = clue_conclude(
            actor=draft.receiver,
            clue_id=draft.clue.pk,
            **{**draft.result, "persons": persons},
        )


def propose_clues(ctx: DemoContext) -> None:
    """While the teams are on site: proposals, the office's decisions, quick transfers."""
    drafts = plan_clues(ctx)
    for draft in drafts:
        _propose(ctx, draft)
        _decide(ctx, draft)
    for group in _letters([draft for draft in drafts if draft.on_site]):
        _hand_over(ctx, group)
    ctx.clue_drafts = drafts


def follow_clues(ctx: DemoContext) -> None:
    """After the teams have left: the other transfers, then the receiving bodies' steps."""
    drafts = ctx.clue_drafts
    after = [draft for draft in drafts if draft.transferred_on and not draft.on_site]
    for group in _letters(after):
        _hand_over(ctx, group)
    for draft in drafts:
        _handle(draft)
    ctx.clues = [draft.clue for draft in drafts]
    # The three-colour warnings of a late result are the alert scan's (ledger_alerts).
