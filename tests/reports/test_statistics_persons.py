"""处分人数, 处理处分人数 and their parts (reports.statistics.persons): each person once a
figure across overlapping measures, counted as the clues are; 被巡察党组织数 by kind and mode
(reports.statistics.organisations). The API, the dashboard and the workbook read the same
numbers."""

import datetime

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from findings.choices import ClueOutcome, ClueStatus
from inspection.choices import VillageKind
from reports.exports.scope import audience_for
from reports.exports.workbook import build_workbook
from reports.statistics import StatisticsFilter, statistics_table
from reports.statistics.organisations import organisations
from reports.statistics.persons import clue_persons
from rounds.choices import RoundMode, RoundStatus
from rounds.models import Assignment
from tests import factories as f
from tests.reports.sheets import header_and_rows
from tests.world import build_world

pytestmark = pytest.mark.django_db

# One person filed, given a 党纪处分 and a 政务处分 and sent to the judiciary; one filed and
# removed from post (组织处理) and admonished (诫勉); one criticised (批评教育) only; one with
# nothing; and one migrated sanction whose kind was never recorded.
BOTH = {
    "case_filed": True,
    "party_sanction": "expulsion",
    "government_sanction": "expulsion",
    "to_judiciary": True,
}
ORGANISATIONAL = {"case_filed": True, "organisational": "removal", "admonition": "admonishment"}
CRITICISED = {"admonition": "criticism"}
UNSPLIT = {"case_filed": True, "sanction_unsplit": True}


def outcomes(world):
    world.concluded_clue(
        outcome=ClueOutcome.CASE_FILED, persons=[BOTH, ORGANISATIONAL, CRITICISED, {}]
    )
    world.concluded_clue(
        outcome=ClueOutcome.CASE_FILED, persons=[UNSPLIT], assignment=world.assignment_b
    )
    # Not handed over: its person is no one's figure yet.
    f.ClueSubjectFactory(clue=world.clue(status=ClueStatus.PROPOSED), name="孙立")


def test_each_person_counts_once_in_each_figure():
    world = build_world()
    outcomes(world)
    row = clue_persons(StatisticsFilter(round_id=world.round.pk))[None]
    assert row == {
        "persons_case_filed": 3,
        "persons_party_sanctioned": 1,
        "persons_government_sanctioned": 1,
        # 党纪 and 政务 of one person: one 处分; the migrated one is in neither kind alone.
        "persons_sanctioned": 2,
        "persons_organisational": 1,
        "persons_admonished": 2,
        # 处分 (2) + 组织处理 and 诫勉 of one person (1) + 批评教育 (1), each once.
        "persons_handled": 4,
        "persons_to_judiciary": 1,
    }


def test_grouped_and_filtered_as_the_clues_are():
    world = build_world()
    outcomes(world)
    filters = StatisticsFilter(round_id=world.round.pk)
    table = statistics_table(filters, "town", figures=["clues", "clue_persons"])
    by_town = {row["key"]: row for row in table}
    assert by_town[world.town_a.pk]["persons_handled"] == 3
    assert by_town[world.town_a.pk]["clues_transferred"] == 1
    assert by_town[world.town_b.pk]["persons_sanctioned"] == 1
    assert by_town[world.town_b.pk]["persons_party_sanctioned"] == 0
    # By the day of transfer, as the clues.
    tomorrow = datetime.date.today() + datetime.timedelta(days=30)
    later = StatisticsFilter(round_id=world.round.pk, date_from=tomorrow)
    assert clue_persons(later)[None]["persons_handled"] == 0
    by_team = clue_persons(filters, "team")
    assert by_team[world.team_a.pk]["persons_to_judiciary"] == 1


def test_the_api_the_dashboard_and_the_workbook_read_the_same_numbers(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    outcomes(world)
    client = APIClient()
    client.force_authenticate(world.office)
    figures = client.get("/api/v1/statistics/", {"round": world.round.pk}).json()[0]["figures"]
    assert (figures["persons_sanctioned"], figures["persons_handled"]) == (2, 4)
    one = client.get("/api/v1/statistics/clue_persons/", {"round": world.round.pk}).json()
    assert one[0]["figures"]["persons_party_sanctioned"] == 1
    client.force_login(world.office)
    page = client.get("/", {"term": world.round.term_id}).content.decode()
    kpi = page[page.index('data-kpi="persons_handled"') :]
    kpi = kpi[: kpi.index("</a>")]
    assert '<span class="value">4</span>' in kpi
    assert "处分 2 人（党纪 1 · 政务 1）· 移送司法 1 人" in kpi
    path = tmp_path / "summary.xlsx"
    build_workbook(
        audience=audience_for(world.office),
        filters=StatisticsFilter(round_id=world.round.pk),
        on=datetime.date.today(),
        path=path,
    )
    headers, table = header_and_rows(load_workbook(path)["汇总"])
    total = {row[0]: row for row in table}["合计"]
    assert total[headers.index("处理处分(人)")] == 4
    assert total[headers.index("党纪政务处分(人)")] == 2
    assert total[headers.index("立案(人)")] == 3
    assert total[headers.index("移送司法(人)")] == 1


# ------------------------------------------------------------------ 被巡察党组织数


def test_organisations_by_kind_and_mode():
    world = build_world(round_status=RoundStatus.ON_SITE)
    community = f.VillageFactory(town=world.town_a, kind=VillageKind.COMMUNITY)
    f.AssignmentFactory(
        round=world.round,
        team=world.team_a,
        town=world.town_a,
        village=community,
        mode=f.mode_of(RoundMode.THEMATIC),
    )
    f.AssignmentFactory(  # the town party committee itself (镇村一体)
        round=world.round,
        team=world.team_a,
        town=world.town_a,
        village=None,
        mode=f.mode_of(RoundMode.TOWN_AND_VILLAGE),
    )
    # A round not yet on site inspects no one.
    planned = f.InspectionRoundFactory(term=world.round.term, status=RoundStatus.PLANNING)
    f.AssignmentFactory(round=planned, town=world.town_b, village=world.assignment_b.village)
    modes = dict(Assignment.objects.filter(round=world.round).values_list("pk", "mode__kind"))
    row = organisations(StatisticsFilter(term_id=world.round.term_id))[None]
    assert row["organisations_inspected"] == 4
    assert row["organisations_town_committees"] == 1
    assert row["organisations_villages"] == 2 and row["organisations_communities"] == 1
    assert row["organisations_thematic"] == 1 and row["organisations_town_and_village"] == 1
    kinds = list(modes.values())
    assert row["organisations_regular"] == kinds.count(RoundMode.REGULAR)
    assert sum(row[f"organisations_{mode}"] for mode in RoundMode.values) == 4
    by_town = organisations(StatisticsFilter(term_id=world.round.term_id), "town")
    assert by_town[world.town_a.pk]["organisations_inspected"] == 3


def test_an_organisation_inspected_in_two_rounds_is_one_of_the_term():
    world = build_world(round_status=RoundStatus.CLOSED)
    again = f.InspectionRoundFactory(term=world.round.term, status=RoundStatus.ON_SITE)
    f.AssignmentFactory(round=again, town=world.town_a, village=world.assignment_a.village)
    term = organisations(StatisticsFilter(term_id=world.round.term_id))[None]
    assert term["organisations_inspected"] == 2
    by_round = organisations(StatisticsFilter(term_id=world.round.term_id), "round")
    assert by_round[world.round.pk]["organisations_inspected"] == 2
    assert by_round[again.pk]["organisations_inspected"] == 1
