"""The rectification app's data migrations on the journey (as ``findings.py``: each
class makes its rows at the leaf, plants the old shape at its stop and reads what the
migrations made of them; the checks are in ``test_journey.py``)."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from findings.choices import ProblemStatus
from findings.models import Problem
from rectification.models import (
    AccountabilityDecision,
    AccountabilityProposal,
    Feedback,
    FeedbackBatch,
    FeedbackIssue,
    FirstFormMeasure,
    RectificationItem,
)
from reports.statistics.figures import problems, rectification
from reports.statistics.scope import StatisticsFilter
from rounds.choices import RoundStatus
from tests import factories as f
from tests.migration_journey.findings import another_round

BATCHES = ("rectification", "0008_onsite_orders")  # before the 反馈会 batches and issues
PLANS = ("rectification", "0010_feedback_issues")  # before the plans and reports
ACCOUNTABILITY = ("rectification", "0014_accountability_and_evaluation")
# The plans migration gives each feedback this many days to its head's report.
HEAD_REPORT_DUE_DAYS = 50
FEEDBACK_DAY = datetime.date(2026, 3, 2)


class Batches:
    """rectification 0009: feedback given before batches gets one batch per round and
    date, with that date and the clerk who gave it, and every feedback of the round points
    at it; migrating back drops the batches and keeps the feedback."""

    def __init__(self):
        self.office = f.UserFactory()
        self.first = f.FeedbackFactory(fed_back_on=FEEDBACK_DAY, given_by=self.office)
        self.second = f.FeedbackFactory(
            assignment=f.AssignmentFactory(round=self.first.assignment.round),
            fed_back_on=FEEDBACK_DAY,
            given_by=f.UserFactory(),
        )
        self.elsewhere = f.FeedbackFactory(fed_back_on=FEEDBACK_DAY + datetime.timedelta(days=9))
        self.feedback = [self.first.pk, self.second.pk, self.elsewhere.pk]
        self.rounds = [self.first.assignment.round_id, self.elsewhere.assignment.round_id]

    def look_back(self, old) -> None:
        """Back at rectification 0008 (the journey's first step)."""
        feedback = old.get_model("rectification", "Feedback").objects
        self.kept = feedback.filter(pk__in=self.feedback).count()

    def look(self) -> None:
        self.batches = FeedbackBatch.objects.filter(round_id__in=self.rounds).count()
        self.batch_of = {
            feedback.pk: feedback.batch
            for feedback in Feedback.objects.filter(pk__in=self.feedback).select_related("batch")
        }


class Issues:
    """rectification 0010: every fed-back ledger item gets a 反馈问题 of its own problem,
    numbered per assignment in the order of the problems' numbers, and no figure moves."""

    def __init__(self, world):
        self.world = world = another_round(world, status=RoundStatus.RECTIFICATION)
        self.third = world.item()
        self.first = world.item()
        self.in_b = world.item(assignment=world.assignment_b)
        self.items = [self.third.pk, self.first.pk, self.in_b.pk]
        self.ordered = world.problem(status=ProblemStatus.CONFIRMED)
        self.figures_before = self.figures()

    def figures(self):
        filters = StatisticsFilter(round_id=self.world.round.pk)
        return rectification(filters, "village"), problems(filters, "village")

    def look_back(self, old) -> None:
        """Back at rectification 0008 (the journey's first step)."""
        items = old.get_model("rectification", "RectificationItem").objects
        self.kept = items.filter(pk__in=self.items).count()

    def plant(self, old) -> None:
        """At findings 0011, after findings 0010 made the papers anew (numbered in the
        order recorded, their titles new and empty): ``first``'s problem is numbered
        before ``third``'s, though recorded after it, and the two have their titles."""
        papers = old.get_model("findings", "Problem").objects
        for item, sequence in ((self.first, 9001), (self.third, 9005)):
            papers.filter(pk=item.problem_id).update(sequence=sequence, title=item.problem.title)

    def look(self) -> None:
        items = RectificationItem.objects.filter(pk__in=self.items).select_related("issue")
        self.issues = {item.pk: item.issue for item in items}
        first_issue = self.issues[self.first.pk]
        self.placed = [p.problem_id for p in first_issue.placements.all()]
        self.first_aspect = (
            Problem.objects.select_related("problem_class")
            .get(pk=self.first.problem_id)
            .problem_class.aspect_id
        )
        assignments = [self.world.assignment_a.pk, self.world.assignment_b.pk]
        self.issue_count = FeedbackIssue.objects.filter(assignment_id__in=assignments).count()
        self.ordered_placed = hasattr(Problem.objects.get(pk=self.ordered.pk), "feedback_placement")
        self.figures_after = self.figures()


class Plans:
    """rectification 0011: feedback given before issue 19 gets the due date of its
    主要负责人组织落实整改情况报告, ``INSPECTION_HEAD_REPORT_DUE_DAYS`` after its feedback
    date; no feedback row is lost, the unit's submission dates stay."""

    def __init__(self):
        self.first = f.FeedbackFactory(fed_back_on=FEEDBACK_DAY, plan_submitted_on=FEEDBACK_DAY)
        self.second = f.FeedbackFactory(fed_back_on=FEEDBACK_DAY + datetime.timedelta(days=9))
        self.feedback = [self.first.pk, self.second.pk]

    def look_back(self, old) -> None:
        """At rectification 0010."""
        feedback = old.get_model("rectification", "Feedback").objects
        self.kept = feedback.filter(pk__in=self.feedback).count()

    def look(self) -> None:
        self.now = Feedback.objects.in_bulk(self.feedback)


class Accountability:
    """rectification 0014: the office's own 问责 records become 提请 → 决定, or 第一种形态
    for 约谈: every old row is accounted for, with its person, reason, date and recorder;
    the decisions say they were migrated (no document, no signer); history is kept as one
    row dated as the old record's."""

    DAY = datetime.date(2026, 5, 6)
    RECORDED_AT = datetime.datetime(2026, 5, 8, 9, 30)

    def __init__(self):
        self.office, self.clerk = f.UserFactory(), f.UserFactory()
        self.item = f.RectificationItemFactory()
        self.assignment = self.item.problem.assignment
        self.other = f.AssignmentFactory()

    def plant(self, old) -> None:
        """At the rectification migration before 0014: one old row of each measure (the
        disciplinary one on another assignment, the criticism with its item), and the
        admonishment's history row, recorded two days after it by the clerk."""
        accountability = old.get_model("rectification", "Accountability")
        history = old.get_model("rectification", "HistoricalAccountability")
        rows = {
            measure: accountability.objects.create(
                assignment_id=self.assignment.pk if measure != "disciplinary" else self.other.pk,
                item_id=self.item.pk if measure == "circulated_criticism" else None,
                person_name=f"人{n}",
                person_post="村党总支书记",
                measure=measure,
                reason=f"事由{n}",
                decided_on=self.DAY + datetime.timedelta(days=n),
                recorded_by_id=self.office.pk if n % 2 else self.clerk.pk,
            )
            for n, measure in enumerate(
                ("talk", "circulated_criticism", "admonishment", "disciplinary")
            )
        }
        self.recorded_at = timezone.make_aware(self.RECORDED_AT)
        admonished = rows["admonishment"]
        history.objects.create(
            id=admonished.pk,
            assignment_id=admonished.assignment_id,
            item_id=None,
            person_name=admonished.person_name,
            person_post=admonished.person_post,
            measure="admonishment",
            reason=admonished.reason,
            decided_on=admonished.decided_on,
            recorded_by_id=admonished.recorded_by_id,
            history_date=self.recorded_at,
            history_type="+",
            history_user_id=self.clerk.pk,
        )

    def look(self) -> None:
        self.counts = (
            FirstFormMeasure.objects.count(),
            AccountabilityProposal.objects.count(),
            AccountabilityDecision.objects.count(),
        )
        self.talk = FirstFormMeasure.objects.get()
        decisions = AccountabilityDecision.objects.select_related("proposal")
        self.decisions = {d.proposal.person_name: d for d in decisions}
        self.items = {
            name: list(d.proposal.items.values_list("pk", flat=True))
            for name, d in self.decisions.items()
        }
        self.histories = {
            name: SimpleNamespace(
                decision=list(
                    d.history.values_list(
                        "history_date", "history_user_id", "history_change_reason"
                    )
                ),
                proposal=list(d.proposal.history.values_list("history_user_id", flat=True)),
            )
            for name, d in self.decisions.items()
        }
