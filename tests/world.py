"""A small county with one user per persona, for permission and workflow tests.

Scope "A" is where the in-scope personas work: team A (leader_a, member_a) inspects the
villages of town A, whose rectification officer is officer_a; clues go to the
commission, whose liaison is ``liaison``. The out-of-scope personas work elsewhere:
leader_b leads team B in town B, officer_b is town B's officer, liaison_org serves the
organisation department. reviewer_a and reviewer_b are towns A's and B's 乡镇党委 (整改初审);
supervisor_a supervises town A's rectification for the commission, supervisor_b town B's
for the organisation department. Office staff, the office lead and leadership are county-wide.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from findings.choices import (
    CLUE_STATUSES_SIGNED_OFF,
    PROBLEM_STATUSES_SIGNED,
    ClueStatus,
    ProblemStatus,
)
from findings.models import Clue
from inspection.choices import ReceivingBody, UserRole
from rectification.archive.catalogue import seed_archive_table
from rectification.choices import ItemStatus
from rectification.models import ArchivePieceKind
from rounds.choices import RoundStatus, TeamRole
from rounds.models import MustItem
from rounds.must_catalogue import seed_must_lists
from tests import factories as f

# The personas, in the column order of the permission matrix.
PERSONAS = (
    "office",
    "lead",
    "leader_a",
    "member_a",
    "leader_b",
    "liaison",
    "liaison_org",
    "officer_a",
    "officer_b",
    "leadership",
    "stats",
    "reviewer_a",
    "reviewer_b",
    "supervisor_a",
    "supervisor_b",
)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    town_a: object = None
    town_b: object = None
    round: object = None
    team_a: object = None
    team_b: object = None
    assignment_a: object = None
    assignment_b: object = None

    def __getattr__(self, name):
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)

    # ---------------------------------------------------------------- record builders

    def problem(self, *, status=ProblemStatus.DRAFT, assignment=None, **extra):
        assignment = assignment or self.assignment_a
        values = {"assignment": assignment, "status": status, "recorded_by": self.member_a}
        # Team A has no deputy: its leader reviews (复核) and signs (审签).
        if status not in (ProblemStatus.DRAFT, ProblemStatus.SUBMITTED):
            values |= {"reviewed_by": self.leader_a, "reviewed_at": timezone.now()}
        if status in PROBLEM_STATUSES_SIGNED:
            values |= {"confirmed_by": self.leader_a, "confirmed_at": timezone.now()}
        return f.ProblemFactory(**values | extra)

    def clue(self, *, status=ClueStatus.PROPOSED, body=ReceivingBody.COMMISSION, **extra):
        values = {
            "assignment": self.assignment_a,
            "round": self.round,
            "status": status,
            "proposed_by": self.leader_a,
        }
        if status not in (ClueStatus.PROPOSED, ClueStatus.DECLINED):
            values |= {
                "approved_by": self.office,
                "approved_at": timezone.now(),
                "receiving_body": body,
            }
        if status in CLUE_STATUSES_SIGNED_OFF:
            values |= {
                "signed_off_on": timezone.localdate(),
                "signed_off_by": self.leadership,
                "sign_off_recorded_by": self.leadership,
            }
        if status == ClueStatus.DECLINED:
            values |= {"decline_reason": "证据不足"}
        if status in (
            ClueStatus.TRANSFERRED,
            ClueStatus.RECEIVED,
            ClueStatus.DISPOSING,
            ClueStatus.CONCLUDED,
        ):
            today = timezone.localdate()
            values |= {
                "receiving_body": body,
                "letter_number": "新巡移〔2026〕1号",
                "transferred_on": today,
                "result_due_on": today + datetime.timedelta(days=90),
            }
        if status in (ClueStatus.RECEIVED, ClueStatus.DISPOSING, ClueStatus.CONCLUDED):
            values |= {"received_by": self.liaison, "received_at": timezone.now()}
        if status in (ClueStatus.DISPOSING, ClueStatus.CONCLUDED):
            values |= {"disposition_method": "preliminary_check", "disposed_on": today}
        if status == ClueStatus.CONCLUDED:
            values |= {"outcome": "no_issue", "concluded_on": today}
        clue = f.ClueFactory(**values | extra)
        f.ClueSubjectFactory(clue=clue, name="赵德明")
        return clue

    def concluded_clue(self, *, outcome, persons=({},), **extra):
        """A concluded clue whose persons concerned (赵德明, 钱卫国1 …) met the outcomes
        ``persons`` lists, one dict a person (``ClueSubject`` fields: case_filed,
        party_sanction …), the clue's counts derived from them as clue_conclude derives
        them."""
        concluded_on = extra.pop("concluded_on", timezone.localdate())
        funds = extra.pop("funds_recovered", 0)
        clue = self.clue(status=ClueStatus.DISPOSING, **extra)
        subjects = [clue.subjects.get()]
        subjects += [
            f.ClueSubjectFactory(clue=clue, name=f"钱卫国{number}")
            for number in range(1, len(persons))
        ]
        for subject, outcome_of in zip(subjects, persons, strict=True):
            for name, value in outcome_of.items():
                setattr(subject, name, value)
            subject.save()
        Clue.objects.filter(pk=clue.pk).update(
            status=ClueStatus.CONCLUDED,
            outcome=outcome,
            concluded_on=concluded_on,
            funds_recovered=funds,
            persons_case_filed=sum(s.case_filed for s in subjects),
            persons_sanctioned=sum(s.sanctioned for s in subjects),
            persons_admonished=sum(bool(s.admonition) for s in subjects),
            persons_to_judiciary=sum(s.to_judiciary for s in subjects),
        )
        clue.refresh_from_db()
        return clue

    def item(self, *, status=ItemStatus.PENDING, assignment=None, **extra):
        assignment = assignment or self.assignment_a
        feedback = getattr(assignment, "_test_feedback", None)
        if feedback is None:
            feedback = f.FeedbackFactory(assignment=assignment, given_by=self.office)
            assignment._test_feedback = feedback
        problem = self.problem(status=ProblemStatus.FED_BACK, assignment=assignment)
        now = timezone.now()
        values = {"feedback": feedback, "problem": problem, "status": status}
        if status == ItemStatus.SUBMITTED:
            values["submitted_at"] = now
        if status == ItemStatus.TOWN_REVIEWED:
            values |= {
                "submitted_at": now,
                "town_reviewed_at": now,
                "town_reviewed_by": self.reviewer_a,
            }
        if status == ItemStatus.CLOSED:
            values |= {"submitted_at": now, "closed_at": now}
        if status == ItemStatus.RETURNED:
            values["return_reason"] = "佐证材料不足"
        return f.RectificationItemFactory(**values | extra)

    # ------------------------------------------------------- rectification builders

    def feedback(self, *, assignment=None):
        """The feedback to ``assignment`` (default: A's), made once and shared with ``item``."""
        assignment = assignment or self.assignment_a
        feedback = getattr(assignment, "_test_feedback", None)
        if feedback is None:
            feedback = f.FeedbackFactory(assignment=assignment, given_by=self.office)
            assignment._test_feedback = feedback
        return feedback

    def evidenced_item(self, *, status=ItemStatus.IN_PROGRESS, **extra):
        """A ledger item with one progress update carrying one evidence file (none on disk);
        a submitted one (or first-reviewed by reviewer_a, 乡镇已初审) was submitted by
        officer_a unless ``submitted_by`` says otherwise."""
        from rectification.models import ProgressEvidence, ProgressUpdate

        if status in (ItemStatus.SUBMITTED, ItemStatus.TOWN_REVIEWED):
            extra.setdefault("submitted_by", self.officer_a)
        item = self.item(status=status, **extra)
        update = ProgressUpdate.objects.create(
            item=item, text="已重新履行民主程序。", percent=100, author=self.officer_a
        )
        ProgressEvidence.objects.create(
            update=update,
            file="evidence/test/minutes.pdf",
            original_name="村民代表会议记录.pdf",
            uploaded_by=self.officer_a,
        )
        return item

    def look_back_round(self, *, status=RoundStatus.ON_SITE, revisits=None):
        """A 回头看 round re-checking ``revisits`` (default: the world's round)."""
        from rounds.choices import RoundMode

        return f.InspectionRoundFactory(
            mode=RoundMode.LOOK_BACK, revisits=revisits or self.round, status=status
        )

    # --------------------------------------------------------------- export builders

    def export_records(self, *, overdue_days=5):
        """A bit of everything the statistics workbook counts, in both towns: interviews, a
        questionnaire batch, problems of two categories (plus a draft, which no figure
        counts), one of a town party committee inspected as such, a transferred clue, and
        ledger items closed, immediate and overdue. Answers the town committee's assignment.
        """
        from rectification.choices import RectificationMode
        from rounds.choices import ActivityKind

        today = timezone.localdate()
        for assignment in (self.assignment_a, self.assignment_a, self.assignment_b):
            f.InterviewFactory(assignment=assignment, recorded_by=self.member_a)
        f.ActivityFactory(
            assignment=self.assignment_a,
            kind=ActivityKind.QUESTIONNAIRE,
            questionnaires_distributed=120,
            questionnaires_returned=110,
            recorded_by=self.member_a,
        )
        self.problem(status=ProblemStatus.DRAFT)
        self.problem(
            status=ProblemStatus.CONFIRMED,
            problem_class=f.catalogue_class("conduct"),
            nature="general",
        )
        self.problem(status=ProblemStatus.CONFIRMED, assignment=self.assignment_b)
        committee = f.AssignmentFactory(
            round=self.round, team=self.team_b, town=self.town_b, village=None
        )
        self.problem(status=ProblemStatus.CONFIRMED, assignment=committee)
        self.clue(status=ClueStatus.TRANSFERRED)
        self.item(status=ItemStatus.CLOSED)
        self.item(mode=RectificationMode.IMMEDIATE, status=ItemStatus.IN_PROGRESS)
        self.item(deadline=today - datetime.timedelta(days=overdue_days))
        self.item(assignment=self.assignment_b, deadline=today - datetime.timedelta(days=1))
        return committee


def build_world(*, round_status=RoundStatus.ON_SITE) -> World:
    # The county default must-lists the migration writes, again if a flush removed them.
    seed_must_lists(MustItem)
    seed_archive_table(ArchivePieceKind)  # and the archive's table of pieces
    world = World()
    world.town_a = f.TownFactory(name="甲镇")
    world.town_b = f.TownFactory(name="乙镇")
    village_a = f.VillageFactory(town=world.town_a, name="甲一村")
    village_b = f.VillageFactory(town=world.town_b, name="乙一村")
    users = world.users
    users["office"] = f.UserFactory(username="office", role=UserRole.OFFICE_STAFF)
    users["lead"] = f.UserFactory(username="lead", role=UserRole.OFFICE_LEAD)
    for name in ("leader_a", "member_a", "leader_b"):
        users[name] = f.UserFactory(username=name, role=UserRole.INSPECTOR)
    users["liaison"] = f.UserFactory(
        username="liaison",
        role=UserRole.COMMISSION_LIAISON,
        receiving_body=ReceivingBody.COMMISSION,
    )
    users["liaison_org"] = f.UserFactory(
        username="liaison_org",
        role=UserRole.COMMISSION_LIAISON,
        receiving_body=ReceivingBody.ORGANISATION,
    )
    users["officer_a"] = f.UserFactory(
        username="officer_a", role=UserRole.RECTIFICATION_OFFICER, town=world.town_a
    )
    users["officer_b"] = f.UserFactory(
        username="officer_b", role=UserRole.RECTIFICATION_OFFICER, town=world.town_b
    )
    users["leadership"] = f.UserFactory(username="leadership", role=UserRole.LEADERSHIP)
    users["stats"] = f.UserFactory(username="stats", role=UserRole.STATISTICS_CLIENT)
    for side, town, body in (
        ("a", world.town_a, ReceivingBody.COMMISSION),
        ("b", world.town_b, ReceivingBody.ORGANISATION),
    ):
        users[f"reviewer_{side}"] = f.UserFactory(
            username=f"reviewer_{side}", role=UserRole.TOWN_REVIEWER, town=town
        )
        users[f"supervisor_{side}"] = f.UserFactory(
            username=f"supervisor_{side}",
            role=UserRole.SUPERVISOR,
            town=town,
            receiving_body=body,
        )

    world.round = f.InspectionRoundFactory(status=round_status)
    world.team_a = f.TeamFactory(round=world.round, number=1)
    world.team_b = f.TeamFactory(round=world.round, number=2)
    f.TeamMemberFactory(team=world.team_a, user=users["leader_a"], role=TeamRole.LEADER)
    f.TeamMemberFactory(team=world.team_a, user=users["member_a"], role=TeamRole.MEMBER)
    f.TeamMemberFactory(team=world.team_b, user=users["leader_b"], role=TeamRole.LEADER)
    world.assignment_a = f.AssignmentFactory(
        round=world.round, team=world.team_a, village=village_a, town=world.town_a
    )
    world.assignment_b = f.AssignmentFactory(
        round=world.round, team=world.team_b, village=village_b, town=world.town_b
    )
    return world
