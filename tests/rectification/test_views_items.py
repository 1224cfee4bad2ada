"""The ledger screens: the office's item list (filters, colours, query count) and an item's
page for every role that may see it, with the actions the rules give each one."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from inspection.choices import AlertStage
from rectification.choices import ItemStatus, RectificationMode
from rectification.models import AccountabilityProposal, ProgressEvidence
from rounds.choices import RoundStatus
from tests import factories as f
from tests.rectification.helpers import upload

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
LIST = "/items/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(user, path: str, data=None):
    return signed_in(user).get(path, data or {})


def post(user, path: str, data=None):
    return signed_in(user).post(path, data or {})


def item_path(item, action: str = "") -> str:
    return f"/items/{item.pk}/" + (f"{action}/" if action else "")


def listed(response) -> list[int]:
    return [item.pk for item in response.context["rows"]]


def field_error(response, field: str) -> str:
    """The error shown next to ``field`` (the ``<p class="error">`` the form includes render)."""
    match = re.search(rf'<p class="error" id="id_{field}_error">([^<]*)</p>', response.text)
    assert match, f"no error next to {field}"
    return match.group(1)


# --------------------------------------------------------------------------- the list


@pytest.mark.parametrize("persona", ["office", "lead", "leadership"])
def test_the_office_and_leadership_read_the_ledger_list(world, persona):
    item = world.item(responsible_unit="甲一村党支部", responsible_person="王建国")

    response = page(getattr(world, persona), LIST)

    assert response.status_code == 200
    assert listed(response) == [item.pk]
    assert "甲一村党支部" in response.text and "王建国" in response.text
    assert "村集体资产租赁合同未经民主程序" in response.text
    assert item_path(item) in response.text


@pytest.mark.parametrize("persona", ["leader_a", "member_a", "liaison", "officer_a", "stats"])
def test_other_roles_may_not_open_the_ledger_list(world, persona):
    assert page(getattr(world, persona), LIST).status_code == 403


def test_the_list_asks_an_anonymous_visitor_to_sign_in(world):
    response = Client().get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_list_filters_by_the_api_parameters(world):
    pending = world.item()
    submitted = world.item(status=ItemStatus.SUBMITTED, mode=RectificationMode.IMMEDIATE)
    elsewhere = world.item(assignment=world.assignment_b)
    office = world.office

    assert listed(page(office, LIST, {"status": "submitted"})) == [submitted.pk]
    assert listed(page(office, LIST, {"mode": "immediate"})) == [submitted.pk]
    assert set(listed(page(office, LIST, {"town": world.town_b.pk}))) == {elsewhere.pk}
    village = world.assignment_a.village
    by_village = page(office, LIST, {"town": world.town_a.pk, "village": village.pk})
    assert set(listed(by_village)) == {pending.pk, submitted.pk}
    assert set(listed(page(office, LIST, {"round": world.round.pk}))) == {
        pending.pk,
        submitted.pk,
        elsewhere.pk,
    }
    assert listed(page(office, LIST, {"problem": pending.problem_id})) == [pending.pk]
    by_term = page(office, LIST, {"term": world.round.term_id, "status": "pending"})
    assert set(listed(by_term)) == {pending.pk, elsewhere.pk}
    assert f'name="term" value="{world.round.term_id}"' in by_term.text  # kept when refiltering


def test_the_list_filters_by_the_taxonomy_and_nature(world):
    assets = world.item()
    party = world.item()
    party.problem.problem_class = f.catalogue_class("party_dues")
    party.problem.nature = "general"
    party.problem.save()
    office = world.office
    dues = party.problem.problem_class
    for query in (
        {"focus": dues.aspect.focus_id},
        {"aspect": dues.aspect_id},
        {"problem_class": dues.pk},
        {"nature": "general"},
    ):
        assert listed(page(office, LIST, query)) == [party.pk], query
    assert listed(page(office, LIST, {"nature": "violation"})) == [assets.pk]


def test_the_village_select_lists_the_chosen_towns_villages_only(world):
    world.item()
    other_village = f.VillageFactory(town=world.town_b, name="乙二村")

    options = page(world.office, LIST, {"town": world.town_a.pk}).context["listing"].form
    villages = list(options.fields["village"].queryset)

    assert world.assignment_a.village in villages
    assert other_village not in villages


def test_the_list_searches_facts_units_and_village_names(world):
    target = world.item(responsible_unit="甲一村股份经济合作社")
    world.item(assignment=world.assignment_b)

    assert listed(page(world.office, LIST, {"search": "股份经济"})) == [target.pk]
    assert listed(page(world.office, LIST, {"search": "甲一村"})) == [target.pk]
    assert listed(page(world.office, LIST, {"search": "不存在的内容"})) == []


def test_overdue_and_the_three_colours_follow_the_alert_rule(world, settings):
    settings.INSPECTION_ALERT_GREEN_DAYS = 20
    settings.INSPECTION_ALERT_YELLOW_DAYS = 10
    settings.INSPECTION_ALERT_WORKING_DAYS = False
    red = world.item(deadline=TODAY() - 3 * DAY, status=ItemStatus.IN_PROGRESS)
    yellow = world.item(deadline=TODAY() + 5 * DAY)
    green = world.item(deadline=TODAY() + 15 * DAY)
    later = world.item(deadline=TODAY() + 40 * DAY)
    # Asking to be closed: past its deadline, yet neither overdue nor coloured.
    world.item(deadline=TODAY() - 3 * DAY, status=ItemStatus.SUBMITTED)
    office = world.office

    assert listed(page(office, LIST, {"overdue": "true"})) == [red.pk]
    assert red.pk not in listed(page(office, LIST, {"overdue": "false"}))
    assert listed(page(office, LIST, {"stage": AlertStage.RED})) == [red.pk]
    assert listed(page(office, LIST, {"stage": AlertStage.YELLOW})) == [yellow.pk]
    assert listed(page(office, LIST, {"stage": AlertStage.GREEN})) == [green.pk]

    response = page(office, LIST)
    colours = {item.pk: item.stage for item in response.context["rows"]}
    assert colours[red.pk] == AlertStage.RED
    assert colours[yellow.pk] == AlertStage.YELLOW
    assert colours[green.pk] == AlertStage.GREEN
    assert colours[later.pk] is None
    assert "逾期 3 天" in response.text and "剩 5 天" in response.text


def test_the_list_shows_open_items_first_most_urgent_on_top(world):
    closed = world.item(status=ItemStatus.CLOSED, deadline=TODAY() - 30 * DAY)
    late = world.item(deadline=TODAY() + 2 * DAY)
    early = world.item(deadline=TODAY() - 1 * DAY)

    assert listed(page(world.office, LIST)) == [early.pk, late.pk, closed.pk]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"overdue": "maybe"},
        {"stage": "purple"},
        {"town": "abc"},
        {"village": "99999999999999999999"},
        {"deadline_after": "not a date"},
        {"problem": "x"},
        {"page": "abc"},
        {"page": "999"},
    ],
)
def test_bad_filters_never_answer_500(world, params):
    world.item()
    response = page(world.office, LIST, params)
    assert response.status_code == 200


def test_a_bad_filter_is_said_next_to_it(world):
    response = page(world.office, LIST, {"status": "bogus"})
    assert response.context["listing"].form.errors["status"]
    assert listed(response) == []


def test_the_list_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    client = signed_in(world.office)
    for _ in range(3):
        world.item()
    with django_assert_max_num_queries(12):
        few = client.get(LIST)
    for _ in range(12):
        world.item(assignment=world.assignment_b)
    with django_assert_max_num_queries(12):
        many = client.get(LIST, {"search": "村"})
    assert len(listed(few)) == 3 and len(listed(many)) == 15


# -------------------------------------------------------------------------- the item


@pytest.mark.parametrize("persona", ["office", "lead", "leadership", "leader_a", "officer_a"])
def test_whoever_may_see_the_item_reads_its_page(world, persona):
    item = world.evidenced_item()

    response = page(getattr(world, persona), item_path(item))

    assert response.status_code == 200
    assert "村集体资产租赁合同未经民主程序" in response.text
    assert "已重新履行民主程序。" in response.text  # the progress update
    assert "村民代表会议记录.pdf" in response.text  # its evidence, by name


@pytest.mark.parametrize("persona", ["officer_b", "leader_b", "liaison", "liaison_org", "stats"])
def test_the_item_page_out_of_scope_is_not_found(world, persona):
    item = world.evidenced_item()
    assert page(getattr(world, persona), item_path(item)).status_code == 404


def test_an_item_that_does_not_exist_is_not_found(world):
    assert page(world.office, "/items/987654/").status_code == 404
    assert page(world.office, "/items/99999999999999999999/").status_code == 404


def test_leadership_reads_without_a_single_action(world):
    item = world.evidenced_item()
    response = page(world.leadership, item_path(item))

    assert response.context["progress_form"] is None
    assert response.context["submit_form"] is None
    assert response.context["accountability_form"] is None
    assert '<form method="post" action="/items/' not in response.text


def test_the_unit_officer_gets_progress_and_submit(world):
    item = world.evidenced_item()
    response = page(world.officer_a, item_path(item))

    assert response.context["progress_form"] is not None
    assert response.context["submit_form"] is not None
    assert response.context["accountability_form"] is None
    assert item_path(item, "progress") in response.text
    assert item_path(item, "verify") not in response.text


@pytest.mark.parametrize("persona", ["office", "lead"])
def test_the_office_is_not_offered_the_units_forms(world, persona):
    """Progress and asking to close are the unit's; the office sees its own actions."""
    item = world.evidenced_item()
    response = page(getattr(world, persona), item_path(item))

    assert response.context["progress_form"] is None
    assert response.context["submit_form"] is None
    assert "填报整改进展" not in response.text
    assert item_path(item, "progress") not in response.text
    assert item_path(item, "submit") not in response.text


