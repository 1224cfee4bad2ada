"""The village registry screens: the list with its filters, and a village's page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from findings.choices import ProblemStatus
from inspection.choices import AttentionClass, VillageKind
from rectification.choices import ItemStatus
from reports.statistics import figures
from reports.statistics.scope import StatisticsFilter
from rounds.choices import RoundStatus
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db

LIST = reverse("reports:village_list")


def detail(village) -> str:
    return reverse("reports:village_detail", args=[village.pk])


@pytest.fixture
def world():
    return build_world()


def listed(client, user, **query) -> list[str]:
    client.force_login(user)
    page = client.get(LIST, query)
    assert page.status_code == 200
    return [village.name for village in page.context["listing"]]


# ------------------------------------------------------------------------------- list


@pytest.mark.parametrize("persona", ["office", "lead", "leadership"])
def test_the_readers_of_the_county_open_the_list(client, world, persona):
    assert sorted(listed(client, world.users[persona])) == ["乙一村", "甲一村"]


@pytest.mark.parametrize("persona", ["leader_a", "member_a", "liaison", "officer_a", "stats"])
def test_other_roles_are_refused_the_list(client, world, persona):
    client.force_login(world.users[persona])
    assert client.get(LIST).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    answer = client.get(LIST)
    assert answer.status_code == 302
    assert answer.url.startswith(reverse("inspection:login"))


def test_filters_on_town_kind_attention_class_and_active(client, world):
    f.VillageFactory(town=world.town_a, name="甲二社区", kind=VillageKind.COMMUNITY)
    f.VillageFactory(town=world.town_a, name="甲三村", attention_class=AttentionClass.KEY_HAZARD)
    f.VillageFactory(town=world.town_a, name="甲四村", is_active=False)
    office = world.office

    in_town_a = listed(client, office, town=world.town_a.pk)
    assert in_town_a == ["甲一村", "甲二社区", "甲三村", "甲四村"]
    assert listed(client, office, kind=VillageKind.COMMUNITY) == ["甲二社区"]
    assert listed(client, office, attention_class=AttentionClass.KEY_HAZARD) == ["甲三村"]
    assert listed(client, office, is_active="no") == ["甲四村"]
    assert "甲四村" not in listed(client, office, is_active="yes")


def test_search_matches_name_code_and_town(client, world):
    village = f.VillageFactory(town=world.town_b, name="梅林村")
    office = world.office
    assert listed(client, office, search="梅林") == ["梅林村"]
    assert listed(client, office, search=village.code) == ["梅林村"]
    assert sorted(listed(client, office, search="乙镇")) == ["乙一村", "梅林村"]


def test_uninspected_in_the_current_term_as_the_dashboard_links_it(client, world):
    """``?town=<id>&inspected=no``: the active villages of the town no assignment of a
    round past 进驻 in the current term covers, the same count as the coverage figure."""
    f.VillageFactory(town=world.town_a, name="甲二村")
    f.VillageFactory(town=world.town_a, name="甲三村", is_active=False)  # not counted at all
    planned = f.VillageFactory(town=world.town_a, name="甲四村")
    planning_round = f.InspectionRoundFactory(status=RoundStatus.PLANNING)
    f.AssignmentFactory(round=planning_round, village=planned, team=None)
    office = world.office

    uninspected = listed(client, office, town=world.town_a.pk, inspected="no")
    assert uninspected == ["甲二村", "甲四村"]
    assert listed(client, office, town=world.town_a.pk, inspected="yes") == ["甲一村"]
    coverage = figures.coverage(StatisticsFilter(town_id=world.town_a.pk))[None]
    assert coverage["villages"] - coverage["inspected"] == len(uninspected)


def test_inspected_in_another_term(client, world):
    earlier = f.TermFactory(
        name="2016—2021届",
        starts_on=datetime.date(2016, 10, 1),
        ends_on=datetime.date(2021, 9, 30),
        is_current=False,
    )
    old_round = f.InspectionRoundFactory(term=earlier, status=RoundStatus.CLOSED)
    village = f.VillageFactory(town=world.town_b, name="乙二村")
    f.AssignmentFactory(round=old_round, village=village)
    office = world.office

    assert listed(client, office, inspected="yes", term=earlier.pk) == ["乙二村"]
    assert "乙二村" in listed(client, office, inspected="no")


def test_columns_show_the_last_round_and_open_ledger_items(client, world):
    world.item(status=ItemStatus.PENDING)
    world.item(status=ItemStatus.RETURNED)
    world.item(status=ItemStatus.CLOSED)
    world.item(status=ItemStatus.SUBMITTED)
    client.force_login(world.office)
    page = client.get(LIST, {"town": world.town_a.pk})
    row = page.context["listing"].rows[0]
    assert (row.name, row.last_round_title, row.open_items) == ("甲一村", world.round.title, 2)
    text = page.content.decode()
    assert world.round.title in text
    assert reverse("reports:village_detail", args=[row.pk]) in text


@pytest.mark.parametrize(
    "query",
    [
        {"town": "abc"},
        {"town": "99999999999999999999999"},
        {"term": "-1", "inspected": "no"},
        {"inspected": "maybe"},
        {"page": "999"},
        {"kind": "<script>"},
    ],
)
def test_bad_filter_values_never_give_a_500(client, world, query):
    client.force_login(world.office)
    assert client.get(LIST, query).status_code == 200


def test_the_list_costs_the_same_few_queries_for_many_villages(
    client, world, django_assert_max_num_queries
):
    for number in range(40):
        village = f.VillageFactory(town=world.town_a, name=f"批量{number}村")
        assignment = f.AssignmentFactory(round=world.round, team=world.team_a, village=village)
        world.item(assignment=assignment)
    client.force_login(world.office)
    with django_assert_max_num_queries(10):
        page = client.get(LIST, {"inspected": "yes"})
    rows = page.context["listing"].rows
    assert len(rows) == 30
    # The rows come in the order of the villages' codes, and the factory's codes wrap at
    # 1000: the batch's rows are found by name, not by place.
    batch = [row for row in rows if row.name.startswith("批量")]
    assert len(batch) >= 28
    assert all(row.open_items == 1 for row in batch)


def test_office_sees_the_import_button_leadership_does_not(client, world):
    client.force_login(world.office)
    assert reverse("inspection:village_import") in client.get(LIST).content.decode()
    client.force_login(world.leadership)
    assert reverse("inspection:village_import") not in client.get(LIST).content.decode()


# ----------------------------------------------------------------------- a village's page


def test_the_page_shows_profile_inspections_problems_and_ledger(client, world):
    village = world.assignment_a.village
    village.population = 2680
    village.save()
    world.problem(
        status=ProblemStatus.CONFIRMED, problem_class=f.catalogue_class("conduct"), facts="超标接待"
    )
    late = world.item(deadline=timezone.localdate() - datetime.timedelta(days=3))
    client.force_login(world.office)

    page = client.get(detail(village))

    text = page.content.decode()
    assert page.status_code == 200
    for shown in (village.code, "2680", "甲镇", world.round.title, "第一巡察组", "常规巡察"):
        assert shown in text
    assert "超标接待" in text
    assert "违反八项规定精神/作风" in text
    assert reverse("findings:problem_detail", args=[late.problem_id]) in text
    assert reverse("rectification:item_detail", args=[late.pk]) in text
    assert "红色预警" in text
    assert "逾期 3 天" in text
    for link in (page.context["problems_url"], page.context["items_url"]):
        assert link.replace("&", "&amp;") in text
        assert client.get(link).status_code == 200
    assert "超标接待" in client.get(page.context["problems_url"]).content.decode()


def test_every_problem_and_item_of_the_village_and_none_of_another(client, world):
    world.problem(facts="甲村的问题")
    world.problem(facts="乙村的问题", assignment=world.assignment_b)
    client.force_login(world.lead)
    text = client.get(detail(world.assignment_a.village)).content.decode()
    assert "甲村的问题" in text
    assert "乙村的问题" not in text


def test_each_list_is_scoped_to_what_the_role_may_see(client, world):
    """An inspector of team B opens village A's profile but sees none of team A's work."""
    world.problem(facts="甲组记录的问题")
    client.force_login(world.leader_b)
    page = client.get(detail(world.assignment_a.village))
    text = page.content.decode()
    assert page.status_code == 200
    assert "甲组记录的问题" not in text
    assert page.context["assignments"] == []
    client.force_login(world.leader_a)
    assert "甲组记录的问题" in client.get(detail(world.assignment_a.village)).content.decode()


def test_the_statistics_client_sees_the_register_only_and_unknown_ids_404(client, world):
    """The village register is readable by the statistics client (issue 15: it names the
    villages of its questions); the records on the page stay out of its sight."""
    world.problem(facts="甲组记录的问题")
    client.force_login(world.stats)
    page = client.get(detail(world.assignment_a.village))
    assert page.status_code == 200
    assert world.assignment_a.village.name in page.content.decode()
    assert "甲组记录的问题" not in page.content.decode()
    assert world.round.title not in page.content.decode()
    client.force_login(world.office)
    assert client.get(reverse("reports:village_detail", args=[987654])).status_code == 404
    assert client.get("/villages/99999999999999999999999/").status_code == 404


def test_no_confidential_names_on_the_village_page(client, world):
    world.clue()  # its person concerned is 赵德明
    f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    client.force_login(world.leadership)
    text = client.get(detail(world.assignment_a.village)).content.decode()
    assert "赵德明" not in text
    assert "王建国" not in text


def test_the_page_costs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for _ in range(15):
        world.item()
        world.problem()
    client.force_login(world.office)
    with django_assert_max_num_queries(12):
        page = client.get(detail(world.assignment_a.village))
    assert page.context["problem_count"] == 30
    assert page.context["item_count"] == 15
