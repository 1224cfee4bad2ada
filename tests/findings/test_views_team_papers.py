"""The 底稿 on the team's phones: the paper with its buttons, the signature queues, the
return with a reason, the change of a returned draft."""

import pytest
from django.urls import reverse

from findings.choices import ProblemStatus
from rounds.choices import RoundStatus, TeamRole
from tests import factories as f
from tests.findings.helpers import PAPER
from tests.world import build_world

pytestmark = pytest.mark.django_db

QUEUE = reverse("findings:team_signatures")


def url(name, problem):
    return reverse(f"findings:team_{name}", args=[problem.pk])


@pytest.fixture
def deputy(world):
    user = f.UserFactory(role="inspector", full_name="王副组长")
    f.TeamMemberFactory(team=world.team_a, user=user, role=TeamRole.DEPUTY)
    return user


def text_of(client, user, address):
    client.force_login(user)
    answer = client.get(address)
    assert answer.status_code == 200
    return answer.content.decode()


def test_the_member_submits_the_deputy_reviews_the_leader_signs(client, world, deputy):
    problem = world.problem(**PAPER)
    interview = f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    problem.interviews.add(interview)
    page = text_of(client, world.member_a, url("paper", problem))
    assert problem.number in page and "张卫东" in page and str(interview) in page
    assert url("paper_submit", problem) in page
    answer = client.post(url("paper_submit", problem), follow=True)
    assert "底稿已提交，待副组长复核。" in answer.content.decode()

    page = text_of(client, deputy, QUEUE)
    assert problem.number in page
    page = text_of(client, deputy, url("paper", problem))
    assert url("paper_review", problem) in page and url("paper_return", problem) in page
    assert url("paper_sign", problem) not in page
    client.post(url("paper_review", problem))

    page = text_of(client, world.leader_a, reverse("findings:team_home"))
    assert QUEUE in page and "审签 1" in page
    page = text_of(client, world.leader_a, url("paper", problem))
    assert url("paper_sign", problem) in page
    answer = client.post(url("paper_sign", problem), follow=True)
    assert "底稿已审签" in answer.content.decode()
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.CONFIRMED
    assert (problem.submitted_by, problem.reviewed_by, problem.confirmed_by) == (
        world.member_a,
        deputy,
        world.leader_a,
    )


def test_a_refusal_names_what_is_missing_on_the_page(client, world):
    problem = world.problem(title="", basis_text="")
    page = text_of(client, world.member_a, url("paper", problem))
    assert "提交复核前还须填写" in page
    answer = client.post(url("paper_submit", problem), follow=True)
    text = answer.content.decode()
    assert "底稿还缺少" in text and "标题" in text and "定性依据" in text
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.DRAFT


def test_the_deputy_returns_with_a_reason_and_the_member_sees_it(client, world, deputy):
    problem = world.problem(status=ProblemStatus.SUBMITTED, **PAPER)
    client.force_login(deputy)
    page = client.post(url("paper_return", problem), {"reason": ""})
    assert page.status_code == 200 and "请填写退回理由" in page.content.decode()
    answer = client.post(url("paper_return", problem), {"reason": "请补充入户走访记录。"})
    assert answer.status_code == 302
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.DRAFT

    home = text_of(client, world.member_a, reverse("findings:team_home"))
    assert "退回 1" in home
    queue = text_of(client, world.member_a, QUEUE)
    assert "请补充入户走访记录。" in queue
    page = text_of(client, world.member_a, url("paper", problem))
    assert "请补充入户走访记录。" in page and url("paper_edit", problem) in page


def test_a_returned_draft_is_changed_on_the_phone_and_links_records(client, world):
    problem = world.problem(return_reason="请关联谈话。", **PAPER)
    interview = f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    other = f.InterviewFactory(assignment=world.assignment_b, recorded_by=world.leader_b)
    page = text_of(client, world.member_a, url("paper_edit", problem))
    assert f'name="interviews" value="{interview.pk}"' in page
    assert f'name="interviews" value="{other.pk}"' not in page
    data = PAPER | {
        "problem_class": problem.problem_class_id,
        "nature": problem.nature,
        "severity": problem.severity,
        "facts": "补充后的事实。",
        "source": problem.source,
        "interviews": [interview.pk],
    }
    answer = client.post(url("paper_edit", problem), data)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    problem.refresh_from_db()
    assert problem.facts == "补充后的事实。"
    assert list(problem.interviews.all()) == [interview]
    data["interviews"] = [other.pk]
    page = client.post(url("paper_edit", problem), data)
    assert page.status_code == 200


def test_no_button_for_whoever_may_not_press_it(client, world, deputy):
    submitted = world.problem(status=ProblemStatus.SUBMITTED, **PAPER)
    page = text_of(client, world.member_a, url("paper", submitted))
    assert url("paper_review", submitted) not in page
    assert url("paper_return", submitted) not in page
    assert url("paper_edit", submitted) not in page
    client.force_login(world.member_a)
    assert client.post(url("paper_review", submitted)).status_code == 403
    assert client.post(url("paper_return", submitted), {"reason": "x"}).status_code == 403
    client.force_login(world.leader_b)
    assert client.get(url("paper", submitted)).status_code == 404
    assert client.post(url("paper_sign", submitted)).status_code == 404


def test_a_closed_round_offers_no_button():
    world = build_world(round_status=RoundStatus.FEEDBACK)
    problem = world.problem(status=ProblemStatus.REVIEWED)
    from django.test import Client

    page = text_of(Client(), world.leader_a, url("paper", problem))
    assert url("paper_sign", problem) not in page


def test_the_signature_pages_take_posts_only(client, world):
    problem = world.problem(status=ProblemStatus.REVIEWED)
    client.force_login(world.leader_a)
    for name in ("paper_submit", "paper_review", "paper_sign", "paper_return"):
        assert client.get(url(name, problem)).status_code == 405


def test_without_a_deputy_the_submitter_is_told_the_leader_reviews(client, world):
    problem = world.problem(**PAPER)
    client.force_login(world.member_a)
    answer = client.post(url("paper_submit", problem), follow=True)
    assert "底稿已提交，待组长复核。" in answer.content.decode()


def test_a_paper_the_deputy_submitted_waits_in_the_leaders_review_queue(client, world, deputy):
    problem = world.problem(status=ProblemStatus.SUBMITTED, submitted_by=deputy, **PAPER)
    assert reverse("findings:team_paper", args=[problem.pk]) not in text_of(client, deputy, QUEUE)
    assert reverse("findings:team_paper", args=[problem.pk]) in text_of(
        client, world.leader_a, QUEUE
    )


def test_the_queue_takes_a_bounded_number_of_queries(
    client, world, deputy, django_assert_max_num_queries
):
    for _ in range(12):
        world.problem(status=ProblemStatus.SUBMITTED, **PAPER)
        world.problem(status=ProblemStatus.REVIEWED, reviewed_by=deputy, **PAPER)
    client.force_login(world.leader_a)
    with django_assert_max_num_queries(12):
        page = client.get(QUEUE)
    assert page.content.decode().count('class="card problem') == 12
    client.force_login(deputy)
    with django_assert_max_num_queries(12):
        page = client.get(QUEUE)
    assert page.content.decode().count('class="card problem') == 12


def test_the_office_reads_the_paper_with_its_signatures(client, world):
    problem = world.problem(status=ProblemStatus.CONFIRMED, **PAPER)
    page = text_of(client, world.office, reverse("findings:problem_detail", args=[problem.pk]))
    assert problem.number in page and "审签" in page and "张卫东" in page
    assert "佐证材料清单" in page
