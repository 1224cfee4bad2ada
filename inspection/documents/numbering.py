"""Document numbers: per kind and year, unique and without gaps.

The counter row of (kind, year) is locked (SELECT … FOR UPDATE) inside the generating
transaction and held until it ends: a second generation waits, then takes the next
number; a generation that fails rolls its increment back with everything else, so no
number is lost. (One county per installation: "per county" is per installation.)
"""

from django.db import IntegrityError, transaction

from inspection.documents.models import DocumentCounter


def next_sequence(kind: str, year: int) -> int:
    """The next number of ``kind`` in ``year``. Must run inside the generating transaction."""
    assert transaction.get_connection().in_atomic_block, "numbers are taken in a transaction"
    if not DocumentCounter.objects.filter(kind=kind, year=year).exists():
        try:
            with transaction.atomic():  # a savepoint: a concurrent first insert may win
                DocumentCounter.objects.create(kind=kind, year=year, last=0)
        except IntegrityError:
            pass
    counter = DocumentCounter.objects.select_for_update().get(kind=kind, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
