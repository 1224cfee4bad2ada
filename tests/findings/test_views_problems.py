"""The office's problem screens: the list with the API's filters, a problem's page."""

import html

import pytest
from django.urls import reverse

from findings.choices import ClueStatus, ProblemStatus, Severity
from findings.models import ProblemEvidence
from inspection.models import AccessLog
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = "/problems/"


def page(problem) -> str:
    return f"/problems/{problem.pk}/"


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_url_names_the_navigation_expects():
    assert reverse("findings:problem_list") == LIST
    assert reverse("findings:problem_detail", args=[7]) == "/problems/7/"


@pytest.mark.parametrize("persona", ["office", "lead", "leadership"])
def test_read_all_roles_see_every_problem_with_its_columns(client, world, persona):
    mine = world.problem(facts="村集体厂房出租未经民主程序。", severity=Severity.GRAVE)
    theirs = world.problem(assignment=world.assignment_b, facts="低保评定未公示。")
    answer = signed_in(client, world.users[persona]).get(LIST)
    assert answer.status_code == 200
    text = html.unescape(answer.content.decode())
    for problem in (mine, theirs):
        assert problem.facts in text
        assert reverse("findings:problem_detail", args=[problem.pk]) in text
    assert "甲一村" in text and "乙一村" in text
    assert "严重" in text and "“三资”管理" in text and "草稿" in text and "违规" in text


@pytest.mark.parametrize("persona", ["leader_a", "member_a", "liaison", "officer_a", "stats"])
def test_other_roles_are_refused_the_list(client, world, persona):
    assert signed_in(client, world.users[persona]).get(LIST).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client, world):
    answer = client.get(LIST)
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_filters_take_the_api_parameters(client, world):
    projects = world.problem(problem_class=f.catalogue_class("projects"), facts="工程未招标。")
    world.problem(
        problem_class=f.catalogue_class("conduct"), nature="general", facts="公款超标接待。"
    )
    in_b = world.problem(assignment=world.assignment_b, facts="乙村账目不清。")
    signed_in(client, world.office)

    text = client.get(LIST, {"problem_class": projects.problem_class_id}).content.decode()
    assert projects.facts in text and "公款超标接待" not in text
    text = client.get(LIST, {"nature": "general"}).content.decode()
    assert "公款超标接待" in text and projects.facts not in text
    party = world.problem(problem_class=f.catalogue_class("party_dues"), facts="党费未收缴。")
    organisation = party.problem_class.aspect.focus_id
    text = client.get(LIST, {"focus": organisation}).content.decode()
    assert party.facts in text and projects.facts not in text and "公款超标接待" not in text

    text = client.get(LIST, {"village": world.assignment_b.village_id}).content.decode()
    assert in_b.facts in text and "工程未招标" not in text
    # The village filter, set by a link, is named and can be dropped.
    assert "村(社区)：乙一村" in text

    text = client.get(LIST, {"town": world.town_a.pk, "status": "draft"}).content.decode()
    assert projects.facts in text and in_b.facts not in text

    text = client.get(LIST, {"search": "公款"}).content.decode()
    assert "公款超标接待" in text and "工程未招标" not in text


@pytest.mark.parametrize(
    "query",
    [
        {"problem_class": "nonsense"},
        {"nature": "nonsense"},
        {"village": "abc"},
        {"round": "99999999999999999999999"},
        {"created_after": "2026-13-45"},
        {"fix_immediately": "maybe"},
        {"page": "-3"},
    ],
)
def test_bad_filter_values_answer_a_page_not_an_error(client, world, query):
    world.problem()
    answer = signed_in(client, world.office).get(LIST, query)
    assert answer.status_code == 200


def test_the_list_costs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for _ in range(30):
        world.problem(status=ProblemStatus.CONFIRMED)
    signed_in(client, world.office).get(LIST)
    with django_assert_max_num_queries(12):
        answer = client.get(LIST, {"status": "confirmed"})
    assert answer.status_code == 200
    assert answer.content.decode().count("/problems/") >= 30


# --------------------------------------------------------------------------- the page


def test_the_page_shows_facts_evidence_ledger_item_and_clues(client, world):
    item = world.item()
    problem = item.problem
    ProblemEvidence.objects.create(
        problem=problem,
        file="evidence/test/contract.pdf",
        original_name="租赁合同.pdf",
        uploaded_by=world.member_a,
    )
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    clue.problems.add(problem)

    answer = signed_in(client, world.office).get(page(problem))
    assert answer.status_code == 200
    text = answer.content.decode()
    assert problem.facts in text
    assert "租赁合同.pdf" in text
    assert f"#{item.pk}" in text
    assert reverse("rectification:item_detail", args=[item.pk]) in text
    assert reverse("findings:clue_detail", args=[clue.pk]) in text
    assert "赵德明" in text
    # Listing a clue's persons concerned is a confidential read.
    assert AccessLog.objects.filter(user=world.office, object_type="findings.clue").count() == 1


def test_leadership_reads_the_persons_concerned_masked(client, world):
    problem = world.problem(status=ProblemStatus.CONFIRMED)
    clue = world.clue()
    clue.problems.add(problem)
    text = signed_in(client, world.leadership).get(page(problem)).content.decode()
    assert "赵**" in text and "赵德明" not in text


def test_a_problem_outside_the_scope_answers_404(client, world):
    in_b = world.problem(assignment=world.assignment_b)
    assert signed_in(client, world.leader_a).get(page(in_b)).status_code == 404
    # The liaison sees only the problems behind clues transferred to their body.
    assert signed_in(client, world.liaison).get(page(in_b)).status_code == 404
    assert signed_in(client, world.office).get("/problems/99999999999999999999/").status_code == 404


def test_the_liaison_reads_a_problem_behind_a_clue_of_their_body(client, world):
    problem = world.problem(status=ProblemStatus.CONFIRMED)
    world.clue(status=ClueStatus.TRANSFERRED).problems.add(problem)
    answer = signed_in(client, world.liaison).get(page(problem))
    assert answer.status_code == 200
    # The ledger is not the liaison's business.
    assert "整改台账" not in answer.content.decode()


def test_the_problem_page_is_refused_to_officers_and_statistics_clients(client, world):
    problem = world.problem(status=ProblemStatus.FED_BACK)
    assert signed_in(client, world.officer_a).get(page(problem)).status_code == 403
    assert signed_in(client, world.stats).get(page(problem)).status_code == 403
