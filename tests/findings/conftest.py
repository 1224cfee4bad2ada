import pytest

from tests.world import build_world


@pytest.fixture
def world():
    """The small county of tests/world.py, its round on site."""
    return build_world()
