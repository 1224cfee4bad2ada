"""The sheet 分类统计: the problems by every level of the taxonomy (四个聚焦 → 方面 → 类),
then by nature, each number from ``reports.statistics.problems`` grouped by that level
(the figure the API and the dashboard show). The county's catalogue in its order, an
entry without problems at 0; an entry switched off is listed while problems are filed
under it."""

import datetime

from findings.choices import ProblemNature
from findings.models import ProblemAspect, ProblemClass, ProblemFocus
from reports.exports.cells import Column
from reports.statistics import StatisticsFilter, problems

TITLE = "分类统计"
COLUMNS = [
    Column("层级", 6),
    Column("四个聚焦", 24, "long", "问题类别"),
    Column("方面", 22, "long", "问题类别"),
    Column("类", 22, "long", "问题类别"),
    Column("发现问题", 10, "int"),
    Column("立行立改(个)", 10, "int"),
    Column("涉及金额(元)", 13, "money"),
]
FIGURES = ("problems", "immediate_fixes", "amount_involved")


class TaxonomySheet:
    """Aggregates only (no names): every audience that gets 汇总 gets it. Four grouped
    queries and three reads of the catalogue, whatever its size."""

    title = TITLE
    table_name = "发现问题分类统计表"
    columns = COLUMNS

    def __init__(self, filters: StatisticsFilter, on: datetime.date):
        self.counts = {level: problems(filters, level) for level in ("focus", "aspect", "class")}
        self.natures = problems(filters, "nature")
        self.total_row = problems(filters)[None]
        self.entries = list(self._entries())

    def _listed(self, level: str, entry) -> bool:
        return entry.is_active or entry.pk in self.counts[level]

    def _entries(self):
        aspects: dict[int, list] = {}
        for aspect in ProblemAspect.objects.order_by("order", "id"):
            aspects.setdefault(aspect.focus_id, []).append(aspect)
        classes: dict[int, list] = {}
        for problem_class in ProblemClass.objects.order_by("order", "id"):
            classes.setdefault(problem_class.aspect_id, []).append(problem_class)
        for focus in ProblemFocus.objects.order_by("order", "id"):
            if self._listed("focus", focus):
                yield ("聚焦", (focus.name, "", ""), self.counts["focus"].get(focus.pk, {}))
            for aspect in aspects.get(focus.pk, []):
                if self._listed("aspect", aspect):
                    row = self.counts["aspect"].get(aspect.pk, {})
                    yield ("方面", (focus.name, aspect.name, ""), row)
                for problem_class in classes.get(aspect.pk, []):
                    if self._listed("class", problem_class):
                        row = self.counts["class"].get(problem_class.pk, {})
                        yield ("类", (focus.name, aspect.name, problem_class.name), row)
        for value, label in [*ProblemNature.choices, ("", "未定性")]:
            if value or value in self.natures:
                yield ("性质", (str(label), "", ""), self.natures.get(value, {}))

    def count(self) -> int:
        return len(self.entries)

    def rows(self, chunk_size: int = 0):
        for level, names, figures in self.entries:
            yield (level, *names, *(figures.get(name, 0) for name in FIGURES))

    def total(self) -> tuple:
        return ("合计", "", "", "", *(self.total_row.get(name, 0) for name in FIGURES))
