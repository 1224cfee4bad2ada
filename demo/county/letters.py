"""督办函 / 提示函 in the demo (issue 19): the office presses units of the second round whose
ledger items went red (or yellow), through ``supervision_letter_issue``, and prints each
letter (督办函文书) the moment it is issued; the unit's rectification contact signs for it
(签收) and replies with a text and the stamped reply. In the order they were sent:

- 22 days ago a 督办函 to the village of the ``officer`` login's town with the most red
  items: signed for the next day, replied six days later;
- 20 days ago a 提示函 to another village of the ``town_reviewer`` login's town whose items
  were about to fall due (yellow), or had (red): signed for, replied;
- 8 days ago a 督办函 to the ``village_officer`` login's own village: signed for, its
  reply not due yet;
- 2 days ago a 督办函 to another village of the officer's town: just issued.

A letter covers every item of its village that had the colour on its day: open then (the
item's history says so) and now (the service checks the ledger as it stands). No draw from
the seed's random numbers.
"""

import datetime

from django.utils import timezone

from demo.county import evidence
from demo.county.clock import travel
from demo.county.common import DemoContext, at
from demo.county.follow_up_texts import REMIND_REQUIREMENTS, SUPERVISE_REQUIREMENTS, reply_text
from demo.county.ledger_plan import unit_officer
from demo.county.users import OFFICER_TOWN, VILLAGE_OFFICER_TOWN
from inspection.deadlines import stage_windows
from inspection.documents.services import document_generate
from rectification.choices import ITEM_STATUSES_OPEN
from rectification.models import RectificationItem
from rectification.services.supervision_letters import (
    letter_candidates,
    supervision_letter_issue,
    supervision_letter_reply,
    supervision_letter_sign_for,
)
from rectification.supervision_choices import LetterKind

SIGN_AFTER = datetime.timedelta(days=1)
REPLY_AFTER = datetime.timedelta(days=6)


def _as_of(item_ids, moment: datetime.datetime) -> dict[int, tuple[str, datetime.date]]:
    """Each item's (status, deadline) at ``moment``, from its history."""
    rows = RectificationItem.history.filter(id__in=item_ids, history_date__lte=moment)
    last = {}
    for row in rows.order_by("history_date", "history_id"):
        last[row.id] = (row.status, row.deadline)
    return last


def coloured_items(assignment, kind: str, moment: datetime.datetime) -> list[int]:
    """The assignment's items a letter of ``kind`` may cover at ``moment``: red (overdue),
    or for a 提示函 also yellow, then as now."""
    day = timezone.localtime(moment).date()
    items = RectificationItem.objects.filter(problem__assignment=assignment)
    now = letter_candidates(items, kind, day).values_list("pk", flat=True)
    yellow_until = stage_windows(day).yellow_until
    return sorted(
        pk
        for pk, (status, deadline) in _as_of(list(now), moment).items()
        if status in ITEM_STATUSES_OPEN
        and (deadline < day or (kind == LetterKind.REMIND and deadline <= yellow_until))
    )


def _pick(assignments, kind, moment, *, taken: set):
    """The assignment not yet written to with the most items of the colour at ``moment``
    (for a 提示函, the most yellow ones first; by village code on a tie); (assignment, item
    ids), or None."""
    ranked = []
    for assignment in assignments:
        if assignment.pk in taken:
            continue
        item_ids = coloured_items(assignment, kind, moment)
        yellow = 0
        if kind == LetterKind.REMIND:
            red = coloured_items(assignment, LetterKind.SUPERVISE, moment)
            yellow = len(set(item_ids) - set(red))
        ranked.append(((-yellow, -len(item_ids), assignment.village.code), assignment, item_ids))
    ranked.sort(key=lambda row: row[0])
    if not ranked or not ranked[0][2]:
        return None
    return ranked[0][1], ranked[0][2]


def _issue(ctx, assignment, kind, item_ids, moment):
    office = ctx.users["office"]
    requirements = SUPERVISE_REQUIREMENTS if kind == LetterKind.SUPERVISE else REMIND_REQUIREMENTS
    with travel(moment):
        letter = supervision_letter_issue(
            actor=office,
            assignment_id=assignment.pk,
            kind=kind,
            item_ids=item_ids,
            requirements=requirements,
        )
    with travel(moment + datetime.timedelta(minutes=20)):
        document_generate(actor=office, kind="supervision_letter", subject_id=letter.pk)
    return letter


def _sign_for(ctx, assignment, letter) -> None:
    signed = at(letter.issued_on + SIGN_AFTER, 9, 30)
    with travel(signed):
        supervision_letter_sign_for(
            actor=unit_officer(ctx, assignment.village),
            letter_id=letter.pk,
            signed_on=signed.date(),
        )


def _reply(ctx, assignment, letter) -> None:
    village = assignment.village
    with travel(at(letter.issued_on + SIGN_AFTER + REPLY_AFTER, 16, 0)):
        supervision_letter_reply(
            actor=unit_officer(ctx, village),
            letter_id=letter.pk,
            text=reply_text(village.name, letter.items.count()),
            reply_file=evidence.document(
                f"{village.name}关于{letter.number}的回复",
                f"Reply to supervision letter - village {village.code}",
            ),
        )


def create_letters(ctx: DemoContext) -> None:
    plan = ctx.rounds["rectification"]
    fed_back = [a for a in plan.assignments if a.pk in plan.feedback_dates]
    own_village = ctx.users["village_officer"].village_id
    officer_town = [a for a in fed_back if a.town.name == OFFICER_TOWN]
    reviewer_town = [
        a for a in fed_back if a.town.name == VILLAGE_OFFICER_TOWN and a.village_id != own_village
    ]
    own = [a for a in fed_back if a.village_id == own_village]
    letters = (
        # days ago, kind, candidates, signed for, replied
        (22, LetterKind.SUPERVISE, officer_town, True, True),
        (20, LetterKind.REMIND, reviewer_town, True, True),
        (8, LetterKind.SUPERVISE, own, True, False),
        (2, LetterKind.SUPERVISE, officer_town, False, False),
    )
    taken: set = set()
    for days_ago, kind, candidates, signed, replied in letters:
        moment = at(ctx.days(-days_ago), 10, 0)
        picked = _pick(candidates, kind, moment, taken=taken)
        if picked is None:
            continue
        assignment, item_ids = picked
        taken.add(assignment.pk)
        letter = _issue(ctx, assignment, kind, item_ids, moment)
        if signed:
            _sign_for(ctx, assignment, letter)
        if replied:
            _reply(ctx, assignment, letter)
