"""The demo's clock reaches every moment the product stamps (demo/county/clock.py)."""

import datetime
import re
from pathlib import Path

from django.utils import timezone

from demo.county.clock import travel

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("inspection", "rounds", "findings", "rectification", "reports")
# The wall clock read another way than timezone.now(): the demo could not set it.
OTHER_CLOCKS = re.compile(
    r"datetime\.now\(|datetime\.utcnow\(|date\.today\(|from django\.utils\.timezone import"
)


def test_travel_sets_now_localdate_and_localtime():
    moment = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 30))
    with travel(moment):
        assert timezone.now() == moment
        assert timezone.localdate() == datetime.date(2026, 3, 2)
        assert timezone.localtime().hour == 9
    assert timezone.now() != moment


def test_the_product_reads_the_date_only_through_timezone_now():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for app in PRODUCT
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OTHER_CLOCKS.search(line)
    ]
    assert offenders == []


def test_travel_reaches_fields_whose_default_is_now():
    from inspection.models import Notification
    from rectification.models import ProgressUpdate, Verification

    moment = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 30))
    with travel(moment):
        assert ProgressUpdate().created_at == moment
        assert Verification().verified_at == moment
        assert Notification().created_at == moment
    assert ProgressUpdate().created_at != moment
