"""The scale seed (``seed_scale``) on the tiny preset: what it writes, that the data keeps
every constraint and reads as the statistics define it, and that it refuses a database
that already has data."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from demo.scale import PRESETS
from findings.models import Clue, Problem
from inspection.choices import UserRole
from inspection.models import Term, User, Village
from rectification.models import RectificationItem
from rectification.selectors import items_overdue
from reports.statistics import StatisticsFilter, statistics_table
from rounds.models import Assignment, Interview

pytestmark = pytest.mark.django_db
TINY = PRESETS["tiny"]


def seed_tiny() -> str:
    out = io.StringIO()
    call_command("seed_scale", "--preset", "tiny", "--force", stdout=out)
    return out.getvalue()


def test_the_tiny_preset_writes_the_counts_it_names():
    output = seed_tiny()
    assert "完成：tiny" in output
    assert Village.objects.count() == TINY.villages
    assert Assignment.objects.values("village").distinct().count() == TINY.assignments
    assert Interview.objects.count() == TINY.interviews
    assert Problem.objects.count() == TINY.problems
    assert RectificationItem.objects.count() == TINY.problems
    assert Clue.objects.count() == TINY.clues
    assert User.objects.count() == TINY.users_per_role * len(UserRole)
    assert Term.objects.get(is_current=True).name == TINY.marker


def test_the_statistics_read_the_seeded_data_as_defined():
    seed_tiny()
    row = statistics_table(StatisticsFilter())[0]
    assert row["villages"] == TINY.villages
    # Each village is assigned once; its round's mode decides whether it counts (the
    # tiny preset's third round is a 专项, which the shipped setting does not count).
    covering = Assignment.objects.filter(mode__counts_toward_coverage=True)
    assert 0 < covering.count() < TINY.assignments
    assert row["inspected"] == covering.count()
    assert row["problems"] == TINY.problems
    assert row["items"] == TINY.problems
    overdue = items_overdue(RectificationItem.objects.all(), on=timezone.localdate()).count()
    assert row["items_overdue"] == overdue > 0


def test_a_second_run_refuses_and_if_missing_changes_nothing():
    seed_tiny()
    with pytest.raises(CommandError, match="空数据库"):
        seed_tiny()
    out = io.StringIO()
    call_command("seed_scale", "--preset", "tiny", "--force", "--if-missing", stdout=out)
    assert "未作改动" in out.getvalue()
    assert Village.objects.count() == TINY.villages
