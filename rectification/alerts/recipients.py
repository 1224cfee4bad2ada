"""Who an alert goes to, by stage (DOMAIN.md, 三色预警).

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
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from inspection.choices import AlertStage, UserRole
from inspection.models import User
from inspection.permissions import OFFICE_ROLES
from rectification.models import Alert

SUPERVISING_LEADER = "督导领导"
PARTY_SECRETARY = "党组织书记"


@dataclass(frozen=True, order=True)
class Addressee:
    """One digest's addressee: a user, or a person named by post, name and unit."""

    user_id: int | None = None
    post: str = ""
    name: str = ""
    unit: str = ""


def unit_name(assignment) -> str:
    """The inspected unit's party organisation, as the office names it."""
    if assignment.village_id:
        return f"{assignment.town.name}{assignment.village.name}党组织"
    return f"{assignment.town.name}党委"


def assignment_of(alert: Alert):
    if alert.item_id:
        return alert.item.problem.assignment
    if alert.feedback_id:
        return alert.feedback.assignment
    return alert.clue.assignment


class Directory:
    """The accounts alerts go to, loaded once per scan: officers, office, liaisons."""

    def __init__(self):
        self.office: list[int] = []
        self.officers_of_village: dict[int, list[int]] = defaultdict(list)
        self.officers_of_town: dict[int, list[int]] = defaultdict(list)
        self.liaisons_of_body: dict[str, list[int]] = defaultdict(list)
        self.active: set[int] = set()
        roles = (*OFFICE_ROLES, UserRole.RECTIFICATION_OFFICER, UserRole.COMMISSION_LIAISON)
        users = User.objects.filter(is_active=True, role__in=roles).order_by("pk")
        for pk, role, village_id, town_id, body in users.values_list(
            "pk", "role", "village_id", "town_id", "receiving_body"
        ):
            self.active.add(pk)
            if role in OFFICE_ROLES:
                self.office.append(pk)
            elif role == UserRole.COMMISSION_LIAISON:
                self.liaisons_of_body[body].append(pk)
            elif village_id:
                self.officers_of_village[village_id].append(pk)
            elif town_id:
                self.officers_of_town[town_id].append(pk)

    def officers(self, assignment) -> list[int]:
        """The rectification officers of the unit: of its village, or of its whole town
        (as inspection.permissions.unit_condition scopes them)."""
        village = self.officers_of_village.get(assignment.village_id, [])
        return [*village, *self.officers_of_town.get(assignment.town_id, [])]


def _users(ids: Iterable[int]) -> list[Addressee]:
    return [Addressee(user_id=pk) for pk in ids]


def _addressees(alert: Alert, directory: Directory) -> tuple[list[Addressee], bool]:
    """The addressees of one alert but the office, and whether the office gets it too."""
    red = alert.stage == AlertStage.RED
    assignment = assignment_of(alert)
    people: list[Addressee] = []
    if alert.item_id:
        item = alert.item
        if item.responsible_user_id and item.responsible_user_id in directory.active:
            people += _users([item.responsible_user_id])
        else:
            people += _users(directory.officers(assignment))
        if alert.stage != AlertStage.GREEN and item.supervising_leader:
            people.append(Addressee(post=SUPERVISING_LEADER, name=item.supervising_leader))
        if red:
            people.append(Addressee(post=PARTY_SECRETARY, unit=item.responsible_unit))
    elif alert.feedback_id:
        people += _users(directory.officers(assignment))
        if red:
            people.append(Addressee(post=PARTY_SECRETARY, unit=unit_name(assignment)))
    else:
        people += _users(directory.liaisons_of_body.get(alert.clue.receiving_body, []))
    return people, red


def addressees_of(alert: Alert, directory: Directory) -> list[Addressee]:
    """The addressees of one alert, without repeats, users first."""
    people, office = _addressees(alert, directory)
    if office:
        users = [p for p in people if p.user_id is not None]
        others = [p for p in people if p.user_id is None]
        people = [*users, *_users(directory.office), *others]
    return list(dict.fromkeys(people))


def digests_by_addressee(alerts: Iterable[Alert]) -> dict[Addressee, list[Alert]]:
    """Each addressee with every alert of theirs: one digest each.

    The office's alerts are gathered once and shared by every office user (at province
    scale a red day reaches every office user: one list, not one append per user)."""
    directory = Directory()
    digests: dict[Addressee, list[Alert]] = defaultdict(list)
    office: list[Alert] = []
    for alert in alerts:
        people, to_office = _addressees(alert, directory)
        for addressee in dict.fromkeys(people):
            digests[addressee].append(alert)
        if to_office:
            office.append(alert)
    for pk in directory.office:
        addressee = Addressee(user_id=pk)
        own = digests.get(addressee)
        if own:  # also addressed as a responsible person: each alert once
            digests[addressee] = list(dict.fromkeys([*own, *office]))
        elif office:
            digests[addressee] = office
    return dict(sorted(digests.items(), key=lambda pair: (pair[0].user_id is None, pair[0])))
