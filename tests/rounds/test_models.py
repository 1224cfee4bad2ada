import pytest

from rounds.models.rounds import chinese_ordinal
from tests import factories as f


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (25, "二十五"),
        (99, "九十九"),
        (100, "100"),
    ],
)
def test_team_numbers_read_as_chinese_ordinals(number, text):
    assert chinese_ordinal(number) == text


@pytest.mark.django_db
def test_team_name_and_assignment_target():
    assignment = f.AssignmentFactory(team__number=3)
    assert assignment.team.name == "第三巡察组"
    assert assignment.target_name == assignment.village.name
    committee = f.AssignmentFactory(village=None, town=f.TownFactory(name="西夏墅镇"))
    assert committee.target_name == "西夏墅镇党委"
