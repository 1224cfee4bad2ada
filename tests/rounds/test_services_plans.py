"""The 工作方案 and the leading group's decision on it: a round goes on site only with its
plan agreed as the round stands (rounds.services.plans)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inspection.documents.services import document_generate
from inspection.errors import ApplicationError, ConflictError, PermissionDeniedError
from rounds import services
from rounds.choices import PlanOutcome, RoundStatus
from rounds.models import WorkPlanDecision
from tests import factories as f
from tests.rounds.helpers import approve_work_plan, field_of, set_round_status

pytestmark = pytest.mark.django_db


def minutes():
    return SimpleUploadedFile(
        "领导小组会议纪要.pdf", b"%PDF-1.4 minutes", content_type="application/pdf"
    )


def generate(world):
    return document_generate(actor=world.office, kind="work_plan", subject_id=world.round.pk)


def decide(world, actor, outcome=PlanOutcome.APPROVED, **extra):
    return services.round_plan_decide(
        actor=actor,
        round_id=world.round.pk,
        held_on=timezone.localdate(),
        outcome=outcome,
        **extra,
    )


def go_on_site(world):
    return services.round_go_on_site(actor=world.office, round_id=world.round.pk)


def test_a_round_without_an_agreed_plan_does_not_go_on_site(world):
    set_round_status(world, RoundStatus.PREPARATION)
    with pytest.raises(ApplicationError) as error:
        go_on_site(world)
    assert field_of(error) == {"plan"}
    assert "尚未生成工作方案并报领导小组审议" in str(error.value)
    generate(world)
    with pytest.raises(ApplicationError) as error:
        go_on_site(world)
    assert "工作方案尚未经领导小组审议同意" in str(error.value)
    world.round.refresh_from_db()
    assert world.round.status == RoundStatus.PREPARATION


def test_a_plan_sent_back_for_revision_keeps_the_round_off_site(world):
    set_round_status(world, RoundStatus.PREPARATION)
    generate(world)
    decide(world, world.leadership, PlanOutcome.REVISE, opinion="增加对集体经济项目的监督重点。")
    with pytest.raises(ApplicationError) as error:
        go_on_site(world)
    assert "尚未经领导小组审议同意" in str(error.value)
    # The office meets the opinion with a new version; the group agrees to that one.
    generate(world)
    decide(world, world.leadership)
    assert go_on_site(world).status == RoundStatus.ON_SITE


def test_an_arrangement_changed_after_approval_needs_the_plan_again(world):
    set_round_status(world, RoundStatus.PREPARATION)
    approve_work_plan(world.round)
    f.AssignmentFactory(round=world.round, team=world.team_a, village__town=world.town_a)
    with pytest.raises(ApplicationError) as error:
        go_on_site(world)
    assert field_of(error) == {"plan"}
    assert "有变动" in str(error.value)
    approve_work_plan(world.round)
    assert go_on_site(world).status == RoundStatus.ON_SITE


def test_a_member_added_to_a_team_does_not_undo_the_approval(world):
    set_round_status(world, RoundStatus.PREPARATION)
    approve_work_plan(world.round)
    services.team_member_add(
        actor=world.office,
        team_id=world.team_a.pk,
        user_id=f.UserFactory(role="inspector").pk,
        role="member",
    )
    assert go_on_site(world).status == RoundStatus.ON_SITE


def test_the_leading_group_signs_its_own_decision(world):
    generate(world)
    decision = decide(world, world.leadership, opinion="原则同意，抓紧组织实施。")
    assert decision.signed_by == world.leadership and not decision.minutes
    assert decision.document.version == 1
    row = decision.history.latest()
    assert row.history_user == world.leadership
    assert "原则同意" in row.history_change_reason


def test_the_office_records_the_decision_only_with_the_minutes(world):
    generate(world)
    with pytest.raises(ApplicationError) as error:
        decide(world, world.office)
    assert field_of(error) == {"minutes"}
    assert not WorkPlanDecision.objects.exists()
    decision = decide(world, world.office, minutes=minutes())
    assert decision.signed_by is None and decision.minutes
    assert decision.recorded_by == world.office


def test_a_decision_is_taken_on_the_plan_as_it_stands(world):
    with pytest.raises(ApplicationError) as error:
        decide(world, world.leadership)
    assert "请先生成工作方案" in str(error.value)
    generate(world)
    f.AssignmentFactory(round=world.round, team=world.team_b, village__town=world.town_b)
    with pytest.raises(ApplicationError) as error:
        decide(world, world.leadership)
    assert "重新生成工作方案" in str(error.value)
    assert not WorkPlanDecision.objects.exists()


def test_revision_needs_its_opinion(world):
    generate(world)
    with pytest.raises(ApplicationError) as error:
        decide(world, world.leadership, PlanOutcome.REVISE)
    assert field_of(error) == {"opinion"}


def test_the_decision_is_dated_from_the_plan_to_today(world):
    generate(world)
    for day in (timezone.localdate() + datetime.timedelta(days=1), datetime.date(2020, 1, 1)):
        with pytest.raises(ApplicationError) as error:
            services.round_plan_decide(
                actor=world.leadership,
                round_id=world.round.pk,
                held_on=day,
                outcome=PlanOutcome.APPROVED,
            )
        assert field_of(error) == {"held_on"}


@pytest.mark.parametrize("persona", ["leader_a", "member_a", "officer_a", "stats", "liaison"])
def test_only_the_office_and_the_leading_group_record_it(world, persona):
    generate(world)
    with pytest.raises((PermissionDeniedError, ApplicationError)):
        decide(world, getattr(world, persona), minutes=minutes())
    assert not WorkPlanDecision.objects.exists()


def test_no_decision_once_the_round_is_on_site(world):
    generate(world)
    set_round_status(world, RoundStatus.ON_SITE)
    with pytest.raises(ConflictError):
        decide(world, world.leadership)
