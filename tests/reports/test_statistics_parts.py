"""County-wide figures as the sum of their parts (reports.statistics.partitioned): over the
demo county and randomized writes of every kind, the cached answer summed from the parts
is the plain answer, figure by figure and grouping by grouping; a write in one town
computes one part again, and leaves an answer about another town cached.

Transactional (committed writes): the cache is bypassed inside a transaction.
"""

import datetime
import json
import random
import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from findings.models import Clue, Problem
from inspection.choices import UserRole
from inspection.errors import ApplicationError
from inspection.models import Term, Town, User, Village
from rectification.choices import ItemStatus
from rectification.models import RectificationItem
from reports.api.views import money_as_text
from reports.models import StatisticsTownChange
from reports.statistics import (
    FIGURES,
    GROUPINGS,
    StatisticsFilter,
    statistics_answer,
    statistics_table,
)
from reports.statistics.cache import cached_statistics_table
from reports.statistics.towns import EVERYWHERE, NAMES, UNPLACED
from rounds.choices import RoundStatus
from rounds.models import Assignment, InspectionRound, Interview, Petition

PARTS = 4
committed = pytest.mark.django_db(transaction=True)
pytestmark = [committed, pytest.mark.postgres, pytest.mark.usefixtures("on_postgres")]
API_QUESTIONS = [
    (f"/api/v1/statistics/{'?group_by=' + group if group else ''}", group, None)
    for group in (None, "town", "village", "round", "team", "term")
] + [("/api/v1/statistics/interviews/?group_by=village", "village", ["interviews"])]
QUESTIONS = [(group, None) for group in (None, *GROUPINGS)] + [
    (group, [name]) for group in (None, "town", "round") for name in FIGURES
]


def plain_and_cached(group, figures, filters=None):
    filters = filters or StatisticsFilter()
    try:
        plain = statistics_table(filters, group, figures=figures)
    except ApplicationError:
        with pytest.raises(ApplicationError):
            cached_statistics_table(filters, group, figures=figures)
        return None, None
    return plain, cached_statistics_table(filters, group, figures=figures)


def assert_sums_are_plain(label: str):
    for group, figures in QUESTIONS:
        plain, summed = plain_and_cached(group, figures)
        assert summed == plain, (label, group, figures)
    reader = User.objects.filter(role=UserRole.OFFICE_STAFF).first()
    client = APIClient()
    client.force_authenticate(reader)
    for path, group, figures in API_QUESTIONS:  # the JSON body, written from the parts
        answer = client.get(path)
        assert answer.status_code == 200, (label, path)
        plain = money_as_text(statistics_answer(StatisticsFilter(), group, figures=figures))
        assert answer.json() == json.loads(json.dumps(plain)), (label, path)


def other_town_assignment(rng, assignment):
    return rng.choice(
        list(Assignment.objects.exclude(town_id=assignment.town_id).order_by("pk")[:50])
    )


def random_writes(rng: random.Random) -> None:
    """One write of each kind, on rows picked at random."""
    interviews = list(Interview.objects.order_by("pk").values_list("pk", "assignment_id")[:200])
    pk, assignment_id = rng.choice(interviews)
    moved_to = other_town_assignment(rng, Assignment.objects.get(pk=assignment_id))
    Interview.objects.filter(pk=pk).update(assignment=moved_to)  # a row changes town
    item = rng.choice(list(RectificationItem.objects.order_by("pk")[:200]))
    RectificationItem.objects.filter(pk=item.pk).update(
        status=rng.choice([ItemStatus.CLOSED, ItemStatus.IN_PROGRESS, ItemStatus.SUBMITTED]),
        deadline=timezone.localdate() + datetime.timedelta(days=rng.randint(-30, 30)),
    )
    petition = rng.choice(list(Petition.objects.order_by("pk")[:100]))
    Petition.objects.filter(pk=petition.pk).update(assignment=None)  # no place any more
    clue = Clue.objects.order_by("?").first()
    if clue is not None:
        Clue.objects.filter(pk=clue.pk).update(assignment=None)
    problem = rng.choice(list(Problem.objects.order_by("pk")[:200]))
    with connection.cursor() as cursor:  # raw SQL, as an import writes
        cursor.execute(
            "UPDATE findings_problem SET amount = amount + %s WHERE id = %s",
            [rng.randint(1, 5000), problem.pk],
        )
    village = rng.choice(list(Village.objects.order_by("pk")[:200]))
    Village.objects.filter(pk=village.pk).update(is_active=not village.is_active)
    some_round = rng.choice(list(InspectionRound.objects.order_by("pk")))
    InspectionRound.objects.filter(pk=some_round.pk).update(
        status=rng.choice([RoundStatus.ON_SITE, RoundStatus.FEEDBACK, some_round.status])
    )
    copies = Interview.objects.order_by("?")[:3]
    Interview.objects.bulk_create(
        [
            Interview(
                assignment_id=copy.assignment_id,
                held_at=copy.held_at,
                interviewee_name=f"抽查{rng.randint(1, 10**6)}",
                interviewee_category=copy.interviewee_category,
                recorded_by_id=copy.recorded_by_id,
            )
            for copy in copies
        ]
    )
    Interview.objects.filter(pk=rng.choice(interviews)[0]).delete()


@override_settings(INSPECTION_STATISTICS_PARTS=PARTS)
@pytest.mark.slow
def test_the_sum_of_the_parts_is_the_plain_answer_and_fresh_after_every_write(seeded):
    """One test: the module's county is seeded once, and a transactional test's end
    empties the database."""
    assert Town.objects.count() > PARTS  # several towns a part: parts are sums
    step_each_write_records_the_towns_it_touched()
    step_a_write_in_one_town_computes_one_part_again()
    step_a_narrower_readers_answer_is_never_the_countys()
    assert_sums_are_plain("cold")
    assert_sums_are_plain("warm")
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    for step in range(3):
        random_writes(rng)
        assert_sums_are_plain(f"seed {seed}, after writes {step}")


