"""The 底稿's three signatures (findings/services/signatures.py): the member submits, the
deputy reviews, the leader signs; the reviewer or the leader returns it with a reason."""

import pytest

from findings.choices import ROUND_STATUSES_OPEN_FOR_FINDINGS, ProblemStatus
from findings.services import (
    problem_return,
    problem_review,
    problem_sign,
    problem_submit,
    problem_update,
)
from findings.services.signatures import PROBLEM_REVIEW, PROBLEM_SIGN, PROBLEM_SUBMIT
from inspection.errors import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from rounds.choices import RoundStatus, TeamRole
from rounds.models import TeamMember
from tests import factories as f
from tests.findings.helpers import PAPER, assert_one_new_history_row, refused
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy(world):
    """A deputy (副组长) on team A."""
    user = f.UserFactory(role="inspector", full_name="王副组长")
    f.TeamMemberFactory(team=world.team_a, user=user, role=TeamRole.DEPUTY)
    return user


def _draft(world, **extra):
    return world.problem(**PAPER | extra)


def test_three_signatures_by_the_right_people_each_in_history(world, deputy):
    problem = _draft(world)
    problem_submit(actor=world.member_a, problem_id=problem.pk, note="提交")
    problem_review(actor=deputy, problem_id=problem.pk, note="复核无误")
    before = problem.history.count()
    problem_sign(actor=world.leader_a, problem_id=problem.pk, note="同意")
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.CONFIRMED
    assert (problem.submitted_by, problem.reviewed_by, problem.confirmed_by) == (
        world.member_a,
        deputy,
        world.leader_a,
    )
    assert problem.submitted_at <= problem.reviewed_at <= problem.confirmed_at
    assert_one_new_history_row(problem, before=before, actor=world.leader_a, note="同意")
    statuses = list(problem.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["draft", "submitted", "reviewed", "confirmed"]


def test_submitting_names_everything_missing(world):
    problem = world.problem(title="", occurred_period="", responsible_post="", basis_text="")
    with pytest.raises(ApplicationError) as caught:
        problem_submit(actor=world.member_a, problem_id=problem.pk)
    for missing in ("标题", "问题发生时间", "责任主体", "定性依据"):
        assert missing in caught.value.message
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.DRAFT


def test_a_basis_from_the_list_is_enough(world):
    problem = _draft(world, basis_text="", basis=f.ProblemBasisFactory())
    assert problem_submit(actor=world.member_a, problem_id=problem.pk).status == "submitted"


def test_where_the_team_has_a_deputy_the_leader_does_not_review(world, deputy):
    problem = world.problem(status=ProblemStatus.SUBMITTED)
    with pytest.raises(PermissionDeniedError, match="复核底稿"):
        problem_review(actor=world.leader_a, problem_id=problem.pk)
    with pytest.raises(PermissionDeniedError):
        problem_review(actor=world.member_a, problem_id=problem.pk)


def test_where_the_team_has_no_deputy_the_leader_reviews_and_signs(world):
    problem = world.problem(status=ProblemStatus.SUBMITTED)
    problem_review(actor=world.leader_a, problem_id=problem.pk)
    problem_sign(actor=world.leader_a, problem_id=problem.pk)
    problem.refresh_from_db()
    assert problem.reviewed_by == problem.confirmed_by == world.leader_a


def test_the_reviewer_does_not_sign_what_they_reviewed_once_the_team_has_a_deputy(world):
    problem = world.problem(status=ProblemStatus.SUBMITTED)
    problem_review(actor=world.leader_a, problem_id=problem.pk)
    f.TeamMemberFactory(
        team=world.team_a, user=f.UserFactory(role="inspector"), role=TeamRole.DEPUTY
    )
    message = refused(lambda: problem_sign(actor=world.leader_a, problem_id=problem.pk), "problem")
    assert "副组长" in message.message


def test_the_deputy_does_not_review_what_they_submitted_the_leader_does_and_signs(world, deputy):
    problem = world.problem(**PAPER, recorded_by=deputy)
    problem_submit(actor=deputy, problem_id=problem.pk)
    with pytest.raises(PermissionDeniedError, match="复核底稿"):
        problem_review(actor=deputy, problem_id=problem.pk)
    problem_review(actor=world.leader_a, problem_id=problem.pk)
    problem_sign(actor=world.leader_a, problem_id=problem.pk)
    problem.refresh_from_db()
    assert (problem.submitted_by, problem.reviewed_by, problem.confirmed_by) == (
        deputy,
        world.leader_a,
        world.leader_a,
    )


def test_a_second_deputy_reviews_what_the_first_submitted(world, deputy):
    other = f.UserFactory(role="inspector")
    f.TeamMemberFactory(team=world.team_a, user=other, role=TeamRole.DEPUTY)
    problem = world.problem(status=ProblemStatus.SUBMITTED, submitted_by=deputy)
    with pytest.raises(PermissionDeniedError, match="复核底稿"):
        problem_review(actor=world.leader_a, problem_id=problem.pk)
    problem_review(actor=other, problem_id=problem.pk)
    assert problem_sign(actor=world.leader_a, problem_id=problem.pk).status == "confirmed"


def test_only_the_leader_signs(world, deputy):
    problem = world.problem(status=ProblemStatus.REVIEWED, reviewed_by=deputy)
    for actor in (deputy, world.member_a):
        with pytest.raises(PermissionDeniedError, match="审签底稿"):
            problem_sign(actor=actor, problem_id=problem.pk)
    with pytest.raises(NotFoundError):  # another team's leader: out of scope
        problem_sign(actor=world.leader_b, problem_id=problem.pk)


@pytest.mark.parametrize(
    ("service", "transition"),
    [
        (problem_submit, PROBLEM_SUBMIT),
        (problem_review, PROBLEM_REVIEW),
        (problem_sign, PROBLEM_SIGN),
    ],
)
def test_each_signature_only_from_its_status(world, service, transition):
    for status in ProblemStatus.values:
        if status in transition.sources:
            continue
        problem = _draft(world, status=status)
        with pytest.raises(ConflictError, match=str(transition.label)):
            service(actor=world.leader_a, problem_id=problem.pk)


def test_the_deputy_returns_with_a_reason_the_drafter_reads(world, deputy):
    problem = _draft(world)
    problem_submit(actor=world.member_a, problem_id=problem.pk)
    refused(lambda: problem_return(actor=deputy, problem_id=problem.pk, reason=" "), "reason")
    problem_return(actor=deputy, problem_id=problem.pk, reason="请补充谈话记录。")
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.DRAFT
    assert problem.return_reason == "请补充谈话记录。"
    assert problem.submitted_by is None and problem.reviewed_by is None
    assert problem.history.first().history_change_reason == "请补充谈话记录。"
    # Editable again, then submitted again: the history keeps the return.
    problem_update(actor=world.member_a, problem_id=problem.pk, facts="补充后的事实。")
    problem_submit(actor=world.member_a, problem_id=problem.pk)
    statuses = list(problem.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["draft", "submitted", "draft", "draft", "submitted"]


def test_the_leader_returns_what_awaits_signing_not_what_awaits_review(world, deputy):
    submitted = world.problem(status=ProblemStatus.SUBMITTED)
    with pytest.raises(PermissionDeniedError):
        problem_return(actor=world.leader_a, problem_id=submitted.pk, reason="不对")
    reviewed = world.problem(status=ProblemStatus.REVIEWED, reviewed_by=deputy)
    with pytest.raises(PermissionDeniedError):
        problem_return(actor=deputy, problem_id=reviewed.pk, reason="不对")
    problem_return(actor=world.leader_a, problem_id=reviewed.pk, reason="定性依据不准。")
    reviewed.refresh_from_db()
    assert reviewed.status == ProblemStatus.DRAFT and reviewed.reviewed_at is None


def test_no_return_of_a_draft_or_a_signed_paper(world):
    for status in (ProblemStatus.DRAFT, ProblemStatus.CONFIRMED, ProblemStatus.FED_BACK):
        problem = world.problem(status=status)
        with pytest.raises(ConflictError, match="不能退回"):
            problem_return(actor=world.leader_a, problem_id=problem.pk, reason="x")


def test_a_paper_under_signature_is_not_edited(world):
    problem = world.problem(status=ProblemStatus.SUBMITTED)
    with pytest.raises(ConflictError, match="不能修改"):
        problem_update(actor=world.member_a, problem_id=problem.pk, facts="改")


@pytest.mark.parametrize(
    "status", [s for s in RoundStatus.values if s not in ROUND_STATUSES_OPEN_FOR_FINDINGS]
)
def test_no_signature_outside_on_site_and_reporting(status):
    world = build_world(round_status=status)
    problem = world.problem(status=ProblemStatus.REVIEWED)
    with pytest.raises(ConflictError):
        problem_sign(actor=world.leader_a, problem_id=problem.pk)


def test_a_deputy_of_another_team_reviews_nothing_here(world):
    other = f.UserFactory(role="inspector")
    f.TeamMemberFactory(team=world.team_b, user=other, role=TeamRole.DEPUTY)
    problem = world.problem(status=ProblemStatus.SUBMITTED)
    with pytest.raises(NotFoundError):
        problem_review(actor=other, problem_id=problem.pk)
    assert TeamMember.objects.filter(team=world.team_a, role=TeamRole.DEPUTY).count() == 0
