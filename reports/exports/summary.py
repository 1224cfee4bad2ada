"""The aggregate sheet 汇总: one row a village, then a totals row.

Every number comes from ``reports.statistics``, the functions behind the statistics API:
the village rows from ``statistics_table`` grouped by village, the totals row from
``statistics_table`` not grouped, the problems of each focus (四个聚焦) and of each nature
from ``problems`` grouped by focus and by nature for the totals. The figures group by one
thing at a time, so the problems of each focus (and nature) in each village are one query
of their own grouped by both (``_problems_by_village``: the rows ``problems`` counts, as
it selects them). The focuses are the county's (one column each, in its order). What
belongs to no village — a town party committee inspected as such (镇村一体), a clue of a
whole round — forms one more row.
"""

import datetime
from collections import defaultdict

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from findings.choices import ProblemNature, ProblemStatus
from findings.models import Problem, ProblemFocus
from inspection.models import Village
from reports.exports.cells import Column
from reports.statistics import StatisticsFilter, problems, statistics_table
from rounds.models import Assignment
from rounds.models.rounds import chinese_ordinal

TITLE = "汇总"
# The groupings of the problem columns, and the field each reads from a problem.
BREAKDOWNS = {"focus": "problem_class__aspect__focus_id", "nature": "nature"}
# The figures of a village's row, in column order, each under its group (the upper
# header): (figure, header, kind, group). The problems by focus and nature follow 发现问题合计.
COUNTS = (
    ("interviews", "谈话人次", "int", "谈话及问卷"),
    ("questionnaires_distributed", "问卷发放(份)", "int", "谈话及问卷"),
    ("questionnaires_returned", "问卷回收(份)", "int", "谈话及问卷"),
    ("problems", "发现问题合计", "int", "发现问题"),
)
OUTCOMES = (
    ("organisations_inspected", "被巡察党组织(个)", "int", "巡察对象"),
    ("clues_transferred", "线索移交(件)", "int", "问题线索"),
    ("persons_transferred", "线索移交(人)", "int", "问题线索"),
    ("persons_case_filed", "立案(人)", "int", "问题线索"),
    ("persons_sanctioned", "党纪政务处分(人)", "int", "问题线索"),
    ("persons_handled", "处理处分(人)", "int", "问题线索"),
    ("persons_to_judiciary", "移送司法(人)", "int", "问题线索"),
    ("immediate_fixes", "立行立改(个)", "int", "立行立改"),
    ("orders_issued", "立行立改通知(件)", "int", "立行立改"),
    ("orders_on_time_rate", "立行立改如期率", "rate", "立行立改"),
    ("items", "整改台账(条)", "int", "整改"),
    ("items_closed", "已销号(条)", "int", "整改"),
    ("rectification_rate", "整改完成率", "rate", "整改"),
    ("items_overdue", "逾期(条)", "int", "整改"),
    ("matters_handed_on", "交办事项(件)", "int", "交办事项"),
    ("matters_overdue", "交办事项逾期未回复(件)", "int", "交办事项"),
    ("thematic_reports", "专题报告(份)", "int", "报告及建议"),
    ("recommendations", "巡察建议书(份)", "int", "报告及建议"),
    ("accountability_persons", "问责(人)", "int", "问责"),
    ("accountability_organisations", "问责(党组织)", "int", "问责"),
    ("first_form", "第一种形态(人次)", "int", "问责"),
    ("look_back_villages", "回头看(村)", "int", "回头看"),
    ("look_back_relapsed", "回头看认定反弹(条)", "int", "回头看"),
)
FIGURE_WIDTH = 7  # three Chinese characters a line: the headers wrap, the numbers fit
PLACE_COLUMNS = [Column("乡镇(街道)", 10), Column("村(社区)", 10), Column("巡察组", 12)]


def problem_columns() -> list[tuple[str, object, str]]:
    """``(grouping, key, header)`` of each problem column: every focus, then every nature."""
    focuses = ProblemFocus.objects.order_by("order", "id").values_list("pk", "name")
    return [
        *(("focus", pk, name) for pk, name in focuses),
        *(("nature", value, f"性质：{label}") for value, label in ProblemNature.choices),
    ]


# Figures of no village: town party committees (镇村一体) and clues of a whole round.
NO_VILLAGE = ("", "乡镇党委及未关联村(社区)")


def _figure(row: dict, name: str, kind: str):
    """A figure of a row; a village absent from a figure's table has 0 there (and no rate)."""
    value = row.get(name)
    if value is None and kind != "rate":
        return 0
    return value


def _assignment_condition(filters: StatisticsFilter) -> Q:
    q = Q()
    if filters.term_id:
        q &= Q(round__term_id=filters.term_id)
    if filters.round_id:
        q &= Q(round_id=filters.round_id)
    if filters.town_id:
        q &= Q(town_id=filters.town_id)
    if filters.village_id:
        q &= Q(village_id=filters.village_id)
    if filters.team_id:
        q &= Q(team_id=filters.team_id)
    return q


