"""Coverage follows the county's mode setting: a village inspected only in a mode that does
not count is not covered; a 回头看 never covers (docs/DOMAIN.md, "Places")."""

import pytest
from rest_framework.test import APIClient

from inspection.choices import UserRole
from reports.statistics import figures as fig
from reports.statistics.scope import StatisticsFilter
from rounds.choices import RoundMode, RoundStatus
from rounds.models import Assignment, InspectionMode
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db


def covered(world) -> dict:
    return fig.coverage(StatisticsFilter(term_id=world.round.term_id), "town")


def test_a_village_inspected_only_in_a_thematic_round_is_covered_as_the_setting_says():
    world = build_world(round_status=RoundStatus.ON_SITE)
    thematic = f.mode_of(RoundMode.THEMATIC)
    Assignment.objects.filter(pk=world.assignment_a.pk).update(mode=thematic, theme="低保")
    assert covered(world)[world.town_a.pk]["inspected"] == 0
    assert covered(world)[world.town_b.pk]["inspected"] == 1
    InspectionMode.objects.filter(pk=thematic.pk).update(counts_toward_coverage=True)
    assert covered(world)[world.town_a.pk]["inspected"] == 1


def test_a_look_back_never_covers():
    world = build_world(round_status=RoundStatus.CLOSED)
    Assignment.objects.filter(round=world.round).update(mode=f.mode_of(RoundMode.REGULAR))
    assert covered(world)[world.town_a.pk]["inspected"] == 1
    Assignment.objects.filter(round=world.round).update(
        mode=f.mode_of(RoundMode.THEMATIC)
    )  # the earlier round did not count; its look-back does not make it count
    revisiting = world.look_back_round(revisits=world.round)
    f.AssignmentFactory(round=revisiting, village=world.assignment_a.village, town=world.town_a)
    type(revisiting).objects.filter(pk=revisiting.pk).update(status=RoundStatus.ON_SITE)
    assert covered(world)[world.town_a.pk]["inspected"] == 0


def test_the_api_answers_anew_when_the_setting_changes():
    world = build_world(round_status=RoundStatus.ON_SITE)
    client = APIClient()
    client.force_authenticate(f.UserFactory(role=UserRole.STATISTICS_CLIENT))
    url = "/api/v1/statistics/coverage/"
    query = {"group_by": "town", "term": world.round.term_id}

    def town_a() -> int:
        answer = client.get(url, query)
        assert answer.status_code == 200, answer.content
        row = next(row for row in answer.json() if row["label"] == world.town_a.name)
        return row["figures"]["inspected"]

    assert town_a() == 1
    regular = f.mode_of(RoundMode.REGULAR)
    InspectionMode.objects.filter(pk=regular.pk).update(counts_toward_coverage=False)
    assert town_a() == 0
