import pytest

from rounds.choices import RoundStatus
from tests.world import build_world


@pytest.fixture
def world():
    """The small county of tests/world.py, its round still being planned."""
    return build_world(round_status=RoundStatus.PLANNING)