@pytest.mark.parametrize("persona", ["office", "lead"])
def test_the_office_verifies_an_item_asking_to_be_closed_from_its_page(world, persona):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    response = page(getattr(world, persona), item_path(item))

    assert item_path(item, "verify") in response.text
    assert item_path(item, "submit") not in response.text


def test_the_item_page_links_the_problem(world):
    item = world.item()
    response = page(world.office, item_path(item))
    assert f"/problems/{item.problem_id}/" in response.text


@pytest.mark.parametrize("persona", ["office", "officer_a"])
def test_the_item_page_names_the_problems_class_and_nature(world, persona):
    item = world.item()
    item.problem.refresh_from_db()
    text = page(getattr(world, persona), item_path(item)).text
    assert item.problem.problem_class.name in text
    assert f"<dt>问题性质</dt><dd>{item.problem.get_nature_display()}</dd>" in text


def test_a_returned_item_says_why(world):
    item = world.item(status=ItemStatus.RETURNED, return_reason="照片看不清，请补充会议记录。")
    response = page(world.officer_a, item_path(item))
    assert "照片看不清，请补充会议记录。" in response.text


def test_the_item_page_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    item = world.evidenced_item(status=ItemStatus.CLOSED)
    client = signed_in(world.office)
    with django_assert_max_num_queries(16):
        client.get(item_path(item))


