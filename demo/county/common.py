"""What every part of the demo seed shares: the context, the clock and the bulk insert."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from demo.county.names import NameBook

# One fixed seed: the demo county is the same on every run (only dates move with today).
SEED = 20180920  # the source article's publication date
# The change reason the bulk seed once gave its history rows; no row carries it now.
HISTORY_REASON = "演示数据（seed_demo）"


@dataclass
class RoundPlan:
    """A seeded round with what later steps need: teams, their people and assignments."""

    key: str
    round: object
    teams: list = field(default_factory=list)
    leaders: dict = field(default_factory=dict)  # team id -> leader user
    members: dict = field(default_factory=dict)  # team id -> [users except the leader]
    assignments: list = field(default_factory=list)
    # assignment id -> feedback date, of the organisations fed back (the others await it)
    feedback_dates: dict = field(default_factory=dict)
    selected_items: set = field(default_factory=set)  # codes of the round's supervision items
    closes_on: object = None  # the day the office lead files the round (归档), once done


@dataclass(frozen=True)
class PetitionPlan:
    """How and when the team leader disposes of a petition (the way's own fields too)."""

    disposition: str
    disposed_at: datetime.datetime
    disposed_by: object
    note: str
    category: str = ""  # the problem category of a petition that becomes a problem
    referred_to: str = ""


@dataclass
class Officials:
    """The people who hold office in one village (kept in memory: no model stores them)."""

    secretary: str
    director: str
    accountant: str
    committee_member: str
    supervision_head: str


@dataclass
class DemoContext:
    """Everything one seed run builds up, passed from step to step."""

    today: datetime.date
    names: NameBook
    towns: dict = field(default_factory=dict)  # name -> Town
    villages: dict = field(default_factory=dict)  # town name -> [Village] by code
    officials: dict = field(default_factory=dict)  # village id -> Officials
    town_leaders: dict = field(default_factory=dict)  # town name -> (secretary, deputy)
    users: dict = field(default_factory=dict)  # demo username -> User
    inspectors: list = field(default_factory=list)  # (User, roster kind), not demo logins
    officers: dict = field(default_factory=dict)  # town name -> rectification User
    org_liaison: object = None
    checklist: dict = field(default_factory=dict)  # code -> SupervisionItem
    term: object = None
    rounds: dict = field(default_factory=dict)  # "closed" | "rectification" | "on_site"
    interviews: dict = field(default_factory=dict)  # assignment id -> [Interview]
    petitions: dict = field(default_factory=dict)  # assignment id -> [Petition]
    petition_plans: dict = field(default_factory=dict)  # petition id -> PetitionPlan
    problem_classes: dict = field(default_factory=dict)  # class code -> ProblemClass id
    problems: dict = field(default_factory=dict)  # round key -> [Problem]
    clue_drafts: list = field(default_factory=list)  # clues.ClueDraft, in order of planning
    clues: list = field(default_factory=list)
    items: list = field(default_factory=list)
    ordered_problems: set = field(default_factory=set)  # problem ids ordered on site

    def rng(self, section: str) -> random.Random:
        """A generator per section, so that changing one section does not reshuffle others."""
        return random.Random(f"{SEED}:{section}")

    def days(self, offset: int) -> datetime.date:
        return self.today + datetime.timedelta(days=offset)


def last_day(ctx: DemoContext, assignment) -> datetime.date:
    """The last day on-site records may carry: never today, whose hours are not over yet."""
    return min(assignment.on_site_until, ctx.days(-1))


def team_people(plan: RoundPlan, assignment) -> list:
    """The assignment's team, leader first."""
    return [plan.leaders[assignment.team_id], *plan.members[assignment.team_id]]


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """An aware datetime in the project's time zone (Asia/Shanghai)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def working_time(rng: random.Random, day: datetime.date) -> datetime.datetime:
    """A plausible office-hours moment of ``day``."""
    return at(day, rng.choice((8, 9, 10, 14, 15, 16)), rng.choice((0, 10, 20, 30, 40, 50)))


def pick(rng: random.Random, low: int, high: int) -> int:
    """An integer in [low, high] that always uses one draw, whatever the range.

    ``randint`` draws more bits for some ranges than others, so a range that moves with
    the date or a setting would shift every later draw; this keeps the data the same.
    """
    return low + int(rng.random() * (max(high, low) - low + 1))


def day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=pick(rng, 0, (last - first).days))


def split_total(rng: random.Random, total: int, parts: int, low: int, high: int) -> list[int]:
    """``parts`` integers in [low, high] summing exactly to ``total`` (figures of the article)."""
    if not low * parts <= total <= high * parts:
        raise ValueError(f"cannot split {total} into {parts} parts of {low}..{high}")
    values = [low] * parts
    for _ in range(total - low * parts):
        candidates = [index for index, value in enumerate(values) if value < high]
        values[rng.choice(candidates)] += 1
    return values


def money(rng: random.Random, low: int, high: int) -> Decimal:
    """An amount in yuan rounded to the hundred, as ledgers record them."""
    return Decimal(rng.randint(low // 100, high // 100) * 100).quantize(Decimal("0.01"))


def yuan(amount: Decimal) -> str:
    """12600 → "1.26万元", 8600 → "8600元" (how reports write amounts)."""
    if amount >= 10000:
        return f"{(amount / 10000).quantize(Decimal('0.01')).normalize():f}万元"
    return f"{int(amount)}元"


def bulk_insert(model, objs: list, *, keep: tuple[str, ...] = ()) -> list:
    """Insert ``objs`` in bulk, keep their own values of auto_now_add fields, write history.

    For registry data and for records with no workflow of their own. ``bulk_create``
    overwrites ``auto_now_add`` fields with the current time, so the fields named in
    ``keep`` are written back with one ``bulk_update``. Models with django-simple-history
    get one "created" history row per object (``bulk_create`` itself sends no signals),
    dated at the object's ``_history_date`` and naming its ``_history_user`` when set,
    else at ``timezone.now()`` (the demo's clock, under ``travel``) with no user.
    """
    if not objs:
        return objs
    kept = [{name: getattr(obj, name) for name in keep} for obj in objs]
    model.objects.bulk_create(objs, batch_size=500)
    if keep:
        for obj, values in zip(objs, kept, strict=True):
            for name, value in values.items():
                setattr(obj, name, value)
        model.objects.bulk_update(objs, list(keep), batch_size=500)
    history = getattr(model, "history", None)
    if history is not None:
        history.bulk_history_create(objs, batch_size=500)
    return objs