def _problems_by_village(filters: StatisticsFilter, grouping: str) -> dict[int | None, dict]:
    """``{village id: {key: {"problems": n}}}``: what ``problems(filters narrowed to the
    village, grouping)`` answers for every village at once (the same rows: past draft, by
    the day recorded, in the filters' scope), in one grouped query."""
    rows = (
        Problem.objects.exclude(status=ProblemStatus.DRAFT)
        .annotate(found_on=TruncDate("created_at"))
        .filter(filters.condition("assignment", "found_on"))
        .order_by()
        .values_list("assignment__village_id", BREAKDOWNS[grouping])
        .annotate(problems=Count("pk"))
    )
    by_village: dict[int | None, dict] = defaultdict(dict)
    for village_id, key, count in rows:
        by_village[village_id][key] = {"problems": count}
    return by_village


class SummarySheet:
    """The 汇总 sheet for one scope and day (a fixed number of queries, whatever the
    number of villages)."""

    title = TITLE
    table_name = "工作情况统计表"

    def __init__(self, filters: StatisticsFilter, on: datetime.date):
        self.filters = filters
        self.on = on
        self.problem_columns = problem_columns()
        self.columns = [
            *PLACE_COLUMNS,
            *(Column(header, FIGURE_WIDTH, kind, group) for _, header, kind, group in COUNTS),
            *(
                Column(header, FIGURE_WIDTH, "int", "发现问题")
                for _, _, header in self.problem_columns
            ),
            *(Column(header, FIGURE_WIDTH, kind, group) for _, header, kind, group in OUTCOMES),
        ]
        self.by_village = {row["key"]: row for row in statistics_table(filters, "village", on=on)}
        self.totals = statistics_table(filters, on=on)[0]
        self.total_breakdown = {grouping: problems(filters, grouping) for grouping in BREAKDOWNS}
        self.teams = self._teams()
        keys = set(self.teams) | {key for key in self.by_village if key is not None}
        self.villages = list(
            Village.objects.filter(pk__in=keys)
            .order_by("town__code", "code")
            .values_list("pk", "town__name", "name")
        )

    def _teams(self) -> dict[int, str]:
        """The teams that inspected each village in the scope ("第一巡察组", or with the
        round's ordinal when the scope spans rounds)."""
        rows = (
            Assignment.objects.filter(_assignment_condition(self.filters), village__isnull=False)
            .order_by("round__ordinal", "team__number")
            .values_list("village_id", "round_id", "round__ordinal", "team__number")
        )
        rows = list(rows)
        several_rounds = len({round_id for _, round_id, _, _ in rows}) > 1
        teams: dict[int, list[str]] = defaultdict(list)
        for village_id, _round_id, ordinal, number in rows:
            name = f"第{chinese_ordinal(number)}巡察组" if number else "未分组"
            label = f"第{ordinal}轮{name}" if several_rounds else name
            if label not in teams[village_id]:
                teams[village_id].append(label)
        return {village_id: "、".join(labels) for village_id, labels in teams.items()}

    def count(self) -> int:
        return len(self.villages) + (None in self.by_village)

    def _row(self, place: tuple, figures: dict, breakdown: dict) -> tuple:
        """``breakdown``: ``{grouping: {key: {"problems": n}}}`` of the row."""
        return (
            *place,
            *(_figure(figures, name, kind) for name, _, kind, _ in COUNTS),
            *(
                breakdown.get(grouping, {}).get(key, {}).get("problems", 0)
                for grouping, key, _ in self.problem_columns
            ),
            *(_figure(figures, name, kind) for name, _, kind, _ in OUTCOMES),
        )

    def rows(self, chunk_size: int = 0):
        """The village rows (``chunk_size`` is the lists'; these rows are aggregates)."""
        counted = {grouping: defaultdict(int) for grouping in BREAKDOWNS}
        by_village = {
            grouping: _problems_by_village(self.filters, grouping) for grouping in BREAKDOWNS
        }
        for village_id, town_name, village_name in self.villages:
            breakdown = {
                grouping: rows.get(village_id, {}) for grouping, rows in by_village.items()
            }
            for grouping, keys in breakdown.items():
                for key, values in keys.items():
                    counted[grouping][key] += values["problems"]
            place = (town_name, village_name, self.teams.get(village_id, ""))
            yield self._row(place, self.by_village.get(village_id, {}), breakdown)
        if None in self.by_village:
            rest = {
                grouping: {
                    key: {"problems": values["problems"] - counted[grouping][key]}
                    for key, values in totals.items()
                }
                for grouping, totals in self.total_breakdown.items()
            }
            yield self._row((*NO_VILLAGE, ""), self.by_village[None], rest)

    def total(self) -> tuple:
        return self._row(("合计", "", ""), self.totals, self.total_breakdown)
