"""A seed that fails leaves no evidence file behind, as a failed request does not."""

import pytest

from inspection.models import Town
from rectification.models import ProgressEvidence
from tests.seeding import seed

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_failed_seed_removes_the_evidence_it_uploaded(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    uploaded = []

    def refuse(**kwargs):
        uploaded.extend(path for path in tmp_path.rglob("*") if path.is_file())
        raise RuntimeError("the database went away")

    # The first request to close an item comes after its evidence was uploaded.
    monkeypatch.setattr("demo.county.ledger.item_submit", refuse)
    with pytest.raises(RuntimeError):
        seed()
    assert uploaded
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]
    assert not Town.objects.exists() and not ProgressEvidence.objects.exists()
