"""A seed that fails leaves nothing behind: no row, and no evidence file, as a failed
request does not.

One seed failing half-way, in the ledger once the county, its rounds, problems and clues
are made and evidence is uploaded, outside any test transaction (the command's own
transaction is the one rolled back). It was two seeds of two thirds of the county, one
for the rows and one for the files, a minute of CPU each.
"""

import pytest

from findings.models import Clue, Problem
from inspection.models import Town, User, Village
from rectification.models import ProgressEvidence
from rounds.models import InspectionRound, Interview
from tests.seeding import seed

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_failed_seed_leaves_no_row_and_removes_the_evidence_it_uploaded(
    settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    uploaded = []

    def refuse(**kwargs):
        uploaded.extend(path for path in tmp_path.rglob("*") if path.is_file())
        assert Problem.objects.exists() and Clue.objects.exists()  # made, not yet committed
        raise RuntimeError("the database went away")

    # The first request to close an item comes after its evidence was uploaded.
    monkeypatch.setattr("demo.county.ledger.item_submit", refuse)
    with pytest.raises(RuntimeError):
        seed()
    assert uploaded
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]
    for model in (Town, Village, User, InspectionRound, Interview, Problem, Clue, ProgressEvidence):
        assert not model.objects.exists(), model
