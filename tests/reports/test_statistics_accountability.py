"""问责 figures (reports/statistics/accountability.py): decisions by form, organisations
and persons apart, not-pursued apart, 第一种形态 apart; by place and date; and the 回头看
figures (reports/statistics/look_back.py)."""

import datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from rectification.choices import ItemStatus, LookBackVerdict
from rectification.services import look_back_check
from reports.exports.scope import audience_for
from reports.exports.workbook import build_workbook
from reports.statistics import statistics_table
from reports.statistics.accountability import accountability, first_form
from reports.statistics.look_back import look_back as look_back_figures
from reports.statistics.scope import StatisticsFilter
from rounds.choices import RoundStatus
from tests import factories as f
from tests.rectification.accountability_kit import (
    decided,
    organisation_proposal,
    proposal,
)
from tests.rectification.accountability_kit import (
    first_form as first_form_measure,
)
from tests.rectification.look_back_kit import look_back
from tests.reports.sheets import header_and_rows
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world(round_status=RoundStatus.RECTIFICATION)


TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def record(world):
    decided(world, proposal(world), form="admonishment")
    decided(world, proposal(world), form="disciplinary")
    decided(world, proposal(world, world.assignment_b), form="admonishment")
    decided(world, organisation_proposal(world), form="org_reorganised")
    decided(world, organisation_proposal(world), pursued=False)
    proposal(world)  # not yet decided
    first_form_measure(world)
    first_form_measure(world, kind="criticism")
    first_form_measure(world, world.assignment_b, conducted_on=TODAY() - 9 * DAY)


def figures(filters=None, group_by=None, **options):
    """问责 and 第一种形态 side by side, as the statistics table merges them."""
    filters = filters or StatisticsFilter()
    merged = accountability(filters, group_by, **options)
    for key, row in first_form(filters, group_by, **options).items():
        merged.setdefault(key, {}).update(row)
    return merged


def test_counts_by_form_persons_and_organisations_apart_first_form_apart(world):
    record(world)
    (row,) = figures().values()
    assert (row["accountability_persons"], row["accountability_organisations"]) == (3, 1)
    assert row["accountability_not_pursued"] == 1
    assert (row["accountability_admonishment"], row["accountability_disciplinary"]) == (2, 1)
    assert (row["accountability_org_reorganised"], row["accountability_circulated"]) == (1, 0)
    # 约谈 and 批评教育 are not 问责: counted apart, never in the persons.
    assert (row["first_form"], row["first_form_talks"], row["first_form_criticisms"]) == (3, 2, 1)


def test_a_proposal_not_yet_decided_is_in_no_figure(world):
    """The statistics reach the unit and its town: a pending proposal is the office's and
    the bodies' only, so no count may move when one is filed."""
    record(world)
    before = statistics_table(StatisticsFilter(), figures=["accountability", "first_form"])
    proposal(world)
    organisation_proposal(world, world.assignment_b)
    assert statistics_table(StatisticsFilter(), figures=["accountability", "first_form"]) == before
    assert not any("proposed" in name or "pending" in name for name in before[0])


def test_by_town_and_date(world):
    record(world)
    by_town = figures(group_by="town")
    assert by_town[world.town_b.pk]["accountability_persons"] == 1
    assert by_town[world.town_b.pk]["accountability_organisations"] == 0
    assert by_town[world.town_a.pk]["first_form"] == 2
    recent = figures(StatisticsFilter(date_from=TODAY() - DAY))[None]
    assert (recent["first_form"], recent["accountability_persons"]) == (2, 3)


def test_as_of_a_past_day_counts_what_had_been_decided_and_held_by_then(world):
    record(world)
    (row,) = figures(on=TODAY() - 2 * DAY).values()
    assert (row["accountability_persons"], row["accountability_organisations"]) == (0, 0)
    assert row["first_form"] == 1  # the one held nine days ago


