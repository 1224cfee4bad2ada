"""The dashboard at ``/``: who may open it, the figures it draws (the statistics API's, for
the same filter), the links behind its charts, and a query count that does not grow."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from findings.choices import ClueStatus, ProblemStatus
from rectification.choices import ItemStatus
from rounds.choices import RoundStatus
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db


class Figures(HTMLParser):
    """Every ``data-value`` on the page, by chart and key: the bars of each ``svg
    [data-chart]``, the KPIs, the colour counts and the round comparison's cells."""

    def __init__(self, html: str):
        super().__init__()
        self.bars: dict[str, dict[str, str]] = {}
        self.hrefs: dict[str, dict[str, str]] = {}
        self.stages: dict[str, str] = {}
        self.meters: dict[str, str] = {}
        self.rounds: dict[str, dict[str, str]] = {}
        self.chart = None
        self.round = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and "data-value" in a:
            self.meters[a["data-chart"]] = a["data-value"]
        elif tag == "svg" and "data-chart" in a:
            self.chart = a["data-chart"]
            self.bars.setdefault(self.chart, {})
            self.hrefs.setdefault(self.chart, {})
        if self.chart and "data-key" in a:
            self.bars[self.chart][a["data-key"]] = a["data-value"]
            self.hrefs[self.chart][a["data-key"]] = a.get("href", "")
        if "data-stage" in a:
            self.stages[a["data-stage"]] = a["data-value"]
        if tag == "tr" and "data-round" in a:
            self.round = a["data-round"]
            self.rounds[self.round] = {}
        if tag == "td" and self.round and "data-figure" in a:
            self.rounds[self.round][a["data-figure"]] = a["data-value"]

    def handle_endtag(self, tag):
        if tag == "svg":
            self.chart = None
        if tag == "tr":
            self.round = None


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_rows(client, path, **query):
    answer = client.get(f"/api/v1/statistics/{path}", query)
    assert answer.status_code == 200, answer.content
    return {row["key"]: row["figures"] for row in answer.json()}


