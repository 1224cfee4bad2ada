"""A letter made after findings 0013 numbers after the letters the migration made. (The
migration itself, on the schema it was written for: tests/migration_journey.)"""

import datetime

import pytest
from django.utils import timezone

from findings.models import TransferLetter
from inspection.choices import ReceivingBody
from tests.findings.clue_chain import transfer

DAY = datetime.date(2026, 5, 6)


@pytest.mark.django_db
def test_a_new_letter_numbers_after_the_migrated_ones(world):
    year = timezone.localdate().year
    TransferLetter.objects.create(
        number=f"新巡移〔{year}〕7号",
        year=year,
        sequence=7,
        sent_on=DAY,
        body=ReceivingBody.COMMISSION,
        created_by=world.office,
    )
    letter = transfer(office=world.office, leadership=world.leadership, clue_ids=[world.clue().pk])
    assert (letter.sequence, letter.number) == (8, f"巡察移〔{year}〕8号")
