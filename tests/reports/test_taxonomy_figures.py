"""The problems by every level of the taxonomy (四个聚焦 → 方面 → 类) and by nature: the
same numbers in the statistics, on the dashboard and in the workbook (汇总's columns by
focus and nature, 分类统计's rows by every level, 问题清单's columns)."""

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from findings.choices import ProblemStatus
from reports.dashboard import dashboard_for
from reports.exports.scope import audience_for
from reports.exports.workbook import build_workbook
from reports.statistics import StatisticsFilter, statistics_table
from tests import factories as f
from tests.reports.sheets import dict_rows
from tests.world import build_world

pytestmark = pytest.mark.django_db

LEVELS = {"focus": "聚焦", "aspect": "方面", "class": "类"}


@pytest.fixture
def world():
    world = build_world()
    world.export_records()
    spread = [
        ("subsistence_favouritism", "violation"),
        ("extortion", "suspected_offence"),
        ("extortion", "suspected_offence"),
        ("party_dues", "general"),
        ("rebound", "general"),
        ("rural_revitalisation", "general"),
    ]
    for code, nature in spread:
        world.problem(
            status=ProblemStatus.CONFIRMED, problem_class=f.catalogue_class(code), nature=nature
        )
    world.problem(problem_class=f.catalogue_class("bidding"))  # a draft: counted nowhere
    return world


def rows(sheet) -> list[dict]:
    return dict_rows(sheet)


def test_statistics_dashboard_and_workbook_count_every_level_alike(world, tmp_path):
    term = world.round.term
    statistics = {
        grouping: {
            str(row["label"]): row["problems"]
            for row in statistics_table(
                StatisticsFilter(term_id=term.pk), grouping, figures=["problems"]
            )
        }
        for grouping in (*LEVELS, "nature")
    }
    assert len(statistics["focus"]) == 4  # every focus has problems: the comparison is real
    assert statistics["nature"] == {"一般问题": 4, "违规": 7, "涉嫌违纪违法": 2}

    board = dashboard_for(world.office, term=term)
    for grouping, expected in statistics.items():
        drawn = {str(row["label"]): row["problems"] for row in board.problems_by[grouping]}
        assert drawn == expected, grouping

    path = tmp_path / "summary.xlsx"
    audience = audience_for(world.office)
    filters = StatisticsFilter(term_id=term.pk)
    build_workbook(audience=audience, filters=filters, on=timezone.localdate(), path=path)
    book = load_workbook(path)
    *_, total = rows(book["汇总"])
    for label, count in statistics["focus"].items():
        assert total[label] == count, label
    for label, count in statistics["nature"].items():
        assert total[f"性质：{label}"] == count, label
    *entries, _ = rows(book["分类统计"])
    for grouping, level in LEVELS.items():
        name = {"focus": "四个聚焦", "aspect": "方面", "class": "类"}[grouping]
        listed = {row[name]: row["发现问题"] for row in entries if row["层级"] == level}
        assert {k: v for k, v in listed.items() if v} == statistics[grouping], grouping
    listed = {row["四个聚焦"]: row["发现问题"] for row in entries if row["层级"] == "性质"}
    assert listed == statistics["nature"]
    problem_rows = rows(book["问题清单"])
    for grouping, column in (("focus", "四个聚焦"), ("aspect", "方面"), ("class", "类")):
        counted: dict[str, int] = {}
        for row in problem_rows:
            counted[row[column]] = counted.get(row[column], 0) + 1
        assert counted == statistics[grouping], grouping
    natures = {}
    for row in problem_rows:
        natures[row["问题性质"]] = natures.get(row["问题性质"], 0) + 1
    assert natures == statistics["nature"]
