"""The team's problem list: members read it and open each paper (the signatures are
``test_views_team_papers``); the leader proposes clues from them."""

import uuid

import pytest
from django.urls import reverse

from findings.choices import ClueStatus, ProblemStatus
from findings.models import Clue
from rounds.choices import RoundStatus
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db


def list_url(world):
    return reverse("findings:team_problem_list", args=[world.assignment_a.pk])


def paper_url(problem):
    return reverse("findings:team_paper", args=[problem.pk])


def once(data: dict) -> dict:
    """The fields of a form with the one-time token its page carries."""
    return {"submission": uuid.uuid4().hex, **data}


def clue_url(world):
    return reverse("findings:team_clue_new", args=[world.assignment_a.pk])


def test_members_read_the_list_without_the_leaders_buttons(client, world):
    problem = world.problem(facts="村务公开栏长期未更新。")
    client.force_login(world.member_a)
    text = client.get(list_url(world)).content.decode()
    assert "村务公开栏长期未更新" in text
    assert paper_url(problem) in text and problem.number in text
    assert clue_url(world) not in text


def test_an_unclassified_draft_says_what_it_lacks_on_its_card(client, world):
    world.problem(problem_class=None, nature="")
    client.force_login(world.leader_a)
    text = client.get(list_url(world)).content.decode()
    assert "未分类" in text and "未定性" in text


def test_the_list_filters_by_focus_and_nature(client, world):
    party = world.problem(problem_class=f.catalogue_class("party_dues"), facts="党费未收缴。")
    other = world.problem(nature="general", facts="村务公开栏长期未更新。")
    client.force_login(world.member_a)
    focus = party.problem_class.aspect.focus_id
    text = client.get(list_url(world), {"focus": focus}).content.decode()
    assert party.facts in text and other.facts not in text
    text = client.get(list_url(world), {"nature": "general"}).content.decode()
    assert other.facts in text and party.facts not in text


def test_a_returned_draft_shows_its_reason_in_the_list(client, world):
    world.problem(return_reason="请补充谈话记录。")
    client.force_login(world.member_a)
    assert "请补充谈话记录。" in client.get(list_url(world)).content.decode()


def test_the_list_filters_by_status(client, world):
    world.problem(facts="草稿问题甲。")
    world.problem(status=ProblemStatus.CONFIRMED, facts="已审签问题乙。")
    client.force_login(world.leader_a)
    text = client.get(list_url(world) + "?status=confirmed").content.decode()
    assert "已审签问题乙" in text
    assert "草稿问题甲" not in text


def test_the_list_takes_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for _ in range(15):
        problem = world.problem()
        problem.evidence.create(
            file="evidence/x.png", original_name="x.png", uploaded_by=world.member_a
        )
    client.force_login(world.leader_a)
    with django_assert_max_num_queries(10):
        assert client.get(list_url(world)).status_code == 200


def test_the_clue_form_names_its_problems_in_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for code in ("party_dues", "extortion", "bidding") * 5:
        world.problem(status=ProblemStatus.CONFIRMED, problem_class=f.catalogue_class(code))
    client.force_login(world.leader_a)
    client.get(clue_url(world))  # the session is warm
    with django_assert_max_num_queries(12):
        page = client.get(clue_url(world))
    assert page.content.decode().count("吃拿卡要、收受好处费") == 5


def test_the_leader_proposes_a_clue_from_a_problem(client, world):
    problem = world.problem(facts="村会计虚报冒领低保金。")
    client.force_login(world.leader_a)
    page = client.get(clue_url(world) + f"?problem={problem.pk}")
    text = page.content.decode()
    assert page.status_code == 200
    assert f'value="{problem.pk}"' in text and "checked" in text
    answer = client.post(
        clue_url(world),
        once(
            {
                "summary": "村会计涉嫌虚报冒领低保金。",
                "subject_name": "赵德明",
                "subject_post": "accountant",
                "amount": "12800",
                "problem_ids": [problem.pk],
            }
        ),
    )
    assert answer.status_code == 302
    clue = Clue.objects.get()
    assert clue.status == ClueStatus.PROPOSED
    assert list(clue.problems.all()) == [problem]
    assert clue.subjects.get().name == "赵德明"
    assert "线索已提出" in client.get(answer.url).content.decode()


def test_a_clue_needs_a_person_and_a_source(client, world):
    client.force_login(world.leader_a)
    page = client.post(clue_url(world), once({"summary": "摘要"}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "请填写被反映人姓名" in text
    assert "请选择被反映人职务" in text
    page = client.post(
        clue_url(world),
        once({"summary": "摘要", "subject_name": "赵德明", "subject_post": "secretary"}),
    )
    assert "请至少选择一个来源问题或信访件" in page.content.decode()
    assert not Clue.objects.exists()


def test_a_problem_of_another_team_cannot_be_a_source(client, world):
    other = world.problem(assignment=world.assignment_b)
    client.force_login(world.leader_a)
    page = client.post(
        clue_url(world),
        once(
            {
                "summary": "摘要",
                "subject_name": "赵德明",
                "subject_post": "secretary",
                "problem_ids": [other.pk],
            }
        ),
    )
    assert page.status_code == 200
    assert "所选问题不属于本巡察对象或已反馈" in page.content.decode()


def test_only_the_leader_proposes_clues(client, world):
    client.force_login(world.member_a)
    assert client.get(clue_url(world)).status_code == 403
    assert client.post(clue_url(world), once({"summary": "x"})).status_code == 403


def test_no_clue_after_the_round_left_reporting(client):
    world = build_world(round_status=RoundStatus.FEEDBACK)
    client.force_login(world.leader_a)
    page = client.get(reverse("findings:team_clue_new", args=[world.assignment_a.pk]))
    assert "不能提出问题线索" in page.content.decode()
