"""What the benchmark's writer writes, through the product's services, as the right users.

Three kinds of write, drawn at random in equal shares, each on a record drawn at random
over the whole database (every town that has one):

- **an interview** (``interview_record``) in a village of the round on site, recorded by a
  member of its team with a second member as co-interviewer;
- **the unit's work on a ledger item**: a progress report (``item_post_progress``, with a
  photo three times in four) on an open item, or, one time in two when there is one, a
  request to close (``item_submit``) for an item whose progress has a photo. The actor is
  the unit's rectification officer where the data has one (the village's, else the
  town's), else an office member recording for the unit (代录);
- **a verification**, the next step of an item asked to be closed, by that step's user:
  the town's first review (乡镇初审 by its reviewer: passed 9 in 10, else returned), the
  office's verification of a first-reviewed item (核验: closed 4 in 5, else failed and
  returned) with its evidence, or the office's return (退回) of a request whose town has no
  reviewer in the data. The step is drawn among those that have items.

The writer keeps the items' states itself, as its writes move them (an item closed is no
longer drawn, one returned is open again), so that nearly every write is one the rules
accept; a write refused all the same (someone else moved the item) drops the item.
"""

import random

from django.core.files.uploadedfile import SimpleUploadedFile

from demo.county.onsite_texts import OUTLINES, RECORDS
from demo.county.texts import PROGRESS_TEXTS, RETURN_REASONS
from demo.scale.context import person_name
from inspection.choices import UserRole
from inspection.models import User
from rectification.choices import (
    ITEM_STATUSES_OPEN,
    ItemStatus,
    VerificationMethod,
    VerificationResult,
)
from rectification.models import ProgressEvidence, RectificationItem
from rectification.services.items import item_post_progress, item_submit
from rectification.services.town_review import item_town_review
from rectification.services.verification import item_return, item_verify
from rounds.choices import IntervieweeCategory, RoundStatus
from rounds.models import Assignment, TeamMember
from rounds.services.onsite import interview_record

PHOTO = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # a PNG's signature: the evidence check's kind
# Enough requests to close that the verifications do not run out of them: an item the
# writer returned has its photo and may be submitted again.
SUBMIT_SHARE = 0.5
PHOTO_SHARE = 0.75
STEPS = ("first_review", "office_verify", "office_return")


