"""Rounds, teams, assignments and on-site work of a scale seed.

Forty rounds spread over the current term, town by town (以镇为单位): every inspected
village has one assignment. The last round is on site today; the others were fed
back, the older ones closed.
"""

import datetime
from dataclasses import dataclass

from demo.county.onsite_texts import ACTIVITY_TOPICS, COMPLAINTS, OUTLINES, RECORDS
from demo.scale.context import ScaleContext, person_name
from demo.scale.writer import TableWriter, next_id
from inspection.choices import UserRole
from rounds.choices import (
    ActivityKind,
    IntervieweeCategory,
    PetitionChannel,
    PetitionDisposition,
    PetitionStatus,
    RoundMode,
    RoundStatus,
    TeamRole,
)
from rounds.mode_rules import default_mode
from rounds.models import (
    Activity,
    Assignment,
    InspectionRound,
    Interview,
    Petition,
    Team,
    TeamMember,
)

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class RoundPlan:
    id: int
    ordinal: int
    status: str
    on_site_from: datetime.date
    on_site_until: datetime.date
    feedback_on: datetime.date | None
    mode: str


@dataclass(frozen=True, slots=True)
class AssignmentPlan:
    id: int
    round: RoundPlan
    team_id: int
    town_id: int
    village_id: int
    village_name: str
    leader_id: int


def spread(total: int, parts: int, index: int) -> int:
    """The ``index``-th of ``parts`` near-equal shares of ``total`` (they add up exactly)."""
    return total * (index + 1) // parts - total * index // parts


def _mode(ordinal: int, first_id: int) -> tuple[str, str, int | None]:
    if ordinal % 10 == 3:
        return RoundMode.THEMATIC, "惠民惠农资金专项巡察", None
    if ordinal % 10 == 7:
        return RoundMode.CROSS, "", None
    if ordinal % 10 == 9 and ordinal > 5:
        return RoundMode.LOOK_BACK, "", first_id + ordinal - 6
    return RoundMode.REGULAR, "", None


def create_rounds(ctx: ScaleContext) -> None:
    count = ctx.preset.rounds
    first_id = next_id(InspectionRound)
    term_start = ctx.today.replace(year=ctx.today.year - 4, month=1, day=1)
    last_fed_back = ctx.today - 46 * DAY
    spacing = (last_fed_back - (term_start + 60 * DAY)).days / max(count - 2, 1)
    rows, plans = [], []
    for n in range(count):
        ordinal, pk = n + 1, first_id + n
        if ordinal == count:
            start, feedback, status = ctx.today - 10 * DAY, None, RoundStatus.ON_SITE
        else:
            start = last_fed_back - round((count - 2 - n) * spacing) * DAY
            feedback = start + 35 * DAY
            old = feedback + 240 * DAY < ctx.today
            status = RoundStatus.CLOSED if old else RoundStatus.RECTIFICATION
        until = start + 20 * DAY
        mode, theme, revisits = _mode(ordinal, first_id)
        title = f"{ctx.preset.marker}第{ordinal}轮巡察"
        created = ctx.moment(start - 20 * DAY, ctx.rng("rounds"))
        rows.append(
            (pk, ctx.term_id, ordinal, title, mode, theme, revisits, start - 5 * DAY, start,
             until, feedback, status, created)
        )  # fmt: skip
        plans.append(RoundPlan(pk, ordinal, status, start, until, feedback, mode))
    fields = (
        "id", "term_id", "ordinal", "title", "mode", "theme", "revisits_id", "mobilised_on",
        "on_site_from", "on_site_until", "feedback_on", "status", "created_at",
    )  # fmt: skip
    TableWriter(InspectionRound, fields).write(rows)
    ctx.rounds = plans


def create_assignments(ctx: ScaleContext) -> None:
    """Teams of ``villages_per_team`` neighbouring villages; three members each."""
    rng = ctx.rng("assignments")
    preset = ctx.preset
    chosen = sorted(rng.sample(range(len(ctx.villages)), preset.assignments))
    inspectors = ctx.users[UserRole.INSPECTOR]
    team_id, member_id, assignment_id = next_id(Team), next_id(TeamMember), next_id(Assignment)
    # Each object in its round's default mode (the county's of the round's kind).
    mode_ids = {
        kind: default_mode(InspectionRound(mode=kind)).pk
        for kind in {plan.mode for plan in ctx.rounds}
    }
    teams, members, assignments, plans = [], [], [], []
    position = 0
    for r, plan in enumerate(ctx.rounds):
        block = chosen[position : position + spread(preset.assignments, preset.rounds, r)]
        position += len(block)
        for number, start in enumerate(range(0, len(block), preset.villages_per_team), start=1):
            team_pk = team_id + len(teams)
            teams.append((team_pk, plan.id, number))
            crew = [inspectors[(len(teams) * 3 + k) % len(inspectors)] for k in range(3)]
            crew = list(dict.fromkeys(crew))
            for k, user_pk in enumerate(crew):
                role = TeamRole.LEADER if k == 0 else TeamRole.MEMBER
                members.append((member_id + len(members), team_pk, user_pk, role, ""))
            for index in block[start : start + preset.villages_per_team]:
                village_pk, town_pk, name = ctx.villages[index]
                pk = assignment_id + len(assignments)
                assignments.append(
                    (pk, plan.id, team_pk, town_pk, village_pk, plan.on_site_from,
                     plan.on_site_until, rng.random() < 0.1, "", None, mode_ids[plan.mode], "")
                )  # fmt: skip
                plans.append(AssignmentPlan(pk, plan, team_pk, town_pk, village_pk, name, crew[0]))
    TableWriter(Team, ("id", "round_id", "number")).write(teams)
    TableWriter(TeamMember, ("id", "team_id", "user_id", "role", "post")).write(members)
    fields = (
        "id", "round_id", "team_id", "town_id", "village_id", "on_site_from", "on_site_until",
        "is_key", "recusal_override_reason", "recusal_overridden_by_id", "mode_id", "theme",
    )  # fmt: skip
    TableWriter(Assignment, fields).write(assignments)
    ctx.assignments = plans


