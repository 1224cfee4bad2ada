"""Petitions (来信来访/举报) of the three rounds, on every channel and with every outcome.

A team member registers each petition when it comes in (``petition_record``); the team
leader disposes of it a few days later (``petition_dispose``). Referrals and petitions
not taken up are disposed of here; those that become problems or clues are disposed of
by the findings and clue steps, which make the problem or the clue that way. The
on-site round still has some awaiting disposition. Anonymous petitions carry no
reporter, as the model requires.
"""

import datetime

from demo.county.clock import travel
from demo.county.common import (
    DemoContext,
    PetitionPlan,
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
from findings.services.petitions import petition_dispose
from rounds.choices import PetitionChannel, PetitionDisposition
from rounds.services.onsite import petition_record

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
        content, category, _ = rng.choice(PETITIONS_TO_CLUE)
        return content, category, ""
    if disposition == Disp.REFERRED:
        content, unit = rng.choice(PETITIONS_REFERRED)
        return content, "", unit
    if disposition == Disp.NO_ACTION:
        return rng.choice(PETITIONS_NO_ACTION), "", ""
    # Still awaiting disposition: any kind of matter.
    pool = [text for text, _ in PETITIONS_TO_PROBLEM] + [text for text, *_ in PETITIONS_TO_CLUE]
    return rng.choice(pool), "", ""


def _petition(ctx, rng, plan, assignment, channel, disposition):
    """Register one petition; its planned disposal (``PetitionPlan``) or None."""
    people = team_people(plan, assignment)
    received_day = day_between(rng, plan.round.mobilised_on, last_day(ctx, assignment))
    received_at = working_time(rng, received_day)
    anonymous = rng.random() < ANONYMOUS_SHARE[channel]
    content, category, unit = _content(rng, disposition)
    reporter_name = "" if anonymous else ctx.names.person(rng.choice(("old", "mid")))
    reporter_contact = "" if anonymous else f"139****{rng.randint(1000, 9999)}"
    with travel(received_at):
        petition = petition_record(
            actor=people[-1],
            round_id=plan.round.pk,
            assignment_id=assignment.pk,
            channel=channel,
            received_at=received_at,
            is_anonymous=anonymous,
            reporter_name=reporter_name,
            reporter_contact=reporter_contact,
            content=f"{assignment.village.name}群众{content}",
        )
    if not disposition:
        return petition, None
    disposed_at = received_at + datetime.timedelta(days=rng.randint(1, 5), hours=2)
    if disposed_at.date() >= ctx.today:
        disposed_at = received_at + datetime.timedelta(hours=2)
    return petition, PetitionPlan(
        disposition=disposition,
        disposed_at=disposed_at,
        disposed_by=plan.leaders[assignment.team_id],
        note=DISPOSITION_NOTES[disposition],
        category=category,
        referred_to=unit,
    )


def dispose(petition, petition_plan: PetitionPlan, **fields):
    """The team leader disposes of ``petition`` as planned (``fields``: what the way needs)."""
    with travel(petition_plan.disposed_at):
        return petition_dispose(
            actor=petition_plan.disposed_by,
            petition_id=petition.pk,
            disposition=petition_plan.disposition,
            note=petition_plan.note,
            **fields,
        )


def create_petitions(ctx: DemoContext) -> None:
    for key, plan_counts in PLANS.items():
        plan = ctx.rounds[key]
        rng = ctx.rng(f"petitions:{key}")
        slots = _slots(rng, key, plan.assignments)
        dispositions = _dispositions(rng, slots, plan_counts)
        channels = _channels(rng, len(slots))
        for assignment, channel, disposition in zip(slots, channels, dispositions, strict=True):
            petition, petition_plan = _petition(ctx, rng, plan, assignment, channel, disposition)
            if petition_plan is not None:
                ctx.petition_plans[petition.pk] = petition_plan
            if disposition == Disp.REFERRED:
                petition = dispose(petition, petition_plan, referred_to=petition_plan.referred_to)
            elif disposition == Disp.NO_ACTION:
                petition = dispose(petition, petition_plan)
            ctx.petitions.setdefault(assignment.pk, []).append(petition)
