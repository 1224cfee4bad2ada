"""Clues transferred to a department become 交办事项 (findings 0014): their dates carry
over (transferred → handed on, result due → reply due, concluded → replied), they leave
the clues and the clue figures; migrating back makes them department clues again."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from findings.choices import ClueStatus, MatterStatus
from findings.models import Clue, DepartmentMatter
from reports.statistics import StatisticsFilter, statistics_table
from tests.world import build_world

BEFORE = ("findings", "0013_clue_transfer_letters")
DAY = datetime.timedelta(days=1)


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)


def migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def clue_figures(world) -> dict:
    row = statistics_table(StatisticsFilter(round_id=world.round.pk), figures=["clues"])[0]
    return {name: row[name] for name in ("clues_transferred", "clues_concluded", "case_rate")}


@pytest.mark.django_db(transaction=True)
def test_department_clues_become_matters_with_their_dates_and_come_back():
    world = build_world()
    today = timezone.localdate()
    commission = world.clue(status=ClueStatus.CONCLUDED, outcome="case_filed", persons_case_filed=1)
    open_one = world.clue(status=ClueStatus.RECEIVED, transferred_on=today - 100 * DAY)
    answered = world.clue(status=ClueStatus.CONCLUDED, outcome_note="已督促整改到位。")
    problem = world.problem(status="confirmed")
    open_one.problems.add(problem)
    try:
        executor = migrate([BEFORE])
        old = executor.loader.project_state([BEFORE]).apps.get_model("findings", "Clue")
        old.objects.filter(pk__in=[open_one.pk, answered.pk]).update(
            receiving_body="department", receiving_unit="县民政局"
        )
        # Before: three clues transferred, two concluded, one case of three.
        assert clue_figures(world) == {
            "clues_transferred": 3,
            "clues_concluded": 2,
            "case_rate": round(1 / 3, 4),
        }

        migrate_forward()

        assert list(Clue.objects.values_list("pk", flat=True)) == [commission.pk]
        # After: the department's two are matters, not clues.
        assert clue_figures(world) == {
            "clues_transferred": 1,
            "clues_concluded": 1,
            "case_rate": 1.0,
        }
        pending = DepartmentMatter.objects.get(status=MatterStatus.HANDED_ON)
        assert pending.department == "县民政局"
        assert pending.handed_on == today - 100 * DAY
        assert pending.reply_due_on == open_one.result_due_on
        assert pending.assignment == world.assignment_a
        assert list(pending.problems.all()) == [problem]
        assert pending.summary == open_one.summary
        replied = DepartmentMatter.objects.get(status=MatterStatus.REPLIED)
        assert replied.replied_on == today
        assert replied.reply == "已督促整改到位。"

        executor = migrate([BEFORE])
        old = executor.loader.project_state([BEFORE]).apps.get_model("findings", "Clue")
        back = old.objects.filter(receiving_body="department").order_by("transferred_on")
        assert [(c.status, c.transferred_on, c.receiving_unit) for c in back] == [
            (ClueStatus.TRANSFERRED, today - 100 * DAY, "县民政局"),
            (ClueStatus.CONCLUDED, today, "县民政局"),
        ]
        assert list(back[0].problems.values_list("pk", flat=True)) == [problem.pk]
        assert back[1].outcome_note == "已督促整改到位。"
    finally:
        migrate_forward()
