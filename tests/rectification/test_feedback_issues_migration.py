"""rectification 0010: every fed-back ledger item gets a 反馈问题 of its own problem,
numbered per assignment in the order of the problems' numbers, and no figure moves."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from findings.choices import ProblemStatus
from rectification.models import FeedbackIssue, RectificationItem
from reports.statistics.figures import problems, rectification
from reports.statistics.scope import StatisticsFilter
from rounds.choices import RoundStatus
from tests.world import build_world

BEFORE = ("rectification", "0008_onsite_orders")


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)


def migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def figures(world):
    filters = StatisticsFilter(round_id=world.round.pk)
    return rectification(filters, "village"), problems(filters, "village")


@pytest.mark.django_db(transaction=True)
def test_each_fed_back_item_gets_an_issue_numbered_by_its_problem():
    world = build_world(round_status=RoundStatus.RECTIFICATION)
    third = world.item()
    first = world.item()
    in_b = world.item(assignment=world.assignment_b)
    # The item's problem numbers: ``first`` is numbered before ``third``.
    type(first.problem).objects.filter(pk=first.problem_id).update(sequence=9001)
    type(third.problem).objects.filter(pk=third.problem_id).update(sequence=9005)
    ordered = world.problem(status=ProblemStatus.CONFIRMED)
    figures_before = figures(world)
    try:
        executor = migrate([BEFORE])
        old = executor.loader.project_state([BEFORE]).apps
        assert old.get_model("rectification", "RectificationItem").objects.count() == 3

        migrate_forward()

        issues = {item.pk: item.issue for item in RectificationItem.objects.select_related("issue")}
        assert (issues[first.pk].number, issues[third.pk].number) == (1, 2)
        assert issues[in_b.pk].number == 1
        assert issues[first.pk].assignment_id == world.assignment_a.pk
        assert issues[first.pk].title == first.problem.title
        assert issues[first.pk].aspect_id == first.problem.problem_class.aspect_id
        assert [p.problem_id for p in issues[first.pk].placements.all()] == [first.problem_id]
        assert FeedbackIssue.objects.count() == 3
        assert not hasattr(ordered, "feedback_placement")
        assert figures(world) == figures_before
    finally:
        migrate_forward()
