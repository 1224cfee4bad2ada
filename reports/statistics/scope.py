"""What a statistic is computed over, and how its rows are grouped.

Every figure is computed from one table (problems, interviews, ledger items …) whose
rows reach an assignment, and through it a round, term, town, village and team. A
``StatisticsFilter`` narrows those rows; a grouping names the column the SQL groups
by. The date range applies to each figure's own date (docs/DOMAIN.md: the day a thing
happened), named by the figure.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from inspection.choices import UserRole
from inspection.errors import ApplicationError, PermissionDeniedError
from inspection.models import Term, Town, Village
from inspection.permissions import (
    is_county_supervisor,
    is_inspector,
    reads_all,
    reads_unit_ledger,
    role_of,
    visible,
)
from rounds.membership import team_ids_of
from rounds.models import InspectionRound, Team

GROUPINGS = ("term", "round", "town", "village", "team", "focus", "aspect", "class", "nature")
# The groupings by what a problem is (四个聚焦 → 方面 → 类, and its nature): the field each
# reads from the problem.
PROBLEM_GROUPINGS = {
    "focus": "problem_class__aspect__focus_id",
    "aspect": "problem_class__aspect_id",
    "class": "problem_class_id",
    "nature": "nature",
}


@dataclass(frozen=True)
class StatisticsFilter:
    """Narrows every figure: ids of a term, round, town, village or team; a date range."""

    term_id: int | None = None
    round_id: int | None = None
    town_id: int | None = None
    village_id: int | None = None
    team_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    # A part of the county (reports.statistics.partitioned): only rows placed in these
    # towns, or (``unplaced``) only rows with no place (no assignment). Never from a user.
    towns: tuple[int, ...] | None = None
    unplaced: bool = False

    def __post_init__(self):
        if self.date_from and self.date_to and self.date_from > self.date_to:
            message = _("开始日期不能晚于结束日期。")
            raise ApplicationError(message, errors={"date_from": [message]})

    def condition(
        self, assignment: str, date_field: str | None = None, part_town: str | None = None
    ) -> Q:
        """The SQL condition for rows whose assignment is at path ``assignment``.

        ``date_field`` is the figure's own date (a DateField or a DateTimeField: the
        range is inclusive of whole days, in the project's time zone). An empty
        ``assignment`` is the assignments themselves. ``part_town``: the column that
        places a row in a part of the county (``PLACE_TOWN``), else its assignment's town.
        """
        prefix = f"{assignment}__" if assignment else ""
        q = Q()
        if self.term_id:
            q &= Q(**{f"{prefix}round__term_id": self.term_id})
        if self.round_id:
            q &= Q(**{f"{prefix}round_id": self.round_id})
        if self.town_id:
            q &= Q(**{f"{prefix}town_id": self.town_id})
        if self.village_id:
            q &= Q(**{f"{prefix}village_id": self.village_id})
        if self.team_id:
            q &= Q(**{f"{prefix}team_id": self.team_id})
        q &= self.part_condition(assignment, part_town)
        return q & self.dates(date_field) if date_field else q

    def part_condition(self, assignment: str, part_town: str | None = None) -> Q:
        """The part's condition alone, for rows whose assignment is at path ``assignment``
        (empty: the assignments themselves, which always have a place)."""
        if self.towns is not None:
            town = part_town or (f"{assignment}__town_id" if assignment else "town_id")
            return Q(**{f"{town}__in": self.towns})
        if self.unplaced:
            return Q(**{f"{assignment}__isnull": True}) if assignment else Q(pk__in=[])
        return Q()

    @property
    def places(self) -> "StatisticsFilter":
        """The filter's places, dates and part without its term and round (for rows that
        carry their own round: ``figures.round_level_condition``)."""
        return StatisticsFilter(
            town_id=self.town_id,
            village_id=self.village_id,
            team_id=self.team_id,
            date_from=self.date_from,
            date_to=self.date_to,
            towns=self.towns,
            unplaced=self.unplaced,
        )

    def dates(self, date_field: str) -> Q:
        """The date range alone, on ``date_field`` (for a figure that counts several dates
        of one row, each in its own count)."""
        q = Q()
        if self.date_from:
            q &= Q(**{f"{date_field}__gte": self.date_from})
        if self.date_to:
            q &= Q(**{f"{date_field}__lte": self.date_to})
        return q


@dataclass(frozen=True)
class ByTown:
    """A grouping by town first, then by ``grouping`` (None: the town alone): several parts
    of the county computed in one query each (``reports.statistics.partitioned``); the
    keys are (town, key). Never from a user."""

    grouping: str | None = None


def by_town(grouping, town_field: str, field):
    """``field`` (a figure's column for the plain grouping), or with ``ByTown`` the pair
    (the rows' town column, ``field``)."""
    return (town_field, field) if isinstance(grouping, ByTown) else field


def plain_grouping(grouping):
    """The grouping a ``ByTown`` wraps, or the grouping itself."""
    return grouping.grouping if isinstance(grouping, ByTown) else grouping


# The town an assignment is placed in by the figures that count a village once (被巡察党组织,
# 回头看村数) in a part of the county: its village's, else its own (a town committee's).
# A village moved to another town keeps its earlier assignments' town: placed by that,
# a county's parts counted the village once in each town it had assignments in. An
# annotation (``placed_by_village``) of the part's queries only.
PLACE_TOWN = "place_town"


def placed_by_village(queryset, filters: "StatisticsFilter"):
    """Assignments ``queryset`` with ``PLACE_TOWN`` where ``filters`` is a part's."""
    if filters.towns is None:
        return queryset
    return queryset.annotate(**{PLACE_TOWN: Coalesce("village__town_id", "town_id")})


def group_field(grouping, assignment: str, problem: str | None = None, town: str | None = None):
    """The column to group by, for rows whose assignment is at path ``assignment`` and,
    for the figures about problems, whose problem is at path ``problem`` ("" for the
    problems themselves; an empty ``assignment`` is the assignments themselves). With
    ``ByTown``, (the town column, that column)."""
    if isinstance(grouping, ByTown):
        town = town or (f"{assignment}__town_id" if assignment else "town_id")
        return (town, group_field(grouping.grouping, assignment, problem))
    if grouping is None:
        return None
    if grouping not in GROUPINGS:
        message = _("不支持的分组方式「%(grouping)s」，可选：%(choices)s。") % {
            "grouping": grouping,
            "choices": _("、").join(GROUPINGS),
        }
        raise ApplicationError(message, errors={"group_by": [message]})
    if grouping in PROBLEM_GROUPINGS:
        if problem is None:
            message = _("该指标不能按问题的聚焦、方面、类别或性质分组。")
            raise ApplicationError(message, errors={"group_by": [message]})
        return (
            f"{problem}__{PROBLEM_GROUPINGS[grouping]}" if problem else PROBLEM_GROUPINGS[grouping]
        )
    prefix = f"{assignment}__" if assignment else ""
    return {
        "term": f"{prefix}round__term_id",
        "round": f"{prefix}round_id",
        "town": f"{prefix}town_id",
        "village": f"{prefix}village_id",
        "team": f"{prefix}team_id",
    }[grouping]


def statistics_filter_for(user, query: dict) -> StatisticsFilter:
    """The filter ``user`` may ask for, from a query of ids (term, round, town, village, team)
    and dates: the county for readers, statistics clients and a county-wide supervisor,
    their own unit for a rectification officer, their town for a town's reviewer or
    supervisor, their own team for an inspector; the liaison none. The API
    and the Excel export both narrow their scope here."""
    values = {
        "term_id": query.get("term"),
        "round_id": query.get("round"),
        "town_id": query.get("town"),
        "village_id": query.get("village"),
        "team_id": query.get("team"),
        "date_from": query.get("date_from"),
        "date_to": query.get("date_to"),
    }
    if reads_all(user) or role_of(user) == UserRole.STATISTICS_CLIENT:
        return StatisticsFilter(**values)
    if is_county_supervisor(user):
        return StatisticsFilter(**values)
    if reads_unit_ledger(user):
        if user.village_id:
            values |= {"village_id": user.village_id, "town_id": None}
        else:
            values["town_id"] = user.town_id
        return StatisticsFilter(**values)
    if is_inspector(user):
        if values["team_id"] not in team_ids_of(user):
            raise PermissionDeniedError(
                _("巡察组成员只能查看本组的统计，请指定所在巡察组（team）。")
            )
        return StatisticsFilter(**values)
    raise PermissionDeniedError(_("该账号不能查看统计数据。"))


def names_a_record_out_of_sight(user, query: dict) -> bool:
    """Whether a query's id (term, round, town, village, team) names no record the user's
    statistics reach: one that does not exist, or one outside ``visible(model, user)``
    (county-wide for the readers and the statistics client). Either is answered with no
    rows, as a filter by an unknown id is on every list: never zeros for a round that
    does not exist, and never a different answer for one that exists out of sight."""
    models = {
        "term": Term,
        "round": InspectionRound,
        "town": Town,
        "village": Village,
        "team": Team,
    }
    county_wide = reads_all(user) or role_of(user) == UserRole.STATISTICS_CLIENT
    for name, model in models.items():
        value = query.get(name)
        if value is None:
            continue
        rows = model._default_manager.all() if county_wide else visible(model, user)
        if not rows.filter(pk=value).exists():
            return True
    return False
