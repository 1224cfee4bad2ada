"""The persons of the clues' outcomes (docs/DOMAIN.md statistics table): 立案人数, 党纪处分人数,
政务处分人数, 处分人数, 处理处分人数, 诫勉/批评教育人数, 移送司法人数.

A person concerned (被反映人) counts once in each figure, whatever else befell them: one
filed, given a 党纪处分 and a 政务处分 is one in 处分人数 and one in 处理处分人数. 处分 is 党纪
or 政务 (or a migrated sanction whose kind was never recorded); 处理处分 is 处分, 组织处理
or 诫勉/批评教育. The persons are counted as their clues are in ``figures.clues``: the
clues handed over, by the day of transfer, places through the clue's round and optional
assignment. Outcomes are written once, when the clue is concluded
(``findings.services.clue_disposal.clue_conclude``): as of a past day, the persons of the
clues concluded by then, as the clues' history says. One query.
"""

import datetime

from django.db.models import Count, Q, QuerySet

from findings.choices import CLUE_STATUSES_TRANSFERRED
from findings.models import Clue, ClueSubject
from reports.statistics.as_of import is_past, standing
from reports.statistics.figures import Figures, _aggregate
from reports.statistics.scope import StatisticsFilter, by_town, group_field, plain_grouping

PARTY = ~Q(party_sanction="")
GOVERNMENT = ~Q(government_sanction="")
SANCTIONED = PARTY | GOVERNMENT | Q(sanction_unsplit=True)
ORGANISATIONAL = ~Q(organisational="")
ADMONISHED = ~Q(admonition="")
HANDLED = SANCTIONED | ORGANISATIONAL | ADMONISHED


def _condition(filters: StatisticsFilter, on: datetime.date | None) -> tuple[Q, Q]:
    """``figures.round_level_condition`` of the person's clue, handed over by ``on``; and
    the persons whose outcome counts: as of a past day, those of the clues concluded by
    then (the outcome is written at the conclusion)."""
    if is_past(on):
        handed_over = standing(Clue, on).filter(status__in=CLUE_STATUSES_TRANSFERRED)
        q = Q(clue_id__in=handed_over.values("id"))
        concluded = Q(clue_id__in=handed_over.exclude(outcome="").values("id"))
    else:
        q, concluded = Q(clue__status__in=CLUE_STATUSES_TRANSFERRED), Q()
    if filters.term_id:
        q &= Q(clue__round__term_id=filters.term_id)
    if filters.round_id:
        q &= Q(clue__round_id=filters.round_id)
    return q & filters.places.condition("clue__assignment", "clue__transferred_on"), concluded


def _group(group_by: str | None) -> str | None:
    inner = plain_grouping(group_by)
    if inner == "term":
        return by_town(group_by, "clue__assignment__town_id", "clue__round__term_id")
    if inner == "round":
        return by_town(group_by, "clue__assignment__town_id", "clue__round_id")
    return group_field(group_by, "clue__assignment")


def person_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The persons concerned of the clues handed over that ``clue_persons`` counts."""
    return ClueSubject.objects.filter(_condition(filters, on)[0])


def clue_persons(
    filters: StatisticsFilter, group_by: str | None = None, *, on: datetime.date | None = None
) -> Figures:
    """The persons of the clues handed over, by what befell them (each person once a
    figure)."""
    concluded = _condition(filters, on)[1]

    def count(outcome: Q) -> Count:
        return Count("pk", filter=outcome & concluded)

    return _aggregate(
        person_rows(filters, on),
        _group(group_by),
        persons_case_filed=count(Q(case_filed=True)),
        persons_party_sanctioned=count(PARTY),
        persons_government_sanctioned=count(GOVERNMENT),
        persons_sanctioned=count(SANCTIONED),
        persons_organisational=count(ORGANISATIONAL),
        persons_admonished=count(ADMONISHED),
        persons_handled=count(HANDLED),
        persons_to_judiciary=count(Q(to_judiciary=True)),
    )
