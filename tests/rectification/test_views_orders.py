"""The on-site order screens: the leader issues on the phone, the team records 签收 and
verifies on site, the unit's contact finds the item in its ledger at once, the office
lists a round's orders (rectification/views/orders.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from findings.choices import ProblemStatus
from rectification.choices import ItemStatus, OrderStatus
from rectification.models import ImmediateOrder
from rounds.choices import RoundStatus
from tests.findings.reports_kit import clear_for_feedback
from tests.rectification.helpers import upload
from tests.rectification.orders_kit import issue, submitted_order_item
from tests.rectification.test_views_items import page, post, signed_in
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_site():
    return build_world(round_status=RoundStatus.ON_SITE)


def orders_path(assignment) -> str:
    return f"/orders/assignments/{assignment.pk}/"


def test_the_team_page_links_to_the_villages_orders(on_site):
    response = page(on_site.member_a, f"/team/assignments/{on_site.assignment_a.pk}/")
    assert orders_path(on_site.assignment_a) in response.text


def test_the_leader_picks_confirmed_problems_and_issues_an_order(on_site):
    world = on_site
    confirmed = world.problem(status=ProblemStatus.CONFIRMED, facts="多收水费三百元")
    world.problem(status=ProblemStatus.DRAFT, facts="草稿问题")

    form_page = page(world.leader_a, orders_path(world.assignment_a))
    assert "多收水费三百元" in form_page.text and "草稿问题" not in form_page.text
    assert "整改时限" in form_page.text

    response = post(
        world.leader_a,
        orders_path(world.assignment_a),
        {"problems": [confirmed.pk], "form": "written", "requirements": "退还并公示"},
    )

    order = ImmediateOrder.objects.get()
    assert response.status_code == 302
    assert response.url == f"/orders/{order.pk}/"
    detail = page(world.leader_a, response.url)
    assert order.number in detail.text and "多收水费三百元" in detail.text


def test_an_order_without_problems_is_refused_on_the_form(on_site):
    world = on_site
    world.problem(status=ProblemStatus.CONFIRMED)
    response = post(world.leader_a, orders_path(world.assignment_a), {"form": "oral"})
    assert response.status_code == 200
    assert "至少一个" in response.text
    assert not ImmediateOrder.objects.exists()


def test_a_member_sees_the_orders_but_no_form(on_site):
    world = on_site
    issue(world)
    response = page(world.member_a, orders_path(world.assignment_a))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert len(response.context["orders"]) == 1
    assert post(world.member_a, orders_path(world.assignment_a), {}).status_code == 403
    assert page(world.leader_b, orders_path(world.assignment_a)).status_code == 404


def test_the_units_contact_sees_the_ordered_item_in_its_ledger_at_once(on_site):
    world = on_site
    order = issue(world)
    item = order.items.get()

    ledger = page(world.officer_a, "/ledger/")
    assert item.pk in [row.pk for row in ledger.context["rows"]]
    detail = page(world.officer_a, f"/ledger/items/{item.pk}/")
    assert order.number in detail.text
    assert page(world.officer_b, "/ledger/").context["rows"] == []


def test_the_team_records_the_signature(on_site):
    world = on_site
    order = issue(world)
    response = post(
        world.member_a,
        f"/orders/{order.pk}/sign-for/",
        {"signer_name": "王建国", "signer_post": "村党总支书记", "signed_on": timezone.localdate()},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.SIGNED_FOR
    assert "王建国" in page(world.officer_a, f"/orders/{order.pk}/").text


def test_the_leader_verifies_on_site_from_the_orders_page(on_site):
    world = on_site
    item = submitted_order_item(world)
    detail = page(world.leader_a, f"/orders/{item.order_id}/")
    verify_path = f"/orders/items/{item.pk}/verify/"
    assert verify_path in detail.text
    assert verify_path not in page(world.member_a, f"/orders/{item.order_id}/").text

    response = signed_in(world.leader_a).post(
        verify_path,
        {"method": "on_site", "result": "passed", "note": "", "evidence": [upload()]},
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED
    assert "如期完成" in page(world.leader_a, f"/orders/{item.order_id}/").text


def test_a_member_may_not_verify(on_site):
    world = on_site
    item = submitted_order_item(world)
    response = signed_in(world.member_a).post(
        f"/orders/items/{item.pk}/verify/",
        {"method": "on_site", "result": "passed", "note": "", "evidence": [upload()]},
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED


def test_the_office_lists_a_rounds_orders(on_site, django_assert_max_num_queries):
    world = on_site
    for _ in range(3):
        issue(world)
    issue(world, actor=world.leader_b, assignment=world.assignment_b)
    client = signed_in(world.office)
    client.get("/orders/")  # the session and the user, once
    with django_assert_max_num_queries(12):
        response = client.get("/orders/", {"round": world.round.pk})
    assert len(response.context["rows"]) == 4
    assert "整改中" in response.text
    assert page(world.member_a, "/orders/").status_code == 403


def test_the_feedback_confirmation_counts_ordered_problems_apart(on_site):
    world = on_site
    issue(world)
    world.problem(status=ProblemStatus.CONFIRMED)
    world.round.status = RoundStatus.REPORTING
    world.round.save()
    clear_for_feedback(world.round, actor=world.office)

    answer = signed_in(world.office).post(
        f"/rounds/{world.round.pk}/feedback/",
        {
            "assignments": [world.assignment_a.pk],
            "fed_back_on": timezone.localdate().isoformat(),
        },
    )

    page_text = answer.content.decode()
    assert "将生成 1 条整改台账条目：立行立改 0 条" in page_text
    assert "另有 1 个问题在巡察期间已下达立行立改通知" in page_text


def queries_of(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_order_pages_take_the_same_queries_for_one_problem_or_three(on_site):
    world = on_site
    one = issue(world)
    three = issue(world, *(world.problem(status=ProblemStatus.CONFIRMED) for _ in range(3)))
    client = signed_in(world.leader_a)
    client.get(f"/orders/{one.pk}/")  # the session and the user, once
    assert queries_of(client, f"/orders/{one.pk}/") == queries_of(client, f"/orders/{three.pk}/")
    before = queries_of(client, orders_path(world.assignment_a))
    issue(world, *(world.problem(status=ProblemStatus.CONFIRMED) for _ in range(2)))
    assert queries_of(client, orders_path(world.assignment_a)) == before
