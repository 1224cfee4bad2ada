"""回头看 figures: the villages revisited and what the look-back teams found (真改 / 假改 /
反弹, and the items reopened: 反弹回潮).

A village counts as revisited when it has an assignment in a 回头看 round that reached
进驻 (by the day asked, as the coverage counts), within the filter's places and
terms (every term unless one is asked for, unlike the coverage's current term) and
whatever the dates. A verdict counts on the
day it was given, within the filter's dates and no later than the day asked (``on``),
once it is told: at the look-back's feedback to the village, or at once when it reopened
an item. One query.
"""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from rectification.choices import LookBackVerdict
from rectification.look_back_rules import told_to_the_unit
from reports.statistics.figures import Figures, _aggregate, reached_on_site
from reports.statistics.scope import (
    PLACE_TOWN,
    StatisticsFilter,
    group_field,
    placed_by_village,
)
from rounds.choices import RoundMode
from rounds.models import Assignment

CHECKED_ON = "look_back_checks__checked_at__date"


def look_back(
    filters: StatisticsFilter, group_by: str | None = None, on: datetime.date | None = None
) -> Figures:
    """回头看 村数 and its verdicts: 真改, 假改, 反弹, and the items they reopened."""
    on = on or timezone.localdate()
    # A verdict is counted once told (the unit reads its own statistics).
    told = told_to_the_unit("look_back_checks__", "feedback", on)
    checked = filters.dates(CHECKED_ON) & Q(**{f"{CHECKED_ON}__lte": on}) & told
    verdict = "look_back_checks__verdict"
    return _aggregate(
        look_back_rows(filters, on),
        group_field(group_by, "", town=PLACE_TOWN),
        look_back_villages=Count("village_id", distinct=True),
        look_back_checked=Count("look_back_checks", filter=checked),
        look_back_genuine=Count(
            "look_back_checks", filter=checked & Q(**{verdict: LookBackVerdict.GENUINE})
        ),
        look_back_sham=Count(
            "look_back_checks", filter=checked & Q(**{verdict: LookBackVerdict.SHAM})
        ),
        look_back_relapsed=Count(
            "look_back_checks", filter=checked & Q(**{verdict: LookBackVerdict.RELAPSED})
        ),
        look_back_reopened=Count(
            "look_back_checks", filter=checked & Q(look_back_checks__reopened=True)
        ),
    )


def look_back_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The 回头看 assignments ``look_back`` counts (its villages and their verdicts)."""
    return placed_by_village(Assignment.objects, filters).filter(
        filters.condition("", part_town=PLACE_TOWN),
        reached_on_site(on or timezone.localdate()),
        round__mode=RoundMode.LOOK_BACK,
        village__isnull=False,
    )
