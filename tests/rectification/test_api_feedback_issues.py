"""反馈问题 through the API: propose, edit, move, renumber, leave out, delete; scoped reads
and a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from findings.choices import ClueStatus, ProblemStatus
from rectification.models import FeedbackIssue
from rounds.choices import RoundStatus
from tests import factories as f
from tests.rectification.test_api import as_user, ok, refused
from tests.world import build_world

pytestmark = pytest.mark.django_db

ISSUES = "/api/v1/feedback-issues/"


@pytest.fixture
def reporting():
    return build_world(round_status=RoundStatus.REPORTING)


def confirmed(world, code="collective_assets"):
    return world.problem(status=ProblemStatus.CONFIRMED, problem_class=f.catalogue_class(code))


def test_the_office_prepares_the_issues_of_an_assignment(reporting):
    world = reporting
    office = as_user(world.office)
    assets, cadres = confirmed(world), confirmed(world, "cadres")
    sealed = confirmed(world)
    world.clue(status=ClueStatus.APPROVED).problems.add(sealed)

    rows = ok(office.post(f"{ISSUES}propose/", {"assignment": world.assignment_a.pk}, "json"))
    assert [(r["number"], [p["id"] for p in r["problems"]]) for r in rows] == [
        (1, [assets.pk, sealed.pk]),
        (2, [cadres.pk]),
    ]
    assert rows[0]["village_name"] == world.assignment_a.village.name

    body = {"problem": sealed.pk, "reason": "线索尚在处置"}
    assert office.post(f"{ISSUES}leave-out/", body, "json").status_code == 204
    body = {"assignment": world.assignment_a.pk, "title": "村干部履职", "ledger_mode": "per_issue"}
    new = ok(office.post(ISSUES, body, "json"), 201)
    assert (new["number"], new["ledger_mode_display"]) == (3, "按反馈问题建账")
    moved = ok(office.post(f"{ISSUES}{new['id']}/move-problem/", {"problem": cadres.pk}, "json"))
    assert [p["id"] for p in moved["problems"]] == [cadres.pk]
    renumbered = ok(office.post(f"{ISSUES}{new['id']}/renumber/", {"number": 1}, "json"))
    assert renumbered["number"] == 1
    edited = ok(office.post(f"{ISSUES}{new['id']}/edit/", {"title": "干部问题"}, "json"))
    assert edited["title"] == "干部问题"
    assert office.delete(f"{ISSUES}{rows[1]['id']}/").status_code == 204
    listed = ok(office.get(ISSUES, {"assignment": world.assignment_a.pk}))["results"]
    assert sorted((r["number"], r["title"]) for r in listed) == [
        (1, "干部问题"),
        (2, "农村集体“三资”管理"),
    ]


def test_refusals(reporting):
    world = reporting
    confirmed(world)
    [issue] = ok(
        as_user(world.office).post(
            f"{ISSUES}propose/", {"assignment": world.assignment_a.pk}, "json"
        )
    )
    url = f"{ISSUES}{issue['id']}/"
    refused(as_user(world.office).post(f"{url}renumber/", {"number": 5}, "json"), 400, "number")
    refused(as_user(world.office).post(f"{url}edit/", {"title": ""}, "json"), 400, "title")
    refused(as_user(world.member_a).post(f"{url}edit/", {"title": "x"}, "json"), 403)
    refused(as_user(world.leader_b).post(f"{url}edit/", {"title": "x"}, "json"), 404)
    assert as_user(world.officer_a).get(url).status_code == 404  # not fed back yet
    assert as_user(world.leader_a).get(url).status_code == 200


def test_the_list_takes_a_bounded_number_of_queries(reporting):
    world = reporting

    def count():
        with CaptureQueriesContext(connection) as queries:
            ok(as_user(world.office).get(ISSUES))
        return len(queries)

    confirmed(world)
    world.item()
    few = count()
    for code in ("cadres", "conduct", "leasing"):
        confirmed(world, code)
        world.item()
    FeedbackIssue.objects.update(text="x")
    assert count() == few


def test_a_ledger_item_names_its_issue_number(reporting):
    world = reporting
    item = world.item()
    row = ok(as_user(world.office).get(f"/api/v1/rectification-items/{item.pk}/"))
    assert (row["issue"], row["issue_number"]) == (item.issue_id, item.issue.number)
