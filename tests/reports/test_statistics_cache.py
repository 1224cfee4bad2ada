"""The statistics cache on the demo county: after every kind of write, the cached answer is
the fresh computation (the data version changes in the write's own commit).

The cache is bypassed inside a transaction (``atomic``), so a test wrapped in one would
prove nothing: these tests are transactional (committed writes, the database flushed at
the end), and the writes of every kind run one after the other in one test, on the
demo county seeded for the module.
"""

import datetime
import re
import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from findings.choices import ProblemStatus
from findings.models import Problem, ProblemClass
from inspection.choices import UserRole
from inspection.errors import ApplicationError
from inspection.models import Town, User
from rectification.choices import ITEM_STATUSES_OPEN
from rectification.models import RectificationItem
from reports.dashboard import TOTAL_FIGURES, dashboard_for, default_term
from reports.models import StatisticsChange
from reports.statistics import FIGURES, GROUPINGS, StatisticsFilter, statistics_table
from reports.statistics.cache import cached_statistics_table
from reports.statistics.version import TRACKED_TABLES, data_version, read_version
from reports.tasks import statistics_upkeep
from rounds.models import Interview, Petition
from tests import factories as f

# What the API and the dashboard ask most: every figure at once, by town, by village, …
QUERIES = [
    (None, None),
    (None, "town"),
    (None, "village"),
    (["coverage"], "town"),
    (["problems"], "class"),
    (["problems"], "aspect"),
    (["rectification"], "round"),
]
# Today's figures: a past day's read the history, which a raw write to a table does not
# reach (reports.statistics.as_of).
ON = None
committed = pytest.mark.django_db(transaction=True)


def answers(cached: bool) -> list:
    read = cached_statistics_table if cached else statistics_table
    return [read(StatisticsFilter(), group, figures=figures, on=ON) for figures, group in QUERIES]


def primed_then(write) -> tuple[list, list, str, str]:
    """Cache every query, run ``write``; answers (cached before, cached after) and the
    versions before and after."""
    before = answers(cached=True)
    assert answers(cached=True) == before  # served from the cache, same answer
    version = data_version()
    write()
    return before, answers(cached=True), version, data_version()


def assert_fresh_after(write):
    before, after, old, new = primed_then(write)
    assert new != old
    assert after == answers(cached=False)
    assert after != before  # the write changed a figure: a stale cache would have failed


def step_saving_a_model_through_a_service_like_write():
    problem = Problem.objects.exclude(status=ProblemStatus.DRAFT).order_by("pk").first()

    def write():
        other = ProblemClass.objects.exclude(pk=problem.problem_class_id).first()
        problem.problem_class = other
        problem.save(update_fields=["problem_class"])

    assert_fresh_after(write)


def step_queryset_update():
    def write():
        RectificationItem.objects.filter(status__in=ITEM_STATUSES_OPEN).update(
            deadline=timezone.localdate() - datetime.timedelta(days=1)
        )

    assert_fresh_after(write)


def step_bulk_create_and_delete():
    interview = Interview.objects.order_by("pk").first()
    copies = [
        Interview(
            assignment_id=interview.assignment_id,
            held_at=interview.held_at,
            interviewee_name=f"复核{n}",
            interviewee_category=interview.interviewee_category,
            recorded_by_id=interview.recorded_by_id,
        )
        for n in range(3)
    ]
    assert_fresh_after(lambda: Interview.objects.bulk_create(copies))
    assert_fresh_after(
        lambda: Interview.objects.filter(interviewee_name__startswith="复核").delete()
    )
    assert_fresh_after(lambda: Petition.objects.filter(pk=Petition.objects.first().pk).delete())


def step_renaming_a_town_as_the_admin_does_changes_the_labels():
    town = Town.objects.order_by("pk").first()

    def write():
        town.name = f"{town.name}（更名）"
        town.save()

    assert_fresh_after(write)


def step_raw_sql_as_an_import_or_a_seeding_writes():
    def write():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE findings_problem SET amount = amount + 1000")

    assert_fresh_after(write)


def step_a_rolled_back_write_changes_nothing_and_is_never_cached():
    before = answers(cached=True)
    version = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Problem.objects.update(amount=0)
        inside = answers(cached=True)  # the cache is not read nor written in a transaction
        assert inside == answers(cached=False) != before
        raise RuntimeError
    assert data_version() == version
    assert answers(cached=True) == before == answers(cached=False)


