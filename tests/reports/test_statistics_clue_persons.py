"""线索移交 and 立案 in 件 and 人 (reports.statistics.figures.clues): a clue counts once, its
persons concerned each once; the API, the dashboard and the workbook read the same figure."""

import datetime

import pytest
from rest_framework.test import APIClient

from findings.choices import ClueOutcome, ClueStatus
from reports.statistics import StatisticsFilter
from reports.statistics import figures as fig
from reports.statistics.persons import clue_persons
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 30)


def clues_of(world):
    """Three transferred clues: one about two persons, one concluded with a case on one
    person; a proposed clue (not transferred) about a third person."""
    two = world.clue(status=ClueStatus.TRANSFERRED)  # 赵德明
    f.ClueSubjectFactory(clue=two, name="钱卫国")
    world.clue(status=ClueStatus.RECEIVED)
    world.concluded_clue(
        outcome=ClueOutcome.CASE_FILED, persons=[{"case_filed": True}], concluded_on=DAY
    )
    f.ClueSubjectFactory(clue=world.clue(), name="孙立")


def test_transfers_and_cases_in_pieces_and_persons():
    world = build_world()
    clues_of(world)
    row = fig.clues(StatisticsFilter(round_id=world.round.pk))[None]
    row |= clue_persons(StatisticsFilter(round_id=world.round.pk))[None]
    assert row["clues_transferred"] == 3
    assert row["persons_transferred"] == 4  # two, one, one
    assert row["cases_filed"] == 1 and row["persons_case_filed"] == 1
    assert row["case_rate"] == round(1 / 3, 4)


def test_grouped_by_town_the_persons_follow_their_clues():
    world = build_world()
    clues_of(world)
    f.ClueSubjectFactory(
        clue=world.clue(status=ClueStatus.TRANSFERRED, assignment=world.assignment_b)
    )
    by_town = fig.clues(StatisticsFilter(round_id=world.round.pk), group_by="town")
    assert by_town[world.town_a.pk]["persons_transferred"] == 4
    assert by_town[world.town_b.pk]["clues_transferred"] == 1
    assert by_town[world.town_b.pk]["persons_transferred"] == 2


def test_the_api_and_the_dashboard_report_both():
    world = build_world()
    clues_of(world)
    client = APIClient()
    client.force_authenticate(world.office)
    figures = client.get("/api/v1/statistics/", {"round": world.round.pk}).json()[0]["figures"]
    assert figures["clues_transferred"] == 3 and figures["persons_transferred"] == 4
    assert figures["cases_filed"] == 1 and figures["persons_case_filed"] == 1
    client.force_login(world.office)
    page = client.get("/", {"round": world.round.pk}).content.decode()
    assert "涉及 4 人 · 立案 1 件 1 人" in page