def figure_queries(queries) -> list:
    tables = ("rounds_interview", "findings_problem", "rectification_rectificationitem")
    return [q for q in queries if any(table in q["sql"] for table in tables)]


def step_a_write_in_one_town_computes_one_part_again():
    everything = StatisticsFilter()
    first = cached_statistics_table(everything, "village")
    interview = Interview.objects.select_related("assignment").order_by("pk").first()
    town_id = interview.assignment.town_id
    Interview.objects.filter(pk=interview.pk).update(interviewee_name="改")  # one town
    with CaptureQueriesContext(connection) as queries:
        again = cached_statistics_table(everything, "village")
    assert again == statistics_table(everything, "village")
    computed = figure_queries(queries)
    # Every figure query of the answer reads the written town's part: its town list holds
    # that town and only towns of its part.
    for query in computed:
        lists = re.findall(r'"town_id" IN \(([^)]*)\)', query["sql"])
        assert lists, query["sql"]
        towns = {int(town) for found in lists for town in found.split(",")}
        assert town_id in towns and {town % PARTS for town in towns} == {town_id % PARTS}
    assert computed
    assert len(computed) <= len(FIGURES)
    assert first == again  # a rename of an interviewee changes no figure

    # Writes in towns of two parts: both parts computed again together, a query a figure.
    two = list(
        Interview.objects.order_by("assignment__town_id")
        .values_list("pk", "assignment__town_id")
        .distinct("assignment__town_id")
    )
    written = [pk for pk, town in two if town % PARTS in (0, 1)][:2]
    Interview.objects.filter(pk__in=written).update(interviewee_name="再改")
    with CaptureQueriesContext(connection) as queries:
        assert cached_statistics_table(everything, "town") == statistics_table(everything, "town")
    assert len(figure_queries(queries)) <= len(FIGURES)

    # An answer about a town in another part is kept; the written town's is fresh.
    other = Town.objects.exclude(
        pk__in=[
            t for t in Town.objects.values_list("pk", flat=True) if t % PARTS == town_id % PARTS
        ]
    ).first()
    mine, theirs = StatisticsFilter(town_id=town_id), StatisticsFilter(town_id=other.pk)
    cached_statistics_table(mine), cached_statistics_table(theirs)
    Interview.objects.filter(pk=interview.pk).delete()
    with CaptureQueriesContext(connection) as queries:
        kept = cached_statistics_table(theirs)
    assert not figure_queries(queries)
    assert kept == statistics_table(theirs)
    assert cached_statistics_table(mine) == statistics_table(mine)


def marks_of(write) -> set[int]:
    """The towns and marks ``write`` recorded (the change rows are never deleted here: a
    version must never go back)."""
    last = StatisticsTownChange.objects.order_by("-pk").values_list("pk", flat=True).first()
    write()
    return set(StatisticsTownChange.objects.filter(pk__gt=last or 0).values_list("town", flat=True))


def step_each_write_records_the_towns_it_touched():
    item = RectificationItem.objects.select_related("problem__assignment").first()
    town = item.problem.assignment.town_id
    assert marks_of(lambda: RectificationItem.objects.filter(pk=item.pk).update(measures="x")) == {
        town
    }
    interview = Interview.objects.select_related("assignment").first()
    moved_to = Assignment.objects.exclude(town_id=interview.assignment.town_id).first()
    assert marks_of(
        lambda: Interview.objects.filter(pk=interview.pk).update(assignment=moved_to)
    ) == {interview.assignment.town_id, moved_to.town_id}  # the row's town before and after
    petition = Petition.objects.filter(assignment__isnull=False).first()
    assert marks_of(lambda: Petition.objects.filter(pk=petition.pk).update(assignment=None)) == {
        petition.assignment.town_id,
        UNPLACED,
    }
    a_town = Town.objects.first()
    assert marks_of(lambda: Town.objects.filter(pk=a_town.pk).update(name="新名")) == {
        a_town.pk,
        NAMES,
    }
    assert EVERYWHERE in marks_of(lambda: Term.objects.update(name="届"))
    assert marks_of(lambda: None) == set()


def step_a_narrower_readers_answer_is_never_the_countys():
    """After the county-wide answer is cached from its parts, a town's officer and a team's
    inspector asking the same question get their own scope's figures (the key names the
    filter their scope made), and the county reader still the county's."""
    county = User.objects.filter(role=UserRole.OFFICE_STAFF).first()
    town = Town.objects.order_by("pk").first()
    officer = User.objects.create_user(
        username="乡镇联络员_parts", password="x", role=UserRole.RECTIFICATION_OFFICER, town=town
    )
    for user, filters in (
        (county, StatisticsFilter()),
        (officer, StatisticsFilter(town_id=town.pk)),
    ):
        client = APIClient()
        client.force_authenticate(user)
        for group in ("village", None):
            path = f"/api/v1/statistics/{'?group_by=' + group if group else ''}"
            plain = money_as_text(statistics_answer(filters, group))
            assert client.get(path).json() == json.loads(json.dumps(plain)), (user, path)
    client = APIClient()
    client.force_authenticate(officer)
    villages = {row["key"] for row in client.get("/api/v1/statistics/?group_by=village").json()}
    ours = {str(pk) for pk in Village.objects.filter(town=town).values_list("pk", flat=True)}
    assert villages - {None} <= ours
