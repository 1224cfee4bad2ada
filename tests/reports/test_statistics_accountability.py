"""问责 figures (reports/statistics/accountability.py): decisions by form, organisations
and persons apart, not-pursued apart, 第一种形态 apart; by place and date."""

import datetime

import pytest
from django.utils import timezone

from reports.statistics.accountability import accountability
from reports.statistics.scope import StatisticsFilter
from rounds.choices import RoundStatus
from tests.rectification.accountability_kit import (
    decided,
    first_form,
    organisation_proposal,
    proposal,
)
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world(round_status=RoundStatus.RECTIFICATION)


TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def record(world):
    decided(world, proposal(world), form="admonishment")
    decided(world, proposal(world), form="disciplinary")
    decided(world, proposal(world, world.assignment_b), form="admonishment")
    decided(world, organisation_proposal(world), form="org_reorganised")
    decided(world, organisation_proposal(world), pursued=False)
    proposal(world)  # not yet decided
    first_form(world)
    first_form(world, kind="criticism")
    first_form(world, world.assignment_b, conducted_on=TODAY() - 9 * DAY)


def test_counts_by_form_persons_and_organisations_apart_first_form_apart(world):
    record(world)
    (row,) = accountability(StatisticsFilter()).values()
    assert (row["accountability_proposed"], row["accountability_pending"]) == (6, 1)
    assert (row["accountability_persons"], row["accountability_organisations"]) == (3, 1)
    assert row["accountability_not_pursued"] == 1
    assert (row["accountability_admonishment"], row["accountability_disciplinary"]) == (2, 1)
    assert (row["accountability_org_reorganised"], row["accountability_circulated"]) == (1, 0)
    # 约谈 and 批评教育 are not 问责: counted apart, never in the persons.
    assert (row["first_form"], row["first_form_talks"], row["first_form_criticisms"]) == (3, 2, 1)


def test_by_town_and_date(world):
    record(world)
    by_town = accountability(StatisticsFilter(), group_by="town")
    assert by_town[world.town_b.pk]["accountability_persons"] == 1
    assert by_town[world.town_b.pk]["accountability_organisations"] == 0
    assert by_town[world.town_a.pk]["first_form"] == 2
    recent = accountability(StatisticsFilter(date_from=TODAY() - DAY))[None]
    assert (recent["first_form"], recent["accountability_persons"]) == (2, 3)
