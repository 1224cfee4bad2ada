"""Who fills and who reads the portraits of a village (自画像, 预画像; docs/DOMAIN.md "Places").

The village's 自画像 is written by its rectification contact (整改联络员 of the village);
the town's 预画像 by the town: its reviewer (乡镇党委) or a rectification contact of the
town (no village). Once submitted, a portrait is read by the office, leadership and the
assignment's team; a draft only by the side writing it.
"""

import rules
from django.db.models import Q
from django.utils.translation import gettext_lazy as _lazy

from inspection.permissions import (
    action,
    is_inspector,
    is_officer,
    is_town_reviewer,
    reads_all,
    scope_of,
)
from rounds.choices import PortraitKind, PortraitStatus
from rounds.membership import membership_exists
from rounds.models import VillagePortrait


def _writes_self(user) -> bool:
    return bool(is_officer(user) and user.village_id)


def _writes_town(user) -> bool:
    town_contact = is_officer(user) and user.town_id and not user.village_id
    return bool(is_town_reviewer(user) or town_contact)


@rules.predicate
def is_village_contact(user, assignment) -> bool:
    """The 整改联络员 of the assignment's village."""
    return (
        assignment is not None
        and _writes_self(user)
        and assignment.village_id is not None
        and assignment.village_id == user.village_id
    )


@rules.predicate
def is_town_contact(user, assignment) -> bool:
    """The town of the assignment's village: its reviewer or its town-level contact."""
    return (
        assignment is not None
        and _writes_town(user)
        and assignment.village_id is not None
        and assignment.town_id == user.town_id
    )


action("self_portrait_fill", _lazy("填写自画像"), is_village_contact)
action("town_portrait_fill", _lazy("填写预画像"), is_town_contact)
FILL_ACTIONS = {PortraitKind.SELF: "self_portrait_fill", PortraitKind.TOWN: "town_portrait_fill"}


def _own_drafts(user) -> Q:
    if _writes_self(user):
        return Q(kind=PortraitKind.SELF, assignment__village_id=user.village_id)
    if _writes_town(user):
        return Q(kind=PortraitKind.TOWN, assignment__town_id=user.town_id)
    return Q(pk__in=[])


@scope_of(VillagePortrait)
def visible_portraits(user):
    """Submitted portraits to the office, leadership and the assignment's team; each side
    its own portraits, drafts included; the town also its villages' submitted 自画像."""
    portraits = VillagePortrait.objects.all()
    submitted = Q(status=PortraitStatus.SUBMITTED)
    if reads_all(user):
        return portraits.filter(submitted)
    if is_inspector(user):
        return portraits.filter(submitted & membership_exists(user, "assignment__team_id"))
    if _writes_town(user):
        town_reads = submitted & Q(kind=PortraitKind.SELF, assignment__town_id=user.town_id)
        return portraits.filter(_own_drafts(user) | town_reads)
    return portraits.filter(_own_drafts(user))
