"""The benchmark's writer cannot rot: on the tiny scale data, committed, the writer process
is started as ``python -m bench`` starts it, resumed for a second and a half and paused.
Its writes went through the services (each move of an item has its history row), paced
near its rate, none refused or failed, and nothing is written while it is paused."""

import io
import time
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

from bench.writer import Writer
from rectification.models import ProgressUpdate, RectificationItem
from rounds.models import Interview

pytestmark = pytest.mark.django_db(transaction=True)


def database_url() -> str:
    """This test database's URL, for the writer's own process."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{quote(db['USER'])}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def counts() -> dict:
    return {
        "interviews": Interview.objects.count(),
        "progress": ProgressUpdate.objects.count(),
        "item history": RectificationItem.history.count(),
    }


def test_the_writer_writes_through_the_services_at_its_pace_and_stops_when_paused(
    on_postgres, tmp_path
):
    call_command("seed_scale", "--preset", "tiny", "--force", stdout=io.StringIO())
    before = counts()

    with Writer(database_url(), rate=10, media=tmp_path) as writer:
        assert writer.sizes["teams on site"] > 0 and writer.sizes["open items"] > 0
        started = writer.resume()
        time.sleep(1.5)
        paused = writer.pause()
        still = counts()
        time.sleep(0.3)
        assert counts() == still  # paused: nothing written
    summary = writer.summary

    assert started["writes"] == 0 and paused["writes"] == summary["writes"]
    assert summary["failed"] == 0, summary["failures"]
    assert summary["refused"] == 0, summary["refusals"]
    assert 5 <= summary["writes"] <= 16  # 10 a second for 1.5 s, paced: no burst
    done = summary["by_kind"]
    after = counts()
    assert after["interviews"] - before["interviews"] == done.get("interview", 0)
    assert after["progress"] - before["progress"] == done.get("progress", 0)
    item_moves = summary["writes"] - done.get("interview", 0)
    assert after["item history"] - before["item history"] == item_moves