class Bag:
    """Ids to draw at random; adding and removing one take constant time."""

    def __init__(self, ids=()):
        self.ids, self.where = [], {}
        for pk in ids:
            self.add(pk)

    def add(self, pk: int) -> None:
        if pk not in self.where:
            self.where[pk] = len(self.ids)
            self.ids.append(pk)

    def discard(self, pk: int) -> None:
        index = self.where.pop(pk, None)
        if index is None:
            return
        last = self.ids.pop()
        if index < len(self.ids):
            self.ids[index], self.where[last] = last, index

    def draw(self, rng: random.Random) -> int:
        return rng.choice(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


class World:
    """The records the writer draws from, and who may write on each."""

    def __init__(self):
        self.users = {}
        self.office = []
        self.officers = {}  # ("village", id) or ("town", id) → user id
        self.reviewers = {}  # town id → user id
        self.teams = []  # (on-site assignment id, its team's member ids)
        self.places = {}  # item id → (town id, village id or None, needs a first review)
        self.submitters = {}  # item id → who asked for it to be closed
        self.evidenced = set()  # items whose progress has evidence: they may be submitted
        self.open, self.ready = Bag(), Bag()
        self.steps = {name: Bag() for name in STEPS}
        self.item = None  # the item of the write under way (dropped if it is refused)

    # ------------------------------------------------------------------ loading
    def load(self) -> "World":
        roles = (UserRole.OFFICE_STAFF, UserRole.RECTIFICATION_OFFICER, UserRole.TOWN_REVIEWER)
        for user in User.objects.filter(is_active=True, role__in=roles):
            self.users[user.pk] = user
            if user.role == UserRole.OFFICE_STAFF:
                self.office.append(user.pk)
            elif user.role == UserRole.TOWN_REVIEWER and user.town_id:
                self.reviewers.setdefault(user.town_id, user.pk)
            elif user.village_id:
                self.officers.setdefault(("village", user.village_id), user.pk)
            elif user.town_id:
                self.officers.setdefault(("town", user.town_id), user.pk)
        self._load_teams()
        self._load_items()
        return self

    def _load_teams(self) -> None:
        on_site = Assignment.objects.filter(round__status=RoundStatus.ON_SITE)
        members = {}
        crews = TeamMember.objects.filter(team__assignments__in=on_site, user__is_active=True)
        for team_id, user_id in crews.values_list("team_id", "user_id"):
            members.setdefault(team_id, set()).add(user_id)
        for assignment_id, team_id in on_site.values_list("pk", "team_id"):
            if len(members.get(team_id, ())) >= 2:
                self.teams.append((assignment_id, sorted(members[team_id])))
        needed = {pk for _, crew in self.teams for pk in crew} - set(self.users)
        self.users.update(User.objects.in_bulk(needed))

    def _load_items(self) -> None:
        self.evidenced = set(
            ProgressEvidence.objects.values_list("update__item_id", flat=True).distinct()
        )
        rows = RectificationItem.objects.exclude(status=ItemStatus.CLOSED).values_list(
            "pk", "status", "submitted_by_id", "order_id", "problem__assignment__town_id",
            "problem__assignment__village_id", "problem__assignment__round__status",
        )  # fmt: skip
        for pk, status, submitter, order, town, village, round_status in rows:
            on_site_order = bool(order) and round_status == RoundStatus.ON_SITE
            self.places[pk] = (town, village, village is not None and not on_site_order)
            if submitter:
                self.submitters[pk] = submitter
            if status in ITEM_STATUSES_OPEN:
                self._file_open(pk)
            elif status == ItemStatus.SUBMITTED:
                self._file_asked(pk)
            elif status == ItemStatus.TOWN_REVIEWED:
                self.steps["office_verify"].add(pk)

    def sizes(self) -> dict:
        return {
            "teams on site": len(self.teams),
            "open items": len(self.open),
            "ready to submit": len(self.ready),
            **{name.replace("_", " "): len(bag) for name, bag in self.steps.items()},
        }

    # ------------------------------------------------------------- the items' moves
    def _file_open(self, pk: int) -> None:
        self.open.add(pk)
        if pk in self.evidenced:
            self.ready.add(pk)

    def _file_asked(self, pk: int) -> None:
        town, _, needs_review = self.places[pk]
        if not needs_review:
            self.steps["office_verify"].add(pk)
        elif town in self.reviewers:
            self.steps["first_review"].add(pk)
        else:
            self.steps["office_return"].add(pk)

    def forget(self, pk: int) -> None:
        for bag in (self.open, self.ready, *self.steps.values()):
            bag.discard(pk)

    def moved(self, pk: int, status: str) -> None:
        """``pk`` is now ``status`` (the write that moved it committed)."""
        self.forget(pk)
        if status in ITEM_STATUSES_OPEN:
            self._file_open(pk)
        elif status == ItemStatus.SUBMITTED:
            self._file_asked(pk)
        elif status == ItemStatus.TOWN_REVIEWED:
            self.steps["office_verify"].add(pk)

    # ------------------------------------------------------------------ the actors
    def unit_actor(self, pk: int, rng) -> User:
        town, village, _ = self.places[pk]
        officer = self.officers.get(("village", village)) or self.officers.get(("town", town))
        return self.users[officer or rng.choice(self.office)]

    def office_actor(self, pk: int, rng) -> User:
        """An office member who did not ask for ``pk`` to be closed (separation of duties)."""
        choices = [user for user in self.office if user != self.submitters.get(pk)]
        return self.users[rng.choice(choices)]


def _file(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PHOTO, content_type="image/png")


def write_interview(world: World, rng) -> str:
    world.item = None
    assignment_id, crew = rng.choice(world.teams)
    actor, partner = rng.sample(crew, 2)
    category = rng.choice(IntervieweeCategory.values)
    interview_record(
        actor=world.users[actor],
        assignment_id=assignment_id,
        interviewee_category=category,
        interviewee_name=person_name(rng),
        place="村委会会议室",
        outline=OUTLINES.get(category, ""),
        record=rng.choice(RECORDS),
        interviewer_ids=[actor, partner],
    )
    return "interview"


def write_unit_work(world: World, rng) -> str:
    if len(world.ready) and rng.random() < SUBMIT_SHARE:
        pk = world.item = world.ready.draw(rng)
        actor = world.unit_actor(pk, rng)
        item_submit(actor=actor, item_id=pk)
        world.submitters[pk] = actor.pk
        world.moved(pk, ItemStatus.SUBMITTED)
        return "submit"
    pk = world.item = world.open.draw(rng)
    photo = rng.random() < PHOTO_SHARE
    item_post_progress(
        actor=world.unit_actor(pk, rng),
        item_id=pk,
        text=rng.choice(PROGRESS_TEXTS),
        percent=rng.choice((30, 50, 80, 100)),
        evidence=[_file("整改现场照片.png")] if photo else [],
    )
    if photo:
        world.evidenced.add(pk)
    world.moved(pk, ItemStatus.IN_PROGRESS)
    return "progress"


def write_verification(world: World, rng) -> str:
    step = rng.choice([name for name in STEPS if len(world.steps[name])])
    pk = world.item = world.steps[step].draw(rng)
    passed = rng.random() < (0.9 if step == "first_review" else 0.8)
    reason = rng.choice(RETURN_REASONS)
    if step == "first_review":
        town = world.places[pk][0]
        actor = world.users[world.reviewers[town]]
        item_town_review(actor=actor, item_id=pk, passed=passed, reason="" if passed else reason)
        world.moved(pk, ItemStatus.TOWN_REVIEWED if passed else ItemStatus.RETURNED)
        return "town review" if passed else "town review (returned)"
    if step == "office_verify":
        item_verify(
            actor=world.office_actor(pk, rng),
            item_id=pk,
            method=rng.choice((VerificationMethod.ON_SITE, VerificationMethod.DOCUMENTS)),
            result=VerificationResult.PASSED if passed else VerificationResult.FAILED,
            evidence=[_file("核验现场照片.png")],
            note="" if passed else reason,
        )
        world.moved(pk, ItemStatus.CLOSED if passed else ItemStatus.RETURNED)
        return "verify (closed)" if passed else "verify (returned)"
    item_return(actor=world.office_actor(pk, rng), item_id=pk, reason=reason)
    world.moved(pk, ItemStatus.RETURNED)
    return "return"


def kinds(world: World) -> list:
    """The kinds of write the data allows (an interview needs a round on site)."""
    found = [write_interview] if world.teams else []
    if len(world.open) or len(world.ready):
        found.append(write_unit_work)
    if any(len(bag) for bag in world.steps.values()):
        found.append(write_verification)
    return found
