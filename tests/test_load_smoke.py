"""The load script cannot rot: ``python -m bench.users``'s users, one of each kind, for a
journey each against a live server holding the demo county. Every request answers
without an error, every journey runs, and the team's interview and the officer's
progress report are saved as a person would see them.
"""

import pytest
from django.test import override_settings

from bench.accounts import JOURNEYS, prepare
from bench.users import run
from bench.users_report import summarise
from tests.seeding import FAST_HASHERS

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def plans(seeded, django_db_blocker):
    """One account of each kind, committed (the live server reads them on PostgreSQL)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        return prepare(total=len(JOURNEYS))


def test_one_user_of_each_kind_runs_its_journey_without_an_error(plans, site):
    from rectification.models import ProgressUpdate
    from rounds.models import Interview

    assert sorted(plan["journey"] for plan in plans) == sorted(name for name, *_ in JOURNEYS)

    # Each user's journey once, however long the server takes (not a 5-second window,
    # in which a slow machine finished some journeys before their writes).
    samples, window = run(site, plans, seconds=None, journeys=1, think=(0.05, 0.2), spawn=0.05)
    result = summarise(samples, window, plans)

    assert result["total"]["errors"] == 0, result["error_samples"]
    assert result["sign_in"]["requests"] == 2 * (len(plans) - 1)  # the REST client has a token
    ran = {row["journey"] for row in result["types"]}
    assert ran == {name for name, *_ in JOURNEYS}
    saved = {row["name"] for row in result["types"] if row["name"].startswith("POST")}
    assert saved == {
        "POST /team/assignments/<id>/interviews/new/",
        "POST /ledger/items/<id>/progress/",
    }
    assert Interview.objects.filter(recorded_by__username="load_team_01").exists()
    assert ProgressUpdate.objects.filter(author__username="load_officer_01").exists()
