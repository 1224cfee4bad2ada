"""被巡察党组织数 (docs/DOMAIN.md statistics table): the party organisations inspected, by kind
(乡镇党委 / 村 / 社区) and by mode (巡察方式's category).

An organisation is inspected by an assignment of a round that reached 进驻: a village's
party organisation (村 or 社区 by the village's kind), or the town party committee itself
(镇村一体: an assignment with no village). Each organisation counts once a group: a
village inspected in two rounds of a term is one 被巡察党组织 of the term, one of each round.
Every mode counts, 回头看 included (coverage is the figure that leaves it out); by the day
the team went in (``on_site_from``) when the filter has dates. One query.
"""

import datetime

from django.db.models import Count, Q, QuerySet

from inspection.choices import VillageKind
from reports.statistics.as_of import standing
from reports.statistics.figures import Figures, _aggregate, reached_on_site
from reports.statistics.scope import (
    PLACE_TOWN,
    StatisticsFilter,
    group_field,
    placed_by_village,
)
from rounds.choices import RoundMode
from rounds.models import Assignment

TOWN_COMMITTEE = Q(village__isnull=True)
EVERY = Q()


def _organisations(condition: Q = EVERY) -> dict:
    """Villages, then town committees, each once (a town's committee is its town)."""
    return {
        "villages": Count("village", distinct=True, filter=condition & ~TOWN_COMMITTEE),
        "committees": Count("town", distinct=True, filter=condition & TOWN_COMMITTEE),
    }


def organisation_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The assignments of rounds that reached 进驻 that ``organisations`` counts."""
    return placed_by_village(standing(Assignment, on), filters).filter(
        filters.condition("", "on_site_from", part_town=PLACE_TOWN), reached_on_site(on)
    )


def organisations(
    filters: StatisticsFilter, group_by: str | None = None, *, on: datetime.date | None = None
) -> Figures:
    """被巡察党组织数: in all, 乡镇党委, 村, 社区, and ``organisations_<mode>`` for each
    巡察方式 category (the assignments and rounds' stages as they stood on ``on``)."""
    parts = {
        "all": _organisations(),
        "village": {
            "villages": Count("village", distinct=True, filter=Q(village__kind=VillageKind.VILLAGE))
        },
        "community": {
            "villages": Count(
                "village", distinct=True, filter=Q(village__kind=VillageKind.COMMUNITY)
            )
        },
        **{mode: _organisations(Q(mode__kind=mode)) for mode in RoundMode.values},
    }
    aggregates = {
        f"n_{part}_{name}": count
        for part, counts in parts.items()
        for name, count in counts.items()
    }
    rows = _aggregate(
        organisation_rows(filters, on),
        group_field(group_by, "", town=PLACE_TOWN),
        **aggregates,
    )
    return {key: _figures_of(row) for key, row in rows.items()}


def _figures_of(row: dict) -> dict:
    def whole(part: str) -> int:
        return row[f"n_{part}_villages"] + row.get(f"n_{part}_committees", 0)

    return {
        "organisations_inspected": whole("all"),
        "organisations_town_committees": row["n_all_committees"],
        "organisations_villages": row["n_village_villages"],
        "organisations_communities": row["n_community_villages"],
        **{f"organisations_{mode}": whole(mode) for mode in RoundMode.values},
    }
