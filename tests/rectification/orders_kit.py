"""On-site orders built through the services, for the order tests and the matrix."""

from django.utils import timezone

from findings.choices import ProblemStatus
from rectification.choices import ItemStatus, OrderForm
from rectification.models import RectificationItem
from rectification.services import (
    immediate_order_issue,
    item_post_progress,
    item_submit,
    item_update_plan,
)
from tests.rectification.helpers import upload


def issue(world, *problems, form=OrderForm.WRITTEN, actor=None, assignment=None, **extra):
    """An order of ``assignment`` (default A's) by its leader on ``problems`` (default: one
    new confirmed problem of the assignment)."""
    assignment = assignment or world.assignment_a
    if not problems:
        problems = (world.problem(status=ProblemStatus.CONFIRMED, assignment=assignment),)
    return immediate_order_issue(
        actor=actor or world.leader_a,
        assignment_id=assignment.pk,
        problem_ids=[p.pk for p in problems],
        form=form,
        **extra,
    )


def submitted_order_item(world, *, submitter=None) -> RectificationItem:
    """The item of a new order on A, fixed and submitted by its unit's contact (officer_a)."""
    order = issue(world)
    item = order.items.get()
    submitter = submitter or world.officer_a
    item_update_plan(actor=submitter, item_id=item.pk, measures="当场退还多收的费用。")
    item_post_progress(
        actor=submitter, item_id=item.pk, text="已退还。", percent=100, evidence=[upload()]
    )
    item = item_submit(actor=submitter, item_id=item.pk)
    assert item.status == ItemStatus.SUBMITTED
    return item


def today():
    return timezone.localdate()
