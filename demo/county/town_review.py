"""乡镇初审 in the demo: each town's party secretary first-reviews its villages' requests for
closing before the office verifies them; of the requests still waiting, about half have
passed the town (乡镇已初审) and wait for the office, the rest wait for the town.

The town of the ``town_reviewer`` login reviews as that login; another town's secretary
gets an account (no password) the first time its town reviews.
"""

import datetime
import zlib

from django.contrib.auth.hashers import make_password

from demo.county.common import DemoContext
from inspection.choices import UserRole
from inspection.models import User
from inspection.roles import assign_role_group
from rectification.choices import ItemStatus
from rectification.models import RectificationItem
from rectification.permissions import needs_town_review
from rectification.services.town_review import item_town_review

# The town reviews within a working day or so of the request.
DELAY = datetime.timedelta(hours=20)


def reviewer_of(ctx: DemoContext, town) -> User:
    login = ctx.users["town_reviewer"]
    if login.town_id == town.pk:
        return login
    username = f"reviewer_{town.code}"
    user = ctx.users.get(username)
    if user is None:
        secretary, _ = ctx.town_leaders[town.name]
        user = User.objects.create(
            username=username,
            full_name=secretary,
            role=UserRole.TOWN_REVIEWER,
            organisation=f"{town.name}党委书记",
            town=town,
            password=make_password(None),
            date_joined=login.date_joined,
        )
        assign_role_group(user)
        ctx.users[username] = user
    return user


def review_moment(submitted_at: datetime.datetime, before: datetime.datetime | None):
    """A while after the request, and before the office's verdict if there is one."""
    moment = submitted_at + DELAY
    if before is not None and moment >= before:
        moment = submitted_at + (before - submitted_at) / 2
    return moment


def passes_while_waiting(key: str) -> bool:
    """Of the requests left waiting, those the town has passed (stable across runs)."""
    return zlib.crc32(key.encode()) % 2 == 0


def town_pass_step(ctx: DemoContext, item_id):
    """The town's pass of the item's request, if it is a village's that waits for it."""

    def run():
        item = RectificationItem.objects.select_related(
            "problem__assignment__round", "problem__assignment__town"
        ).get(pk=item_id())
        if item.status != ItemStatus.SUBMITTED or not needs_town_review(item):
            return
        town = item.problem.assignment.town
        item_town_review(actor=reviewer_of(ctx, town), item_id=item.pk, passed=True)

    return run