def test_the_statistics_api_and_table_answer_the_follow_up_figures(world):
    record(world)
    client = APIClient()
    client.force_authenticate(world.stats)
    answer = client.get("/api/v1/statistics/accountability/", {"group_by": "town"})
    assert answer.status_code == 200, answer.content
    rows = {row["label"]: row["figures"] for row in answer.json()}
    assert rows[world.town_a.name]["accountability_persons"] == 2
    assert rows[world.town_a.name]["accountability_organisations"] == 1
    (total,) = client.get("/api/v1/statistics/").json()
    assert total["figures"]["first_form"] == 3
    assert total["figures"]["look_back_villages"] == 0


def test_the_unit_reads_only_its_towns_accountability(world):
    record(world)
    client = APIClient()
    client.force_authenticate(world.officer_a)
    (row,) = client.get("/api/v1/statistics/accountability/").json()
    assert row["figures"]["accountability_persons"] == 2
    assert row["figures"]["accountability_organisations"] == 1


# ------------------------------------------------------------------------ 回头看


def test_look_back_counts_villages_revisited_and_verdicts(world):
    lb = look_back(world)
    closed = [world.item(status=ItemStatus.CLOSED) for _ in range(3)]
    for item, verdict in zip(
        closed,
        (LookBackVerdict.GENUINE, LookBackVerdict.SHAM, LookBackVerdict.RELAPSED),
        strict=True,
    ):
        look_back_check(
            actor=world.leader_a,
            assignment_id=lb.assignment_a.pk,
            item_id=item.pk,
            verdict=verdict,
            note="核查情况",
        )
    (row,) = look_back_figures(StatisticsFilter()).values()
    # Before the look-back's feedback only the verdicts that reopened an item are told.
    assert (row["look_back_checked"], row["look_back_genuine"]) == (2, 0)
    f.FeedbackFactory(assignment=lb.assignment_a, given_by=world.office, fed_back_on=TODAY())
    (row,) = look_back_figures(StatisticsFilter()).values()
    assert row["look_back_villages"] == 2
    assert (row["look_back_checked"], row["look_back_genuine"]) == (3, 1)
    assert (row["look_back_sham"], row["look_back_relapsed"], row["look_back_reopened"]) == (
        1,
        1,
        2,
    )
    by_town = look_back_figures(StatisticsFilter(), "town")
    assert by_town[world.town_b.pk]["look_back_villages"] == 1
    assert by_town[world.town_b.pk]["look_back_checked"] == 0
    assert look_back_figures(StatisticsFilter(), on=TODAY() - DAY)[None]["look_back_checked"] == 0
    # The first round's own assignments are no look-back: with it chosen, none.
    assert (
        look_back_figures(StatisticsFilter(round_id=world.round.pk))[None]["look_back_villages"]
        == 0
    )


def test_a_look_back_round_before_entering_counts_no_village(world):
    look_back(world, status=RoundStatus.PREPARATION)
    assert look_back_figures(StatisticsFilter())[None]["look_back_villages"] == 0


# ------------------------------------------------------------- dashboard, workbook


def test_the_dashboard_shows_accountability_decided_and_first_form_apart(world, client):
    record(world)
    client.force_login(world.office)
    text = client.get("/", {"term": world.round.term_id}).content.decode()
    kpi = text[text.index('data-kpi="accountability"') :]
    kpi = kpi[: kpi.index("</a>")]
    assert '<span class="value">3</span>' in kpi  # three persons; the pending one is not
    assert "问责党组织 1 个 · 第一种形态 3 人次 · 回头看 0 村 · 反弹回潮 0 条" in kpi


def test_the_summary_workbook_has_the_follow_up_columns(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    record(world)
    path = tmp_path / "summary.xlsx"
    build_workbook(
        audience=audience_for(world.office),
        filters=StatisticsFilter(round_id=world.round.pk),
        on=TODAY(),
        path=path,
    )
    sheet = load_workbook(path)["汇总"]
    headers, rows = header_and_rows(sheet)
    rows = {row[1]: row for row in rows}
    persons, organisations = headers.index("问责(人)"), headers.index("问责(党组织)")
    first = headers.index("第一种形态(人次)")
    assert (rows["甲一村"][persons], rows["甲一村"][organisations]) == (2, 1)
    assert (rows["乙一村"][persons], rows["乙一村"][first]) == (1, 1)
    assert "回头看认定反弹(条)" in headers and "回头看(村)" in headers
