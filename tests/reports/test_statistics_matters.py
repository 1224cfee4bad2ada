"""交办事项, 专题报告 and 巡察建议书 counts (reports/statistics/matters.py): handed on,
replied and overdue as of a day; the same numbers in the statistics API, on the
dashboard and in the workbook's 汇总 totals."""

import datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from findings.choices import MatterStatus, ThematicReportKind
from reports.dashboard import dashboard_for
from reports.exports.scope import audience_for
from reports.exports.workbook import build_workbook
from reports.statistics import StatisticsFilter, statistics_table
from tests import factories as f
from tests.reports.sheets import header_and_rows
from tests.world import build_world

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
FIGURES = ["department_matters", "thematic_reports"]
COLUMNS = {
    "matters_handed_on": "交办事项(件)",
    "matters_overdue": "交办事项逾期未回复(件)",
    "thematic_reports": "专题报告(份)",
    "recommendations": "巡察建议书(份)",
}


@pytest.fixture
def world():
    """On A: a matter late (due 10 days ago) and one replied 5 days ago after its date;
    on B: one handed on today; of the round: one without an organisation. A 专题报告, a
    建议书 late and one answered."""
    world = build_world()
    today = timezone.localdate()
    late = {"handed_on": today - 40 * DAY, "reply_due_on": today - 10 * DAY}
    f.DepartmentMatterFactory(assignment=world.assignment_a, **late)
    f.DepartmentMatterFactory(
        assignment=world.assignment_a,
        status=MatterStatus.REPLIED,
        replied_on=today - 5 * DAY,
        reply="已办理。",
        **late,
    )
    f.DepartmentMatterFactory(assignment=world.assignment_b)
    f.DepartmentMatterFactory(assignment=None, round=world.round)
    f.ThematicReportFactory(round=world.round)
    letter = {
        "round": world.round,
        "kind": ThematicReportKind.RECOMMENDATION,
        "addressee": "县农业农村局",
        "issued_on": today - 40 * DAY,
        "reply_due_on": today - 10 * DAY,
    }
    f.ThematicReportFactory(**letter)
    f.ThematicReportFactory(**letter, replied_on=today - 20 * DAY, reply="已采纳。")
    return world


def figures(filters, group_by=None, **options) -> dict:
    rows = statistics_table(filters, group_by, figures=FIGURES, **options)
    return {row["key"]: {k: v for k, v in row.items() if k not in ("key", "label")} for row in rows}


def test_matters_and_reports_are_counted_with_replied_and_overdue(world):
    totals = figures(StatisticsFilter(round_id=world.round.pk))[None]
    assert totals == {
        "matters_handed_on": 4,
        "matters_replied": 1,
        "matters_overdue": 1,
        "thematic_reports": 1,
        "recommendations": 2,
        "recommendations_replied": 1,
        "recommendations_overdue": 1,
    }


def test_as_of_a_past_day_the_late_reply_was_overdue_and_todays_matter_not_yet_given(world):
    eight_days_ago = timezone.localdate() - 8 * DAY
    totals = figures(StatisticsFilter(round_id=world.round.pk), on=eight_days_ago)[None]
    assert totals["matters_handed_on"] == 2
    assert totals["matters_replied"] == 0
    assert totals["matters_overdue"] == 2
    assert totals["recommendations_overdue"] == 1
    assert totals["thematic_reports"] == 0  # issued today


def test_by_town_the_round_level_records_are_in_the_row_of_no_place(world):
    by_town = figures(StatisticsFilter(round_id=world.round.pk), "town")
    assert by_town[world.town_a.pk]["matters_handed_on"] == 2
    assert by_town[world.town_b.pk]["matters_handed_on"] == 1
    assert by_town[None]["matters_handed_on"] == 1
    assert by_town[None]["recommendations"] == 2
    in_town = figures(StatisticsFilter(town_id=world.town_a.pk))[None]
    assert in_town["matters_handed_on"] == 2 and in_town["recommendations"] == 0


def test_the_api_the_dashboard_and_the_workbook_show_the_same_counts(world, tmp_path):
    term = world.round.term
    expected = figures(StatisticsFilter(term_id=term.pk))[None]

    client = APIClient()
    client.force_authenticate(world.office)
    answer = client.get("/api/v1/statistics/", {"term": term.pk}).json()
    api_totals = next(row for row in answer if row["key"] is None)["figures"]
    for name in expected:
        assert api_totals[name] == expected[name], name
    one = client.get("/api/v1/statistics/department_matters/", {"term": term.pk}).json()
    assert one[0]["figures"]["matters_overdue"] == expected["matters_overdue"]

    board = dashboard_for(world.office, term=term)
    assert board.totals["matters_handed_on"] == expected["matters_handed_on"]
    assert board.totals["recommendations"] == expected["recommendations"]

    path = tmp_path / "summary.xlsx"
    build_workbook(
        audience=audience_for(world.office),
        filters=StatisticsFilter(term_id=term.pk),
        on=timezone.localdate(),
        path=path,
    )
    header, values = header_and_rows(load_workbook(path)["汇总"])
    total = values[-1]
    for name, column in COLUMNS.items():
        assert total[header.index(column)] == expected[name], column


def test_the_dashboard_card_names_matters_and_links_to_their_list(world, client):
    client.force_login(world.office)
    html = client.get("/").content.decode()
    assert 'data-kpi="matters_handed_on"' in html
    assert "/matters/" in html
