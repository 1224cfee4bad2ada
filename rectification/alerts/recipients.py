"""Who an alert goes to, by stage (docs/DOMAIN.md, 三色预警), and each addressee's digest.

Ledger item: green to the responsible person (the item's responsible user; without one,
the rectification officers of the item's unit); yellow also to the supervising leader;
red also to the responsible unit's party secretary and the office (office staff and the
office lead).

Feedback plan or report: the rectification officers of the inspected unit; red also to
its party secretary and the office.

Clue whose result is owed: the liaisons of the receiving body; red also the office.

The supervising leader and the party secretary are people, not accounts: the ledger
names the supervising leader, and the secretary only by the unit. They are addressees
without a user (``Addressee.user_id`` None): only the office's messaging system, through
the webhook, can reach them, so their digests exist only when the webhook is set up. The
users' digests name them beside each item as well.

The alerts come as routing rows (rectification/alerts/rows.py) in the order digests list
them, so a digest keeps its first ``limit`` alerts and only counts the others.
"""

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

from inspection.choices import AlertStage, UserRole
from inspection.models import User
from inspection.permissions import OFFICE_ROLES
from rectification.alerts.rows import STAGE_ORDER

SUPERVISING_LEADER = "责任领导"
PARTY_SECRETARY = "党组织书记"


class Addressee(NamedTuple):
    """One digest's addressee: a user, or a person named by post, name and unit."""

    user_id: int | None = None
    post: str = ""
    name: str = ""
    unit: str = ""


@dataclass
class Digest:
    """One addressee's alerts: how many of each stage, and the first ``limit`` of them as
    (position in the scan's order, kind, pk)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGE_ORDER, 0))
    listed: list[tuple[int, str, int]] = field(default_factory=list)

    def add(self, position: int, row: dict, limit: int) -> None:
        self.counts[row["stage"]] += 1
        if len(self.listed) < limit:
            self.listed.append((position, row["kind"], row["pk"]))

    @property
    def more(self) -> int:
        """How many alerts are counted but not listed."""
        return sum(self.counts.values()) - len(self.listed)


def unit_name(town: str, village: str | None) -> str:
    """The inspected unit's party organisation, as the office names it."""
    return f"{town}{village}党组织" if village else f"{town}党委"


class Directory:
    """The accounts alerts go to, loaded once per scan: officers, office, liaisons.

    Each list of addressees is built once and shared by every alert it receives."""

    def __init__(self):
        self.office: tuple[Addressee, ...] = ()
        self.officers_of_village: dict[int, list[Addressee]] = defaultdict(list)
        self.officers_of_town: dict[int, list[Addressee]] = defaultdict(list)
        self.liaisons_of_body: dict[str, tuple[Addressee, ...]] = {}
        self.active: dict[int, tuple[Addressee]] = {}
        self._officers: dict[tuple, tuple[Addressee, ...]] = {}
        roles = (*OFFICE_ROLES, UserRole.RECTIFICATION_OFFICER, UserRole.COMMISSION_LIAISON)
        users = User.objects.filter(is_active=True, role__in=roles).order_by("pk")
        liaisons = defaultdict(list)
        for pk, role, village_id, town_id, body in users.values_list(
            "pk", "role", "village_id", "town_id", "receiving_body"
        ):
            addressee = Addressee(user_id=pk)
            self.active[pk] = (addressee,)
            if role in OFFICE_ROLES:
                self.office += (addressee,)
            elif role == UserRole.COMMISSION_LIAISON:
                liaisons[body].append(addressee)
            elif village_id:
                self.officers_of_village[village_id].append(addressee)
            elif town_id:
                self.officers_of_town[town_id].append(addressee)
        self.liaisons_of_body = {body: tuple(people) for body, people in liaisons.items()}

    def officers(self, row: dict) -> tuple[Addressee, ...]:
        """The rectification officers of the unit: of its village, or of its whole town
        (as inspection.permissions.unit_condition scopes them)."""
        key = (row["village_id"], row["town_id"])
        if key not in self._officers:
            village = self.officers_of_village.get(row["village_id"], [])
            self._officers[key] = (*village, *self.officers_of_town.get(row["town_id"], []))
        return self._officers[key]

    def users_of(self, row: dict) -> tuple[Addressee, ...]:
        """The accounts an alert goes to, the office aside."""
        if row["kind"] == "item":
            return self.active.get(row["user_id"]) or self.officers(row)
        if row["kind"] == "feedback":
            return self.officers(row)
        return self.liaisons_of_body.get(row["body"], ())


def named_of(row: dict) -> list[Addressee]:
    """The people without an account an alert goes to (through the webhook only)."""
    named = []
    if row["kind"] == "item":
        if row["stage"] != AlertStage.GREEN and row["leader"]:
            named.append(Addressee(post=SUPERVISING_LEADER, name=row["leader"]))
        if row["stage"] == AlertStage.RED:
            named.append(Addressee(post=PARTY_SECRETARY, unit=row["unit"]))
    elif row["kind"] == "feedback" and row["stage"] == AlertStage.RED:
        unit = unit_name(row["town"], row["village"])
        named.append(Addressee(post=PARTY_SECRETARY, unit=unit))
    return named


def _joined(parts: list[Digest], limit: int) -> Digest:
    if len(parts) == 1:
        return parts[0]
    counts = {stage: sum(part.counts[stage] for part in parts) for stage in STAGE_ORDER}
    listed = list(islice(heapq.merge(*(part.listed for part in parts)), limit))
    return Digest(counts=counts, listed=listed)


def digests_by_addressee(rows: Iterable[dict], *, limit: int, named: bool) -> dict:
    """Each addressee with their digest (``named``: people without an account too).

    Alerts are counted once per audience (the accounts they go to, and whether the office
    too: at province scale a red day reaches hundreds of office users), then each
    account's digest joins those of its audiences."""
    directory = Directory()
    audiences: dict[tuple, Digest] = {}
    people: dict[Addressee, Digest] = defaultdict(Digest)
    for position, row in enumerate(rows):
        audience = (directory.users_of(row), row["stage"] == AlertStage.RED)
        digest = audiences.get(audience)
        if digest is None:
            digest = audiences[audience] = Digest()
        digest.add(position, row, limit)
        if named:
            for person in named_of(row):
                people[person].add(position, row, limit)
    parts: dict[Addressee, list[Digest]] = defaultdict(list)
    for (users, to_office), digest in audiences.items():
        for addressee in dict.fromkeys((*users, *(directory.office if to_office else ()))):
            parts[addressee].append(digest)
    digests = {addressee: _joined(digests, limit) for addressee, digests in parts.items()}
    return dict(
        sorted((digests | people).items(), key=lambda pair: (pair[0].user_id is None, pair[0]))
    )
