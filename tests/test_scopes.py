"""Who sees which record: one table, every scoped model, every persona (tests/world.py).

An out-of-scope record is simply absent from the user's rows, so a lookup answers as if
it did not exist. Names in confidential records are readable only by the roles that
docs/DOMAIN.md allows; leadership reads the records with the names masked.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from findings.choices import ClueStatus, ReportStage
from findings.models import (
    Clue,
    ClueSubject,
    DepartmentMatter,
    InspectionReport,
    Problem,
    ReportDecision,
    ThematicReport,
)
from findings.permissions import sees_clue_subjects
from inspection.models import Town, Village
from inspection.permissions import mask_contact, mask_name, visible
from rectification.models import (
    AccountabilityDecision,
    AccountabilityProposal,
    Feedback,
    FeedbackIssue,
    FeedbackIssueProblem,
    FirstFormMeasure,
    RectificationItem,
    UnitSubmission,
)
from rounds.models import Activity, Assignment, InspectionRound, Interview, Petition, Team
from rounds.permissions import sees_interviewee, sees_reporter
from tests import factories as f
from tests.findings.reports_kit import report_through
from tests.rectification.accountability_kit import decided, first_form, proposal
from tests.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

EVERYONE_BUT_STATS = set(PERSONAS) - {"stats"}
READERS = {"office", "lead", "leadership"}
TEAM_A = READERS | {"leader_a", "member_a"}
# Who reads town A's rectification: its officer, its 乡镇党委 and its supervisor.
REACH_A = {"officer_a", "reviewer_a", "supervisor_a"}
REACH_B = {"officer_b", "reviewer_b", "supervisor_b"}

# record → the personas who see it
SEEN_BY = {
    # The registers name the statistics client's questions (issue 15): everyone reads them.
    "town": set(PERSONAS),
    "village": set(PERSONAS),
    "round": TEAM_A | REACH_A | REACH_B | {"leader_b", "stats"},
    "team_a": TEAM_A | {"leader_b"},
    "assignment_a": TEAM_A | REACH_A,
    "interview_a": TEAM_A,
    "activity_a": TEAM_A,
    "petition_a": TEAM_A,
    "petition_of_round": TEAM_A | {"leader_b"},
    "draft_problem_a": TEAM_A,
    "proposed_clue_a": TEAM_A,
    "transferred_clue_a": TEAM_A | {"liaison"},
    "subject_of_transferred_clue_a": TEAM_A | {"liaison"},
    "item_a": TEAM_A | REACH_A,
    "fed_back_problem_a": TEAM_A | REACH_A,
    "feedback_a": TEAM_A | REACH_A,
    # 巡察报告 (issue 18): the office, leadership and the team; never the unit.
    "report_a": TEAM_A,
    "decision_a": TEAM_A,
    # 交办事项 and 专题报告 / 巡察建议书: the office and leadership (and a department's
    # liaison, who is no persona here: tests/findings/test_matters.py).
    "matter_a": READERS,
    "thematic_report": READERS,
    # 反馈问题: the unit reads them once fed back; before, they are the office's and team's.
    "fed_back_issue_a": TEAM_A | REACH_A,
    "fed_back_placement_a": TEAM_A | REACH_A,
    "draft_issue_a": TEAM_A,
    "left_out_paper_a": TEAM_A,
    # 整改方案和报告: whoever sees the feedback (the team, the unit, its town, supervisors).
    "submission_a": TEAM_A | REACH_A,
    # 问责 (issue 19): a proposal not yet decided is not the unit's or its town's; the
    # supervising bodies in reach read it. Decided, its unit reads it; 第一种形态 too.
    "pending_proposal_a": READERS | {"supervisor_a"},
    "decided_proposal_a": TEAM_A | REACH_A,
    "accountability_decision_a": TEAM_A | REACH_A,
    "first_form_a": TEAM_A | REACH_A,
}


def records(world):
    item = world.item()
    transferred = world.clue(status=ClueStatus.TRANSFERRED)
    report = report_through(
        world.assignment_a, actor=world.office, stage=ReportStage.GROUP_DISCUSSION
    )
    # An assignment of town A not fed back yet: its issues are a draft.
    pending = f.AssignmentFactory(
        round=world.round,
        team=world.team_a,
        town=world.town_a,
        village=f.VillageFactory(town=world.town_a),
    )
    draft_issue = f.FeedbackIssueFactory(assignment=pending)
    decision = decided(world)
    left_out = FeedbackIssueProblem.objects.create(
        problem=world.problem(assignment=pending), left_out_reason="线索尚在处置"
    )
    return {
        "town": (Town, world.town_a),
        "village": (Village, world.assignment_a.village),
        "round": (InspectionRound, world.round),
        "team_a": (Team, world.team_a),
        "assignment_a": (Assignment, world.assignment_a),
        "interview_a": (Interview, f.InterviewFactory(assignment=world.assignment_a)),
        "activity_a": (Activity, f.ActivityFactory(assignment=world.assignment_a)),
        "petition_a": (Petition, f.PetitionFactory(assignment=world.assignment_a)),
        "petition_of_round": (
            Petition,
            f.PetitionFactory(assignment=None, round=world.round),
        ),
        "draft_problem_a": (Problem, world.problem()),
        "proposed_clue_a": (Clue, world.clue()),
        "transferred_clue_a": (Clue, transferred),
        "subject_of_transferred_clue_a": (ClueSubject, transferred.subjects.get()),
        "item_a": (RectificationItem, item),
        "fed_back_problem_a": (Problem, item.problem),
        "feedback_a": (Feedback, item.feedback),
        "report_a": (InspectionReport, report),
        "decision_a": (ReportDecision, report.decisions.first()),
        "matter_a": (DepartmentMatter, f.DepartmentMatterFactory(assignment=world.assignment_a)),
        "thematic_report": (ThematicReport, f.ThematicReportFactory(round=world.round)),
        "fed_back_issue_a": (FeedbackIssue, item.issue),
        "fed_back_placement_a": (FeedbackIssueProblem, item.issue.placements.get()),
        "draft_issue_a": (FeedbackIssue, draft_issue),
        "left_out_paper_a": (FeedbackIssueProblem, left_out),
        "submission_a": (
            UnitSubmission,
            UnitSubmission.objects.create(
                feedback=item.feedback,
                kind="plan",
                version=1,
                file="submissions/test/plan.pdf",
                original_name="整改方案.pdf",
                uploaded_by=world.officer_a,
            ),
        ),
        "pending_proposal_a": (AccountabilityProposal, proposal(world)),
        "decided_proposal_a": (AccountabilityProposal, decision.proposal),
        "accountability_decision_a": (AccountabilityDecision, decision),
        "first_form_a": (FirstFormMeasure, first_form(world)),
    }


def test_every_record_is_seen_by_exactly_the_personas_in_the_table():
    world = build_world()
    built = records(world)
    assert set(built) == set(SEEN_BY)
    seen = {
        key: {p for p in PERSONAS if visible(model, world.users[p]).filter(pk=obj.pk).exists()}
        for key, (model, obj) in built.items()
    }
    assert seen == SEEN_BY


def test_out_of_scope_rows_are_absent_from_lists():
    world = build_world()
    world.problem(assignment=world.assignment_b)
    mine = world.problem()
    assert list(visible(Problem, world.leader_a)) == [mine]
    assert visible(Problem, world.stats).count() == 0


def test_an_inactive_or_anonymous_user_sees_nothing():
    world = build_world()
    world.office.is_active = False
    assert visible(Town, world.office).count() == 0
    assert visible(Town, AnonymousUser()).count() == 0


NAME_READERS = {"office", "lead", "leader_a", "member_a"}


def test_names_are_readable_by_the_office_and_the_team_only():
    world = build_world()
    interview = f.InterviewFactory(assignment=world.assignment_a)
    petition = f.PetitionFactory(assignment=world.assignment_a)
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    readers = {
        "interviewee": {p for p in PERSONAS if sees_interviewee(world.users[p], interview)},
        "reporter": {p for p in PERSONAS if sees_reporter(world.users[p], petition)},
        "subjects": {p for p in PERSONAS if sees_clue_subjects(world.users[p], clue)},
    }
    assert readers == {
        "interviewee": NAME_READERS,
        "reporter": NAME_READERS,
        "subjects": NAME_READERS | {"liaison"},
    }


def test_a_round_petition_names_its_reporter_to_every_team_of_the_round():
    world = build_world()
    petition = f.PetitionFactory(assignment=None, round=world.round)
    assert sees_reporter(world.leader_b, petition)
    assert not sees_reporter(world.leadership, petition)


def test_masking_keeps_the_surname_only():
    assert mask_name("张三丰") == "张**"
    assert mask_name("欧阳") == "欧**"
    assert mask_name("") == ""
    assert mask_contact("13800000000") == "***"


def test_a_village_officer_sees_their_village_only():
    world = build_world()
    other = f.VillageFactory(town=world.town_a)
    officer = f.UserFactory(role="rectification_officer", village=world.assignment_a.village)
    mine = world.item()
    assignment = f.AssignmentFactory(
        round=world.round, team=world.team_a, village=other, town=world.town_a
    )
    theirs = world.item(assignment=assignment)
    assert list(visible(RectificationItem, officer)) == [mine]
    assert set(visible(RectificationItem, world.officer_a)) == {mine, theirs}
