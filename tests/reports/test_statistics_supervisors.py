"""A supervisor (纪委监委, 组织部) and a town's reviewer read the statistics of their reach:
their town, or, for a county-wide supervisor, the county (reports/statistics/scope.py)."""

import pytest

from findings.choices import ProblemStatus
from inspection.choices import ReceivingBody, UserRole
from tests import factories as f
from tests.reports.test_api import as_user, problems_by_label
from tests.world import build_world

pytestmark = pytest.mark.django_db

PROBLEMS = "/api/v1/statistics/problems/"


@pytest.fixture
def world():
    world = build_world()
    world.problem(status=ProblemStatus.CONFIRMED)
    world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
    world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
    return world


@pytest.mark.parametrize("persona", ["supervisor_a", "reviewer_a"])
def test_a_towns_supervisor_and_reviewer_see_their_town_only(world, persona):
    client = as_user(world.users[persona])
    assert problems_by_label(client.get(PROBLEMS, {"group_by": "town"})) == {"甲镇": 1}
    assert problems_by_label(client.get(PROBLEMS, {"town": world.town_b.pk})) == {"合计": 1}


def test_a_county_wide_supervisor_sees_the_county(world):
    county = f.UserFactory(role=UserRole.SUPERVISOR, receiving_body=ReceivingBody.ORGANISATION)
    answer = as_user(county).get(PROBLEMS, {"group_by": "town"})
    assert problems_by_label(answer) == {"甲镇": 1, "乙镇": 2}
