"""分批反馈 on screen: the checklist by town (ready, or why not), the confirmation, the
batch's page with its 反馈会记录 (rectification/views/batches.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from findings.choices import ProblemStatus, ReportStage
from inspection.attachments import evidence_url
from rectification.models import Feedback, FeedbackBatch, RectificationItem
from rectification.services import feedback_batch_give
from rounds.choices import RoundStatus
from tests import factories as f
from tests.findings.reports_kit import clear_for_feedback, report_through
from tests.rectification.helpers import upload
from tests.world import build_world

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def reporting():
    world = build_world(round_status=RoundStatus.REPORTING)
    clear_for_feedback(world.round, actor=world.office)
    world.problem(status=ProblemStatus.CONFIRMED)
    world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
    return world


def url(world):
    return reverse("rectification:round_feedback", args=[world.round.pk])


def batch_data(world, *assignments, **changes):
    return {
        "assignments": [a.pk for a in assignments],
        "fed_back_on": (timezone.localdate() - DAY).isoformat(),
        "place": "甲镇政府会议室",
        "chair": "钱卫国",
        "members_present": "盛国华",
        "attendance": "镇村两级班子成员",
        "letter": "",
        "note": "",
    } | changes


def test_the_checklist_says_for_each_organisation_why_not(reporting, client):
    world = reporting
    world.problem()  # a draft in 甲一村
    committee = f.AssignmentFactory(
        round=world.round, team=world.team_a, town=world.town_a, village=None
    )
    report_through(committee, actor=world.office, stage=ReportStage.OFFICE_CONSULTATION)
    client.force_login(world.office)
    page = client.get(url(world)).content.decode()
    assert "甲镇" in page and "乙镇" in page
    assert "甲一村还有1个问题底稿未审签" in page
    assert "甲镇党委的巡察报告尚未经领导小组审议，不能反馈。" in page
    assert "可以反馈" in page  # 乙一村


def test_check_confirm_then_a_batch(reporting, client):
    world = reporting
    client.force_login(world.office)
    data = batch_data(world, world.assignment_a)
    page = client.post(url(world), data).content.decode()
    assert "确认反馈并生成整改台账" in page
    assert "将向 1 个巡察对象各作一份巡察反馈" in page
    assert not FeedbackBatch.objects.exists()  # checking writes nothing

    response = client.post(url(world), data | {"confirm": "1"}, follow=True)

    batch = FeedbackBatch.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "rectification:feedback_batch_detail", args=[batch.pk]
    )
    page = response.content.decode()
    assert "已反馈，整改台账已生成。" in page and "反馈会记录" in page
    assert (batch.place, batch.chair) == ("甲镇政府会议室", "钱卫国")
    assert list(Feedback.objects.values_list("assignment", flat=True)) == [world.assignment_a.pk]
    assert RectificationItem.objects.count() == 1
    # the round page lists the batch; the feedback page offers the rest
    round_page = client.get(reverse("rounds:round_detail", args=[world.round.pk])).content
    assert reverse("rectification:feedback_batch_detail", args=[batch.pk]) in round_page.decode()
    page = client.get(url(world)).content.decode()
    assert f"甲一村已于{batch.fed_back_on:%Y-%m-%d}反馈" in page


def test_a_blocked_organisation_is_refused_with_the_services_message(reporting, client):
    world = reporting
    world.problem(assignment=world.assignment_b)
    client.force_login(world.office)
    data = batch_data(world, world.assignment_b)
    response = client.post(url(world), data)
    assert "乙一村还有1个问题底稿未审签" in " ".join(response.context["blockers"])
    assert "确认反馈并生成整改台账" not in response.content.decode()
    response = client.post(url(world), data | {"confirm": "1"})
    assert response.status_code == 200
    assert "乙一村还有1个问题底稿未审签" in response.content.decode()
    assert not FeedbackBatch.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"fed_back_on": ""}, "请填写反馈日期。"),
        ({"fed_back_on": "2026-13-01"}, "请输入有效的日期"),
        ({"assignments": []}, "请选择要反馈的巡察对象。"),
        ({"assignments": ["987654"]}, "987654"),
    ],
)
def test_bad_input_is_answered_on_the_page(reporting, client, changes, message):
    world = reporting
    client.force_login(world.office)
    response = client.post(url(world), batch_data(world, world.assignment_a) | changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FeedbackBatch.objects.exists()


@pytest.mark.parametrize("persona", ("leadership", "leader_a", "officer_a"))
def test_only_the_office_gives_a_batch(reporting, client, persona):
    world = reporting
    client.force_login(getattr(world, persona))
    assert client.get(url(world)).status_code == 403
    data = batch_data(world, world.assignment_a) | {"confirm": "1"}
    assert client.post(url(world), data).status_code == 403
    assert not FeedbackBatch.objects.exists()


def test_the_checklist_queries_do_not_grow_with_the_organisations(reporting, client):
    world = reporting
    client.force_login(world.office)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(world)).status_code == 200
        return len(captured)

    before = queries()
    for _ in range(4):
        extra = f.AssignmentFactory(
            round=world.round, team=world.team_a, village=f.VillageFactory(town=world.town_a)
        )
        world.problem(assignment=extra)
    assert queries() == before


def test_the_batch_page_is_scoped(reporting, client):
    world = reporting
    batch = feedback_batch_give(
        actor=world.office,
        round_id=world.round.pk,
        assignment_ids=[world.assignment_a.pk],
        fed_back_on=timezone.localdate(),
        place="甲镇政府会议室",
    )
    page = reverse("rectification:feedback_batch_detail", args=[batch.pk])
    for persona in ("office", "leadership", "leader_a", "officer_a"):
        client.force_login(getattr(world, persona))
        assert client.get(page).status_code == 200, persona
    for persona in ("leader_b", "officer_b", "liaison", "stats"):
        client.force_login(getattr(world, persona))
        assert client.get(page).status_code == 404, persona


def test_a_units_contact_finds_only_its_own_organisation_in_a_shared_batch(reporting, client):
    """Two towns fed back at one 反馈会: each town's contact reads the batch with its own
    organisation only, on the page and in the API."""
    world = reporting
    batch = feedback_batch_give(
        actor=world.office,
        round_id=world.round.pk,
        assignment_ids=[world.assignment_a.pk, world.assignment_b.pk],
        fed_back_on=timezone.localdate(),
        place="县委巡察办会议室",
    )
    page = reverse("rectification:feedback_batch_detail", args=[batch.pk])
    client.force_login(world.officer_a)
    text = client.get(page).content.decode()
    assert world.assignment_a.village.name in text
    assert world.assignment_b.village.name not in text
    answer = client.get(f"/api/v1/feedback-batches/{batch.pk}/").json()
    assert answer["assignments"] == [world.assignment_a.pk]
    client.force_login(world.office)
    answer = client.get(f"/api/v1/feedback-batches/{batch.pk}/").json()
    assert sorted(answer["assignments"]) == sorted([world.assignment_a.pk, world.assignment_b.pk])


def test_the_statement_is_uploaded_on_confirming_and_served_from_the_batch_page(
    reporting, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    world = reporting
    client.force_login(world.office)
    data = batch_data(world, world.assignment_a) | {
        "confirm": "1",
        "statement_file": upload("表态发言.pdf"),
    }
    response = client.post(url(world), data, follow=True)
    batch = FeedbackBatch.objects.get()
    assert batch.statement_file.name.endswith(".pdf")
    link = evidence_url(batch)
    assert link and link in response.content.decode()
    client.force_login(world.officer_b)
    assert client.get(link).status_code == 404