@committed
def test_after_every_kind_of_write_the_cached_answer_is_the_fresh_one(
    seeded, django_assert_max_num_queries
):
    step_a_repeated_api_request_is_answered_from_the_cache(django_assert_max_num_queries)
    step_saving_a_model_through_a_service_like_write()
    step_queryset_update()
    step_bulk_create_and_delete()
    step_renaming_a_town_as_the_admin_does_changes_the_labels()
    step_raw_sql_as_an_import_or_a_seeding_writes()
    step_a_rolled_back_write_changes_nothing_and_is_never_cached()
    step_the_upkeep_keeps_the_version_and_warms_the_dashboard()


def step_the_upkeep_keeps_the_version_and_warms_the_dashboard():
    """After a write, the worker's upkeep folds the change log without changing the
    version, and computes the county-wide dashboard: its reader computes no figure."""
    RectificationItem.objects.filter(pk=RectificationItem.objects.first().pk).update(measures="x")
    version = data_version()
    statistics_upkeep.delay()
    assert data_version() == version
    if connection.vendor == "postgresql":
        assert StatisticsChange.objects.count() == 0
    reader = User.objects.create_user(username="看板", password="x", role=UserRole.LEADERSHIP)
    with CaptureQueriesContext(connection) as queries:
        board = dashboard_for(reader, term=default_term())
    figures_tables = ("rounds_interview", "rounds_activity", "findings_clue", "rounds_petition")
    assert not [q for q in queries if any(table in q["sql"] for table in figures_tables)]
    assert (
        board.totals
        == statistics_table(
            StatisticsFilter(term_id=board.term.pk),
            figures=TOTAL_FIGURES,
            on=board.on,
        )[0]
    )


def step_a_repeated_api_request_is_answered_from_the_cache(django_assert_max_num_queries):
    user = User.objects.create_user(username="统计查看", password="x", role=UserRole.OFFICE_STAFF)
    client = APIClient()
    client.force_authenticate(user)
    first = client.get("/api/v1/statistics/?group_by=village")
    assert first.status_code == 200
    with django_assert_max_num_queries(2):  # the version (and the user's teams); no figure
        again = client.get("/api/v1/statistics/?group_by=village")
    assert again.content == first.content
    problem = Problem.objects.exclude(status=ProblemStatus.DRAFT).order_by("pk").first()
    Problem.objects.filter(pk=problem.pk).update(amount=123456)
    changed = client.get("/api/v1/statistics/?group_by=village")
    assert changed.content != first.content
    fresh = statistics_table(StatisticsFilter(), "village")

    def amounts(rows, figures_of):
        return {str(row["key"]): float(figures_of(row).get("amount_involved", 0)) for row in rows}

    assert amounts(changed.json(), lambda row: row["figures"]) == amounts(fresh, dict)


@committed
@pytest.mark.postgres
def test_the_version_changes_only_when_the_write_commits(on_postgres):
    """Another connection sees the new version exactly when it can see the data."""
    seen = []

    def read_elsewhere():
        seen.append(read_version())
        connections["default"].close()

    def elsewhere():
        thread = threading.Thread(target=read_elsewhere)
        thread.start()
        thread.join()
        return seen[-1]

    version = data_version()
    with transaction.atomic():
        f.TownFactory()
        assert read_version() != version  # this transaction sees its own write
        assert elsewhere() == version  # nobody else does, before the commit
    assert elsewhere() == data_version() != version


@pytest.mark.django_db
def test_every_table_the_statistics_read_changes_the_version(seeded):
    """A figure or label reading a table without the trigger could be served stale."""
    with CaptureQueriesContext(connection) as queries:
        for group in (None, *GROUPINGS):
            for name in FIGURES:
                try:
                    statistics_table(StatisticsFilter(date_from=ON), group, figures=[name])
                except ApplicationError:  # a grouping the figure does not answer
                    continue
    read = {
        table for query in queries for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])
    }
    assert {"inspection_village", "rounds_team", "rectification_feedback"} <= read
    assert read <= set(TRACKED_TABLES)