# ------------------------------------------------------------------------ the actions


def test_the_officer_posts_progress_with_evidence(world):
    item = world.item()

    response = signed_in(world.officer_a).post(
        item_path(item, "progress"),
        {"text": "已召开村民代表会议。", "percent": "60", "evidence": [upload("会议照片.jpg")]},
    )

    assert response.status_code == 302 and response["Location"] == item_path(item)
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    assert ProgressEvidence.objects.get(update__item=item).original_name == "会议照片.jpg"
    assert "会议照片.jpg" in page(world.officer_a, item_path(item)).text


def test_bad_progress_is_said_next_to_the_field(world):
    item = world.item()

    response = post(world.officer_a, item_path(item, "progress"), {"text": "", "percent": "150"})

    assert response.status_code == 200
    assert field_error(response, "text") == "请填写整改进展情况。"
    assert "100" in field_error(response, "percent")
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING


def test_the_service_refusal_comes_back_on_the_form(world):
    item = world.item(measures="")

    response = post(world.officer_a, item_path(item, "progress"), {"text": "x", "percent": "10"})

    assert response.status_code == 200
    assert "请先在整改方案中填写整改措施" in response.text


def test_the_officer_asks_for_closing(world):
    item = world.evidenced_item()

    response = post(world.officer_a, item_path(item, "submit"), {"note": "已整改完毕"})

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED and item.submitted_by == world.officer_a


def test_asking_for_closing_without_evidence_is_refused_on_the_page(world):
    item = world.item(status=ItemStatus.IN_PROGRESS)

    response = post(world.officer_a, item_path(item, "submit"))

    assert response.status_code == 200
    assert "申请销号须上传整改佐证材料。" in response.text
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS


@pytest.mark.parametrize("action", ["progress", "submit", "plan", "accountability", "reopen"])
def test_leadership_changes_nothing(world, action):
    item = world.evidenced_item()
    assert post(world.leadership, item_path(item, action), {"text": "x"}).status_code == 403


@pytest.mark.parametrize("action", ["progress", "submit", "plan", "accountability", "reopen"])
def test_an_officer_of_another_unit_gets_404_on_every_action(world, action):
    item = world.evidenced_item()
    assert post(world.officer_b, item_path(item, action)).status_code == 404


def test_actions_only_answer_post(world):
    item = world.evidenced_item()
    for action in ("progress", "submit", "reopen", "accountability"):
        assert page(world.officer_a, item_path(item, action)).status_code == 405


