"""A village moved to another town (a village import writes its new town; its earlier
assignments keep the town they were made in): the parts still count it once where the
plain figures do (reports.statistics.partitioned). 被巡察党组织 and 回头看村数 count
villages once, and a village's assignments now lie in two towns.

Transactional (committed writes): the cache is bypassed inside a transaction.
"""

import pytest
from django.test import override_settings

from inspection.models import Town, Village
from reports.models import StatisticsTownChange
from reports.statistics import StatisticsFilter, statistics_table
from reports.statistics.cache import cached_statistics_table
from rounds.choices import RoundMode, RoundStatus
from rounds.models import Assignment, InspectionRound
from tests.factories import (
    AssignmentFactory,
    InspectionRoundFactory,
    TownFactory,
    VillageFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.usefixtures("on_postgres"),
]


def look_back_round():
    return InspectionRoundFactory(
        mode=RoundMode.LOOK_BACK, status=RoundStatus.ON_SITE, revisits=InspectionRoundFactory()
    )


@override_settings(INSPECTION_STATISTICS_PARTS=4)
def test_a_village_moved_to_another_town_counts_once():
    first = AssignmentFactory(round=look_back_round())
    village = first.village
    elsewhere = TownFactory()
    while elsewhere.pk % 4 == village.town_id % 4:  # a town of another part
        elsewhere = TownFactory()
    Village.objects.filter(pk=village.pk).update(town=elsewhere)
    village.refresh_from_db()
    second = AssignmentFactory(
        village=village,
        round=look_back_round(),
    )
    county = StatisticsFilter()
    for group in (None, "village", "town", "round"):
        for figures in (["organisations"], ["look_back"]):
            plain = statistics_table(county, group, figures=figures)
            assert cached_statistics_table(county, group, figures=figures) == plain, group
    (row,) = statistics_table(county, None, figures=["organisations", "look_back"])
    assert (row["organisations_villages"], row["look_back_villages"]) == (1, 1)

    # Fresh after writes to the earlier assignment's side: its round's status marks the
    # village's town, where the assignment is counted, as well as its own.
    Assignment.objects.filter(pk=second.pk).delete()
    assert cached_statistics_table(county, figures=["organisations"]) == statistics_table(
        county, figures=["organisations"]
    )
    InspectionRound.objects.filter(pk=first.round_id).update(status=RoundStatus.PREPARATION)
    (row,) = cached_statistics_table(county, figures=["organisations"])
    assert row["organisations_villages"] == 0


def test_parts_of_another_number_of_parts_are_not_read():
    """Part 1 of 2 is not part 1 of 4: a change of INSPECTION_STATISTICS_PARTS (or two
    processes set apart) meets the other number's parts in the shared cache, their
    versions alike (every part's 0 where the data was written before the triggers)."""
    for _ in range(4):  # towns in each part of 4
        AssignmentFactory(round=InspectionRoundFactory(status=RoundStatus.ON_SITE))
    StatisticsTownChange.objects.all().delete()  # as a database upgraded to the parts
    county = StatisticsFilter()
    plain = statistics_table(county, "town", figures=["organisations"])
    for parts in (4, 2):
        with override_settings(INSPECTION_STATISTICS_PARTS=parts):
            answer = cached_statistics_table(county, "town", figures=["organisations"])
            assert answer == plain, parts


def test_an_answer_about_a_town_is_not_read_across_numbers_of_parts():
    """A town's answer is cached under its part's version, which another number of parts
    makes of other towns' writes: here 1 of its neighbour's under 2 parts, then 1 of its
    own under 4."""
    mine = AssignmentFactory(round=InspectionRoundFactory(status=RoundStatus.ON_SITE))
    town = mine.town
    village = VillageFactory(town=town)
    neighbour = TownFactory()
    while neighbour.pk % 4 != (town.pk + 2) % 4:  # with it in 2 parts, not in 4
        neighbour = TownFactory()
    StatisticsTownChange.objects.all().delete()  # as a database upgraded to the parts
    Town.objects.filter(pk=neighbour.pk).update(code=neighbour.code)  # its version 1
    filters = StatisticsFilter(town_id=town.pk)
    with override_settings(INSPECTION_STATISTICS_PARTS=2):
        cached_statistics_table(filters, figures=["organisations"])
    StatisticsTownChange.objects.filter(town=neighbour.pk).delete()
    AssignmentFactory(village=village, round=mine.round, team=mine.team)  # the town's 1
    with override_settings(INSPECTION_STATISTICS_PARTS=4):
        (row,) = cached_statistics_table(filters, figures=["organisations"])
    assert row["organisations_villages"] == 2
