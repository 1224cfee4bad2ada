"""The round's 工作方案 page: the office generates the plan and records the leading group's
decision with its minutes; a leadership account signs; the teams read it; nobody else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from rounds.choices import PlanOutcome, RoundStatus
from rounds.models import WorkPlanDecision
from tests.rounds.helpers import set_round_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def plan_url(world):
    return reverse("rounds:round_plan", args=[world.round.pk])


def generate(client, world):
    return client.post(
        reverse("inspection:document_generate", args=["work_plan", world.round.pk]),
        {"next": plan_url(world)},
        follow=True,
    )


def decision_form(**extra):
    return {"held_on": timezone.localdate().isoformat(), "outcome": PlanOutcome.APPROVED, **extra}


def test_the_office_generates_the_plan_and_records_the_groups_decision(world, as_user):
    set_round_status(world, RoundStatus.PREPARATION)
    client = as_user(world.office)
    page = client.get(plan_url(world)).content.decode()
    assert "尚未生成工作方案并报领导小组审议" in page
    assert "请先生成工作方案，再报领导小组审议。" in page
    page = generate(client, world).content.decode()
    assert "巡察工作方案" in page and "第1版" in page
    decide = reverse("rounds:round_plan_decide", args=[world.round.pk])
    refused = client.post(decide, decision_form())
    assert "请上传会议纪要或签批件" in refused.content.decode()
    assert not WorkPlanDecision.objects.exists()
    minutes = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    page = client.post(decide, decision_form(minutes=minutes), follow=True).content.decode()
    assert "已记录领导小组对工作方案的审议。" in page
    assert "领导小组已审议同意" in page
    detail = client.get(reverse("rounds:round_detail", args=[world.round.pk])).content.decode()
    assert "领导小组已审议同意" in detail


def test_a_leadership_account_signs_on_the_page(world, as_user):
    set_round_status(world, RoundStatus.PREPARATION)
    generate(as_user(world.office), world)
    client = as_user(world.leadership)
    assert "您以领导小组成员身份登记，即为签批。" in client.get(plan_url(world)).content.decode()
    response = client.post(
        reverse("rounds:round_plan_decide", args=[world.round.pk]),
        decision_form(outcome=PlanOutcome.REVISE, opinion="补充驻村夜访安排。"),
        follow=True,
    )
    assert "补充驻村夜访安排。" in response.content.decode()
    assert WorkPlanDecision.objects.get().signed_by == world.leadership


def test_the_team_reads_the_plan_but_records_nothing(world, as_user):
    set_round_status(world, RoundStatus.PREPARATION)
    generate(as_user(world.office), world)
    page = as_user(world.member_a).get(plan_url(world)).content.decode()
    assert "巡察工作方案" in page and "第1版" in page
    assert "记录领导小组审议" not in page and "重新生成" not in page


@pytest.mark.parametrize("persona", ["officer_a", "liaison", "stats", "reviewer_a"])
def test_others_do_not_see_the_plan(world, as_user, persona):
    set_round_status(world, RoundStatus.PREPARATION)
    generate(as_user(world.office), world)
    response = as_user(getattr(world, persona)).get(plan_url(world))
    assert response.status_code in (403, 404)
    assert "巡察工作方案" not in response.content.decode()


def test_the_minutes_are_for_the_office_and_the_leading_group_not_the_teams(world, as_user):
    set_round_status(world, RoundStatus.PREPARATION)
    generate(as_user(world.office), world)
    minutes = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    as_user(world.office).post(
        reverse("rounds:round_plan_decide", args=[world.round.pk]),
        decision_form(minutes=minutes),
    )
    decision = WorkPlanDecision.objects.get()
    download = reverse("inspection:evidence_download", args=["plan_minutes", decision.pk])
    assert as_user(world.leadership).get(download).status_code == 200
    page = as_user(world.member_a).get(plan_url(world)).content.decode()
    assert "原则同意" in page and download not in page
    assert as_user(world.member_a).get(download).status_code == 404


def test_once_on_site_the_plan_is_offered_for_no_new_version(world, as_user):
    set_round_status(world, RoundStatus.PREPARATION)
    client = as_user(world.office)
    generate(client, world)
    assert "重新生成巡察工作方案" in client.get(plan_url(world)).content.decode()
    set_round_status(world, RoundStatus.ON_SITE)
    page = client.get(plan_url(world)).content.decode()
    assert "第1版" in page
    assert "重新生成巡察工作方案" not in page and "上传为新版本" not in page
