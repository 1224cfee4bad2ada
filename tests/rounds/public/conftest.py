import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rounds.choices import RoundStatus
from tests import factories as f
from tests.rounds.helpers import set_round_status
from tests.world import build_world


@pytest.fixture(autouse=True)
def fresh_limits(settings, tmp_path):
    """Each test counts its own reports (the rate limits live in the cache) and stores
    its photos apart."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    world = build_world(round_status=RoundStatus.PLANNING)
    set_round_status(world, RoundStatus.ON_SITE)
    return world


@pytest.fixture
def notice(world):
    """The 进驻公告 of assignment A (team A's village), open for ten more days."""
    return f.EntryNoticeFactory(round=world.round, targets=[world.assignment_a])


@pytest.fixture
def code(notice):
    return notice.targets.get().public_code


def photo(name="现场.jpg", *, kind="JPEG", size=(64, 48), exif_gps=False) -> SimpleUploadedFile:
    """A small picture as a phone sends it (with a GPS position in its EXIF if asked)."""
    image = Image.new("RGB", size, (180, 40, 40))
    out = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif.get_ifd(0x8825)[2] = (31.0, 47.0, 0.0)  # GPSLatitude
        image.save(out, format=kind, exif=exif.tobytes())
    else:
        image.save(out, format=kind)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")
