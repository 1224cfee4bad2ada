import pytest

from rounds.choices import RoundStatus
from tests.world import build_world


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded evidence goes to a temporary directory, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world():
    """The small county with its round in rectification."""
    return build_world(round_status=RoundStatus.RECTIFICATION)