def _on_site_day(ctx: ScaleContext, plan: AssignmentPlan, rng) -> datetime.date:
    last = min(plan.round.on_site_until, ctx.today)
    return plan.round.on_site_from + rng.randint(0, (last - plan.round.on_site_from).days) * DAY


def _interviews(ctx: ScaleContext, start: int):
    rng = ctx.rng("interviews")
    categories = list(IntervieweeCategory)
    pk = start
    total, parts = ctx.preset.interviews, len(ctx.assignments)
    for i, plan in enumerate(ctx.assignments):
        for k in range(spread(total, parts, i)):
            category = categories[k] if k < 4 else rng.choice(categories)
            held = ctx.moment(_on_site_day(ctx, plan, rng), rng)
            generation = "old" if k < 3 else "mid"
            yield (
                pk, plan.id, held, person_name(rng, generation), category, "", "村委会会议室",
                OUTLINES[category], rng.choice(RECORDS), rng.choice(COMPLAINTS), plan.leader_id,
                held,
            )  # fmt: skip
            pk += 1


def _activities(ctx: ScaleContext, start: int):
    rng = ctx.rng("activities")
    kinds = list(ActivityKind)
    pk = start
    total, parts = ctx.preset.activities, len(ctx.assignments)
    for i, plan in enumerate(ctx.assignments):
        for k in range(spread(total, parts, i)):
            kind = kinds[k % len(kinds)] if k < 2 else rng.choice(kinds)
            day = _on_site_day(ctx, plan, rng)
            distributed = rng.randint(80, 300) if kind == ActivityKind.QUESTIONNAIRE else 0
            returned = distributed - rng.randint(0, distributed // 10) if distributed else 0
            visits = (ActivityKind.HOUSEHOLD_VISIT, ActivityKind.POOR_HOUSEHOLD_VISIT)
            households = rng.randint(3, 15) if kind in visits else 0
            yield (
                pk, plan.id, kind, day, rng.choice(ACTIVITY_TOPICS[kind]), rng.randint(5, 60),
                households, distributed, returned, "", plan.leader_id, ctx.moment(day, rng),
            )  # fmt: skip
            pk += 1


def _petitions(ctx: ScaleContext, start: int):
    rng = ctx.rng("petitions")
    channels = list(PetitionChannel)
    ways = (
        PetitionDisposition.TO_PROBLEM,
        PetitionDisposition.REFERRED,
        PetitionDisposition.NO_ACTION,
    )
    pk = start
    total, parts = ctx.preset.petitions, len(ctx.assignments)
    for i, plan in enumerate(ctx.assignments):
        for _ in range(spread(total, parts, i)):
            received = ctx.moment(_on_site_day(ctx, plan, rng), rng)
            anonymous = rng.random() < 0.4
            name = "" if anonymous else person_name(rng)
            contact = "" if anonymous else f"139{rng.randint(10_000_000, 99_999_999)}"
            disposed = plan.round.feedback_on is not None or rng.random() < 0.5
            way = rng.choice(ways) if disposed else ""
            yield (
                pk, plan.round.id, plan.id, rng.choice(channels), received, anonymous, name,
                contact, rng.choice(COMPLAINTS),
                PetitionStatus.DISPOSED if disposed else PetitionStatus.RECEIVED, way,
                "县农业农村局" if way == PetitionDisposition.REFERRED else "",
                "已按程序处置。" if disposed else "", received + DAY if disposed else None,
                plan.leader_id if disposed else None, plan.leader_id,
            )  # fmt: skip
            pk += 1


def create_onsite_work(ctx: ScaleContext) -> None:
    fields = (
        "id", "assignment_id", "held_at", "interviewee_name", "interviewee_category",
        "interviewee_post", "place", "outline", "record", "problems_raised", "recorded_by_id",
        "created_at",
    )  # fmt: skip
    TableWriter(Interview, fields).write(_interviews(ctx, next_id(Interview)))
    fields = (
        "id", "assignment_id", "kind", "held_on", "topic", "people_reached", "households",
        "questionnaires_distributed", "questionnaires_returned", "note", "recorded_by_id",
        "created_at",
    )  # fmt: skip
    TableWriter(Activity, fields).write(_activities(ctx, next_id(Activity)))
    fields = (
        "id", "round_id", "assignment_id", "channel", "received_at", "is_anonymous",
        "reporter_name", "reporter_contact", "content", "status", "disposition", "referred_to",
        "disposition_note", "disposed_at", "disposed_by_id", "recorded_by_id",
    )  # fmt: skip
    TableWriter(Petition, fields).write(_petitions(ctx, next_id(Petition)))
