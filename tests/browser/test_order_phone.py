"""巡中立行立改 on the leader's phone (375×812): from the village page to the order screen,
issue a written order on a confirmed problem, then record the unit's 签收."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from findings.choices import ProblemNature, ProblemSource
from findings.models import ProblemClass
from findings.services.problems import problem_record
from findings.services.signatures import problem_review, problem_sign, problem_submit
from inspection.models import User
from rectification.choices import OrderStatus
from rectification.models import ImmediateOrder
from rounds.choices import RoundStatus, TeamRole
from rounds.models import Assignment
from tests.browser.conftest import PHONE_SCREEN
from tests.browser.test_team_phone import fits_the_phone
from tests.findings.helpers import PAPER

FACTS = "低保公示栏三个月未更新，公示名单与实际发放不一致。"


@pytest.fixture(scope="module")
def confirmed_problem(site, django_db_blocker):
    """A problem the demo leader's team confirmed today in a village it is still in."""
    with django_db_blocker.unblock():
        leader = User.objects.get(username="leader")
        member = User.objects.get(username="member")
        assignment = (
            Assignment.objects.filter(
                round__status=RoundStatus.ON_SITE,
                team__memberships__user=leader,
                team__memberships__role=TeamRole.LEADER,
                on_site_until__gte=timezone.localdate(),
            )
            .order_by("pk")
            .first()
        )
        problem = problem_record(
            actor=member,
            assignment_id=assignment.pk,
            problem_class_id=ProblemClass.objects.get(code="welfare_funds").pk,
            nature=ProblemNature.VIOLATION,
            facts=FACTS,
            source=ProblemSource.VISIT,
            **PAPER,
        )
        deputy = assignment.team.memberships.filter(role=TeamRole.DEPUTY).first()
        problem_submit(actor=member, problem_id=problem.pk)
        problem_review(actor=deputy.user if deputy else leader, problem_id=problem.pk)
        return problem_sign(actor=leader, problem_id=problem.pk)


def test_the_leader_issues_an_order_and_records_its_signature_on_the_phone(
    browse, snap, confirmed_problem
):
    assignment = confirmed_problem.assignment
    page = browse("leader", screen=PHONE_SCREEN)
    page.goto(f"/team/assignments/{assignment.pk}/")
    page.get_by_role("link", name="立行立改通知").click()
    expect(page).to_have_url(re.compile(rf"/orders/assignments/{assignment.pk}/$"))
    expect(page.get_by_text("整改时限：")).to_be_visible()
    fits_the_phone(page)
    snap(page, "order-phone-issue")

    page.get_by_label(re.compile(FACTS[:10])).check()
    page.get_by_label("书面").check()
    page.get_by_label("整改要求").fill("三日内更新公示栏并重新公示。")
    page.get_by_role("button", name="下达").click()

    order = ImmediateOrder.objects.get(items__problem=confirmed_problem)
    expect(page).to_have_url(re.compile(rf"/orders/{order.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(order.number)
    page.locator("#id_signer_name").fill("王建国")
    page.get_by_label("签收人职务").fill("村党组织书记")
    page.get_by_role("button", name="登记签收").click()
    expect(page.locator("dl.facts")).to_contain_text("王建国")
    fits_the_phone(page)
    snap(page, "order-phone-detail")
    order.refresh_from_db()
    assert order.status == OrderStatus.SIGNED_FOR