def plan_data(item, **changes) -> dict:
    data = {
        "mode": item.mode,
        "measures": item.measures,
        "target": "",
        "responsible_unit_kind": item.responsible_unit_kind,
        "responsible_unit": item.responsible_unit,
        "responsible_person": item.responsible_person,
        "supervising_leader": "",
        "deadline": item.deadline.isoformat(),
        "milestones": "",
        "note": "",
    }
    return data | changes


def test_the_plan_page_shows_the_current_plan(world):
    item = world.item()
    response = page(world.officer_a, item_path(item, "plan"))
    assert response.status_code == 200
    assert response.context["form"].initial["responsible_unit"] == item.responsible_unit


def test_a_long_term_plan_takes_milestones_one_a_line(world):
    item = world.item()
    first, last = TODAY() + 30 * DAY, TODAY() + 90 * DAY
    lines = f"{first:%Y-%m-%d} 完成合同清理\n\n{last:%Y-%m-%d} 建立长效机制"

    response = post(
        world.office, item_path(item, "plan"), plan_data(item, mode="long_term", milestones=lines)
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.mode == RectificationMode.LONG_TERM and item.deadline == last
    assert [m.title for m in item.milestones.order_by("due_on")] == ["完成合同清理", "建立长效机制"]


def test_a_bad_milestone_line_is_said_next_to_the_field(world):
    item = world.item()
    response = post(
        world.office,
        item_path(item, "plan"),
        plan_data(item, mode="long_term", milestones="明年 完成合同清理"),
    )
    assert response.status_code == 200
    assert field_error(response, "milestones").startswith("第1行")


def test_a_long_term_plan_without_milestones_is_refused_by_the_service(world):
    item = world.item()
    response = post(world.office, item_path(item, "plan"), plan_data(item, mode="long_term"))
    assert response.status_code == 200
    assert "长期整改须至少设置一个阶段目标" in field_error(response, "milestones")


def test_a_unit_may_not_postpone_its_deadline_but_the_office_may(world):
    item = world.item()
    later = (item.deadline + 10 * DAY).isoformat()

    refused = post(world.officer_a, item_path(item, "plan"), plan_data(item, deadline=later))
    assert refused.status_code == 200
    assert "只有巡察办可以延后整改时限" in field_error(refused, "deadline")

    postponed = post(world.office, item_path(item, "plan"), plan_data(item, deadline=later))
    assert postponed.status_code == 302
    item.refresh_from_db()
    assert item.deadline.isoformat() == later


def test_the_office_reopens_a_closed_item_by_a_look_back_round(world):
    item = world.evidenced_item(status=ItemStatus.CLOSED)
    look_back = world.look_back_round(status=RoundStatus.ON_SITE)
    form = page(world.office, item_path(item)).context["reopen_form"]
    assert look_back in form.fields["look_back_round"].queryset

    response = post(
        world.office,
        item_path(item, "reopen"),
        {"look_back_round": look_back.pk, "reason": "回头看发现合同又未经民主程序。"},
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS and item.reopened_by_round == look_back
    assert "回头看发现合同又未经民主程序。" in page(world.office, item_path(item)).text


def test_reopening_without_a_reason_is_said_next_to_the_field(world):
    item = world.evidenced_item(status=ItemStatus.CLOSED)
    look_back = world.look_back_round()
    response = post(world.office, item_path(item, "reopen"), {"look_back_round": look_back.pk})
    assert response.status_code == 200
    assert field_error(response, "reason") == "重新打开须说明理由（反弹回潮的情况）。"


def test_the_office_proposes_accountability_for_the_item(world):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    data = {
        "target_kind": "person",
        "person_name": "王建国",
        "person_post": "村党支部书记",
        "facts": "整改推进不力。",
        "suggested_form": "admonishment",
        "deciding_body": "commission",
        "proposed_on": TODAY().isoformat(),
    }

    assert post(world.office, item_path(item, "accountability"), data).status_code == 302
    proposed = AccountabilityProposal.objects.get(items=item)
    assert proposed.person_name == "王建国" and proposed.assignment == world.assignment_a
    assert proposed.status == "proposed" and not hasattr(proposed, "decision")

    missing = post(world.office, item_path(item, "accountability"), data | {"person_name": ""})
    assert missing.status_code == 200
    assert field_error(missing, "person_name") == "请填写被问责人。"
    unfit = post(
        world.office,
        item_path(item, "accountability"),
        data | {"suggested_form": "org_reorganised"},
    )
    assert field_error(unfit, "suggested_form").startswith("对领导干部的问责方式只能是")
