"""Petitions (来信来访/举报) of the three rounds, on every channel and with every outcome.

Petitions that became problems or clues are linked when those are seeded; the
on-site round still has some awaiting disposition. Anonymous petitions carry no
reporter, as the model requires.
"""

import datetime

from demo.county.common import (
    DemoContext,
    bulk_insert,
    day_between,
    last_day,
    team_people,
    working_time,
)
from demo.county.onsite_texts import (
    DISPOSITION_NOTES,
    PETITIONS_NO_ACTION,
    PETITIONS_REFERRED,
    PETITIONS_TO_CLUE,
    PETITIONS_TO_PROBLEM,
)
from rounds.choices import PetitionChannel, PetitionDisposition, PetitionStatus
from rounds.models import Petition

Disp = PetitionDisposition
ANONYMOUS_SHARE = {
    PetitionChannel.LETTER: 0.5,
    PetitionChannel.MAILBOX: 0.6,
    PetitionChannel.ONLINE: 0.6,
    PetitionChannel.PHONE: 0.3,
    PetitionChannel.VISIT: 0.0,
    PetitionChannel.ON_SITE: 0.0,
}

# Per round: how many petitions end how ("" = still awaiting disposition).
PLANS = {
    "closed": {Disp.TO_CLUE: 4, Disp.TO_PROBLEM: 8, Disp.REFERRED: 5, Disp.NO_ACTION: 3},
    "rectification": {Disp.TO_CLUE: 5, Disp.TO_PROBLEM: 12, Disp.REFERRED: 8, Disp.NO_ACTION: 5},
    "on_site": {Disp.TO_CLUE: 3, Disp.TO_PROBLEM: 8, Disp.REFERRED: 4, Disp.NO_ACTION: 3, "": 6},
}


def _slots(rng, key: str, assignments: list) -> list:
    if key == "closed":
        return [assignment for assignment in assignments for _ in range(2)]
    if key == "on_site":
        return list(assignments)
    return [rng.choice(assignments) for _ in range(30)]


def _dispositions(rng, slots: list, plan: dict) -> list:
    """One disposition per slot; the clue-bound petitions fall in distinct villages."""
    distinct = list(dict.fromkeys(slots))
    clue_slots = {slots.index(a) for a in rng.sample(distinct, plan[Disp.TO_CLUE])}
    rest = [d for d, count in plan.items() if d != Disp.TO_CLUE for _ in range(count)]
    rng.shuffle(rest)
    return [Disp.TO_CLUE if index in clue_slots else rest.pop() for index in range(len(slots))]


def _channels(rng, count: int) -> list:
    channels = list(PetitionChannel)
    channels += rng.choices(channels, weights=(3, 4, 2, 2, 3, 3), k=count - len(channels))
    rng.shuffle(channels)
    return channels


def _content(rng, disposition) -> tuple[str, str, str]:
    """(content, problem category, referred-to unit)."""
    if disposition == Disp.TO_PROBLEM:
        content, category = rng.choice(PETITIONS_TO_PROBLEM)
        return content, category, ""
    if disposition == Disp.TO_CLUE:
        return rng.choice(PETITIONS_TO_CLUE), "", ""
    if disposition == Disp.REFERRED:
        content, unit = rng.choice(PETITIONS_REFERRED)
        return content, "", unit
    if disposition == Disp.NO_ACTION:
        return rng.choice(PETITIONS_NO_ACTION), "", ""
    # Still awaiting disposition: any kind of matter.
    pool = [text for text, _ in PETITIONS_TO_PROBLEM] + list(PETITIONS_TO_CLUE)
    return rng.choice(pool), "", ""


def _petition(ctx, rng, plan, assignment, channel, disposition) -> tuple[Petition, str]:
    people = team_people(plan, assignment)
    received_day = day_between(rng, plan.round.mobilised_on, last_day(ctx, assignment))
    received_at = working_time(rng, received_day)
    anonymous = rng.random() < ANONYMOUS_SHARE[channel]
    content, category, unit = _content(rng, disposition)
    petition = Petition(
        round=plan.round,
        assignment=assignment,
        channel=channel,
        received_at=received_at,
        is_anonymous=anonymous,
        reporter_name="" if anonymous else ctx.names.person(rng.choice(("old", "mid"))),
        reporter_contact="" if anonymous else f"139****{rng.randint(1000, 9999)}",
        content=f"{assignment.village.name}群众{content}",
        recorded_by=people[-1],
    )
    if disposition:
        disposed_at = received_at + datetime.timedelta(days=rng.randint(1, 5), hours=2)
        if disposed_at.date() >= ctx.today:
            disposed_at = received_at + datetime.timedelta(hours=2)
        petition.status = PetitionStatus.DISPOSED
        petition.disposition = disposition
        petition.referred_to = unit
        petition.disposition_note = DISPOSITION_NOTES[disposition]
        petition.disposed_at = disposed_at
        petition.disposed_by = plan.leaders[assignment.team_id]
    return petition, category


def create_petitions(ctx: DemoContext) -> None:
    petitions, categories = [], []
    for key, plan_counts in PLANS.items():
        plan = ctx.rounds[key]
        rng = ctx.rng(f"petitions:{key}")
        slots = _slots(rng, key, plan.assignments)
        dispositions = _dispositions(rng, slots, plan_counts)
        channels = _channels(rng, len(slots))
        for assignment, channel, disposition in zip(slots, channels, dispositions, strict=True):
            petition, category = _petition(ctx, rng, plan, assignment, channel, disposition)
            petitions.append(petition)
            categories.append(category)
    bulk_insert(Petition, petitions)
    for petition, category in zip(petitions, categories, strict=True):
        ctx.petitions.setdefault(petition.assignment_id, []).append(petition)
        if category:
            ctx.petition_categories[petition.pk] = category