def as_text(value) -> str:
    """A figure as the page's ``data-value`` carries it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@pytest.fixture
def world():
    world = build_world()
    world.export_records()
    today = timezone.localdate()
    world.clue(status=ClueStatus.PROPOSED)
    world.clue(status=ClueStatus.DISPOSING)
    world.clue(status=ClueStatus.DECLINED)
    world.item(status=ItemStatus.SUBMITTED)
    world.item(status=ItemStatus.PENDING, deadline=today + datetime.timedelta(days=3))
    world.item(status=ItemStatus.PENDING, deadline=today + datetime.timedelta(days=15))
    return world


# ------------------------------------------------------------------- who may open it


@pytest.mark.parametrize("persona", ["office", "lead", "leadership"])
def test_readers_of_the_county_see_the_dashboard(world, persona):
    answer = signed_in(getattr(world, persona)).get("/")
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "工作看板" in html
    assert 'data-chart="coverage"' in html and 'data-chart="pipeline"' in html


@pytest.mark.parametrize("persona", ["leader_a", "liaison", "officer_a", "stats"])
def test_other_roles_are_sent_to_their_own_start_page(world, persona):
    from inspection.views.accounts import home_url

    user = getattr(world, persona)
    answer = signed_in(user).get("/")
    assert answer.status_code == 302
    expected = home_url(user)
    assert answer["Location"] == (expected if expected != "/" else "/notifications/")
    assert answer["Location"] != "/"


def test_an_anonymous_visitor_is_sent_to_sign_in():
    answer = Client().get("/")
    assert answer.status_code == 302
    assert answer["Location"].startswith("/accounts/login/?next=/")


# ------------------------------------------------------------------- the same figures


def test_every_chart_shows_the_statistics_api_figures_for_the_same_filter(world):
    client = signed_in(world.office)
    term = world.round.term_id
    page = Figures(client.get("/", {"term": term}).content.decode())
    query = {"term": term}

    coverage = api_rows(client, "coverage/", group_by="town", **query)
    assert page.bars["coverage"] == {
        key: as_text(figures["inspected"]) for key, figures in coverage.items()
    }
    # The problems by every level of the taxonomy, and by nature.
    for grouping in ("focus", "aspect", "class", "nature"):
        problems = api_rows(client, "problems/", group_by=grouping, **query)
        assert page.bars[f"problems-{grouping}"] == {
            key: as_text(figures["problems"]) for key, figures in problems.items()
        }, grouping
    assert set(page.bars["problems-nature"]) == {"general", "violation"}
    assert len(page.bars["problems-aspect"]) == 2
    pipeline = api_rows(client, "clue_pipeline/", **query)[None]
    assert page.bars["pipeline"] == {
        status: as_text(pipeline[f"clues_at_{status}"]) for status in ClueStatus.values
    }
    totals = api_rows(client, "", **query)[None]
    assert page.bars["items"] == {
        status: as_text(totals[f"items_{status}"])
        for status in ItemStatus.values
        if totals[f"items_{status}"]
    }
    assert page.stages == {
        "red": as_text(totals["items_overdue"]),
        "yellow": as_text(totals["items_due_yellow"]),
        "green": as_text(totals["items_due_green"]),
    }
    assert page.meters == {
        rate: as_text(totals[rate]) for rate in ("rectification_rate", "on_time_rate")
    }
    by_round = api_rows(client, "", group_by="round", **query)
    figures = by_round[str(world.round.pk)]
    assert page.rounds[str(world.round.pk)] == {
        "inspected": as_text(figures["inspected"]),
        "problems": as_text(figures["problems"]),
        "clues_transferred": as_text(figures["clues_transferred"]),
        "items_closed": as_text(figures["items_closed"]),
        "on_time_rate": as_text(figures["on_time_rate"]),
    }
    # The fixture's records are all there, so the comparison is not of empty pages.
    assert totals["problems"] == 10 and pipeline["clues"] == 4
    assert page.stages == {"red": "2", "yellow": "1", "green": "1"}


def test_a_round_narrows_every_chart_but_the_comparison(world):
    other = f.InspectionRoundFactory(term=world.round.term, status=RoundStatus.ON_SITE)
    assignment = f.AssignmentFactory(round=other, town=world.town_a, team=None)
    world.problem(status=ProblemStatus.CONFIRMED, assignment=assignment)
    client = signed_in(world.office)
    page = Figures(
        client.get("/", {"term": world.round.term_id, "round": other.pk}).content.decode()
    )
    assets = f.catalogue_class("collective_assets")
    assert page.bars["problems-class"] == {str(assets.pk): "1"}
    assert page.bars["problems-focus"] == {str(assets.aspect.focus_id): "1"}
    assert "pipeline" not in page.bars  # no clue in that round: the chart says so
    assert set(page.rounds) == {str(world.round.pk), str(other.pk)}
    assert page.rounds[str(other.pk)]["problems"] == "1"


# ------------------------------------------------------------------- links and list


def test_each_chart_links_to_the_list_it_counts(world):
    client = signed_in(world.office)
    term = world.round.term_id
    page = Figures(client.get("/").content.decode())
    town = str(world.town_a.pk)
    assert page.hrefs["coverage"][town] == f"/villages/?town={town}&inspected=no&term={term}"
    conduct = f.catalogue_class("conduct")
    assert page.hrefs["problems-class"][str(conduct.pk)] == (
        f"/problems/?term={term}&problem_class={conduct.pk}"
    )
    focus = conduct.aspect.focus_id
    assert page.hrefs["problems-focus"][str(focus)] == f"/problems/?term={term}&focus={focus}"
    assert page.hrefs["problems-nature"]["general"] == f"/problems/?term={term}&nature=general"
    assert page.hrefs["pipeline"]["proposed"] == f"/clues/?term={term}&status=proposed"
    assert page.hrefs["items"]["closed"] == f"/items/?term={term}&status=closed"


def test_the_attention_list_shows_overdue_items_first_each_linking_to_its_page(world):
    html = signed_in(world.office).get("/").content.decode()
    rows = re.findall(r'<tr data-item="(\d+)">\s*<td><span class="stage stage-(\w+)"', html)
    assert [stage for _pk, stage in rows] == ["red", "red", "yellow", "green"]
    for pk, _stage in rows:
        assert f'href="/items/{pk}/"' in html
    assert "逾期 5 天" in html


def test_a_malformed_filter_shows_an_error_and_the_current_term(world):
    client = signed_in(world.office)
    for query in ({"term": "abc"}, {"term": str(2**70)}, {"round": "999999"}):
        answer = client.get("/", query)
        assert answer.status_code == 200
        assert "form-errors" in answer.content.decode()
        assert "选择一个有效的选项" in answer.content.decode()


def test_a_round_of_another_term_is_refused_on_the_round_field(world):
    earlier = f.TermFactory(
        name="2016—2021届",
        starts_on=datetime.date(2016, 10, 1),
        ends_on=datetime.date(2021, 9, 30),
        is_current=False,
    )
    answer = signed_in(world.office).get("/", {"term": earlier.pk, "round": world.round.pk})
    assert answer.status_code == 200
    assert "巡察轮次：" in answer.content.decode()


def test_without_any_term_the_page_says_so(db):
    office = f.UserFactory(username="office", role="office_staff")
    answer = signed_in(office).get("/")
    assert answer.status_code == 200
    assert "还没有届次" in answer.content.decode()


# ------------------------------------------------------------------- cost


def add_town_with_round(world, n: int) -> None:
    """One more town with a village inspected in one more round, and a bit in each."""
    town = f.TownFactory(name=f"新增镇{n}")
    village = f.VillageFactory(town=town)
    round_ = f.InspectionRoundFactory(term=world.round.term, status=RoundStatus.RECTIFICATION)
    assignment = f.AssignmentFactory(round=round_, town=town, village=village, team=None)
    world.item(assignment=assignment, deadline=timezone.localdate())
    world.problem(status=ProblemStatus.CONFIRMED, assignment=assignment)


def count_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def test_the_query_count_does_not_grow_with_towns_and_rounds(world, django_assert_max_num_queries):
    client = signed_in(world.office)
    client.get("/")  # the session is warm
    add_town_with_round(world, 1)
    few = count_queries(client)
    for n in range(2, 8):
        add_town_with_round(world, n)
    with django_assert_max_num_queries(few):
        assert client.get("/").status_code == 200
    # the problems by focus, aspect, class and nature and the towns' orders are a query each;
    # so are the 交办事项 and the 专题报告 / 巡察建议书 counts, and the 问责, 第一种形态 and
    # 回头看 figures, and the persons of the clues' outcomes (处理处分)
    assert few <= 37


# ------------------------------------------------------- the figure and the list it links


def test_the_problem_list_explains_the_drafts_the_dashboard_leaves_out(world):
    """The dashboard's 发现问题 counts problems past draft; the list it links to shows the
    drafts too, and says how many, so the two numbers add up on the page."""
    from findings.models import Problem

    world.problem(status=ProblemStatus.DRAFT)
    world.problem(status=ProblemStatus.DRAFT)
    drafts = Problem.objects.filter(status=ProblemStatus.DRAFT).count()
    client = signed_in(world.office)
    dashboard = client.get("/").content.decode()
    kpi = re.search(
        r'data-kpi="problems".*?class="value">([\d,]+)<.*?class="note[^"]*">([^<]*)<',
        dashboard,
        re.S,
    )
    counted, note = int(kpi.group(1).replace(",", "")), kpi.group(2)
    assert note.startswith("不含草稿")

    listed = client.get(re.search(r'href="([^"]*)" data-kpi="problems"', dashboard).group(1))
    text = listed.content.decode()
    total = listed.context["listing"].page.paginator.count
    assert listed.context["drafts"] == drafts and total == counted + drafts
    assert f"共 {total} 个问题，其中 {drafts} 个是草稿（尚未提交复核），" in text
    assert "不计入工作看板和统计报表的“发现问题”" in text
    assert "status=draft" in text

    # Opened from the navigation, without any filter, it says so too.
    assert client.get("/problems/").context["drafts"] == drafts
    only_drafts = client.get("/problems/", {"status": "draft"})
    assert only_drafts.context["drafts"] == 0 and "个是草稿" not in only_drafts.content.decode()
